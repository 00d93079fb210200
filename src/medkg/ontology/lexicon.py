"""The lexicon: normalised names -> ontology ids, with labels, cross-references and sources.

The shipped data (``medkg/ontology/data``) is built by :mod:`medkg.ontology.lexicon_build`
from HPO, the Disease Ontology, SYMP, MeSH, ICD-10-CM and DrugBank's open vocabulary. It is
plain TSV sorted by :func:`normalize`'d names, mapped into memory rather than read: loading
costs nothing per line or byte (reading and decoding the 15 MB took 20 ms of every one-article
build; gzip'd it was 60 ms, and git and wheels compress the files anyway), a lookup bisects the
bytes, and only the lines looked up are decoded and parsed.

Two layers sit above the shipped index and override it name by name: the curated consumer
language of ``lay_terms.tsv`` ("water pills", "chemo"), then the user's own term files
(TSV or YAML of name -> id), given as arguments or in ``$MEDKG_TERMS``. A folder given the
same way is a lexicon ``medkg lexicon build -o FOLDER`` wrote, used instead of the shipped one.
"""

from __future__ import annotations

import json
import mmap
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol

from medkg.errors import LinkingError

DATA_PACKAGE = "medkg"
DATA_DIR = "ontology/data"
TERMS_FILE = "terms.tsv"
CONCEPTS_FILE = "concepts.tsv"
SOURCES_FILE = "sources.json"
LAY_TERMS_FILE = "lay_terms.tsv"
#: MeSH descriptor -> its tree branches ("D002648<TAB>M01"), written by tools/mesh_branches.py
MESH_BRANCHES_FILE = "mesh_branches.tsv"
TERMS_ENV = "MEDKG_TERMS"

#: how a name relates to the id it maps to, best first: a user's own term, a curated lay
#: term, the ontology's preferred label, an exact synonym, a layperson synonym, an acronym
#: (links only where the text writes it in capitals: "COLD" is COPD, "cold" is not), a
#: synonym of a wider concept (MeSH non-preferred concepts, DO/HPO related synonyms)
KINDS = "UCLEPAR"

_STOP = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "as", "your",
    "his", "her", "their", "its", "my", "some", "certain", "very", "also", "often", "usually", "sometimes",
    "generally", "typically", "especially", "mainly", "mostly", "frequently", "commonly", "may", "can", "might",
    "could", "will", "would", "should", "be", "been", "being", "is", "are", "was", "were",
})
_IRREGULAR = {"teeth": "tooth", "feet": "foot", "children": "child", "women": "woman", "men": "man",
              "lice": "louse", "mice": "mouse", "geese": "goose", "people": "person"}
#: adjectives that name an organ, and words used interchangeably, levelled to one word
_SAME_AS = {"renal": "kidney", "hepatic": "liver", "cardiac": "heart", "pulmonary": "lung",
            "gastric": "stomach", "cutaneous": "skin", "ocular": "eye", "oral": "mouth", "dental": "tooth",
            "nasal": "nose", "abdominal": "abdomen", "disorder": "disease", "problem": "disease",
            "condition": "disease", "frequent": "recurrent", "recurring": "recurrent", "repeated": "recurrent"}
#: adjectives that stand for an organ only inside a phrase ("renal failure"): alone they name no organ
ORGAN_ADJECTIVES = frozenset(word for word, same in _SAME_AS.items() if same != "disease")
_KEEP_S = ("ss", "us", "is")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "x": "10", "xi": "11", "xii": "12", "xiii": "13", "xiv": "14", "xv": "15"}
_NUMBERED = frozenset(["type", "stage", "grade", "class", "factor", "group", "phase"])
#: British spellings -> American, each with a literal that must occur for it to apply (a fast test)
_BRITISH = [(hint, re.compile(p), r) for hint, p, r in (
    ("aemi", r"aemi", "emi"), ("haem", r"haem", "hem"), ("oea", r"(rrh|pn)oea", r"\1ea"),
    ("oe", r"\boe(?=soph|dem|str)", "e"), ("foet", r"foet", "fet"), ("coeliac", r"coeliac", "celiac"),
    ("paed", r"paed", "ped"), ("gynaec", r"gynaec", "gynec"), ("anaes", r"anaes", "anes"),
    ("caesar", r"caesar", "cesar"), ("sulph", r"sulph", "sulf"), ("isation", r"isation", "ization"),
    ("aluminium", r"aluminium", "aluminum"), ("our", r"\b(tum|col|behavi|od|hum|lab|vap|flav|rum)our", r"\1or"),
    ("re", r"\b(cent|lit|fib|met)re\b", r"\1er"), ("ogue", r"(anal|catal|dial)ogue", r"\1og"),
    ("paralys", r"paralys(e|ed|ing)\b", r"paralyz\1"), ("ischaem", r"ischaem", "ischem"),
)]


def _singular(tok: str) -> str:
    if tok in _IRREGULAR:
        return _IRREGULAR[tok]
    if len(tok) <= 3 or not tok.endswith("s") or tok.endswith(_KEEP_S) or tok[-2].isdigit():
        return tok
    if tok.endswith("ies") and len(tok) > 4:
        return tok[:-3] + "y"
    if tok.endswith(("sses", "xes", "shes", "zes")) or (tok.endswith("ches") and not tok.endswith("aches")) \
            or (tok.endswith("uses") and len(tok) > 6):
        return tok[:-2]
    return tok[:-1]


def tokens(text: str) -> list[str]:
    """The normalised content words of ``text`` (see :func:`normalize`).

    >>> tokens("Low levels of Vitamin B-12")
    ['low', 'level', 'vitamin', 'b12']
    >>> tokens("Renal disorders, type II")
    ['kidney', 'disease', '2']
    """
    return list(_normal_words(text))


def _normal_words(text: str) -> tuple[str, ...]:
    """:func:`_tokens` of ``text``, from its space-separated pieces where none reads differently beside
    its neighbours: a piece's words are cached, so the many overlapping phrases extraction looks up
    cost a split and a join rather than the regular expressions again.

    Every step of :func:`_tokens` but the ones :func:`_piece` refuses stays within a run of letters
    and digits, and such a run never crosses ASCII white space; hence the ASCII test (accents and
    dashes are dropped, which joins runs), and no backquote (dropped) or underscore (a word
    character to ``\\b``).
    """
    if not text.isascii() or "`" in text or "_" in text:
        return _tokens(text)
    out: list[str] = []
    for piece in text.split():
        words = _piece(piece)
        if words is None:
            return _tokens(text)
        out += words
    return tuple(out)


@lru_cache(maxsize=65536)
def _piece(piece: str) -> tuple[str, ...] | None:
    """The normalised words of a piece of text without spaces, or None if one of its words may read
    differently beside others: a roman numeral, a number, "type", a single letter ("type II", "B 12",
    "vitamin A")."""
    if any(len(w) == 1 or w.isdigit() or w == "type" or w in _ROMAN for w in _words(piece)):
        return None
    return _tokens(piece)


def _leading_pair(text: str) -> str | None:
    """The first two words of ``normalize(text)`` joined by a space, where its first pieces settle them
    without the rest of it; None where they do not (see :meth:`Lexicon.named`).

    Past pieces :func:`_piece` reads alone, :func:`_tokens` of the whole text only changes the word
    before a later one (a number drops a "type", joins a single letter), and no word of such a
    piece is a single letter; so two words from them stand unless the second is "type".
    """
    if not text.isascii() or "`" in text or "_" in text:
        return None
    words: list[str] = []
    for piece in text.split():
        found = _piece(piece)
        if found is None:
            return None
        words += found
        if len(words) >= 2:
            return None if words[1] == "type" else f"{words[0]} {words[1]}"
    return None


def _words(text: str) -> list[str]:
    """The words of ``text`` in lower-case ASCII, possessives dropped and British spellings made American."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = text.encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['`](s\b)?", "", text)  # possessives: "Paget's disease" -> "paget disease"
    for hint, pattern, repl in _BRITISH:
        if hint in text:
            text = pattern.sub(repl, text)
    return re.findall(r"[a-z0-9]+", text)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    found = _words(text)
    # "a" is an article before a noun, but a name's last letter after one ("vitamin A", "hepatitis A")
    words = [w for i, w in enumerate(found) if w not in _STOP or (w == "a" and 0 < i == len(found) - 1)]
    out: list[str] = []
    for i, tok in enumerate(words):
        if tok in _ROMAN and out and (out[-1] in _NUMBERED or (len(tok) > 1 and i == len(words) - 1)):
            tok = _ROMAN[tok]
        if tok.isdigit() and out and out[-1] == "type":
            out.pop()  # "type 2 diabetes", "disease type XIII" -> "2 diabetes", "disease 13"
        if tok.isdigit() and out and len(out[-1]) == 1 and out[-1].isalpha():
            out[-1] += tok  # "B-12", "B 12" -> "b12"
            continue
        tok = _singular(tok)
        out.append(_SAME_AS.get(tok, tok))
    return tuple(out)


def normalize(text: str) -> str:
    """The key a name is indexed under: case, accents, punctuation, hyphens, possessives,
    plurals, "B-12"/"B12", roman numerals, British spellings, organ adjectives ("renal") and
    filler words are all levelled.

    >>> normalize("Paget's Disease of Bone")
    'paget disease bone'
    >>> normalize("Anaemias") == normalize("anemia")
    True
    >>> normalize("X-rays") == normalize("x ray")
    True
    >>> normalize("Glycogen storage disease type XIII") == normalize("glycogen storage disease type 13")
    True
    """
    return " ".join(_normal_words(text))


@dataclass(frozen=True, slots=True)
class Entry:
    """One id a normalised name maps to, and how (a :data:`KINDS` letter)."""

    id: str
    kind: str

    @property
    def prefix(self) -> str:
        return self.id.partition(":")[0]

    @property
    def rank(self) -> int:
        return KINDS.index(self.kind)


@dataclass(frozen=True, slots=True)
class Term:
    """A name -> id row of a term file; ``relations`` limit it to findings of those relations
    (values of :class:`medkg.model.Relation`, or ``condition`` for the main condition)."""

    name: str
    id: str
    label: str | None = None
    relations: frozenset[str] = frozenset()


def _parse_entries(packed: str) -> tuple[Entry, ...]:
    return tuple(Entry(*item.rsplit("/", 1)) for item in packed.split(";"))


def _mapped(file: Traversable) -> bytes | mmap.mmap:
    """The file's bytes, mapped rather than read where it is a file on disk: a one-article build
    then reads only the pages its look-ups touch, and a build's workers share one copy."""
    if isinstance(file, Path):
        with file.open("rb") as handle:
            try:
                return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # an empty file, or a file system without mappings
                pass
    return file.read_bytes()


class SortedTable:
    r"""A read-only map over a sorted ``key<TAB>value`` file, searched by bisection on byte
    offsets: loading costs nothing per line, and only the lines looked up are decoded (UTF-8
    sorts as its code points do, so the file's order is its keys' order).

    >>> table = SortedTable(b"a\t1\nb c\t2\nd\t3\n")
    >>> table.get("b c"), table.get("d"), table.get("c")
    ('2', '3', None)
    >>> table.to_dict() == {"a": "1", "b c": "2", "d": "3"}
    True
    """

    __slots__ = ("_bounds", "_text")

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._text = data
        self._bounds: dict[bytes, tuple[int, int]] = {}

    def _lower_bound(self, key: bytes, lo: int, hi: int) -> int:
        """The offset of the first line in ``[lo, hi)`` whose key is not below ``key``."""
        text = self._text
        while lo < hi:
            start = text.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo
            end = text.find(b"\n", start)
            end = len(text) if end < 0 else end
            if text[start:text.find(b"\t", start, end)] < key:
                lo = end + 1
            else:
                hi = start
        return lo

    def get(self, key: str, default: str | None = None) -> str | None:
        needle = key.encode("utf-8")
        prefix = needle[:2]
        bounds = self._bounds.get(prefix)
        if bounds is None:  # the stretch of lines sharing the key's first two bytes
            upper = prefix[:-1] + bytes([prefix[-1] + 1]) if prefix else b""
            lo = self._lower_bound(prefix, 0, len(self._text))
            bounds = self._bounds[prefix] = (lo, self._lower_bound(upper, lo, len(self._text)) if upper else lo)
        start = self._lower_bound(needle, *bounds) if prefix else 0
        text = self._text
        end = text.find(b"\n", start)
        end = len(text) if end < 0 else end
        tab = text.find(b"\t", start, end)
        return text[tab + 1:end].decode("utf-8") if tab >= 0 and text[start:tab] == needle else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def _lines(self) -> list[str]:
        return self._text[:].decode("utf-8").splitlines()

    def to_dict(self) -> dict[str, str]:
        """Every line as a dict entry (where a key repeats, the first line wins, as in :meth:`get`)."""
        return dict(reversed([line.split("\t", 1) for line in self._lines() if "\t" in line]))

    def __iter__(self) -> Iterator[str]:
        return (line.partition("\t")[0] for line in self._lines())


class Table(Protocol):
    """What the lexicon needs of its name and concept tables (a dict will do)."""

    def get(self, key: str, default: str | None = None, /) -> str | None: ...

    def __iter__(self) -> Iterator[str]: ...


class Lexicon:
    """Names -> ids, ids -> labels and cross-references, and the sources they come from."""

    def __init__(self, terms: Table, concepts: Table, sources: list[dict],
                 *, overrides: dict[str, tuple[tuple[Entry, frozenset[str]], ...]] | None = None,
                 mesh_branches: Table | None = None) -> None:
        self._terms = terms
        self._concepts = concepts
        self._mesh_branches = mesh_branches
        self._sources = sources
        self._overrides = dict(overrides or {})
        self._cache: dict[tuple[str, str | None], tuple[Entry, ...]] = {}
        self._concept_cache: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        #: the first two words of every name of two words or more, once the names are held (see :meth:`named`)
        self._starts: set[str] | None = None
        #: answers of functions of this lexicon alone (the linker's links of names), dropped when terms are added
        self.memo: dict[tuple, Any] = {}

    @classmethod
    def from_package(cls, *, extra_terms: Iterable[str | Path] = ()) -> Lexicon:
        """The shipped lexicon with the curated lay terms, extended by ``extra_terms`` files."""
        return cls.from_directory(resources.files(DATA_PACKAGE).joinpath(DATA_DIR), extra_terms=extra_terms)

    @classmethod
    def from_directory(cls, folder: Traversable | str, *, extra_terms: Iterable[str | Path] = ()) -> Lexicon:
        """A lexicon from the data ``medkg lexicon build`` wrote into ``folder`` (lay terms
        come from the package when the folder has none)."""
        folder = Path(folder) if isinstance(folder, str) else folder
        try:
            terms = SortedTable(_mapped(folder.joinpath(TERMS_FILE)))
            concepts = SortedTable(_mapped(folder.joinpath(CONCEPTS_FILE)))
            sources = json.loads(folder.joinpath(SOURCES_FILE).read_text("utf-8"))
        except FileNotFoundError as err:
            raise LinkingError(f"the lexicon data is missing ({err.filename}); "
                               "rebuild it with `medkg lexicon build --from DIR`") from err
        lexicon = cls(terms, concepts, sources["sources"],
                      mesh_branches=SortedTable(_mapped(_own_or_shipped(folder, MESH_BRANCHES_FILE))))
        lay = _own_or_shipped(folder, LAY_TERMS_FILE)
        lexicon.add_terms(read_term_table(lay.read_text("utf-8").splitlines(), LAY_TERMS_FILE), kind="C")
        for path in extra_terms:
            lexicon.add_terms(read_term_file(path), kind="U")
        return lexicon

    def hold_names(self) -> None:
        """Hold the names in a dict: about 0.5 s and 50 MB once, then a look-up is a hash rather than a
        bisection (4x faster), which pays in a process that reads thousands of articles (a build's workers)."""
        if isinstance(self._terms, SortedTable):
            self._terms = self._terms.to_dict()
        if self._starts is None:
            self._starts = {_start(key) for keys in (self._terms, self._overrides) for key in keys if " " in key}

    def add_terms(self, terms: Iterable[Term], *, kind: str = "U") -> None:
        """Map each name to its id ahead of the shipped data; names given twice keep both ids."""
        added: dict[str, list[tuple[Entry, frozenset[str]]]] = {}
        for term in terms:
            key = normalize(term.name)
            if key:
                added.setdefault(key, []).append((Entry(term.id, kind), term.relations))
        for key, entries in added.items():
            self._overrides[key] = tuple(dict.fromkeys(entries))
            if self._starts is not None and " " in key:
                self._starts.add(_start(key))
        self._cache.clear()
        self.memo.clear()

    def entries(self, key: str, relation: str | None = None) -> tuple[Entry, ...]:
        """The ids a normalised name maps to, best kind first; () when it is unknown.

        ``relation`` (a Relation value, ``condition``, or None for any) picks the user's and
        curated terms meant for it; the shipped data holds for every relation. A user's term
        replaces the shipped ids of its name; a curated lay term comes first among them.
        """
        found = self._cache.get((key, relation))
        if found is not None:
            return found
        overrides = self._overrides.get(key)
        if overrides is None:  # most look-ups: a name only the shipped data may know, or unknown
            packed = self._terms.get(key)
            if not packed:  # not the unknown names: a corpus build looks up millions, and would hold them all
                return ()
            found = _parse_entries(packed)
        else:
            found = tuple(e for e, rels in overrides if not rels or relation is None or relation in rels)
            if not any(e.kind == "U" for e in found):
                packed = self._terms.get(key)
                ids = {e.id for e in found}
                found += tuple(e for e in _parse_entries(packed) if e.id not in ids) if packed else ()
        if found:
            self._cache[(key, relation)] = found
        return found

    def named(self, text: str) -> tuple[Entry, ...]:
        """:meth:`entries` of ``normalize(text)``. Where the names are held, a text whose first two words
        begin no name is refused before the rest of it is normalised: most phrases extraction tries
        (every run of up to five words of every sentence) are no name, and ~3/4 of them fail there."""
        if self._starts is not None:
            start = _leading_pair(text)
            if start is not None and start not in self._starts:
                return ()
        key = normalize(text)
        return self.entries(key) if key else ()

    def _concept(self, curie: str) -> tuple[str | None, tuple[str, ...]]:
        found = self._concept_cache.get(curie)
        if found is None:
            row = self._concepts.get(curie)
            label, _, refs = row.partition("\t") if row is not None else (None, "", "")
            found = self._concept_cache[curie] = (label, tuple(refs.split()))
        return found

    def has_id(self, curie: str) -> bool:
        return self._concept(curie)[0] is not None

    def label(self, curie: str) -> str | None:
        """The id's preferred label in its ontology, None when the lexicon does not know it.

        >>> load_lexicon().label("HP:0001945")
        'Fever'
        """
        return self._concept(curie)[0]

    def mesh_branches(self, curie: str) -> tuple[str, ...]:
        """The branches of MeSH's trees a MeSH id sits in (its tree numbers' first three characters): its
        semantic type, as "M01" persons, "B04" viruses, "D27" drug actions, "E01" diagnosis; () for another id.

        >>> load_lexicon().mesh_branches("MESH:D002648")
        ('M01',)
        """
        if self._mesh_branches is None or not curie.startswith("MESH:"):
            return ()
        found = self._mesh_branches.get(curie.removeprefix("MESH:"))
        return tuple(found.split()) if found else ()

    def xrefs(self, curie: str) -> tuple[str, ...]:
        """Cross-references of an id from its ontology (UMLS, SNOMEDCT, ICD10CM, MESH, ...)."""
        return self._concept(curie)[1]

    def sources(self) -> list[dict]:
        return [dict(s) for s in self._sources]

    def counts(self) -> dict[str, int]:
        """How many names and concepts the lexicon holds, per id prefix for concepts."""
        per_prefix: dict[str, int] = {}
        for curie in self._concepts:
            prefix = curie.partition(":")[0]
            per_prefix[prefix] = per_prefix.get(prefix, 0) + 1
        return {"names": sum(1 for _ in self._terms), "overrides": len(self._overrides),
                "concepts": sum(per_prefix.values()), **dict(sorted(per_prefix.items()))}


def _start(key: str) -> str:
    """The first two words of a name of two words or more."""
    return " ".join(key.split(" ", 2)[:2])


def read_term_table(lines: Iterable[str], where: str) -> list[Term]:
    """Terms from TSV lines ``name<TAB>id[<TAB>label[<TAB>relation,...]]``; ``#`` starts a comment."""
    terms = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.rstrip("\n").split("\t")]
        if len(cells) < 2 or not _looks_like_curie(cells[1]):
            raise LinkingError(f"{where}, line {number}: expected 'name<TAB>PREFIX:ID', got {line!r}")
        label = cells[2] if len(cells) > 2 and cells[2] else None
        relations = frozenset(r.strip() for r in cells[3].split(",") if r.strip()) if len(cells) > 3 else frozenset()
        terms.append(Term(cells[0], cells[1], label, relations))
    return terms


def read_term_file(path: str | Path) -> list[Term]:
    """Terms from a user's TSV file (see :func:`read_term_table`) or YAML mapping of
    name -> id or list of ids."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as err:
        raise LinkingError(f"{path}: cannot read the term file ({err.strerror})") from err
    if path.suffix.lower() not in (".yaml", ".yml"):
        return read_term_table(text.splitlines(), str(path))
    import yaml

    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise LinkingError(f"{path}: expected a mapping of name -> id, got {type(data).__name__}")
    terms = []
    for name, value in data.items():
        for curie in value if isinstance(value, list) else [value]:
            if not _looks_like_curie(str(curie)):
                raise LinkingError(f"{path}: {name!r} maps to {curie!r}, which is not a PREFIX:ID")
            terms.append(Term(str(name), str(curie).strip()))
    return terms


def _looks_like_curie(value: str) -> bool:
    return re.fullmatch(r"\s*[A-Za-z][A-Za-z0-9]*:[A-Za-z0-9_.]+\s*", value) is not None


def _env_term_files() -> tuple[str, ...]:
    return tuple(p for p in os.environ.get(TERMS_ENV, "").split(os.pathsep) if p)


def _own_or_shipped(folder: Traversable, name: str) -> Traversable:
    """The file ``name`` of a lexicon folder, or the package's where the folder has none (a folder
    ``medkg lexicon build`` wrote holds the built tables, not the curated or derived ones)."""
    own = folder.joinpath(name)
    return own if own.is_file() else resources.files(DATA_PACKAGE).joinpath(DATA_DIR).joinpath(name)


@cache
def _load(extra_terms: tuple[str, ...]) -> Lexicon:
    folders = [p for p in extra_terms if Path(p).is_dir()]
    files = [p for p in extra_terms if p not in folders]
    if not folders:
        return Lexicon.from_package(extra_terms=files)
    if len(folders) > 1:
        raise LinkingError(f"several lexicon folders given ({', '.join(folders)}); give one")
    if not Path(folders[0], TERMS_FILE).is_file():
        raise LinkingError(f"{folders[0]}: not a lexicon folder (no {TERMS_FILE}); "
                           "`medkg lexicon build --from SOURCES -o FOLDER` writes one")
    return Lexicon.from_directory(folders[0], extra_terms=files)


def load_lexicon(extra_terms: Iterable[str | Path] = ()) -> Lexicon:
    """The lexicon, loaded once per process: the shipped one, or the folder ``medkg lexicon build``
    wrote when ``extra_terms`` or ``$MEDKG_TERMS`` names one, plus the term files they name."""
    return _load(tuple(str(p) for p in extra_terms) + _env_term_files())


def lexicon_sources() -> list[dict]:
    """Name, version, license and url of every source the shipped lexicon is derived from.

    >>> any(s["name"].startswith("Human Phenotype Ontology") for s in lexicon_sources())
    True
    """
    return [dict(s) for s in _shipped_sources()]


@cache
def _shipped_sources() -> tuple[dict, ...]:
    data = json.loads(resources.files(DATA_PACKAGE).joinpath(DATA_DIR).joinpath(SOURCES_FILE).read_text("utf-8"))
    return tuple(data["sources"])
