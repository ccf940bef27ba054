#!/usr/bin/env python
"""PDF extraction speed: the previous reader (pypdf) and ours (PDFium), same run.

    .venv/bin/python bench/bench_pdf.py [--pdfs var/sample-pdfs] [--limit N]

Reads every PDF in the folder (make them with tools/make_sample_pdfs.py) with
pypdf's ``extract_text`` and with ``index.pdf.extract_pdf``, one after the other, and
then through the whole load stage (worker process, cleaning, titles and dates), and
prints pages/s of each with the CPU it ran on.
"""

from __future__ import annotations

import argparse
import io
import platform
import subprocess
import sys
import time
from pathlib import Path

import pypdf

from index.config import BuildConfig
from index.load import load_sources
from index.models import Document
from index.pdf import extract_pdf


def cpu() -> str:
    try:
        info = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return platform.processor()
    names = [line.split(":", 1)[1].strip() for line in info.splitlines() if "Model name" in line]
    return names[0] if names else platform.processor()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=Path("var/sample-pdfs"))
    parser.add_argument("--limit", type=int, default=0, help="first N files only")
    args = parser.parse_args()
    files = sorted(args.pdfs.glob("*.pdf"))[: args.limit or None]
    if not files:
        print(f"no PDF in {args.pdfs}; run tools/make_sample_pdfs.py first", file=sys.stderr)
        return 2
    blobs = [f.read_bytes() for f in files]
    print(f"{len(files)} PDFs, {sum(map(len, blobs)) / 1e6:.1f} MB; CPU: {cpu()}")

    tick = time.perf_counter()
    pages = sum(
        len([p.extract_text() for p in pypdf.PdfReader(io.BytesIO(b)).pages]) for b in blobs
    )
    old = time.perf_counter() - tick
    tick = time.perf_counter()
    new_pages = sum(len(extract_pdf(b).pages) for b in blobs)
    new = time.perf_counter() - tick
    assert new_pages == pages, (new_pages, pages)
    tick = time.perf_counter()
    loaded = [d for d in load_sources(files, BuildConfig()) if isinstance(d, Document)]
    stage = time.perf_counter() - tick

    print(f"pages: {pages}")
    print(f"pypdf extract_text:        {pages / old:7.1f} pages/s ({old:.1f} s)")
    print(f"PDFium, ours:              {pages / new:7.1f} pages/s ({new:.1f} s), {old / new:.1f}x")
    print(f"load stage (worker+clean): {pages / stage:7.1f} pages/s ({stage:.1f} s)")
    print(f"documents loaded: {len(loaded)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
