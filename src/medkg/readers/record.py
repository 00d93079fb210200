"""Curated condition records in YAML or JSON (the schema is ``record.schema.json`` beside this).

A record is checked against the JSON Schema first, then for what a schema cannot say
(real calendar dates, known id prefixes with well-formed codes); every problem is
reported as ``FILE: at PATH: what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from medkg.errors import ReadError
from medkg.model import Citation, ConditionRecord, Evidence, Finding, Origin, PageMetadata, Person, Relation
from medkg.ontology.namespaces import split_curie

MAX_BYTES = 10_000_000


#: how deep a record's lists and mappings may nest (a real one needs 5 levels)
MAX_DEPTH = 32
#: the most digits an integer in a record may have (Python refuses over 4,300; a year needs 4)
MAX_DIGITS = 20


class SafeYamlLoader(yaml.SafeLoader):
    """YAML for untrusted text: no aliases, bounded nesting, short integers, dates kept as text.

    An alias (``*name``) lets 600 bytes expand into gigabytes (a "billion laughs"), so none is
    accepted; nesting is refused past :data:`MAX_DEPTH` before it can exhaust the stack; an
    integer of more than :data:`MAX_DIGITS` digits is refused rather than converted;
    ``2026-02-30`` stays text so the record check can name it. Errors are ``yaml.YAMLError``
    with a line and column. Readers of front matter can use :func:`load_yaml` too.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted: repeat the value",
                                              self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: Any) -> int:
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_DIGITS:
            raise yaml.constructor.ConstructorError(None, None, f"an integer of {digits} digits is not a record value",
                                                    node.start_mark)
        return super().construct_yaml_int(node)


SafeYamlLoader.add_constructor("tag:yaml.org,2002:int", SafeYamlLoader.construct_yaml_int)
SafeYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    """Parse untrusted YAML with :class:`SafeYamlLoader`; raises ``yaml.YAMLError``.

    >>> load_yaml("a: &x [1, 2]\\nb: *x")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    yaml.composer.ComposerError: aliases (*name) are not accepted: repeat the value
    >>> load_yaml("reviewed: 2026-02-30")
    {'reviewed': '2026-02-30'}
    """
    return yaml.load(text, Loader=SafeYamlLoader)


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"an integer of {len(text.lstrip('-'))} digits is not a record value")
    return int(text)


@cache
def record_schema() -> dict[str, Any]:
    """The JSON Schema of a curated record, as shipped in the package."""
    return json.loads(files("medkg.readers").joinpath("record.schema.json").read_text(encoding="utf-8"))


def read_record(path: Path) -> ConditionRecord:
    """Load and check a curated record; raises :class:`ReadError` naming the file and the fault."""
    data = _load(path)
    _check(path, data)
    return _to_record(path, data)


def _load(path: Path) -> Any:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise ReadError(f"{path}: the record is {len(raw):,} bytes; records over {MAX_BYTES:,} bytes are refused")
    if b"\x00" in raw:
        raise ReadError(f"{path}: binary data (NUL bytes); a record is YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(f"{path}: not UTF-8 text (byte {err.start}); save the record as UTF-8") from err
    if not text.strip():
        raise ReadError(f"{path}: the file is empty; a record needs at least a name")
    try:
        data = json.loads(text, parse_int=_json_int) if path.suffix.lower() == ".json" else load_yaml(text)
    except json.JSONDecodeError as err:
        raise ReadError(f"{path}: invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from err
    except ValueError as err:  # from _json_int
        raise ReadError(f"{path}: {err}") from err
    except RecursionError as err:
        raise ReadError(f"{path}: nested deeper than {MAX_DEPTH} levels; a record is a shallow mapping") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ReadError(f"{path}: invalid YAML{where}: {problem}") from err
    _check_values(path, data)
    return data


def _check_values(path: Path, data: Any) -> None:
    """Refuse nesting past MAX_DEPTH and strings holding lone surrogates (no UTF-8 can carry them)."""
    stack = [(data, 1, "")]
    while stack:
        value, depth, where = stack.pop()
        if depth > MAX_DEPTH:
            raise ReadError(f"{path}: nested deeper than {MAX_DEPTH} levels; a record is a shallow mapping")
        if isinstance(value, dict):
            stack += [(v, depth + 1, f"{where}.{k}" if where else str(k)) for k, v in value.items()]
            stack += [(k, depth + 1, where) for k in value]
        elif isinstance(value, list):
            stack += [(v, depth + 1, f"{where}[{i}]") for i, v in enumerate(value)]
        elif isinstance(value, str) and any("\ud800" <= c <= "\udfff" for c in value):
            raise ReadError(f"{path}: at {where or 'the top level'}: {value[:40]!r} holds a lone surrogate "
                            "(\\ud800-\\udfff), which is not a character")


def _check(path: Path, data: Any) -> None:
    from jsonschema import Draft202012Validator

    if not isinstance(data, dict):
        raise ReadError(f"{path}: a record is a mapping with at least a 'name', not a {type(data).__name__}")
    errors = sorted(Draft202012Validator(record_schema()).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        err = errors[0]
        where = _json_path(err.path)
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise ReadError(f"{path}: at {where}: {_schema_message(err)}{more}")
    for where, curie in _curies(data):
        if split_curie(curie) is None:
            raise ReadError(f"{path}: at {where}: {curie!r} is not a known, well-formed id "
                            "(HP:0001945, DOID:1227, MESH:D009503, ICD10CM:D70, ...)")
    for key in ("date_reviewed", "date_updated", "date_published"):
        value = (data.get("page") or {}).get(key)
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError as err:
                raise ReadError(f"{path}: at page.{key}: {value!r} is not a real date (YYYY-MM-DD)") from err


def _schema_message(err: Any) -> str:
    value = repr(err.instance)
    value = value if len(value) <= 60 else value[:57] + "..."
    if err.validator == "pattern" and "line" in str(err.schema.get("description", "")).lower():
        return f"{value} must be one line of text without control characters or angle brackets"
    if err.validator == "oneOf":
        return f"{value} is neither a plain name nor a mapping of the allowed fields"
    if err.validator == "additionalProperties":
        return err.message.replace("Additional properties are not allowed", "unknown field(s)")
    if err.validator == "required":
        return err.message
    return f"{value}: {err.message.split(' is ', 1)[-1] if err.validator == 'type' else err.message}"


def _json_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the top level"


def _curies(data: dict[str, Any]):
    for i, curie in enumerate(data.get("ids") or []):
        yield f"ids[{i}]", curie
    for relation, items in (data.get("findings") or {}).items():
        for i, item in enumerate(items or []):
            if isinstance(item, dict):
                for j, curie in enumerate(item.get("ids") or []):
                    yield f"findings.{relation}[{i}].ids[{j}]", curie


def _canonical(curie: str) -> str:
    prefix, local = split_curie(curie) or ("", "")
    return f"{prefix}:{local}"


def _to_record(path: Path, data: dict[str, Any]) -> ConditionRecord:
    findings = tuple(
        _finding(Relation(relation), item)
        for relation, items in (data.get("findings") or {}).items()
        for item in items or []
    )
    return ConditionRecord(
        source=data.get("source") or path.stem,
        name=data["name"].strip(),
        synonyms=tuple(s.strip() for s in data.get("synonyms") or ()),
        definition=(data.get("definition") or "").strip() or None,
        subtypes=tuple(s.strip() for s in data.get("subtypes") or ()),
        ids=tuple(_canonical(c) for c in data.get("ids") or ()),
        findings=findings,
        page=_page(data.get("page") or {}),
        origin=Origin.CURATED,
    )


def _finding(relation: Relation, item: str | dict[str, Any]) -> Finding:
    if isinstance(item, str):
        return Finding(relation=relation, name=item.strip())
    evidence = item.get("evidence") or []
    evidence = evidence if isinstance(evidence, list) else [evidence]
    return Finding(
        relation=relation,
        name=item["name"].strip(),
        qualifier=(item.get("qualifier") or "").strip() or None,
        ids=tuple(_canonical(c) for c in item.get("ids") or ()),
        evidence=tuple(
            Evidence(quote=e) if isinstance(e, str)
            else Evidence(quote=e["quote"], start=e.get("start"), end=e.get("end"), section=e.get("section"))
            for e in evidence
        ),
    )


def _person(value: str | dict[str, Any] | None) -> Person | None:
    if value is None:
        return None
    return Person(name=value.strip()) if isinstance(value, str) else Person(name=value["name"], url=value.get("url"))


def _page(page: dict[str, Any]) -> PageMetadata:
    return PageMetadata(
        title=page.get("title"),
        url=page.get("url"),
        language=page.get("language"),
        authors=tuple(p for p in map(_person, page.get("authors") or ()) if p),
        reviewers=tuple(p for p in map(_person, [page.get("reviewer"), *(page.get("reviewers") or ())]) if p),
        date_reviewed=page.get("date_reviewed"),
        date_updated=page.get("date_updated"),
        date_published=page.get("date_published"),
        publisher=page.get("publisher"),
        citations=tuple(
            Citation(text=c) if isinstance(c, str)
            else Citation(text=c["text"], authors=tuple(c.get("authors") or ()), title=c.get("title"),
                          journal=c.get("journal"), year=c.get("year"), url=c.get("url"))
            for c in page.get("citations") or ()
        ),
    )
