"""Registries of readers and exporters, looked up by name, extension or media type.

Entries point at ``module:function`` strings, so listing the formats (for ``--help`` or
content negotiation) imports nothing heavy; the function is imported on first use.
Built-in entries are all declared in :mod:`medkg.plugins`; third parties add their own
through the entry point groups ``medkg.readers`` and ``medkg.exporters``, registered
exactly as the built-ins are.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import PurePath
from typing import Any, Generic, TypeVar

from medkg.errors import UnknownNameError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    """A registered plugin: ``target`` is ``"package.module:function"``."""

    name: str
    target: str
    media_type: str
    extensions: tuple[str, ...]
    description: str

    def load(self) -> T:
        module, _, attr = self.target.partition(":")
        return getattr(import_module(module), attr)


class Registry(Generic[T]):
    """Named plugins of one kind. Tests may build their own instead of touching the global ones.

    >>> r = Registry("format")
    >>> r.add("upper", "builtins:str", media_type="text/plain", extensions=(".up",))
    >>> r.get("upper").target
    'builtins:str'
    >>> r.find("UPPER")
    >>> r.for_path("notes.up").name
    'upper'
    """

    def __init__(self, kind: str, entry_point_group: str | None = None) -> None:
        self.kind = kind
        self._group = entry_point_group
        self._entries: dict[str, Entry[T]] = {}
        self._plugins_loaded = entry_point_group is None

    def add(self, name: str, target: str, *, media_type: str, extensions: tuple[str, ...] = (),
            description: str = "") -> None:
        self._entries[name] = Entry(name, target, media_type, extensions, description)

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group=self._group or ""):
            spec: Any = ep.load()  # a dict of Entry fields, so a plugin needs no medkg import
            self.add(ep.name, spec["target"], media_type=spec["media_type"],
                     extensions=tuple(spec.get("extensions", ())), description=spec.get("description", ""))

    def names(self) -> list[str]:
        self._load_plugins()
        return list(self._entries)

    def entries(self) -> list[Entry[T]]:
        self._load_plugins()
        return list(self._entries.values())

    def find(self, name: str) -> Entry[T] | None:
        """The entry called ``name``, or None."""
        self._load_plugins()
        return self._entries.get(name)

    def get(self, name: str) -> Entry[T]:
        """The entry called ``name``; raises :class:`UnknownNameError` listing the names known."""
        entry = self.find(name)
        if entry is None:
            raise UnknownNameError(self.kind, name, self.names())
        return entry

    def for_path(self, path: str | PurePath) -> Entry[T] | None:
        """The entry whose extension ends ``path`` (longest extension wins), or None."""
        lower = str(path).lower()
        best = [(len(ext), e) for e in self.entries() for ext in e.extensions if lower.endswith(ext)]
        return max(best, key=lambda pair: pair[0])[1] if best else None

    def for_media_type(self, media_type: str) -> Entry[T] | None:
        return next((e for e in self.entries() if e.media_type == media_type), None)
