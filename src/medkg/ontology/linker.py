"""Link a condition record's names to ontology ids: the condition itself and every finding.

An id is a claim that the finding *is* that concept, so a name gets ids only for a match of
the whole name (after normalisation: plurals, word order, "X of the Y", spelling, hyphens;
"X deficiency" for "low levels of X"; a name the article gives in parentheses), or of the
name without words that only qualify it ("severe headache" is a headache; the qualifier is
kept on the finding). A match of a part that changes the meaning ("foamy urine" is not
urine) gives no id; where the part is the phrase's head, the wider concept is kept as a
broad match ("pain below the ribs" is a kind of pain), which is no identity. Acronyms
("COLD", "FMD") link only where they are written in capitals or the article defines them.

Among the ids a name maps to, the relation decides which ontology is preferred (symptoms:
HPO, then SYMP; causes and risk factors: DO, then HPO and MeSH; tests, treatments and
prevention: MeSH); ids of other ontologies under the same name and the preferred id's
cross-references follow it. The confidence says how whole and how unambiguous the match was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import permutations

from medkg.model import ConditionRecord, Finding, Relation
from medkg.ontology.lexicon import ORGAN_ADJECTIVES, Entry, Lexicon, load_lexicon, normalize, tokens
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
#: ontologies a broad match may come from, where they differ: a symptom's head noun alone is
#: an organ, a substance or a body function in MeSH ("foamy urine" is no kind of "Urine")
BROAD_PREFERENCES: dict[Relation | None, tuple[str, ...]] = {Relation.SYMPTOM: ("HP", "SYMP", "DOID")}
#: a sign or symptom is a phenotype, a symptom or a disease: ids from one of these ontologies
PHENOTYPE_RELATIONS = (Relation.SYMPTOM,)
PHENOTYPE_PREFIXES = ("HP", "SYMP", "DOID")
#: how much each kind of name (see lexicon.KINDS) is trusted
KIND_WEIGHT = {"U": 1.0, "C": 1.0, "L": 1.0, "E": 0.95, "P": 0.95, "A": 0.9, "R": 0.75}
#: cross-references a finding carries after its ids; the main condition carries them all
FINDING_XREFS = ("UMLS", "SNOMEDCT", "ICD10CM", "MESH", "HP", "DOID")
MAX_SPAN = 6
#: words too general to stand for a phrase by themselves, even as a broad match
#: (normalised: "disorder", "problem" and "condition" read as "disease")
GENERIC = frozenset({
    "disease", "syndrome", "procedure", "method", "technique", "approach", "option", "way", "level", "low",
    "high", "test", "treatment", "therapy", "medicine", "medication", "drug", "change", "body", "type", "part",
    "sign", "symptom", "factor", "history", "increase", "decrease", "loss", "amount", "use", "care", "time",
    "health", "person", "news", "thing", "problem", "issue", "people", "area", "case", "number",
})
#: words that say how much, how often or how long, not what: "severe headache" is a headache
_QUALIFIERS = frozenset({
    "severe", "mild", "moderate", "extreme", "extremely", "intense", "serious", "sudden", "suddenly",
    "frequent", "persistent", "constant", "continuous", "recurrent", "recurring", "repeated", "occasional",
    "intermittent", "ongoing", "prolonged", "long-lasting", "long-term", "lasting", "unexplained", "possible",
    "slight", "general", "overall", "new", "noticeable", "significant", "marked", "bad", "worsening",
    "progressive", "gradual", "mild-to-moderate",
})
#: trailing words that say when, for whom or how often, not what
_QUALIFYING_TAIL = re.compile(
    r"(?:,?\s+|,\s*)(?:(?:especially|particularly|mainly|mostly|often|usually|sometimes|even|typically|"
    r"commonly|frequently|occasionally)\b.*|(?:at night|at rest|in the (?:morning|evening|night)|at times|"
    r"over time|from time to time)\b.*|(?:that|which) (?:comes? and goes?|lasts?|persists?|does not go away|"
    r"doesn't go away|won't go away|gets? worse)\b.*|for (?:more than|at least|over|several|many|a few|weeks|"
    r"days|months|years|a long time)\b.*|in (?:adults|children|infants|babies|women|men|girls|boys|teens|teenagers|"
    r"adolescents|toddlers|newborns|the elderly|older (?:adults|people|children)|young (?:adults|people|children))"
    r"\b.*)$", re.IGNORECASE)
#: for a treatment, a drug's form or route says how it is given, not what it is
_FORMS = re.compile(r"^(.+?)\s+(?:injections?|shots?|pills?|tablets?|capsules?|supplements?|medications?|"
                    r"medicines?|drugs?|infusions?|creams?|ointments?|drops|therapy|treatment)$", re.IGNORECASE)
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
#: a change in a named gene is a finding about that gene: never the one "Mutation" node
MUTATION = "MESH:D009154"
_GENE_SYMBOL = re.compile(r"(?:^|\s)(?:the\s+)?([A-Za-z][A-Za-z0-9-]{1,11})(?:\s+genes?\b|\s+(?:gene\s+)?"
                          r"(?:changes?|mutations?|variants?)$)", re.IGNORECASE)
#: a risk that runs in families, said of people: "a close relative of someone with X"
_KINSHIP = re.compile(r"^(?:having |has |have )?(?:an? |one or more )?(?:close |first-degree |blood )?"
                      r"(?:relatives?|family members?|parents?|siblings?|brothers?|sisters?|mothers?|fathers?|"
                      r"twins?)\s+(?:(?!who\b)[\w-]+\s+){0,3}?(?:with|who (?:has|have|had)|affected by)\b",
                      re.IGNORECASE)
#: "a family history of X" says what "a relative with X" says: a family history, not X
_FAMILY_HISTORY = re.compile(r"^(?:an?\s+|having\s+(?:an?\s+)?)?(?:positive\s+|strong\s+)?family\s+histor(?:y|ies)\s+"
                             r"(?:of|with)\s", re.IGNORECASE)
#: a level's direction names the phenotype: "high blood sugar level" is high blood sugar
_DIRECTIONS = frozenset({"high", "low", "elevated", "raised", "increased", "decreased", "reduced"})
#: words for a drug in consumer text, where the terminologies say "drug" ("over-the-counter medications")
_DRUG_WORDS = frozenset({"medication", "medicine"})
_COORDINATION = re.compile(r"\s+(?:or|and|and/or)\s+|\s*[,;/]\s*", re.IGNORECASE)
#: a name that starts with a verb states an act or a purpose ("avoiding smoking", "treat
#: infections"): it is not the thing it acts on, so only the whole name may link
_ACTION = re.compile(r"^(?:to\s+)?(?:treat|prevent|help|boost|avoid|reduce|control|manage|relieve|lower|raise|"
                     r"increase|improve|stop|quit|limit|keep|make|get|ease|take|eat|drink|use|wash|wear|check|"
                     r"measure|talk|ask|see|tell|visit|call|do|have|give|cook|boil|filter|breathe|breath|"
                     r"inhale|swim|stay|follow|protect|restore|remove|replace|repair|cut|drain|inspect|promote|"
                     r"monitor|test|find|detect|look|lose|gain|exercise|maintain|cover|clean|wait|inherit|"
                     r"carry|pass|feel)(?:s|es|ed|ing)?\b", re.IGNORECASE)
#: what ends a phrase's head noun phrase: a preposition, a clause, a purpose or punctuation
_HEAD_END = re.compile(r"\s(?:of|in|on|to|for|from|with|that|which|who|caused|due|such|like|because|when|after|"
                       r"during|at|all|over|throughout|around|across|under|below|above|near|into|while|"
                       r"growing|causing|leading|making|affecting|used|given)\s|[,;:(]",
                       re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*\b")
_OF = re.compile(r"^(.+?)\s+(?:of|in|with|from)\s+(.+)$", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_PARENTHESIS = re.compile(r"^(.+?)\s*\(([^()]+)\)\s*$")
#: a parenthesis that gives an example or the usual case names no synonym: "speech deficits
#: (usually aphasia)" are not aphasia
_EXAMPLE = re.compile(r"\s*(?:usually|often|mostly|mainly|especially|particularly|typically|commonly|sometimes|"
                      r"most often|such as|e\.\s?g\.?|eg\b|for example|for instance|including|like|in particular)\b",
                      re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Link:
    """What a name links to: ids (preferred first), the preferred id's label, the
    confidence, and the normalised words that matched. ``match`` says how: ``exact`` (the
    whole name), ``head`` (the name less ``qualifier``, words that only qualify it) or
    ``broad`` (a wider concept: its ids say what the name is a kind of, not what it is).
    ``gene`` is the symbol of the gene a name is about ("mutations in the FMR1 gene")."""

    ids: tuple[str, ...]
    label: str | None
    confidence: float
    matched: str
    match: str = "exact"
    qualifier: str | None = None
    gene: str | None = None


@dataclass(slots=True)  # not frozen, though never changed: see medkg.extract.candidates.Candidate
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


def _distributed(name: str) -> list[str]:
    """A condition's name whose last words are coordinated also goes by the last of them:
    "anemia of inflammation and chronic disease" is anemia of chronic disease."""
    m = _OF.match(name)
    parts = _COORDINATION.split(m[2]) if m else []
    return [f"{m[1]} of {parts[-1]}"] if len(parts) == 2 else []


def _candidates(name: str, relation: Relation | None) -> list[tuple[list[str], float]]:
    """Wordings of the whole name to look up, best first, with their weight: the name, "X
    deficiency" for "low levels of X", a name given in parentheses ("surgery (Heller
    myotomy)"), HPO's "abnormality of X" for "X defects", "family history" for a relative who
    has a disease or a family history of it (not the disease itself), for a test named by its
    specimen, the test ("blood": a blood test), "high X" for "high X level", and "drug" for
    "medication". A name of several coordinated things is none of them."""
    text = name.strip()
    found = [(tokens(text), 1.0)]
    words = found[0][0]
    if len(words) > 2 and words[-1] == "level" and words[0] in _DIRECTIONS:
        found.append((words[:-1], 0.95))
    if _DRUG_WORDS.intersection(words):
        found.append(([("drug" if w in _DRUG_WORDS else w) for w in words], 0.95))
    if relation is Relation.TEST and 0 < len(found[0][0]) <= 2 and found[0][0][-1] not in GENERIC:
        found[:0] = [([*found[0][0], "test"], 1.0), ([*found[0][0], "measurement"], 1.0)]
    m = _PARENTHESIS.match(text)
    if m and not _HEAD_END.search(" " + m[1] + " ") and not _EXAMPLE.match(m[2]):  # "X (Y)" where Y names X
        outer, inner = (tokens(m[1]), 0.95), (tokens(m[2]), 0.9)
        found += [inner, outer] if len(inner[0]) > len(outer[0]) else [outer, inner]
    m = _DEFICIENCY.match(text)
    if m:
        found.append(([*tokens(m[1]), "deficiency"], 0.9))
    if _KINSHIP.match(text) or _FAMILY_HISTORY.match(text):
        found.append((["family", "history"], 0.9))
    m = _ABNORMALITY.match(text)
    if m:
        found.append((["abnormality", *tokens(m[1] or m[2])], 0.85))
    return found


def _unqualified(name: str, relation: Relation | None) -> list[tuple[str, str]]:
    """The name without the words that only qualify it, and those words, fewest words left
    out first: "severe headache at night" -> ("severe headache", "at night"), ("headache",
    "severe; at night"); for a treatment, "insulin injections" -> ("insulin", "injections").
    A leading word is kept while it may belong to a term ("frequent skin infections")."""
    text, dropped, found = name.strip(), [], []
    m = _QUALIFYING_TAIL.search(text)
    if m and m.start() > 0:
        text, dropped = text[:m.start()].strip(), [m[0].strip(" ,")]
    words = text.split()
    lead = 0
    while lead < len(words) - 1 and words[lead].lower().strip(",") in _QUALIFIERS | {"very", "and", "or", "a", "an"}:
        lead += 1
    if lead and dropped:
        found.append((text, dropped[0]))
    if lead:
        dropped.insert(0, " ".join(words[:lead]))
        text = " ".join(words[lead:])
    if relation in (Relation.TREATMENT, Relation.PREVENTION):
        m = _FORMS.match(text)
        if m and not _COORDINATION.search(m[1]) and "(" not in m[1]:
            dropped.append(text[len(m[1]):].strip())
            text = m[1]
    return [*found, (text, "; ".join(dropped))] if dropped and text else found


def _gene(name: str) -> str | None:
    """The symbol of the gene a name is about, as written: "changes in the SLC2A1 gene" ->
    "SLC2A1". A symbol holds a digit or capitals, so "the affected gene" names none."""
    m = _GENE_SYMBOL.search(name.strip())
    symbol = m[1] if m else ""
    return symbol.upper() if any(c.isdigit() for c in symbol) or sum(c.isupper() for c in symbol) >= 2 else None


def _is_phenotype(hit: _Hit) -> bool:
    return any(e.prefix in PHENOTYPE_PREFIXES for e in hit.entries if e.kind != "A")


def _head_words(name: str) -> list[str]:
    """The normalised words of the phrase's head noun phrase: the words before any
    preposition or clause ("blood vessels" in "abnormal blood vessels growing under the macula")."""
    return tokens(_HEAD_END.split(" " + _PARENTHETICAL.sub(" ", name) + " ", 1)[0])


def _lookup(lexicon: Lexicon, words: list[str], relation: Relation | None, caps: frozenset[str],
            prefs: tuple[str, ...] | None = None, *, any_order: bool = True) -> _Hit | None:
    """The whole of ``words`` looked up; two or three words also in any order. An acronym
    (kind A) counts only when the text wrote it in capitals (``caps``)."""
    prefs, rel = prefs or PREFERENCES[relation], relation.value if relation else "condition"
    orders = permutations(words) if any_order and 2 <= len(words) <= 3 else [words]
    for i, order in enumerate(orders):
        key = " ".join(order)
        entries = lexicon.entries(key, rel) if key else ()
        if entries and (key not in caps or key in GENERIC):
            # an acronym counts when written in capitals; a word too general to name a
            # concept ("symptoms", "disease") only when a curated or user's term says so
            entries = tuple(e for e in entries if e.kind != "A" and (key not in GENERIC or e.kind in "UC"))
        best, bridged = _best(entries, prefs), 1.0
        if best is None and entries:
            entries, bridged = _same_label(lexicon, entries, rel), 0.9
            best = _best(entries, prefs)
        if best:
            entry, weight, ties = best
            return _Hit(entry, entries, weight * bridged * (0.9 if i else 1.0) / ties ** 0.5, key)
    return None


#: ICD-10-CM's words for a code of the condition not further specified
_UNSPECIFIED = re.compile(r",?\s+(?:unspecified|not otherwise specified)$", re.IGNORECASE)


def _same_label(lexicon: Lexicon, entries: tuple[Entry, ...], relation: str) -> tuple[Entry, ...]:
    """For a name only an ontology the relation does not prefer knows ("excessive thirst", an
    ICD-10-CM name of Polydipsia), the concepts whose preferred label is that concept's label:
    the same concept in the ontologies that are preferred (HPO's Polydipsia). ICD-10-CM's code for
    a condition not further specified is the condition ("Pruritus, unspecified", an ICD name of "itch")."""
    for entry in entries:
        label = lexicon.label(entry.id) if entry.kind in "LE" else None
        label = _UNSPECIFIED.sub("", label) if label and entry.prefix == "ICD10CM" else label
        same = tuple(e for e in lexicon.entries(normalize(label), relation) if e.kind == "L") if label else ()
        if same:
            return same
    return ()


def _broad(lexicon: Lexicon, name: str, relation: Relation | None, caps: frozenset[str]) -> _Hit | None:
    """The wider concept a name is a kind of: the longest known run of words that ends the
    phrase's head noun phrase ("pain" in "sharp pain below the ribs", "vaccine" in
    "pneumonia vaccine"), never a word before the head ("urine" in "foamy urine" is the head,
    but no symptom)."""
    head = _head_words(name)
    prefs = BROAD_PREFERENCES.get(relation)
    for start in range(max(0, len(head) - MAX_SPAN), len(head)):
        span = head[start:]
        if len(span) == 1 and (span[0] in GENERIC or len(span[0]) < 3):
            return None
        hit = _lookup(lexicon, span, relation, caps, prefs, any_order=False)  # a head keeps its place
        if hit and hit.entry.prefix != "DRUGBANK":
            return replace(hit, score=hit.score * (0.5 + 0.5 * len(span) / len(head)))
    return None


def _ids_for(lexicon: Lexicon, hit: _Hit, relation: Relation | None,
             xref_prefixes: tuple[str, ...] | None) -> tuple[tuple[str, ...], float]:
    """The preferred id, the best id of each other ontology under the same name, then xrefs;
    and a factor for the confidence. A cross-reference in an ontology the relation prefers
    ("Eye Abnormalities" -> HP:0000478 for a symptom) becomes the preferred id, if the lexicon
    knows it (a MeSH supplementary concept has no label to name the node by)."""
    prefs = PREFERENCES[relation]
    refs = lexicon.xrefs(hit.entry.id)
    rank = prefs.index(hit.entry.prefix) if hit.entry.prefix in prefs else len(prefs)
    better = [r for r in refs if r.partition(":")[0] in prefs[:rank] and lexicon.has_id(r)]
    promoted = None
    if better and hit.entry.kind not in "UC":
        promoted = min(better, key=lambda r: prefs.index(r.partition(":")[0]))
    ids = [promoted, hit.entry.id] if promoted else [hit.entry.id]
    seen_prefixes = {i.partition(":")[0] for i in ids}
    for entry in sorted(hit.entries, key=lambda e: e.rank):
        if entry.prefix not in seen_prefixes and entry.prefix != "DRUGBANK" and entry.kind != "A" \
                and not (entry.kind == "R" and entry.prefix == "MESH"):
            ids.append(entry.id)
            seen_prefixes.add(entry.prefix)
    ids += [r for r in refs if xref_prefixes is None or r.partition(":")[0] in xref_prefixes]
    return tuple(dict.fromkeys(ids)), 0.95 if promoted else 1.0


def _whole(lexicon: Lexicon, name: str, relation: Relation | None, caps: frozenset[str]) -> _Hit | None:
    for words, weight in _candidates(name, relation):
        hit = _lookup(lexicon, words, relation, caps)
        if hit:
            return replace(hit, score=hit.score * weight)
    return None


def link_name(name: str, relation: Relation | None = None, lexicon: Lexicon | None = None,
              *, xrefs: tuple[str, ...] | None = FINDING_XREFS) -> Link | None:
    """Link one name as the target of ``relation`` (None: a main condition); None if unknown.

    >>> link_name("Fever", Relation.SYMPTOM).ids[:2]
    ('HP:0001945', 'SYMP:0000613')
    >>> link = link_name("severe fever", Relation.SYMPTOM)
    >>> link.ids[0], link.match, link.qualifier
    ('HP:0001945', 'head', 'severe')
    >>> link_name("foamy urine", Relation.SYMPTOM).ids[0], link_name("pain below the ribs", Relation.SYMPTOM).match
    ('HP:0031504', 'broad')
    >>> link_name("zzyzx quux", Relation.SYMPTOM) is None
    True
    """
    lexicon = lexicon or load_lexicon()
    key = ("link_name", name, relation, xrefs)  # a corpus's articles name the same things: half the calls repeat
    found = lexicon.memo.get(key, _UNSEEN)
    if found is _UNSEEN:
        if len(lexicon.memo) >= MEMO_SIZE:
            lexicon.memo.clear()
        found = lexicon.memo[key] = _link_name(name, relation, lexicon, xrefs)
    return found


#: links held in a lexicon's memo before it is emptied (each ~1 KB)
MEMO_SIZE = 1 << 16
_UNSEEN = object()


def _link_name(name: str, relation: Relation | None, lexicon: Lexicon, xrefs: tuple[str, ...] | None) -> Link | None:
    if name.strip().lower() in ORGAN_ADJECTIVES:
        return None  # "pulmonary" alone is no lung
    caps = frozenset(normalize(w) for w in _CAPITALISED.findall(name))
    match, qualifier = "exact", None
    hit = _whole(lexicon, name, relation, caps)
    if hit is None and _gene(name):
        return Link((MUTATION,), lexicon.label(MUTATION), 0.9, "gene mutation", "broad", gene=_gene(name))
    if hit is None:
        for core, dropped in _unqualified(name, relation):
            hit, match, qualifier = _whole(lexicon, core, relation, caps), "head", dropped
            if hit:
                break
        if hit and relation in (Relation.TREATMENT, Relation.PREVENTION) and _is_phenotype(hit):
            hit = None  # "glaucoma drugs" are no glaucoma: the form word named the treatment
        hit = replace(hit, score=hit.score * 0.95) if hit else None
    if hit is None and not _ACTION.match(name.strip()):
        hit, match, qualifier = _broad(lexicon, name, relation, caps), "broad", None
    if hit is None:
        return None
    if hit.entry.kind == "R" and hit.entry.prefix == "MESH":
        match = "broad"  # a MeSH heading's non-preferred concept is a narrower one it gathers
    if match == "broad":
        return Link((hit.entry.id,), lexicon.label(hit.entry.id), round(min(hit.score, 1.0), 3), hit.key, match)
    ids, factor = _ids_for(lexicon, hit, relation, xrefs)
    if relation in PHENOTYPE_RELATIONS and not any(i.partition(":")[0] in PHENOTYPE_PREFIXES for i in ids):
        return None  # a MeSH heading alone names a cell, an organ or a function, not a sign ("white blood cells")
    return Link(ids, lexicon.label(ids[0]), round(min(hit.score * factor, 1.0), 3), hit.key, match, qualifier)



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
    """The name with the abbreviations the article defines written out, in a long form too
    ("FAD" defined as "familial AD", and "AD" as "Alzheimer disease": familial Alzheimer disease)."""
    key = normalize(name)
    if key in abbrevs:
        name = abbrevs[key]
    return re.sub(r"\b[A-Z][A-Z0-9-]{1,9}s?\b", lambda m: abbrevs.get(normalize(m[0]), m[0]), name)


def _agrees(link: Link, long_form: str) -> bool:
    """Whether a concept that an abbreviation's letters name shares a content word with the
    article's own long form of it (else the letters mean something else to the lexicon)."""
    return bool(set(tokens(link.label or "")) & set(tokens(long_form)))


def link_expanded(name: str, relation: Relation | None, lexicon: Lexicon, abbrevs: dict[str, str],
                  **options: tuple[str, ...] | None) -> Link | None:
    """The name linked as written, or with the article's abbreviations written out when
    that links better ("SLE"; but "EMG abnormality" is an HPO label as it stands). A name
    that is wholly an abbreviation the article defines means what the article says, whatever
    else the lexicon knows by those letters ("CLD" defined as chronic lung disease): where the
    long form links to no concept, the letters keep theirs only if it shares a word with the
    long form ("FAD", familial AD, is no fetal akinesia sequence)."""
    link = link_name(name, relation, lexicon, **options)
    expanded = _expand(name, abbrevs)
    defined = normalize(name) in abbrevs
    if expanded != name and (defined or link is None or link.match == "broad" or link.confidence < 0.9):
        other = link_name(expanded, relation, lexicon, **options)
        if other and (link is None or (defined and other.match != "broad") or (
                (other.match != "broad", other.confidence) > (link.match != "broad", link.confidence))):
            return other
        if defined and link is not None and not _agrees(link, expanded):
            return other
    return link


#: where a clause ends: the words around a name beyond it are no part of its phrase
_CLAUSE_END = re.compile(r"[.,;:!?()\[\]{}\u2013\u2014\"]|\s(?:and|or|nor|but|and/or)\s|\s-\s", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")
#: prepositions that join a phrase's head to what follows it ("pain in the back" is back pain)
_PREPOSITIONS = frozenset({"of", "in", "on", "at", "to", "for", "from", "with", "by", "around", "near"})
#: words that open a noun phrase: "visit an emergency department" names no kind of department
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "your", "my", "his", "her", "their",
                          "its", "our", "any", "some", "each", "every", "no"})
#: words whose "to X" names what a body reacts to: "oblivious to pain" is no pain, "sensitivity to
#: light" no light, "exposure to radiation" no radiation
_REACTIONS = frozenset({
    "sensitive", "sensitivity", "hypersensitive", "hypersensitivity", "oversensitive", "insensitive", "insensitivity",
    "oblivious", "indifferent", "indifference", "intolerant", "intolerance", "allergic", "allergy", "allergies",
    "reaction", "reactions", "response", "responses", "responsive", "unresponsive", "resistant", "resistance",
    "tolerance", "tolerant", "aversion", "exposure", "exposed", "unaware",
})
#: what a thing is used against: "used to treat X", "for preventing the X", and the other member of a pair
#: after it ("to treat seizures and X"; not a comma list, which may go on past the verb's object: "drugs used
#: to treat tumors include atenolol, X")
_PURPOSE = re.compile(r"\b(?:to|for)\s+(?:treat(?:ing)?|prevent(?:ing)?|manag(?:e|ing)|reliev(?:e|ing)|eas(?:e|ing)|"
                      r"cur(?:e|ing))\s+(?:(?:the|a|an|your|their|his|her|its)\s+)?"
                      r"(?:(?:[\w'-]+\s+){1,3}(?:and|or|and/or)\s+)?$", re.IGNORECASE)
#: relations whose finding may be what a treatment is used against: a symptom a drug relieves is still a symptom
TREATED_RELATIONS = (Relation.SYMPTOM, Relation.COMPLICATION)
#: what gives the thing a name stands for its own name: "X known as Y" (Y the same concept, or a narrower one)
_NAMED_AS = re.compile(r"\s*,?\s*(?:(?:also|commonly|sometimes|often|collectively)\s+)?(?:known\s+as|called|termed|"
                       r"referred\s+to\s+as|named)\s+(?:an?\s+|the\s+)?(.+)", re.IGNORECASE | re.DOTALL)
MAX_CONTEXT_WORDS = 3
#: words a prepositional phrase after the name may run to: "paralysis on one side of the body"
MAX_PHRASE_WORDS = 6
#: the other word of a pair, up to the phrase the pair shares: "weakness [or numbness] in the face" (a list, with
#: commas, or a longer second member, "X and affects movement of the hands", may not share it)
_SHARED_PHRASE = re.compile(rf"\s+(?:or|and|and/or)\s+[\w'-]+\s+(?=(?:{'|'.join(sorted(_PREPOSITIONS))})\s)",
                            re.IGNORECASE)
#: the word before the first word of a pair, which the pair shares: "muscle [weakness and] pain"
_SHARED_MODIFIER = re.compile(r"(?:^|[\s(])([\w'-]+)\s+[\w'-]+\s+(?:and|or|and/or)\s+$", re.IGNORECASE)
CONTEXT_CHARS = 60


def _contexts(name: str, quotes: list[str]) -> Iterator[tuple[str, str]]:
    """The words before and after each occurrence of the name as whole words in the quotes,
    up to :data:`CONTEXT_CHARS` each side, no word cut in two."""
    needle = name.lower()
    for quote in quotes:
        text = quote.lower()
        start = text.find(needle)
        while start >= 0:
            end = start + len(needle)
            if (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "-")) and \
                    (end == len(text) or not text[end].isalnum()):
                before, after = quote[max(0, start - CONTEXT_CHARS):start], quote[end:end + CONTEXT_CHARS]
                if start > CONTEXT_CHARS:
                    before = before.partition(" ")[2]
                if end + CONTEXT_CHARS < len(quote):
                    after = after.rpartition(" ")[0]
                yield before, after
            start = text.find(needle, start + 1)


def _embedded(name: str, quotes: list[str], lexicon: Lexicon, link: Link) -> str | None:
    """How the name sits inside a longer term in every quote that holds it: ``head`` when the
    term only adds words before it or joins it by a preposition ("smoke" in "secondhand
    smoke", "pain" in "pain in the back": the article names a kind of it), ``modifier`` when
    it qualifies a following word ("muscle" in "muscle biopsy", "blood pressure" in "blood
    pressure-lowering medicines": the article names another thing). None when some quote
    has the name standing alone, or no quote has it. A longer term that links to the same
    concept ("skin rash" for "rash") or only adds qualifying words leaves the name alone."""
    found = None
    for before, after in _contexts(name, quotes):
        kind = _extension(before, after, name, lexicon, link)
        if kind is None:
            return None
        found = "modifier" if "modifier" in (kind, found) else kind
    return found


def _treated(name: str, quotes: list[str]) -> bool:
    """Whether every quote that holds the name says it is what something is used against
    ("medicines used to treat seizures and high blood pressure"): a cause, risk, test or
    treatment so named is that something, not the disease it treats."""
    contexts = list(_contexts(name, quotes))
    return bool(contexts) and all(_PURPOSE.search(before) for before, _ in contexts)


def _extension(before: str, after: str, name: str, lexicon: Lexicon, link: Link) -> str | None:
    """Whether the words around one occurrence of the name make a longer, different term."""
    if re.match(r"-[A-Za-z]", after):
        return "modifier"  # "pressure-lowering": the name is half of a compound word
    words = _WORD.findall(_CLAUSE_END.split(before)[-1])
    while words and words[-1].lower() in _DETERMINERS:
        words.pop()
    if len(words) >= 2 and words[-1].lower() == "to" and words[-2].lower() in _REACTIONS:
        return "modifier"  # "oblivious to pain", "exposure to smoke": the article names the reaction
    named = _NAMED_AS.match(after)
    if named:  # "skin blisters known as dermatitis herpetiformis": the article names a narrower thing
        given = _WORD.findall(_CLAUSE_END.split(named[1], 1)[0])[:MAX_SPAN]
        entries = next((found for size in range(len(given), 0, -1)
                        if (found := lexicon.entries(normalize(" ".join(given[:size]))))), ())
        if entries and not any(e.id in link.ids for e in entries):
            return "head"
    left = _WORD.findall(_CLAUSE_END.split(before)[-1])
    starts = [i for i, w in enumerate(left) if w.lower() in _DETERMINERS]
    left = left[starts[-1] + 1 if starts else 0:][-MAX_CONTEXT_WORDS:]  # a noun phrase starts after its article
    right = _WORD.findall(_CLAUSE_END.split(after, 1)[0])
    right = right[:MAX_PHRASE_WORDS if right and right[0].lower() in _PREPOSITIONS else MAX_CONTEXT_WORDS]
    for i in range(len(left) + 1):
        for j in range(len(right) + 1):
            added = left[len(left) - i:] + right[:j]
            if added and not all(w.lower() in _QUALIFIERS for w in added) and \
                    _other_term([*left[len(left) - i:], name, *right[:j]], name, lexicon, link):
                return "modifier" if j and right[0].lower() not in _PREPOSITIONS else "head"
    shared = _SHARED_PHRASE.match(after)
    if shared:  # "weakness or numbness in the face": the phrase after the last name is each one's
        phrase = _WORD.findall(_CLAUSE_END.split(after[shared.end():], 1)[0])[:MAX_PHRASE_WORDS]
        if any(_other_term([name, *phrase[:j]], name, lexicon, link) for j in range(2, len(phrase) + 1)):
            return "head"
    shared = _SHARED_MODIFIER.search(before)
    if shared and _other_term([shared[1], name], name, lexicon, link):
        return "head"  # "muscle weakness and pain": the word before the first name is each one's
    return None


def _other_term(words: list[str], name: str, lexicon: Lexicon, link: Link) -> bool:
    """Whether the words, the name among them, are a term (in any order, up to three) of
    another concept than the name's link."""
    key = tokens(" ".join(words))
    if len(key) <= len(tokens(name)) or len(key) > MAX_SPAN:
        return False
    for order in permutations(key) if len(key) <= 3 else [key]:
        entries = [e for e in lexicon.entries(" ".join(order)) if e.kind != "A"]
        if entries and not any(e.id in link.ids for e in entries):
            return True
    return False


def _link_finding(finding: Finding, lexicon: Lexicon, abbrevs: dict[str, str],
                  condition_ids: frozenset[str]) -> Finding:
    """The finding with ids; a part of its name that is the main condition itself ("treatment
    to close the PDA") does not stand for the finding."""
    if finding.ids:  # curated: keep the ids, add the label and cross-references they lack
        extra = [r for r in lexicon.xrefs(finding.ids[0]) if r.partition(":")[0] in FINDING_XREFS]
        return replace(finding, ids=tuple(dict.fromkeys([*finding.ids, *extra])),
                       label=finding.label or _concept_label(lexicon, finding.ids),
                       confidence=finding.confidence if finding.confidence is not None else 1.0)
    link = link_expanded(finding.name, finding.relation, lexicon, abbrevs)
    if link is None or (link.ids[0] in condition_ids and (link.confidence < 0.9 or link.match == "broad")):
        return finding
    quotes = [e.quote for e in finding.evidence]
    if finding.relation not in TREATED_RELATIONS and _treated(finding.name, quotes):
        return finding  # "medicines used to treat high blood pressure" are no high blood pressure
    if link.match != "broad" and link.gene is None:
        embedded = _embedded(finding.name, quotes, lexicon, link)
        if embedded == "modifier":
            return finding  # "muscle" cut from "muscle biopsy" is no muscle
        if embedded == "head":
            link = replace(link, ids=link.ids[:1], match="broad")  # "smoke" of "secondhand smoke"
    if link.match == "broad":  # a gene finding is named after its gene: one node per gene
        return replace(finding, broader=link.ids, label=link.gene)
    qualifier = "; ".join(dict.fromkeys(q for q in (link.qualifier, finding.qualifier) if q)) or None
    return replace(finding, ids=link.ids, label=_concept_label(lexicon, link.ids), confidence=link.confidence,
                   qualifier=qualifier)


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
    names += [other for name in names for other in _distributed(name)]
    return list(dict.fromkeys(n for n in names if n))


def _mention(lexicon: Lexicon, names: list[str]) -> Link | None:
    """The longest disease named inside one of the condition's names, for names that are
    titles rather than names ("Celiac Disease Defined", "Helping You Understand Asthma")."""
    best: tuple[int, Link] | None = None
    for name in names:
        caps = frozenset(normalize(w) for w in _CAPITALISED.findall(name))
        words = tokens(name)
        for size in range(min(len(words), MAX_SPAN), 0, -1):
            if best and size <= best[0]:
                break
            for start in range(len(words) - size + 1):
                span = words[start:start + size]
                hit = _lookup(lexicon, span, None, caps, any_order=False) if size > 1 or len(span[0]) > 2 else None
                if hit and hit.entry.prefix in DISEASE_PREFIXES and hit.entry.kind != "R":
                    ids, _ = _ids_for(lexicon, hit, None, None)
                    best = (size, Link(ids, lexicon.label(ids[0]), round(hit.score * 0.9, 3), hit.key))
                    break
    return best[1] if best else None


def _organism_diseases(name: str) -> list[str]:
    """Names of the disease an organism causes, for a condition named after its organism:
    "Yersinia" -> "Yersinia infection", "yersiniosis"; "Baylisascaris infection" -> "baylisascariasis"."""
    genus = re.sub(r"\s+infections?$", "", name.strip(), flags=re.IGNORECASE)
    if " " in genus or not genus.isalpha():
        return []
    stem = re.sub(r"(?:is|us|um|a|e|i)$", "", genus.lower())
    return [*(stem + end for end in ("iasis", "osis", "asis", "iosis")), f"{genus} infection"]


def _link_condition(record: ConditionRecord, lexicon: Lexicon, abbrevs: dict[str, str]) -> ConditionRecord:
    """The main condition's ids: its DO, HPO, MeSH and ICD-10-CM ids and all their xrefs.

    The first of its names that links whole to a disease or phenotype wins; then a disease
    its organism causes ("Yersinia": yersiniosis), then the longest disease named inside one
    of its names (a page title); a name that links only to something else ("Parasites" ->
    MeSH's organisms) is the last resort."""
    names = _condition_names(record)
    found = (link_expanded(name, None, lexicon, abbrevs, xrefs=None) for name in names)
    links = [link for link in found if link and link.match != "broad" and link.confidence >= 0.5]
    link = next((k for k in links if _is_disease(k)), None)
    if link is None:
        organism = (link_name(n, None, lexicon, xrefs=None) for name in names for n in _organism_diseases(name))
        link = next((k for k in organism if k and k.match == "exact"), None) or _mention(lexicon, names)
    link = link or (links[0] if links else None)
    if link is None:
        return record
    ids = list(link.ids)
    if not any(i.startswith("ICD10CM:") for i in ids):
        ids += [i for other in ids[1:] for i in lexicon.xrefs(other) if i.startswith("ICD10CM:")][:2]
    merged = tuple(dict.fromkeys([*record.ids, *ids]))
    confidence = record.confidence if record.ids and record.confidence is not None else link.confidence
    return replace(record, ids=merged, confidence=confidence)


def _is_disease(link: Link) -> bool:
    return any(i.partition(":")[0] in DISEASE_PREFIXES for i in link.ids)


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
