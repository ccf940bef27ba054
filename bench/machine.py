"""The machine a benchmark ran on, as one line: CPU model, cores, the SIMD flags that
decide FAISS's and onnxruntime's speed (they differ between our machines)."""

from __future__ import annotations

import os
import platform
import subprocess

_FLAGS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "avx_vnni", "amx_int8")


def cpu_line() -> str:
    try:
        info = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return f"{platform.processor()}, {os.cpu_count()} CPUs"
    fields = dict(
        (k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in info.splitlines())
    )
    flags = set(fields.get("Flags", "").split())
    shown = [f for f in _FLAGS if f in flags]
    return (
        f"{fields.get('Model name', platform.processor())}, {os.cpu_count()} CPUs, "
        f"flags: {' '.join(shown) or 'none of ' + ' '.join(_FLAGS)}"
    )
