"""A progress bar for long runs (a corpus build, training, cross-validation), on stderr.

Only on a terminal: a log or a test's captured stderr gets no bar lines, and a short run none at all.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], total: int, desc: str, unit: str, *, quiet: bool = False,
             leave: bool = True) -> Iterable[T]:
    """``items`` as they come, with a bar of ``total`` steps when stderr is a terminal; ``leave=False``
    for an inner bar that is cleared when done."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=leave)
