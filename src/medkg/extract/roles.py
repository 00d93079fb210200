"""Section roles: what a stretch of an article is about, from its heading or its cue phrases.

Headings come in many forms ("Causes", "What causes X?", "Signs & Symptoms", "How is X
diagnosed?", "Treatment options", "Who is at risk?"); where a page lost its headings, the
sentences carry cues ("may be caused by", "Risk of X is higher with", "The doctor will ask",
"Treatment may involve", "cannot be prevented"). Roles are :class:`~medkg.model.Relation`
values, or ``overview``, ``subtypes``, ``references``, ``other`` for sections that hold no
findings of the condition.
"""

from __future__ import annotations

import re

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

#: sentence cues that open or continue a section whose heading was lost
_CUE_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((role, re.compile(p, _I)) for role, p in (
    ("references", r"^references:?$"),
    ("complication", r"\bcomplications?\b"),
    ("subtypes", r"\b(?:\d+|two|three|four|five|several|many|different|major|main) (?:\w+ )?(?:types|forms|kinds)\b"),
    ("prevention", r"\b(?:be|been) prevented\b|\bprevention\b|\bpreventive\b|\bprophyla\w*|"
                   r"\b(?:ways?|how|best way) to prevent\b|"
                   r"\b(?:help|helps) prevent\b|\bto (?:help )?(?:stop|avoid)\b|\bcoming back\b|"
                   r"\bprevent (?:it|this|infection|recurren\w*|future|further)\b|"
                   r"\bavoid\w* (?:getting|infection|exposure)|\bto prevent\b|"
                   r"\b(?:reduce|lower|decrease|cut) (?:the|your) (?:chance|risk)\b"),
    ("risk_factor", r"\brisk (?:of|for) .{0,60}\b(?:is|are) (?:higher|greater|increased)|\brisk factors?\b|"
                    r"\b(?:higher|greater|increased) risk\b|\bmore (?:common|likely) (?:in|among|if|when)\b|"
                    r"\bat risk\b|\b(?:raise|raises|increase|increases) (?:the|your|a person's) (?:risk|chance)"),
    ("test", r"\bdiagnos\w*|\bthe (?:doctor|provider|health care provider)s? will (?:ask|examine|check|do|order)\b|"
             r"\b(?:physical )?exam(?:ination)? will be done\b|\btests? (?:may|can|will) (?:be|show|help|include)\b"),
    ("cause", r"\bcaused by\b|\bcauses? of\b|\bresults? from\b|\bdue to\b|\bwhat causes\b"),
    ("treatment", r"\btreat(?:ment|ments|ed|ing)?\b|\btherapy\b|\bmanagement\b|\bmedications?\b|\bmedicines?\b|"
                  r"\bgets? better\b|\bon (?:their|its) own\b|\bself-care\b|\bhome (?:care|remedies)\b|"
                  r"\b(?:plenty|lots) of (?:rest|fluids|water)\b"),
    ("symptom", r"\b(?:signs? and )?symptoms? (?:of|include|includes|may|can|are|vary|usually|often)\b|"
                r"\bsigns and symptoms\b|\b(?:this|it|these) (?:may|can|will|might) cause\b|"
                r"\b(?:have|has|experience|develop|cause|causes) (?:\w+ )?(?:symptoms|signs)\b|\bfeatures\b"),
))


def heading_role(heading: str) -> str | None:
    """The role a heading names, or None when it names none.

    >>> heading_role("What causes Neutropenia?"), heading_role("Signs & Symptoms")
    ('cause', 'symptom')
    >>> heading_role("How is it diagnosed?"), heading_role("Who is at risk?"), heading_role("Treatment options")
    ('test', 'risk_factor', 'treatment')
    """
    return next((role for role, pat in _HEADING_ROLES if pat.search(heading)), None)


def cue_role(sentence: str) -> str | None:
    """The role a sentence's cue phrase signals, or None.

    >>> cue_role("Acquired neutropenia may be caused by:"), cue_role("Risk of neutropenia is higher with:")
    ('cause', 'risk_factor')
    >>> cue_role("Treatment may involve:"), cue_role("There are 2 types of neutropenia:")
    ('treatment', 'subtypes')
    """
    return next((role for role, pat in _CUE_ROLES if pat.search(sentence)), None)
