"""Where a calibration leaves its figures: ``calibrate/results/<script>-<date>.json``,
beside the commit they were measured on, so that the comment above a shipped constant
can name the file its numbers come from."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def write_results(script: str, constants: dict[str, Any], results: dict[str, Any]) -> Path:
    """Write ``results`` of the calibration ``script`` (its file name without ``.py``),
    with the values the shipped ``constants`` had during the run, the date, the commit
    and the command line; returns the file written (one per script and UTC day, the
    day's last run kept)."""
    now = datetime.now(UTC)
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=RESULTS.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    record = {
        "script": f"calibrate/{script}.py",
        "measured_at": now.isoformat(timespec="seconds"),
        "commit": commit,
        "argv": sys.argv[1:],
        "constants": constants,
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{script}-{now.date().isoformat()}.json"
    path.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"results written to {path}", file=sys.stderr)
    return path
