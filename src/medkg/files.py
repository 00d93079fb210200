"""Reading built graph files and writing outputs atomically."""

from __future__ import annotations

import json
import os
import tempfile
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
    syntax = _syntax_of(path, syntaxes)
    try:
        return list(ox.parse(path=path, format=syntax, base_iri=base_iri))
    except (SyntaxError, ValueError, OSError) as err:
        raise ReadError(f"{path}: not valid {syntax.name}: {str(err).strip().splitlines()[0]}") from err


def input_files(inputs: list[Path], extensions: set[str]) -> list[Path]:
    """The files to build: files as given, folders searched (sorted) for files with ``extensions``."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in extensions)
        else:
            found.append(path)
    return found


def article_names(paths: list[Path]) -> list[str]:
    """A distinct name per input: its stem; where stems clash, with its extension, then with
    as many parent folders as it takes.

    >>> article_names([Path("a/GHR/0001.xml"), Path("a/CDC/0001.xml"), Path("b/flu.md")])
    ['GHR-0001', 'CDC-0001', 'flu']
    >>> article_names([Path("x/flu.md"), Path("x/flu.html")])
    ['flu-md', 'flu-html']
    """
    resolved = [p.resolve() for p in paths]
    twice = next((p for p in paths if resolved.count(p.resolve()) > 1), None)
    if twice is not None:
        raise ReadError(f"{twice} is given more than once")
    stems = [p.stem for p in paths]
    names = [f"{p.stem}-{p.suffix.lstrip('.').lower()}" if stems.count(p.stem) > 1 and p.suffix else p.stem
             for p in paths]
    depth = [0] * len(paths)
    while True:
        clashing = [i for i, n in enumerate(names) if names.count(n) > 1]
        if not clashing:
            return names
        for i in clashing:
            depth[i] += 1
            if depth[i] > len(resolved[i].parents):
                raise ReadError(f"{paths[i]}: no name tells it apart from another input; rename one of them")
            names[i] = "-".join([*reversed([p.name for p in resolved[i].parents][: depth[i]]), paths[i].stem])


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
    """Outputs of one run, written into a hidden folder and moved into place only at the end.

    A run that fails leaves the destination as it was: nothing half-written, however many
    files the run makes, and no run has to hold all its outputs in memory.
    """

    def __init__(self, destination: Path) -> None:
        self.destination = destination
        self.names: list[str] = []
        destination.mkdir(parents=True, exist_ok=True)
        self._folder = Path(tempfile.mkdtemp(dir=destination, prefix=".medkg-staging-"))

    def write(self, name: str, data: bytes) -> None:
        path = self._folder / name
        try:
            path.write_bytes(data)
            os.chmod(path, 0o666 & ~_umask())
        except OSError as err:
            raise ExportError(f"{self.destination / name}: cannot write: {err.strerror or err}") from err
        self.names.append(name)

    def commit(self) -> None:
        for name in self.names:
            os.replace(self._folder / name, self.destination / name)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        import shutil

        shutil.rmtree(self._folder, ignore_errors=True)


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

    Any other remote context is refused: medkg never reaches the network.
    """
    if isinstance(doc, list):
        return [_offline_contexts(d) for d in doc]
    if not isinstance(doc, dict):
        return doc
    out = {k: _offline_contexts(v) for k, v in doc.items() if k != "@context"}
    if "@context" in doc:
        ctx = doc["@context"]
        refs = ctx if isinstance(ctx, list) else [ctx]
        resolved = []
        for ref in refs:
            if isinstance(ref, str):
                if ref.rstrip("/").split("://")[-1] not in ("schema.org", "www.schema.org"):
                    raise ValueError(f"remote JSON-LD context {ref!r} is not fetched; inline it")
                ref = schemaorg_context()
            resolved.append(ref)
        out["@context"] = resolved if isinstance(ctx, list) else resolved[0]
    return out
