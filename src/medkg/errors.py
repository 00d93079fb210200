"""One error tree, rooted at :class:`MedkgError`; the CLI maps it to exit codes."""

from __future__ import annotations


class MedkgError(Exception):
    """Base of every error medkg raises on purpose; its message is one readable line."""


class ReadError(MedkgError):
    """An input could not be read or does not hold what it should."""


class ExtractionError(MedkgError):
    """Nothing usable could be extracted from an article."""


class LinkingError(MedkgError):
    """The lexicon or a user's term list is unusable."""


class ShapeError(MedkgError):
    """The SHACL shapes could not be loaded or run."""


class ExportError(MedkgError):
    """An output could not be produced or written."""


class StoreError(MedkgError):
    """The triple store could not be opened, loaded or queried."""


class InputCrash(Exception):
    """Reading one input met a bug in medkg or a library (not a MedkgError, so the CLI exits 3).

    Raised in place of the original exception where inputs are handled in batches, so the
    message can name the input; ``--keep-going`` skips such inputs like unreadable ones.
    """


class UnknownNameError(MedkgError, KeyError):
    """A registry was asked for a name it does not hold; the message lists what it has."""

    def __init__(self, kind: str, name: str, known: list[str]) -> None:
        super().__init__(f"unknown {kind} {name!r}; choose one of: {', '.join(sorted(known))}")
        self.kind, self.name, self.known = kind, name, known

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])
