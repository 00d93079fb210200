"""Read-only guards for SPARQL queries: the text pyoxigraph runs is the text the guard has proven safe.

Spec: SPARQL 1.1 Query https://www.w3.org/TR/sparql11-query/ (grammar section 19.8, terminals
19.8 [139]-[173]). Two parsers that read one query differently are a hole: a guard that parses
with one grammar and an engine that runs another can disagree about where a string or a comment
ends, and the engine then runs a ``SERVICE`` the guard never saw. So medkg does not guard a
parse of the text it received. It reads the text into SPARQL's terminals with the spec's own
token rules, refuses anything it cannot read, and hands pyoxigraph a *canonical* re-writing:
comments dropped, every string re-escaped with ``\\\\``, ``\\"``, ``\\n`` and ``\\r`` only, every IRI
written out plainly, tokens apart. That text has one reading for any SPARQL parser, and the
guard has seen each of its keywords: every bare word must be a keyword or built-in function of
SPARQL 1.1 *queries*, so ``SERVICE`` (pyoxigraph would call the remote endpoint), ``LOAD`` and
the other Update operations are refused however they are spelled (any case, ``\\u`` escapes,
inside subqueries, after comments). pyoxigraph itself is the one parser of the query's
structure; its syntax errors come back as :class:`QuerySyntaxError`.

``FROM``/``FROM NAMED`` graphs are reported so the store can refuse those it does not hold
(medkg never fetches a graph; pyoxigraph does not either, but a silent empty answer misleads).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from medkg.errors import StoreError

#: the longest query text accepted; a long IN list or VALUES block past this belongs in the data
MAX_QUERY_CHARS = 100_000

#: the words of SPARQL 1.1 queries (keywords and built-in functions), upper case; ``a`` is separate
KEYWORDS = frozenset({
    "BASE", "PREFIX", "SELECT", "DISTINCT", "REDUCED", "AS", "CONSTRUCT", "WHERE", "DESCRIBE", "ASK",
    "FROM", "NAMED", "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "VALUES",
    "UNDEF", "OPTIONAL", "GRAPH", "BIND", "MINUS", "FILTER", "UNION", "NOT", "IN", "EXISTS", "TRUE",
    "FALSE", "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS",
    "CEIL", "FLOOR", "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS",
    "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES",
    "SECONDS", "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512",
    "COALESCE", "IF", "STRLANG", "STRDT", "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL",
    "ISNUMERIC", "REGEX", "SUBSTR", "REPLACE", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE",
    "GROUP_CONCAT", "SEPARATOR",
})
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: the words that start a SPARQL Update operation (or name its parts)
UPDATES = frozenset({"LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "INSERT", "DELETE", "WITH", "USING",
                     "DATA", "SILENT", "INTO", "TO"})

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
         "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_EXP = r"[eE][+-]?[0-9]+"
_ECHAR = r"\\[tbnrf\\\"']"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
#: SPARQL's terminals, tried in this order at each position (the first that matches wins)
TOKEN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in [
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("iri", f"<(?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*>"),
    ("long1", f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*'''"),
    ("long2", f'"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*"""'),
    ("str1", f"'(?:[^'\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*'"),
    ("str2", f'"(?:[^"\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*"'),
    ("var", f"[?$][{_U}0-9][{_U}0-9\\u00b7\\u0300-\\u036f\\u203f-\\u2040]*"),
    ("bnode", f"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("pname", f"(?:{_PREFIX})?:(?:{_LOCAL})?"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", f"[+-]?(?:[0-9]+\\.[0-9]*{_EXP}|\\.[0-9]+{_EXP}|[0-9]+{_EXP}|[0-9]*\\.[0-9]+|[0-9]+)"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*/|^!=<>+\-?]"),
]))
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_UNESCAPE = re.compile(f"{_ECHAR}|{_UCHAR}")
#: characters an IRI may not hold once its \\u escapes are read (SPARQL IRIREF, RFC 3987)
_BAD_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


class QueryRefused(StoreError):
    """The query is valid SPARQL but asks for something a read-only local store does not do."""


class QuerySyntaxError(StoreError):
    """The text is not a SPARQL query."""


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that passed the guards: ``text`` is its canonical form, the one to run.

    ``default_graphs``/``named_graphs`` come from FROM/FROM NAMED.
    """

    text: str
    form: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str  # canonical spelling
    line: int
    column: int

    @property
    def where(self) -> str:
        return f"line {self.line}, column {self.column}"


def check_query(text: str, prefixes: dict[str, str] | None = None) -> CheckedQuery:
    """Refuse updates, SERVICE and anything unreadable; return the canonical query to run.

    ``prefixes`` are those the engine predeclares (used to read ``FROM schema:x``).

    >>> check_query("SELECT * WHERE { ?s ?p 'SERVICE <http://x/>' } # LOAD").text
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }'
    >>> check_query("ASK FROM <https://w3id.org/medkg/id/graph/a> { ?s ?p ?o }").default_graphs
    ('https://w3id.org/medkg/id/graph/a',)
    >>> check_query("LOAD <http://example.org/data.ttl>")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    medkg.store.guard.QueryRefused: LOAD is SPARQL Update and this store is read-only for queries; ...
    >>> check_query("select * { serv\\\\u0069ce <http://e.org/q> { ?s ?p ?o } }")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    medkg.store.guard.QuerySyntaxError: line 1, column 16: cannot read ...
    >>> check_query("SELECT * { SeRvIcE <http://e.org/q> { ?s ?p ?o } }")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    medkg.store.guard.QueryRefused: SERVICE <http://e.org/q> is refused: queries run on the local store only, ...
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    tokens = list(tokenize(text))
    words = [(i, t.text.upper()) for i, t in enumerate(tokens) if t.kind == "word"]
    for i, word in words:
        if word == "SERVICE":
            target = next((t.text for t in tokens[i + 1:] if t.text.upper() != "SILENT"), "")
            raise QueryRefused(f"SERVICE {target} is refused: queries run on the local store only, "
                               "never on remote endpoints")
        if word in UPDATES:
            follow = tokens[i + 1].text.upper() if i + 1 < len(tokens) else ""
            name = f"{word} {follow}" if word in ("INSERT", "DELETE") and follow in ("DATA", "WHERE") else word
            raise QueryRefused(f"{name} is SPARQL Update and this store is read-only for queries; "
                               "use `medkg load` to change it")
        if word not in KEYWORDS and tokens[i].text != "a":
            raise QuerySyntaxError(f"{tokens[i].where}: {tokens[i].text!r} is not a word of SPARQL queries")
    form = next((word for _, word in words if word in FORMS), None)
    if form is None:
        raise QuerySyntaxError("not a SPARQL query: it has no SELECT, ASK, CONSTRUCT or DESCRIBE")
    default, named = _datasets(tokens, prefixes or {})
    return CheckedQuery(_canonical(tokens), form, default, named)


def tokenize(text: str) -> Iterator[Token]:
    """The query's terminals in canonical spelling, comments and white space dropped."""
    pos, line, line_start = 0, 1, 0
    while pos < len(text):
        match = TOKEN.match(text, pos)
        at = Token("", "", line, pos - line_start + 1)
        if match is None:
            raise QuerySyntaxError(f"{at.where}: cannot read {text[pos:pos + 20]!r}")
        kind, raw = match.lastgroup or "", match.group()
        pos = match.end()
        if kind in ("long1", "long2", "str1", "str2"):
            quote = 3 if kind.startswith("long") else 1
            yield Token("string", _string(_unescape(raw[quote:-quote], at)), line, at.column)
        elif kind == "iri":
            iri = _unescape(raw[1:-1], at)
            if _BAD_IRI.search(iri):
                raise QuerySyntaxError(f"{at.where}: the IRI {raw[:60]} holds a character IRIs may not hold")
            yield Token("iri", f"<{iri}>", line, at.column)
        elif kind == "pname" and "\\u" in raw.lower():
            raise QuerySyntaxError(f"{at.where}: {raw!r}: \\u escapes are not allowed in prefixed names")
        elif kind not in ("ws", "comment"):
            yield Token(kind, raw, line, at.column)
        if "\n" in raw:
            line += raw.count("\n")
            line_start = match.start() + raw.rindex("\n") + 1


def _unescape(body: str, at: Token) -> str:
    """A string's or IRI's value: ECHAR and UCHAR escapes read; surrogates refused."""
    def one(match: re.Match[str]) -> str:
        code = match.group()
        if code[1] in "uU":
            value = int(code[2:], 16)
            if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
                raise QuerySyntaxError(f"{at.where}: {code} is not a Unicode character")
            return chr(value)
        return _ESCAPES[code[1]]
    value = _UNESCAPE.sub(one, body)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise QuerySyntaxError(f"{at.where}: a lone surrogate is not a Unicode character")
    return value


def _string(value: str) -> str:
    """``value`` as a short double-quoted SPARQL string with the fewest escapes."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _canonical(tokens: list[Token]) -> str:
    """Tokens apart by one space, on the lines where they stood (so engine errors point near the spot)."""
    lines: dict[int, list[str]] = {}
    for token in tokens:
        lines.setdefault(token.line, []).append(token.text)
    return "\n".join(" ".join(lines.get(n, [])) for n in range(1, max(lines, default=1) + 1)).strip("\n")


def _datasets(tokens: list[Token], prefixes: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The IRIs after FROM and FROM NAMED, prefixed names and relative IRIs resolved."""
    declared, base = dict(prefixes), ""
    default: list[str] = []
    named: list[str] = []
    for i, token in enumerate(tokens):
        word = token.text.upper() if token.kind == "word" else ""
        if word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = tokens[i + 1].text[1:-1]
        elif word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2].kind == "iri":
            declared[tokens[i + 1].text.rstrip(":")] = urljoin(base, tokens[i + 2].text[1:-1])
        elif word == "FROM" and i + 1 < len(tokens):
            is_named = tokens[i + 1].text.upper() == "NAMED"
            target = tokens[i + 2] if is_named and i + 2 < len(tokens) else tokens[i + 1]
            (named if is_named else default).append(_resolve(target, declared, base))
    return tuple(default), tuple(named)


def _resolve(token: Token, prefixes: dict[str, str], base: str) -> str:
    if token.kind == "iri":
        return urljoin(base, token.text[1:-1])
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    raise QuerySyntaxError(f"{token.where}: FROM needs an IRI, not {token.text!r}")
