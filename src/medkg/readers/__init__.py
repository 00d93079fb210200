"""Readers: one module per input kind, each ``read_*(path) -> Article`` (see :mod:`medkg.plugins`)."""
