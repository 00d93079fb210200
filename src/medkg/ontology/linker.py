"""Link a condition record's names to ontology ids: the condition itself and every finding.

A name is looked up whole, then as "X deficiency" when it reads "low levels of X", then by
its longest stretch of words that the lexicon knows (word order may differ: "pain in the
back" is "back pain"). Among the ids a name maps to, the relation decides which ontology
is preferred (symptoms: HPO, then SYMP; causes and risk factors: DO, then HPO and MeSH;
tests, treatments and prevention: MeSH). Ids of other ontologies under the same name and
the preferred id's cross-references follow it. The confidence says how whole and how
unambiguous the match was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import permutations

from medkg.model import ConditionRecord, Finding, Relation
from medkg.ontology.lexicon import Entry, Lexicon, load_lexicon, normalize, tokens
from medkg.ontology.namespaces import concept_curie

#: the ontologies preferred for each relation, best first; None is the main condition
PREFERENCES: dict[Relation | None, tuple[str, ...]] = {
    None: ("DOID", "HP", "MESH", "ICD10CM", "SYMP"),
    Relation.SYMPTOM: ("HP", "SYMP", "MESH", "DOID"),
    Relation.CAUSE: ("DOID", "HP", "MESH", "SYMP", "DRUGBANK"),
    Relation.RISK_FACTOR: ("DOID", "HP", "MESH", "SYMP", "DRUGBANK"),
    Relation.COMPLICATION: ("DOID", "HP", "MESH", "SYMP"),
    Relation.TEST: ("MESH", "HP", "DOID"),
    Relation.TREATMENT: ("MESH", "DRUGBANK", "HP", "DOID"),
    Relation.PREVENTION: ("MESH", "DRUGBANK", "HP", "DOID"),
}
#: ontologies a part of a name may link to, where they differ: a symptom's head noun alone is
#: an organ or a body function in MeSH ("Reddened face" is not "Face")
PARTIAL_PREFERENCES: dict[Relation | None, tuple[str, ...]] = {Relation.SYMPTOM: ("HP", "SYMP", "DOID")}
#: how much each kind of name (see lexicon.KINDS) is trusted
KIND_WEIGHT = {"U": 1.0, "C": 1.0, "L": 1.0, "E": 0.95, "P": 0.95, "R": 0.75}
#: cross-references a finding carries after its ids; the main condition carries them all
FINDING_XREFS = ("UMLS", "SNOMEDCT", "ICD10CM", "MESH", "HP", "DOID")
MAX_SPAN = 6
#: partial matches weaker than this are mostly wrong (one in nine right on the dev gold): dropped
MIN_PARTIAL_CONFIDENCE = 0.5
#: words that are not a phrase's head when a more specific word stands beside them
#: (normalised: "disorder", "problem" and "condition" read as "disease")
GENERIC = frozenset({
    "disease", "syndrome", "procedure", "method", "technique", "approach", "option", "way", "level", "low",
    "high", "test", "treatment", "therapy", "medicine", "medication", "drug", "change", "body", "type", "part",
    "sign", "symptom", "factor", "history", "increase", "decrease", "loss", "amount", "use", "care",
})
_DEFICIENCY = re.compile(r"^(?:(?:very|abnormally)\s+)?(?:low(?:er)?\s+(?:levels?\s+of\s+)?|"
                         r"(?:a\s+)?lack\s+of\s+|not\s+enough\s+|too\s+little\s+|decreased\s+(?:levels?\s+of\s+)?|"
                         r"(?:a\s+)?deficiency\s+(?:of|in)\s+)(.+)$", re.IGNORECASE)
_ABNORMALITY = re.compile(r"^(?:(.+?)\s+(?:defects?|abnormalit(?:y|ies)|anomal(?:y|ies)|malformations?)|"
                          r"(?:defects?|abnormalit(?:y|ies)|anomal(?:y|ies)|malformations?)\s+(?:of|in)\s+(.+))$",
                          re.IGNORECASE)
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+|:\s+|\s*\((?:also\s+)?(?:known\s+as|called)\s+|\)",
                          re.IGNORECASE)
#: ids that say a main condition was linked to a disease or phenotype, not just to a MeSH heading
DISEASE_PREFIXES = ("DOID", "HP", "ICD10CM")
_GENE_CHANGE = re.compile(r"^(?:an?\s+)?(?:\w+\s+)?(?:changes?|mutations?|variants?|alterations?|defects?)\s+"
                          r"(?:in|of|to)\s+(?:the\s+|a\s+|one\s+of\s+(?:the\s+)?)?\S+\s+genes?\b", re.IGNORECASE)
#: a risk that runs in families, said of people: "a close relative of someone with X"
_KINSHIP = re.compile(r"^(?:having |has |have )?(?:an? |one or more )?(?:close |first-degree |blood )?"
                      r"(?:relatives?|family members?|parents?|siblings?|brothers?|sisters?|mothers?|fathers?|"
                      r"twins?)\b.*\b(?:with|who (?:has|have|had)|affected by)\b", re.IGNORECASE)
_COORDINATION = re.compile(r"\s+(?:or|and|and/or)\s+|\s*[,;/]\s*", re.IGNORECASE)
#: a name that starts with one of these states a purpose ("treat infections"): only the whole
#: name may link, never a part of it
_ACTION = re.compile(r"^(?:to\s+)?(?:treat|prevent|help|boost|avoid|reduce|control|manage|relieve|lower|"
                     r"raise|increase|improve|stop|limit|keep|make|get|ease)\b", re.IGNORECASE)
_HEAD_END = re.compile(r"\s(?:of|in|on|to|for|from|with|that|which|who|caused|due|such|like|because|when|after|"
                       r"during|at|all|over|throughout|around|across|under|below|above|near|into|while)\s|[,;:(]",
                       re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Link:
    """What a name links to: ids (preferred first), the preferred id's label, the
    confidence, and the normalised words that matched."""

    ids: tuple[str, ...]
    label: str | None
    confidence: float
    matched: str


@dataclass(frozen=True, slots=True)
class _Hit:
    entry: Entry
    entries: tuple[Entry, ...]
    score: float
    key: str


def _best(entries: tuple[Entry, ...], prefs: tuple[str, ...]) -> tuple[Entry, float, int] | None:
    """The entry the relation prefers, its weight, and how many entries tie with it.

    A user's term comes first; then the relation's preferred ontologies, where a curated lay
    term counts most of a rank higher and a related synonym (kind R) half a rank lower:
    "mouth sore" is an HPO related synonym of "Oral ulcer" and a SYMP label, so a symptom
    takes the HPO id; "x-ray" as a test is the curated Radiography, not MeSH's X-Rays.
    """
    def rank(e: Entry) -> tuple[float, int]:
        order = prefs.index(e.prefix) if e.prefix in prefs else len(prefs)
        return order + {"U": -10.0, "C": -0.75, "R": 0.5}.get(e.kind, 0.0), e.rank

    ranked = [(rank(e), e) for e in entries if e.prefix in prefs or e.kind in "UC"]
    if not ranked:
        return None
    top = min(r for r, _ in ranked)
    tied = [e for r, e in ranked if r == top]
    return tied[0], KIND_WEIGHT[tied[0].kind], len({e.id for e in tied})


def _candidates(name: str) -> list[tuple[list[str], float]]:
    """Whole-name word lists to look up, best first, with their weight: the name, "X
    deficiency" for "low levels of X", the first of coordinated names ("fever or chills"),
    "gene mutation" for "changes in the X gene", HPO's "abnormality of X" for "X defects", and
    "family history" for a relative who has a disease (not the disease itself)."""
    found = [(tokens(name), 1.0)]
    m = _DEFICIENCY.match(name.strip())
    if m:
        found.append(([*tokens(m[1]), "deficiency"], 0.9))
        first = _COORDINATION.split(m[1], 1)[0]
        if first != m[1]:
            found.append(([*tokens(first), "deficiency"], 0.8))
    parts = _COORDINATION.split(name)
    if len(parts) > 1:
        last = tokens(parts[-1])
        found.append((tokens(parts[0]), 0.8))
        found.append(([*tokens(parts[0]), *last[-1:]], 0.8))  # "low-set, rotated ears": low-set ears
    if _GENE_CHANGE.match(name.strip()):
        found.append((["gene", "mutation"], 0.9))
    if _KINSHIP.match(name.strip()):
        found.append((["family", "history"], 0.9))
    m = _ABNORMALITY.match(name.strip())
    if m:
        found.append((["abnormality", *tokens(m[1] or m[2])], 0.85))
    return found


def _head_word(name: str) -> str | None:
    """The phrase's head word: the last word that is not generic before any preposition or
    clause ("statin" in "statin medications", "medicine" in "medicines to treat infections")."""
    head = tokens(_HEAD_END.split(" " + name + " ", 1)[0])
    specific = [w for w in head if w not in GENERIC]
    return (specific or head or [None])[-1]


def _lookup(lexicon: Lexicon, words: list[str], relation: Relation | None,
            prefs: tuple[str, ...] | None = None) -> _Hit | None:
    """The whole of ``words`` looked up; two or three words also in any order."""
    prefs, rel = prefs or PREFERENCES[relation], relation.value if relation else "condition"
    orders = permutations(words) if 2 <= len(words) <= 3 else [words]
    for i, order in enumerate(orders):
        key = " ".join(order)
        entries = lexicon.entries(key, rel) if key else ()
        best = _best(entries, prefs)
        if best:
            entry, weight, ties = best
            return _Hit(entry, entries, weight * (0.9 if i else 1.0) / ties ** 0.5, key)
    return None


def _longest(lexicon: Lexicon, name: str, words: list[str], relation: Relation | None) -> _Hit | None:
    """The longest stretch of ``words`` that the lexicon knows and that holds the phrase's
    head word ("pain" in "sharp pain in the back", never "bone" in "bone scan"); when only
    the head word itself is known, a longer known stretch beside it names the thing better
    ("botulinum toxin" in "botulinum toxin injections")."""
    head = _head_word(name) or words[-1]
    best = _longest_span(lexicon, words, relation, lambda span: head in span)
    if best is None or " " not in best.key:
        beside = _longest_span(lexicon, words, relation, lambda span: len(span) > 1 and head not in span)
        if beside is not None:
            best = replace(beside, score=beside.score * 0.8)
    return best if best is not None and best.score >= MIN_PARTIAL_CONFIDENCE else None


def _longest_span(lexicon: Lexicon, words: list[str], relation: Relation | None,
                  allowed: Callable[[list[str]], bool]) -> _Hit | None:
    prefs = PARTIAL_PREFERENCES.get(relation)
    n = len(words)
    for size in range(min(n - 1, MAX_SPAN), 0, -1):
        hits = []
        for start in range(n - size + 1):
            span = words[start:start + size]
            if not allowed(span) or (size == 1 and len(span[0]) < 3):
                continue
            hit = _lookup(lexicon, span, relation, prefs)
            if hit and (size > 1 or span[0] not in GENERIC or hit.entry.kind in "UC"):
                hits.append(replace(hit, score=hit.score * (0.5 + 0.5 * size / n)))
        if hits:
            return max(hits, key=lambda h: h.score)
    return None


def _ids_for(lexicon: Lexicon, hit: _Hit, relation: Relation | None,
             xref_prefixes: tuple[str, ...] | None) -> tuple[tuple[str, ...], float]:
    """The preferred id, the best id of each other ontology under the same name, then xrefs;
    and a factor for the confidence. A cross-reference in an ontology the relation prefers
    ("Eye Abnormalities" -> HP:0000478 for a symptom) becomes the preferred id."""
    prefs = PREFERENCES[relation]
    refs = lexicon.xrefs(hit.entry.id)
    rank = prefs.index(hit.entry.prefix) if hit.entry.prefix in prefs else len(prefs)
    better = [r for r in refs if r.partition(":")[0] in prefs[:rank]]
    promoted = None
    if better and hit.entry.kind not in "UC":
        promoted = min(better, key=lambda r: prefs.index(r.partition(":")[0]))
    ids = [promoted, hit.entry.id] if promoted else [hit.entry.id]
    seen_prefixes = {i.partition(":")[0] for i in ids}
    for entry in sorted(hit.entries, key=lambda e: e.rank):
        if entry.prefix not in seen_prefixes and entry.prefix != "DRUGBANK":
            ids.append(entry.id)
            seen_prefixes.add(entry.prefix)
    ids += [r for r in refs if xref_prefixes is None or r.partition(":")[0] in xref_prefixes]
    return tuple(dict.fromkeys(ids)), 0.95 if promoted else 1.0


def link_name(name: str, relation: Relation | None = None, lexicon: Lexicon | None = None,
              *, xrefs: tuple[str, ...] | None = FINDING_XREFS) -> Link | None:
    """Link one name as the target of ``relation`` (None: a main condition); None if unknown.

    >>> link_name("Fever", Relation.SYMPTOM).ids[:2]
    ('HP:0001945', 'SYMP:0000613')
    >>> link_name("zzyzx quux", Relation.SYMPTOM) is None
    True
    """
    lexicon = lexicon or load_lexicon()
    hit = None
    for words, weight in _candidates(name):
        hit = _lookup(lexicon, words, relation)
        if hit:
            hit = replace(hit, score=hit.score * weight)
            break
    if hit is None and not _ACTION.match(name.strip()):
        first = _COORDINATION.split(name, 1)[0]  # "infections of skin, mouth and nose": skin infections
        parts = [p for p in dict.fromkeys([name, first]) if len(tokens(p)) > 1]
        hits = [h for h in (_longest(lexicon, p, tokens(p), relation) for p in parts) if h]
        hit = max(hits, key=lambda h: h.score, default=None)
    if hit is None:
        return None
    ids, factor = _ids_for(lexicon, hit, relation, xrefs)
    return Link(ids, lexicon.label(ids[0]), round(min(hit.score * factor, 1.0), 3), hit.key)


_ABBREVIATION = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9-]{1,9})\s*\)")


def _long_form(before: str, short: str) -> str | None:
    """Schwartz & Hearst's rule: the shortest run of words before "(SHORT)" whose letters
    hold the short form's letters in order, the first at the start of a word."""
    words = before.split()[-(len(short) + 5):]
    letters = [c.lower() for c in short if c.isalnum()]
    for size in range(1, len(words) + 1):
        candidate = " ".join(words[-size:])
        text, pos = candidate.lower(), len(candidate)
        for i, ch in enumerate(reversed(letters)):
            pos = text.rfind(ch, 0, pos)
            first = i == len(letters) - 1
            while first and pos > 0 and text[pos - 1].isalnum():
                pos = text.rfind(ch, 0, pos)
            if pos < 0:
                break
        else:
            if candidate[0].lower() == letters[0] and len(candidate) > len(short):
                return candidate.strip(" ,;:")
    return None


def abbreviations(texts: list[str]) -> dict[str, str]:
    """Abbreviations the texts define, short form (normalised) -> long form.

    >>> abbreviations(["It is called systemic lupus erythematosus (SLE) by doctors."])
    {'sle': 'systemic lupus erythematosus'}
    """
    found: dict[str, str] = {}
    for text in texts:
        for m in _ABBREVIATION.finditer(text):
            short = m[1]
            if not any(c.isupper() for c in short):
                continue
            long_form = _long_form(text[:m.start()], short)
            if long_form:
                found.setdefault(normalize(short), long_form)
    return found


def _expand(name: str, abbrevs: dict[str, str]) -> str:
    """The name with an abbreviation the article defines written out."""
    key = normalize(name)
    if key in abbrevs:
        return abbrevs[key]
    return re.sub(r"\b[A-Z][A-Z0-9-]{1,9}s?\b", lambda m: abbrevs.get(normalize(m[0]), m[0]), name)


def _link_expanded(name: str, relation: Relation | None, lexicon: Lexicon, abbrevs: dict[str, str],
                   **options: tuple[str, ...] | None) -> Link | None:
    """The name linked as written, or with the article's abbreviations written out when
    that links better ("SLE"; but "EMG abnormality" is an HPO label as it stands)."""
    link = link_name(name, relation, lexicon, **options)
    expanded = _expand(name, abbrevs)
    if expanded != name and (link is None or link.confidence < 0.9):
        other = link_name(expanded, relation, lexicon, **options)
        if other and (link is None or other.confidence > link.confidence):
            return other
    return link


def _link_finding(finding: Finding, lexicon: Lexicon, abbrevs: dict[str, str],
                  condition_ids: frozenset[str]) -> Finding:
    """The finding with ids; a part of its name that is the main condition itself ("treatment
    to close the PDA") does not stand for the finding."""
    if finding.ids:  # curated: keep the ids, add the label and cross-references they lack
        extra = [r for r in lexicon.xrefs(finding.ids[0]) if r.partition(":")[0] in FINDING_XREFS]
        return replace(finding, ids=tuple(dict.fromkeys([*finding.ids, *extra])),
                       label=finding.label or _concept_label(lexicon, finding.ids),
                       confidence=finding.confidence if finding.confidence is not None else 1.0)
    link = _link_expanded(finding.name, finding.relation, lexicon, abbrevs)
    if link is None or (link.ids[0] in condition_ids and link.confidence < 0.9):
        return finding
    return replace(finding, ids=link.ids, label=_concept_label(lexicon, link.ids), confidence=link.confidence)


def _concept_label(lexicon: Lexicon, ids: tuple[str, ...]) -> str | None:
    """The label of the id the concept's node is named after, so that a node shared by
    several relations and articles has one preferred label."""
    curie = concept_curie(ids)
    return (lexicon.label(curie) if curie else None) or lexicon.label(ids[0])


def _condition_names(record: ConditionRecord) -> list[str]:
    """The names the main condition goes by: its name, synonyms, and the parts of the page
    title ("Parasites - African Trypanosomiasis (also known as Sleeping Sickness) | CDC")."""
    names = [record.name, *record.synonyms]
    if record.page.title:
        names += [part.strip() for part in _TITLE_PARTS.split(record.page.title) if part and part.strip()]
    return list(dict.fromkeys(n for n in names if n))


def _link_condition(record: ConditionRecord, lexicon: Lexicon, abbrevs: dict[str, str]) -> ConditionRecord:
    """The main condition's ids: its DO, HPO, MeSH and ICD-10-CM ids and all their xrefs.

    The first of its names that links to a disease or phenotype wins; a name that links
    only to something else ("Parasites" -> MeSH's organisms) is the last resort."""
    found = (_link_expanded(name, None, lexicon, abbrevs, xrefs=None) for name in _condition_names(record))
    links = [link for link in found if link and link.confidence >= 0.5]
    if not links:
        return record
    link = next((k for k in links if any(i.partition(":")[0] in DISEASE_PREFIXES for i in k.ids)), links[0])
    ids = list(link.ids)
    if not any(i.startswith("ICD10CM:") for i in ids):
        ids += [i for other in ids[1:] for i in lexicon.xrefs(other) if i.startswith("ICD10CM:")][:2]
    merged = tuple(dict.fromkeys([*record.ids, *ids]))
    confidence = record.confidence if record.ids and record.confidence is not None else link.confidence
    return replace(record, ids=merged, confidence=confidence)


def link_record(record: ConditionRecord, lexicon: Lexicon | None = None) -> ConditionRecord:
    """A copy of ``record`` whose condition and findings carry ontology ids.

    Ids already on the record (curated) are kept first; a finding the lexicon does not
    know stays without ids.

    >>> from medkg.model import Finding, Relation
    >>> rec = link_record(ConditionRecord("x", "Neutropenia",
    ...                   findings=(Finding(Relation.SYMPTOM, "fever"),)))
    >>> rec.ids[:2], rec.findings[0].ids[0], rec.findings[0].label
    (('DOID:1227', 'HP:0001875'), 'HP:0001945', 'Fever')
    """
    lexicon = lexicon or load_lexicon()
    texts = [e.quote for f in record.findings for e in f.evidence]
    abbrevs = abbreviations([record.definition or "", *record.synonyms, *texts])
    record = _link_condition(record, lexicon, abbrevs)
    condition_ids = frozenset(record.ids)
    return replace(record, findings=tuple(_link_finding(f, lexicon, abbrevs, condition_ids) for f in record.findings))
