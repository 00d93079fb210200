"""Section roles: what a stretch of an article is about, from its heading.

Headings come in many forms ("Causes", "What causes X?", "Signs & Symptoms", "How is X
diagnosed?", "Treatment options", "Who is at risk?"); the role a heading names is one of the
extractor's features (where headings were lost, the classifier learns cue words instead).
Roles are :class:`~medkg.model.Relation` values, or ``overview``, ``subtypes``, ``references``,
``other`` for sections that hold no findings of the condition.
"""

from __future__ import annotations

import re
from functools import lru_cache

_I = re.IGNORECASE

#: heading patterns, tried in order; the first match names the role
_HEADING_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((role, re.compile(p, _I)) for role, p in (
    ("references", r"\b(?:references?|sources?|bibliography|citations?|further reading)\b"),
    ("other", r"\b(?:research|clinical trials?|outlook|prognosis|how common|how many|frequency|statistics|"
              r"inherit\w*|genetic counsel|support|points to remember|key points|what to do for|eating|"
              r"diet and nutrition|living with|coping|when to (?:see|call)|more information|resources)\b"),
    ("prevention", r"\bprevent\w*|\bavoid\w*|\breduce (?:the|your) risk|\bkeep\w* (?:your )?[\w ]{0,20}healthy\b|"
                   r"\bstay\w* healthy\b"),
    ("risk_factor", r"\brisk|\bwho\b[^?]*\b(?:likely|gets?|affected)\b|\bsusceptib"),
    ("complication", r"\bcomplications?\b"),
    ("symptom", r"\bsymptoms?\b|\bsigns?\b|\bfeatures\b|\bwhat does .* feel like|\bcheck if you have\b|"
                r"\bwhat (?:it|\w+) (?:looks|feels) like\b"),
    ("cause", r"\bcaus\w*|\bwhy does|\bwhy (?:it|\w+) happens\b|\bgenetic changes?\b|\betiolog|\bwhat happens\b"),
    ("test", r"\bdiagnos\w*|\btests?\b|\btesting\b|\bexams?\b|\bscreen\w*|\bdetect\w*"),
    ("treatment", r"\btreat\w*|\btherap\w*|\bmanag\w*|\bcare\b|\bmedicines?\b|\bmedications?\b|\bsurgery\b|"
                  r"\bcure\w*"),
    ("subtypes", r"\btypes\b|\bforms\b|\bkinds\b|\bclassification\b|\bstages\b"),
    ("overview", r"\bwhat (?:is|are)\b|\boverview\b|\bdefinition\b|\babout\b|\bintroduction\b|\bsummary\b"),
))

@lru_cache(maxsize=1 << 12)  # asked for every sentence under a heading (and headings recur across a corpus)
def heading_roles(heading: str) -> tuple[str, ...]:
    """Every role a heading names, in the order of precedence ("Causes and Risk Factors" names two).

    >>> heading_roles("Causes and Risk Factors")
    ('risk_factor', 'cause')
    """
    return tuple(role for role, pat in _HEADING_ROLES if pat.search(heading))


@lru_cache(maxsize=1 << 12)
def heading_role(heading: str) -> str | None:
    """The role a heading names, or None when it names none.

    >>> heading_role("What causes Neutropenia?"), heading_role("Signs & Symptoms")
    ('cause', 'symptom')
    >>> heading_role("How is it diagnosed?"), heading_role("Who is at risk?"), heading_role("Treatment options")
    ('test', 'risk_factor', 'treatment')
    """
    return next((role for role, pat in _HEADING_ROLES if pat.search(heading)), None)
