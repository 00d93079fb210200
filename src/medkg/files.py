"""Reading built graph files and writing outputs atomically."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from medkg.errors import ExportError, ReadError

#: file extension -> rdflib parser name, for graphs medkg (or anyone) wrote
GRAPH_SYNTAXES = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads",
                  ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}


#: file extension -> pyoxigraph syntax, for the fast readers (store, SPARQL validation)
OX_SYNTAXES = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
               ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
               ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


def _syntax_of(path: Path, syntaxes: dict[str, Any]) -> Any:
    """The syntax ``path``'s extension names in ``syntaxes``; ReadError if none or no such file."""
    syntax = syntaxes.get(path.suffix.lower())
    if syntax is None:
        raise ReadError(f"{path}: not a graph file; expected one of {', '.join(sorted(syntaxes))}")
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    return syntax


def parse_quads(path: Path, syntaxes: dict[str, ox.RdfFormat] = OX_SYNTAXES, *,
                base_iri: str | None = None) -> list[ox.Quad]:
    """A graph file's statements, parsed by pyoxigraph; ReadError names the file and the fault."""
    return list(iter_quads(path, syntaxes, base_iri=base_iri))


def iter_quads(path: Path, syntaxes: dict[str, ox.RdfFormat] = OX_SYNTAXES, *,
               base_iri: str | None = None) -> Iterator[ox.Quad]:
    """:func:`parse_quads` one statement at a time, so a corpus file is never all in memory."""
    syntax = _syntax_of(path, syntaxes)
    try:
        yield from ox.parse(path=path, format=syntax, base_iri=base_iri)
    except (SyntaxError, ValueError, OSError) as err:
        raise ReadError(f"{path}: not valid {syntax.name}: {str(err).strip().splitlines()[0]}") from err


#: names of the files a folder of articles usually holds beside them (MedQuAD has LICENSE.txt and
#: readme.txt): not read when a folder is built; named on the command line, they are read
NOT_ARTICLES = ("readme", "license", "licence", "copying", "notice", "changelog", "changes", "authors",
                "contributing")


def input_files(inputs: list[Path], extensions: set[str]) -> list[Path]:
    """The files to build: files as given; folders searched (sorted) for files with ``extensions``,
    leaving out hidden files and a folder's own notes (:data:`NOT_ARTICLES`: README, LICENSE, ...)."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in extensions
                            and not _not_article(p.relative_to(path)))
        else:
            found.append(path)
    return found


def _not_article(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts) or relative.stem.lower() in NOT_ARTICLES


def article_names(paths: list[Path]) -> list[str]:
    """A distinct name per input, by one rule for the whole build: the file's stem, preceded by
    as many of its parent folders as it takes to tell every input apart (the same number for
    all), and followed by its extension when only that tells two apart.

    >>> article_names([Path("a/GHR/0001.xml"), Path("a/CDC/0002.xml"), Path("b/flu.md")])
    ['0001', '0002', 'flu']
    >>> article_names([Path("a/GHR/0001.xml"), Path("a/CDC/0001.xml"), Path("a/CDC/0002.xml")])
    ['GHR-0001', 'CDC-0001', 'CDC-0002']
    >>> article_names([Path("x/flu.md"), Path("x/flu.html"), Path("x/cold.md")])
    ['flu-md', 'flu-html', 'cold-md']
    """
    resolved = [p.resolve() for p in paths]
    seen: set[Path] = set()
    for path, full in zip(paths, resolved, strict=True):
        if full in seen:
            raise ReadError(f"{path} is given more than once")
        seen.add(full)
    folders = [[parent.name for parent in full.parents if parent.name] for full in resolved]
    for depth in range(max((len(f) for f in folders), default=0) + 1):
        for extension in (False, True):
            names = ["-".join([*reversed(f[:depth]), p.stem] + ([p.suffix.lstrip(".").lower()] if extension else []))
                     for p, f in zip(paths, folders, strict=True)]
            if len(set(names)) == len(names):
                return names
    counts = Counter(names)
    clash = next(p for p, n in zip(paths, names, strict=True) if counts[n] > 1)
    raise ReadError(f"{clash}: no name tells it apart from another input; rename one of them")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from err


class Staging:
    """Outputs of one run, written into a hidden folder and moved into place as a set at the end.

    A run that fails leaves the destination as it was: nothing half-written, however many
    files the run makes, and no run has to hold all its outputs in memory. :meth:`commit`
    first writes the list of files to move (the journal, ``COMMIT``), then moves them: a run
    killed before the journal is complete changed nothing, and one killed while moving is
    finished by the next run in the same destination, which also removes what killed runs
    left (:func:`recover_staging`). A live run holds a lock on its folder, so a concurrent
    run never takes its staging for a dead one.
    """

    def __init__(self, destination: Path) -> None:
        self.destination = destination
        self.names: list[str] = []
        try:
            destination.mkdir(parents=True, exist_ok=True)
            recover_staging(destination)
            self.folder = Path(tempfile.mkdtemp(dir=destination, prefix=STAGING_PREFIX))
            self._lock = (self.folder / LOCK).open("w")
        except OSError as err:
            raise ExportError(f"{destination}: cannot write: {err.strerror or err}") from err
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def write(self, name: str, data: bytes) -> None:
        path = self.folder / name
        try:
            path.write_bytes(data)
        except OSError as err:
            raise ExportError(f"{self.destination / name}: cannot write: {err.strerror or err}") from err
        self.adopt(name, path)

    def adopt(self, name: str, path: Path) -> None:
        """Take a file written in the staging folder as output ``name``."""
        target = self.folder / name
        try:
            if path != target:
                os.replace(path, target)
            os.chmod(target, 0o666 & ~_umask())
        except OSError as err:
            raise ExportError(f"{self.destination / name}: cannot write: {err.strerror or err}") from err
        self.names.append(name)

    def commit(self) -> None:
        journal = self.folder / f"{COMMIT}.part"
        try:
            with journal.open("w", encoding="utf-8") as out:
                out.write("".join(f"{name}\n" for name in self.names))
                out.flush()
                os.fsync(out.fileno())
            os.replace(journal, self.folder / COMMIT)
        except OSError as err:
            raise ExportError(f"{self.destination}: cannot write: {err.strerror or err}") from err
        _finish(self.folder, self.destination)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        import shutil

        self._lock.close()
        shutil.rmtree(self.folder, ignore_errors=True)


STAGING_PREFIX = ".medkg-staging-"
LOCK, COMMIT = ".lock", "COMMIT"


def recover_staging(destination: Path) -> None:
    """Finish the commits that killed runs began in ``destination``, and remove their staging.

    A staging folder whose lock is free belongs to a dead run; one without a lock file is
    still being made (or is older than the lock) and is left for an hour.
    """
    import shutil
    import time

    for folder in destination.glob(f"{STAGING_PREFIX}*"):
        lock_path = folder / LOCK
        if not lock_path.exists():
            if folder.is_dir() and time.time() - folder.stat().st_mtime > 3600:
                shutil.rmtree(folder, ignore_errors=True)
            continue
        with lock_path.open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live run
            if (folder / COMMIT).exists():
                _finish(folder, destination)
        shutil.rmtree(folder, ignore_errors=True)


def _finish(folder: Path, destination: Path) -> None:
    """Move the files the journal lists into place (those a killed run moved already are gone).

    Plain string paths, and no look first: a build's last serial step, 16,457 files for MedQuAD
    (0.28 -> 0.12 s)."""
    source, target = f"{folder}{os.sep}", f"{destination}{os.sep}"
    for name in (folder / COMMIT).read_text(encoding="utf-8").splitlines():
        try:
            os.replace(source + name, target + name)
        except FileNotFoundError:
            if os.path.lexists(source + name):  # the destination's folder is what is missing
                raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_dataset(paths: list[Path]) -> Dataset:
    """Parse built graph files into one dataset, keeping named graphs where the syntax has them."""
    ds = Dataset()
    for path in paths:
        syntax = _syntax_of(path, GRAPH_SYNTAXES)
        try:
            if syntax == "json-ld":
                ds.parse(data=json.dumps(_offline_contexts(json.loads(path.read_text(encoding="utf-8")))),
                         format="json-ld")
            elif syntax in ("trig", "nquads"):
                ds.parse(path, format=syntax)
            else:
                ds.graph(path.resolve().as_uri()).parse(path, format=syntax)
        except Exception as err:  # rdflib raises many unrelated types for bad syntax
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ReadError(f"{path}: not valid {syntax}: {first}") from err
    return ds


@cache
def schemaorg_context() -> dict[str, Any]:
    """schema.org's JSON-LD context (release 30.0, CC BY-SA 3.0), shipped so no reader fetches it."""
    text = files("medkg.ontology").joinpath("schemaorg-context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def _offline_contexts(doc: Any) -> Any:
    """The document with every schema.org context reference replaced by the shipped context.

    Every context is walked, however nested (scoped contexts in term definitions, contexts in
    lists): any other remote context, and any ``@import``, is refused, as rdflib would fetch
    it. medkg never reaches the network.
    """
    if isinstance(doc, list):
        return [_offline_contexts(d) for d in doc]
    if not isinstance(doc, dict):
        return doc
    if "@import" in doc:
        raise ValueError(f"JSON-LD @import {doc['@import']!r} is not fetched; inline the context")
    out = {}
    for key, value in doc.items():
        if key != "@context":
            out[key] = _offline_contexts(value)
            continue
        refs = value if isinstance(value, list) else [value]
        resolved = []
        for ref in refs:
            if isinstance(ref, str):
                if ref.rstrip("/").split("://")[-1] not in ("schema.org", "www.schema.org"):
                    raise ValueError(f"remote JSON-LD context {ref!r} is not fetched; inline it")
                resolved.append(schemaorg_context())
            else:
                resolved.append(_offline_contexts(ref))
        out[key] = resolved if isinstance(value, list) else resolved[0]
    return out
