"""Query results and their serialisations.

Specs: SPARQL 1.1 Query Results JSON https://www.w3.org/TR/sparql11-results-json/, XML
https://www.w3.org/TR/rdf-sparql-XMLres/, CSV and TSV https://www.w3.org/TR/sparql11-results-csv-tsv/.
medkg writes them itself rather than with pyoxigraph's writers because results are capped:
a capped result is a list of solutions, which pyoxigraph cannot serialise. Graph results
(CONSTRUCT, DESCRIBE) are written by the exporters registered in :mod:`medkg.plugins`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: result format name -> media type, for SELECT and ASK
RESULT_MEDIA_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                      "csv": "text/csv", "tsv": "text/tab-separated-values", "table": "text/plain"}
#: the registered exporters that can hold any graph, so a CONSTRUCT result can be written in them
GRAPH_FORMATS = ("ttl", "jsonld", "nt", "rdfxml", "trig", "nq")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).

    ``truncated`` says the result cap cut the solutions or triples short.
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Any, ...] = ()
    truncated: bool = False
    seconds: float = field(default=0.0, compare=False)

    def __len__(self) -> int:
        return len(self.rows) if self.form == "SELECT" else len(self.triples)


def write_result(result: QueryResult, fmt: str) -> bytes:
    """``result`` in ``fmt``: a name of :data:`RESULT_MEDIA_TYPES` for SELECT/ASK, of :data:`GRAPH_FORMATS` else."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt not in GRAPH_FORMATS:
            raise ValueError(f"a {result.form} result is a graph; choose one of {', '.join(GRAPH_FORMATS)}")
        return write_triples(result.triples, fmt)
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown result format {fmt!r}; choose one of {', '.join(RESULT_MEDIA_TYPES)}")
    return writer(result).encode("utf-8")


def write_triples(triples: tuple[Any, ...] | list[Any], fmt: str) -> bytes:
    """Triples written by the exporter registered as ``fmt``, from their default graph."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from medkg.exporters import export

    ds = Dataset()
    if triples:
        ds.default_graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    data = export(ds, fmt)
    return data if isinstance(data, bytes) else b"".join(data.values())


def _json_term(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # quoted triples (RDF-star): their N-Triples form


def _json(result: QueryResult) -> str:
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(term: Any) -> str:
    j = _json_term(term)
    if j["type"] != "literal":
        return f"<{j['type']}>{escape(j['value'])}</{j['type']}>"
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in j.items() if k in ("xml:lang", "datatype"))
    return f"<literal{attrs}>{escape(j['value'])}</literal>"


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.form == "ASK":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.variables, row, strict=True) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out)


def _plain(term: Any) -> str:
    return "" if term is None else getattr(term, "value", str(term))


def _csv(result: QueryResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
    return buf.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.form == "ASK":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: QueryResult) -> str:
    """Aligned columns for a terminal, long values cut at 60 characters."""
    if result.form == "ASK":
        return ("yes" if result.boolean else "no") + "\n"
    cells = [[_plain(t).replace("\n", " ") for t in row] for row in result.rows]
    cells = [[c if len(c) <= 60 else c[:59] + "…" for c in row] for row in cells]
    widths = [max([len(v), *(len(row[i]) for row in cells)]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(lines) + "\n"


_WRITERS: dict[str, Callable[[QueryResult], str]] = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv,
                                                     "table": _table}
