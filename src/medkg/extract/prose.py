"""Findings stated in running prose: enumerations after or before a cue phrase.

Each pattern names a relation and where its findings stand: after the cue (``items``:
"symptoms may include A, B, and C") or before it (``subject``: "A and B can cause X").
Patterns whose subject or object must be the article's condition say so (``about``), so
facts the text states of another condition are not given to this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medkg.model import Relation

_I = re.IGNORECASE
_MODAL = r"(?:(?:may|can|could|might|will|would|often|usually|also|sometimes|typically|commonly|generally|mainly|" \
         r"mostly|most often|frequently|rarely|occasionally|thought to|believed to|be|been)\s+)*"
_REPORTED = r"(?:.*\b(?:suggests?|shows?|believe|believes|think|thinks|thought|found|indicates?)\s+that\s+)?"
PEOPLE = r"(?:people|persons?|children|kids|adults|individuals|patients|babies|infants|newborns|men|women|" \
          r"males|females|those|someone|anyone|a person|a child|a baby|affected \w+|most \w+|many \w+|some \w+)"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A cue pattern; ``about`` names the group that must refer to the condition, if any."""

    relation: Relation | None  # None: the relation the section's role names
    regex: re.Pattern[str]
    about: str | None = None
    roles: tuple[str | None, ...] | None = None  # section roles it applies in; None: anywhere
    exact: bool = False  # ``about`` must be the condition itself, not a phrase naming it
    name: str | None = None  # the finding's name when the cue itself names it ("runs in families")
    needs: tuple[str, ...] = ()  # words one of which the sentence must hold (lower case): a cheap test first

    def may_match(self, low: str) -> bool:
        """False when the lower-cased sentence lacks every word the pattern needs, so the regex cannot match."""
        return not self.needs or any(n in low for n in self.needs)


def _p(relation: Relation | None, pattern: str, about: str | None = None, roles: tuple[str | None, ...] | None = None,
       exact: bool = False, name: str | None = None, needs: tuple[str, ...] = ()) -> Pattern:
    return Pattern(relation, re.compile(pattern, _I), about, roles, exact, name, needs)


R = Relation
_IN_RELATION = ("cause", "risk_factor", "symptom", "test", "treatment", "prevention", "complication")
#: a person who takes or gets what the sentence names: "Adults over 50 can get <the vaccine> to ..."
_TAKER = rf"(?:(?:{PEOPLE}|you|we)\b[^,]*? {_MODAL}(?:get|take|use|receive|have|wear|eat|drink)\s+)?"
_WHOSE = r"(?:your|the|their|a person's|one's)"
_CARER = r"(?:doctor|provider|physician|health care provider|specialist|GP|nurse|pharmacist|\w+ologist|care team)"
#: verbs that open advice ("Wear soft cotton clothes"); talk, ask, call and see send the reader elsewhere
_IMPERATIVE = r"(?:Bathe|Wear|Keep|Use|Apply|Avoid|Take|Drink|Eat|Wash|Stay|Limit|Choose|Cover|Protect|Quit|Stop|" \
              r"Exercise|Moisturi[sz]e|Pat|Wipe|Rest|Cut down|Lose|Get|Try|Remove|Clean|Check your)"
#: what a treatment or a preventive step does, said of it as the subject ("A reliever inhaler opens ...",
#: "Rest can help"): a verb after a modal, or in its -s form, so a noun ("pain control") is not read as one
_ACTS = r"(?:(?:(?:may|can|could|might|will|also|often|usually|\w+ly)\s+)+(?:open|relax|reduce|ease|relieve|stop|" \
        r"lower|block|kill|control|shrink|improve|help|work|shorten|speed up|protect|strengthen|slow down)|" \
        r"(?:\w+ly\s+)?(?:opens|relaxes|reduces|eases|relieves|stops|lowers|blocks|kills|controls|shrinks|improves|" \
        r"helps|works|shortens|speeds up|protects|strengthens|slows? down|gives (?:\w+ )?relief))\b"
#: the same said of plural subjects ("H2 blockers reduce acid", "Antacids give quick relief")
_ACTS_PLURAL = r"(?:open|relax|reduce|ease|relieve|stop|lower|block|kill|control|shrink|improve|help|shorten|" \
               r"protect|strengthen|slow down|give (?:\w+ )?relief)\b"
#: words one of which a sentence needs before a treatment's action can be read in it
_ACT_WORDS = ("open", "relax", "reduc", "eas", "reliev", "stop", "lower", "block", "kill", "control", "shrink",
              "improv", "help", "work", "shorten", "speed", "protect", "strengthen", "slow", "relief")
_CARER_WORDS = ("doctor", "provider", "physician", "specialist", "gp", "nurse", "pharmacist", "olog", "care team")
#: the last clause of a sentence, where a subject stands ("Calcium keeps bones strong, and vitamin D helps")
_LAST_CLAUSE = r"^(?:.*(?:,\s*(?:and|but|while|so)|;)\s+)?"
PATTERNS: tuple[Pattern, ...] = (
    _p(R.SYMPTOM, r"\b(?:signs and symptoms|symptoms and signs|symptoms|signs|features|characteristics|"
                  rf"manifestations|findings)(?: of (?P<of>[^,;:]+?))? {_MODAL}(?:include|includes|including|"
                  r"consist of|are)\b:?\s*(?P<items>.*)", "of"),
    _p(R.SYMPTOM, r"\b(?:first|main|earliest|early|most common|common|usual|typical|classic|key) (?:signs?|symptoms?)"
                  rf"(?: of (?P<of>[^,;:]+?))? {_MODAL}(?:is|are)\s+(?P<items>.*)", "of"),
    _p(R.SYMPTOM, r"\b(?:accompanied by|along with)\s+(?P<items>.*)", None, ("symptom",)),
    _p(R.SYMPTOM, r"^(?P<subject>.+?) (?:are|is) (?:also |very |quite |fairly )?(?:common|usual|typical|frequent)\.?$",
       None, ("symptom",)),
    _p(R.SYMPTOM, rf"\b(?:{PEOPLE}|you) {_MODAL}(?:develop|have|experience|get|notice|feel|see)\s+"
                  r"(?!(?:the|a|an) [^,]*?\b(?:form|type|kind|variant)s? of\b)(?P<items>.*)", None, ("symptom",)),
    _p(R.SYMPTOM, rf"\b(?:an?|the) (?P<subject>[\w'’ -]{{3,40}}?) {_MODAL}(?:appears?|develops?|forms?|breaks? out|"
                  r"occurs?)\b",
       None, ("symptom",)),
    _p(R.SYMPTOM, r"^(?P<subj>.*?)\b(?:is|are) (?:\w+ )?characterized by\s*(?P<items>.*)", "subj"),
    _p(R.SYMPTOM, rf"\b{PEOPLE} (?P<cond>with [^,;]+?|who have [^,;]+?) {_MODAL}(?:have|has|experience|develop|"
                  r"show|feel|suffer from|notice|get)\b\s*(?P<items>.*)", "cond", ("symptom", None, "overview")),
    _p(R.CAUSE, rf"^(?P<subj>.*?)\b(?:is|are|was|were|be|been) {_MODAL}(?:caused|triggered) by\s*(?P<items>.*)",
       "subj"),
    _p(R.CAUSE, r"^(?P<subj>.*?)\b(?:is|are) (?:a|an) [^,.;]{0,40}?\b(?:caused|spread|transmitted) by\s*(?P<items>.*)",
       "subj"),
    _p(R.CAUSE, rf"\b{PEOPLE} {_MODAL}(?:get|catch|contract|acquire) (?P<obj>[^,]+?) (?:through|from|by|via)\s+"
                r"(?P<items>.*)", "obj"),
    _p(R.CAUSE, r"\b(?:the )?(?:most common|main|usual|commonest|leading|underlying|primary) causes? "
                r"(?:of (?P<of>[^,]+?) )?(?:is|are)\s+(?P<items>.*)", "of"),
    _p(R.CAUSE, rf"^(?P<subj>.*?)\b(?:happens?|occurs?|develops?|starts?) {_MODAL}when\s+(?P<items>.+?)\s+{_MODAL}"
                r"(?:gets?|enters?|spreads?|travels?|reach(?:es)?|builds? up|is|are|does|do|become|becomes|grows?|"
                r"multipl(?:y|ies)|attacks?|forms?|damages?|infects?)\b", "subj"),
    _p(R.CAUSE, rf"^(?P<subject>.+?) {_MODAL}(?:plays?|have|has) (?:a|an|some) (?:\w+ )?(?:part|role)\b",
       needs=("part", "role")),
    _p(R.CAUSE, rf"^(?P<subj>.*?)\b(?:is|are) {_MODAL}(?:transmitted|spread|passed|carried|acquired|contracted|"
                r"caught)(?: to (?:humans|people))? (?:by|through|via)\s*(?P<items>.*)", "subj"),
    _p(R.CAUSE, r"\b(?:become|becomes|get|gets|are|is) infected (?:by|through|from|after)\s+(?P<items>.*)"),
    _p(R.CAUSE, rf"^{_REPORTED}(?P<subject>.+?) {_MODAL}(?:be|is|are) (?:a|an|the|one) (?:\w+ )?(?:factor|cause)\b",
       needs=("factor", "cause")),
    _p(R.CAUSE, r"\bcauses? of (?P<of>.+?) (?:include|includes|are|is)\b:?\s*(?P<items>.*)", "of"),
    _p(R.CAUSE, rf"^{_REPORTED}(?P<subject>.+?) {_MODAL}(?:cause|causes|lead to|leads to|trigger|triggers|"
                r"result in|results in)\b (?P<obj>.+)", "obj", ("cause", None, "overview")),
    _p(R.CAUSE, rf"^(?P<subj>.*?)\b(?:results?|resulting|arises?|develops?) {_MODAL}from\s*(?P<items>.*)", "subj"),
    _p(R.CAUSE, rf"^(?P<subj>.*?)\b(?:is|are) {_MODAL}(?:due to|attributed to)\s*(?P<items>.*)", "subj"),
    _p(R.RISK_FACTOR, r"\brisk (?:of|for) (?P<of>.+?) (?:is|are|may be) (?:higher|greater|increased)"
                      r"(?: in| with| for| if| among| when)?:?\s*(?P<items>.*)", "of"),
    _p(R.RISK_FACTOR, r"\brisk factors? (?:for (?P<of>.+?) )?(?:include|includes|are|is)\b:?\s*(?P<items>.*)", "of"),
    _p(R.RISK_FACTOR, rf"^(?:the |your )?risk (?:is|may be|can be) {_MODAL}(?:higher|greater|increased)"
                      r"(?: for| in| with| if| among)?(?: you (?:have|are|had|were))?\s*(?P<items>.*)"),
    _p(R.RISK_FACTOR, r"\b(?:things|factors|conditions|habits) that (?:can |may )?(?:raise|increase|raises|increases) "
                      r"(?:the|your|a person's) (?:chance|risk|likelihood)s?(?: of (?P<of>[^,]+?))? "
                      r"(?:include|includes|are)\b:?\s*(?P<items>.*)", "of"),
    _p(R.RISK_FACTOR, rf"\b(?:things|factors|triggers|substances) that {_MODAL}(?:make|makes) (?P<of>[^,]+?) worse "
                      r"(?:include|includes|are)\b:?\s*(?P<items>.*)", "of"),
    _p(R.RISK_FACTOR, rf"^(?P<subject>[^,]+?) {_MODAL}(?:get|develop|have) (?P<obj>[^,]+?) (?:\w+ )?more (?:often|"
                      r"commonly|frequently) than\b", "obj"),
    _p(R.RISK_FACTOR, rf"\btriggers?(?: (?:for|of) (?P<of>[^,]+?))? {_MODAL}(?:include|includes|are)\b:?\s*"
                      r"(?P<items>.*)", "of"),
    _p(R.RISK_FACTOR, rf"^(?:anyone|{PEOPLE}) (?:who|that) (?:have|has|had|are|is)\s+(?:had\s+)?(?P<items>.+?) "
                      rf"{_MODAL}(?:get|develop|have|catch)\s+(?P<obj>.+)", "obj"),
    _p(R.RISK_FACTOR, r"\b(?:runs?|tends? to run|clusters?) in (?:the )?famil(?:y|ies)\b", name="family history"),
    _p(R.RISK_FACTOR, r"\b(?:close |blood )?(?:relative|parent|family member|sibling|brother|sister|mother|father)s? "
                      r"(?:has|have|had) (?:it|this|the (?:condition|disease))\b", name="family history"),
    _p(R.RISK_FACTOR, rf"\b(?:flare-?ups?|flares?|attacks?|episodes?|outbreaks?)\b[^,.]*? {_MODAL}(?:set off|triggered|"
                      r"brought on|provoked|made worse|worsened) by\s+(?P<items>.*)"),
    _p(R.RISK_FACTOR, rf"^(?P<subj>.*?)\b(?:is|are|occurs?|happens?|develops?) {_MODAL}(?:more|twice as|"
                      r"\w+ times (?:as|more)) (?:common|commonly|likely|often|frequent|frequently)(?: to occur)? "
                      r"(?:in|among)\s*(?P<items>.*?)(?:\s+(?:than|as)\b.*)?$", "subj"),
    _p(R.RISK_FACTOR, rf"^{_REPORTED}(?P<subject>.+?)(?: (?:are|is)|'re|’re|'s|’s) (?:\w+ )?(?:more|twice as|"
                      r"\w+ times (?:as|more)) "
                      r"likely (?:than [\w ]+ )?to (?:have|develop|get|be affected by) (?P<obj>.*?)"
                      r"(?: if (?:[\w ]{0,20}?\b(?:has|have|had|are|is)\s+)?(?P<items>.*))?$", "obj"),
    _p(R.RISK_FACTOR, rf"^(?P<subject>.+?)(?: {_MODAL}(?:are|is|be)|'re|’re) {_MODAL}at (?:the )?(?:highest|high|"
                      r"higher|increased|greater|particular|special|most) risk\b(?: (?:for|of) [^,]+?)?"
                      r"(?: if (?:they|you) (?:have |are |had |were )?(?P<items>.*))?(?:[,.;]|$)"),
    _p(R.RISK_FACTOR, rf"^(?P<subject>.+?) {_MODAL}(?:make|makes) (?:symptoms|it|them|flare-?ups|attacks) worse\b"),
    _p(R.RISK_FACTOR, rf"^(?P<subject>.+?) {_MODAL}(?:increase|increases|raise|raises) (?:the|your|a person's|"
                      r"one's|their) (?:risk|chance)s? (?:of|for) (?P<obj>.+)", "obj", needs=("risk", "chance")),
    _p(R.TEST, rf"^(?P<subject>.+?) (?:is|are|may be|can be|might be|will be|were) {_MODAL}(?:used|done|performed|"
               r"needed|ordered|helpful|useful) (?:to|for|in) (?:diagnos|confirm|detect|find|check for|rule out|"
               r"identify|make the diagnosis|look for)"),
    _p(R.TEST, r"\bdiagnos\w*(?: of (?P<of>[^,]+?))? (?:is |can be |may be |are |was )?(?:made |confirmed |"
               r"suspected |established )?(?:using|with|by|through|via|from|based on|on the basis of)\s*"
               r"(?!(?:the |its )?(?:clinical |characteristic |typical )?(?:findings|features|signs)\b)(?P<items>.*)",
       "of"),
    _p(R.TEST, rf"^(?P<subject>.+?) {_MODAL}(?:(?:taken|done|used|needed|performed) )?(?:help )?(?:to )?"
               r"(?:confirms? (?:the |a )?diagnosis|rules? (?:it |this )?out)", needs=("diagnosis", "rule")),
    _p(R.TEST, rf"\b{_CARER}s? {_MODAL}(?P<items>(?:look at|feel|listen to|examine)\b.*)", None, ("test",),
       needs=_CARER_WORDS),
    _p(R.TEST, rf"\b(?:you|{PEOPLE})(?: who [^,.]*?)? {_MODAL}(?:have|need|get|undergo|be given|be sent for|"
               r"be referred for)\s+"
               r"(?!been\b|better\b|worse\b|well\b|sick\b|ill\b)"
               r"(?P<items>.*)", None, ("test",)),
    _p(R.TEST, rf"^(?P<subject>[^,]+?)(?<!\bto) {_MODAL}(?:measures?|checks? for|looks? for|detects?)\b", None,
       ("test",), needs=("measure", "check", "look", "detect")),
    _p(R.TEST, rf"\b{_CARER}s? {_MODAL}(?:tell|diagnose \w+|confirm \w+|recogni[sz]e \w+)\b[^.]*?\b(?:by|from|"
               r"based on)\s+(?P<items>.*)", needs=_CARER_WORDS),
    _p(R.TEST, rf"\b{_CARER}s? {_MODAL}(?:refer|send) (?:you|them|him|her|your child) (?:for|to have)\s+(?P<items>.*)",
       needs=_CARER_WORDS),
    _p(R.TEST, r"\b(?:tests?|studies|exams?|examinations?|procedures)(?: that| which)?(?: may| might| can)?"
               r"(?: be)?(?: used| useful| helpful)?(?: in| for| to)?(?: diagnos\w*[^,:]*?)? (?:include|includes)"
               r"\b:?\s*(?P<items>.*)"),
    _p(R.TEST, rf"\b{_CARER}s? {_MODAL}(?:do|order|perform|use|recommend|check)\b\s*(?P<items>.*)", None,
       ("test",), needs=_CARER_WORDS),
    _p(R.TREATMENT, r"\b(?:treatments?|therapy|therapies|management|options)(?: (?:of|for) (?P<of>[^,:]*?))? "
                    rf"{_MODAL}(?:include|includes|involves?|consists? of|aims? to \w+ [^,]+ through)\b:?"
                    r"\s*(?P<items>.*)", "of"),
    _p(R.TREATMENT, r"\b(?:treated|managed|controlled|relieved) (?:\w+ly )?(?:with|by|using|through)\s*(?P<items>.*)"),
    _p(R.TREATMENT, r"(?:^(?:the )?|\b(?:only|main|mainstay of|primary|standard|usual|first-line|best|most effective) )"
                    r"(?:treatment|therapy)(?: (?:for|of) (?:\w+[ -]){0,3}?\w+)? (?:is|are|remains) "
                    r"(?:usually |often |generally )?"
                    r"(?!(?:not|based|aimed|important|needed|available|given|directed|focused|most|more|less|very|"
                    r"usually|often|also|the same)\b)(?P<items>.*)"),
    _p(R.TREATMENT, rf"^(?P<subject>[^,]+?(?:,? (?:such as|like|including) [^.]+?)?) {_MODAL}(?:make|makes) "
                    r"(?:the |an? )?(?:illness|attack|symptoms?|infection|condition|it)\b[^.]*?\b(?:shorter|milder|"
                    r"less severe|better)", needs=("shorter", "milder", "less severe", "better")),
    _p(R.TREATMENT, rf"^(?P<subject>.+?) (?:is|are|may be|can be|might be|will be) {_MODAL}(?:used|given|"
                    r"prescribed|recommended|needed|helpful|effective|performed|done|utilized) (?:to|for) (?:treat|"
                    r"relieve|control|manage|reduce|lower|improve|help|remove|correct|repair|close|kill|normalize)"),
    _p(R.TREATMENT, r"\btreatment (?:with|using)\s*(?P<items>.*)"),
    _p(R.PREVENTION, rf"^(?P<subject>.+?) {_MODAL}(?:helps? )?(?:to )?(?:prevent|prevents|reduce the risk of|"
                     r"lower the risk of)\b", None, ("prevention",), needs=("prevent", "risk of")),
    _p(R.PREVENTION, rf"^{_TAKER}(?P<subject>.+?) {_MODAL}(?:helps? )?(?:to )?(?:prevent|prevents)\s+"
                     r"(?![^.]*\bfrom\b)(?P<obj>.+)", "obj", needs=("prevent",)),
    _p(R.PREVENTION, rf"\b(?:lower|reduce|decrease|cut|minimi[sz]e) {_WHOSE} (?:risk|chances?)(?: of [^,]+?)? by\s+"
                     r"(?P<items>.*)", needs=("risk", "chance")),
    _p(R.PREVENTION, rf"^to (?:help )?(?:lower|reduce|decrease|cut|minimi[sz]e) {_WHOSE} (?:risk|chances?)[^,]*,\s*"
                     r"(?P<items>.*)", needs=("risk", "chance")),
    _p(R.PREVENTION, rf"^{_TAKER}(?P<subject>.+?) {_MODAL}(?:and |helps? )?(?:to )?(?:lower|reduce|decrease|cut) "
                     rf"{_WHOSE} (?:risk|chances?)\b", needs=("risk", "chance")),
    _p(R.PREVENTION, rf"^(?P<subj>.*?)\b(?:be|is|are) {_MODAL}(?:prevented|avoided) (?:by|through|with)"
                     r"\s+(?P<items>.*)", "subj"),
    _p(R.PREVENTION, r"\b(?:prevent\w*|avoid\w*) (?P<of>.+?) (?:by|through|include|includes)\b:?\s*(?P<items>.*)",
       "of"),
    _p(R.SYMPTOM, rf"^(?P<subject>.+?) {_MODAL}(?:is|are|be) (?:the |a |an )?(?:first |main |most common |common |"
                  r"early |only |usual )?(?:symptom|sign)s?\b", needs=("symptom", "sign")),
    _p(R.SYMPTOM, rf"^(?P<subj>.+?) {_MODAL}(?:causes?|leads? to|results? in|produces?)\b\s*(?P<items>.*)", "subj",
       ("symptom", None, "overview")),
    _p(R.SYMPTOM, r"^(?P<subj>.+?) (?:includes|include|consists of|involves)\b:?\s*(?P<items>.*)", "subj", None, True),
    _p(R.TREATMENT, r"\b(?:drugs|medications|medicines)\s*\((?P<items>[^)]+)\)"),
    _p(R.TREATMENT, r"^(?P<subject>[^,]+?),? (?:which )?(?:is|are) (?:the |a |an )?(?:recommended|preferred|main|"
                    r"first-line|standard|usual|most common|most effective) (?:drug|treatment|medication|medicine|"
                    r"therapy)"),
    _p(None, r"^(?!.*\b(?:complications?|risks?|side effects?|problems)\b.*\binclud).*?\b(?:include|includes|"
             r"including|which are)\b:?\s*(?P<items>.*)", None, _IN_RELATION),
    _p(None, r"\b(?:categories|types|classes|kinds|groups)(?: of [\w -]+?)?:\s*(?P<items>.*)", None, _IN_RELATION),
    _p(None, rf"\b{PEOPLE}\b[^,]*? {_MODAL}(?:should|need to|needs to|must|require|requires|need|needs|"
             r"benefit from)\s+(?P<items>.*)", None, ("treatment", "prevention"),
       needs=("should", "need", "must", "require", "benefit")),
    _p(None, rf"^(?P<subject>.+?) {_MODAL}(?:is|are|be) {_MODAL}(?:needed|required|recommended|given|used|"
             r"prescribed|necessary|done|performed|taken|tried)\b", None, ("treatment", "prevention", "test"),
       needs=("needed", "required", "recommended", "given", "used", "prescribed", "necessary", "done", "performed",
              "taken", "tried")),
    _p(None, rf"\b{_CARER}s? {_MODAL}(?:recommend|prescribe|suggest|give)\s+(?!that\b|you\b)(?P<items>.*)", None,
       ("treatment", "prevention"), needs=_CARER_WORDS),
    _p(R.TREATMENT, rf"\b(?:you|{PEOPLE}) {_MODAL}(?:be )?(?:offered|given|prescribed)\s+(?P<items>.*)", None,
       ("treatment",), needs=("offered", "given", "prescribed")),
    _p(R.TREATMENT, r"^(?P<subject>.+?) (?:is|are) (?:other |another |also |further )?(?:treatment )?(?:options?|"
                    r"choices?|alternatives?)\b", None, ("treatment",)),
    _p(R.PREVENTION, rf"^(?P<subject>.+?) {_MODAL}(?:reduce|prevent|lower|cut) (?:the (?:number|frequency) of )?"
                     r"(?:flare-?ups|flares|attacks|episodes|recurrences?)\b",
       needs=("flare", "attack", "episode", "recurren")),
    _p(None, r"\b(?:it is|it's) (?:important|best|helpful|a good idea|recommended|wise|useful) to\s+(?P<items>.*)",
       None, ("treatment", "prevention")),
    _p(None, rf"^(?P<items>{_IMPERATIVE}\b(?!\s+(?:is|are|was|can|may|will|should|helps?|has|and)\b).*)", None,
       ("treatment", "prevention")),
    _p(None, rf"{_LAST_CLAUSE}(?P<subject>.+?)(?<!\bto)(?<!\bthat)(?<!\bwhich)(?<!\bwho) {_ACTS}", None,
       ("treatment", "prevention"), needs=_ACT_WORDS),
    _p(None, rf"{_LAST_CLAUSE}(?P<subject>.+?[a-z]s|.+?\))(?<!\bthis)(?<!\bis)(?<!\bwas) (?:\w+ly )?{_ACTS_PLURAL}",
       None, ("treatment", "prevention"), needs=_ACT_WORDS),
)
