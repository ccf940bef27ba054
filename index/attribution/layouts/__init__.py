"""One module per record format: its detector and parser (``read``), and in its
docstring the near-misses it refuses. ``index.attribution.registry`` orders them."""
