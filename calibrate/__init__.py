"""Calibrations: scripts that measure the data a shipped constant is chosen from, run by
hand (``.venv/bin/python calibrate/calibrate_threshold.py``; each takes minutes to an
hour). Each names in its docstring the constant it sets, prints its table and writes it to
``calibrate/results/<script>-<date>.json`` (``calibrate.record``)."""
