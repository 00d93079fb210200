"""Grade the linker by itself against gold files, independent of extraction.

Every surface of every gold item (the article's own wording of a fact) is linked alone, as
the target of the item's relation, and its ids are compared with the item's gold ids. As in a
build, the surface is linked as the article writes it (gold surfaces may be lower case: "COPD"
is an acronym, "copd" is not) and with the abbreviations the article defines. An id
in common is right, ids that share none are wrong, no ids is a miss. The main condition's
gold name and synonyms are graded the same way. A wrong id is worse than none (it tells a
search engine or a researcher something false), so the wrong-id rate is the figure to keep
low; ids given to an item whose gold says no fitting id exists are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from medkg.errors import LinkingError
from medkg.model import Relation
from medkg.ontology.lexicon import Lexicon, load_lexicon
from medkg.ontology.linker import abbreviations, link_expanded

CONDITION = "condition"


@dataclass
class Tally:
    """Outcomes of one relation's surfaces; ``spurious`` counts ids given where the gold has none."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    spurious: int = 0
    wrong_examples: list[str] = field(default_factory=list)
    missed_examples: list[str] = field(default_factory=list)

    @property
    def graded(self) -> int:
        return self.right + self.wrong + self.missed

    def rate(self, count: int) -> float:
        return count / self.graded if self.graded else 0.0


def _curie(value: str) -> str:
    prefix, _, local = str(value).strip().partition(":")
    prefix = prefix.upper().replace("MSH", "MESH").replace("HPO", "HP")
    return f"{prefix}:{local.replace('_', ':') if prefix in ('HP', 'DOID') else local}"


def _read_gold(path: Path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise LinkingError(f"{path}: cannot read the gold file ({err})") from err
    if not isinstance(data, dict):
        raise LinkingError(f"{path}: a gold file is a mapping (see GOLD.md)")
    return data


def _surfaces(gold: dict) -> Iterable[tuple[str, list[str], list[str]]]:
    """(relation or ``condition``, surfaces, gold ids) for each item of a gold file."""
    condition = gold.get("condition") or {}
    if condition.get("name"):
        yield CONDITION, [condition["name"], *(gold.get("synonyms") or [])], list(condition.get("ids") or [])
    for relation, items in (gold.get("relations") or {}).items():
        for item in items or []:
            surfaces = list(dict.fromkeys(str(s) for s in item.get("surfaces") or [item.get("label", "")] if s))
            yield relation, surfaces, list(item.get("ids") or [])


#: the article beside its gold folder, plain text first: it gives the surfaces' casing and abbreviations
ARTICLE_SUFFIXES = (".txt", ".md", ".html")


def _article_text(gold_path: Path, doc: str) -> str:
    """The text of the article a gold file grades (``GOLD_DIR/../<doc>.txt``, ...), or "" if absent."""
    for suffix in ARTICLE_SUFFIXES:
        path = gold_path.parent.parent / f"{doc}{suffix}"
        if path.is_file():
            return path.read_text("utf-8", errors="replace")
    return ""


def _as_written(surface: str, text: str) -> str:
    """The surface as the article writes it, where the article has it."""
    at = text.lower().find(surface.lower())
    return text[at:at + len(surface)] if at >= 0 and text[at:at + len(surface)].lower() == surface.lower() else surface


def grade_linking(gold_files: Iterable[Path], lexicon: Lexicon | None = None) -> dict[str, Tally]:
    """Tallies per relation (and ``condition``) over the gold files' surfaces, in file order."""
    lexicon = lexicon or load_lexicon()
    tallies: dict[str, Tally] = {}
    for path in gold_files:
        gold = _read_gold(path)
        text = _article_text(path, str(gold.get("doc") or path.name.removesuffix(".gold.yaml")))
        abbrevs = abbreviations([text])
        for relation, surfaces, gold_ids in _surfaces(gold):
            if relation != CONDITION and relation not in Relation.__members__.values():
                continue
            tally = tallies.setdefault(relation, Tally())
            wanted = {_curie(i) for i in gold_ids}
            for surface in surfaces:
                written = _as_written(surface, text)
                if relation == CONDITION:
                    link = link_expanded(written, None, lexicon, abbrevs, xrefs=None)
                else:
                    link = link_expanded(written, Relation(relation), lexicon, abbrevs)
                found = set(link.ids) if link and link.match != "broad" else set()  # a broad match is no id
                where = f"{gold.get('doc', path.stem)}: {surface!r}"
                if not wanted:
                    tally.spurious += bool(found)
                elif not found:
                    tally.missed += 1
                    tally.missed_examples.append(f"{where} gold {sorted(wanted)[:3]}")
                elif found & wanted:
                    tally.right += 1
                else:
                    tally.wrong += 1
                    tally.wrong_examples.append(f"{where} -> {link.label} {list(link.ids[:3])} "
                                                f"gold {sorted(wanted)[:3]}")
    return tallies


def total(tallies: dict[str, Tally]) -> Tally:
    """The relations' tallies summed (the main condition's apart)."""
    out = Tally()
    for relation, t in tallies.items():
        if relation != CONDITION:
            out.right, out.wrong, out.missed = out.right + t.right, out.wrong + t.wrong, out.missed + t.missed
            out.spurious += t.spurious
    return out
