"""Which language an article is written in, by its most frequent function words (offline, no model file).

medkg's extractor reads English; an article in another language yields no findings, and
saying so (with the language's name) beats a silent empty graph. Function words are the
surest cheap signal: every language's running text is about a third of them, and the lists
below barely overlap.
"""

from __future__ import annotations

import re

#: ISO 639-1 code -> (English name, frequent function words that are not English words)
_LANGUAGES: dict[str, tuple[str, frozenset[str]]] = {code: (name, frozenset(words.split())) for code, name, words in (
    ("en", "English", "the of and to in is that for it with as was on are be by this from or have an which not "
                      "you your can may when they their"),
    ("es", "Spanish", "el la los las de del que y en un una por con para es se al lo como más pero sus su le "
                      "ya o este esta son puede pueden cuando"),
    ("fr", "French", "le la les de des du et un une est en que qui dans pour pas sur au aux ce cette il elle "
                     "sont peut avec par ou vous"),
    ("de", "German", "der die das und ist nicht ein eine zu den von mit sich des auf für im dem es sie auch "
                     "als bei oder kann werden wird"),
    ("it", "Italian", "il lo la gli le di del della che e è un una per con non sono nel alla si anche come "
                      "può questo essere"),
    ("pt", "Portuguese", "o a os as de do da dos das que e é um uma em no na para com não por se mais como pode "
                         "ser são"),
    ("nl", "Dutch", "de het een en van is dat die niet te zijn op aan met voor er maar om ook als bij kan "
                    "worden wordt"),
)}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_WORDS = 20  # below this a text is too short to tell


def detect(text: str) -> tuple[str, str] | None:
    """The (code, name) of the language ``text`` is most likely in, or None if it is too short to tell.

    >>> detect("La neutropenia es una cantidad baja de neutrófilos en la sangre. Los neutrófilos son "
    ...        "un tipo de glóbulo blanco que ayuda a combatir las infecciones en el cuerpo de las personas.")
    ('es', 'Spanish')
    >>> detect("Neutropenia is a low level of neutrophils in the blood. Neutrophils are a type of white "
    ...        "blood cell. They help fight infections, and they are made in the bone marrow of the body.")
    ('en', 'English')
    """
    words = list(map(str.lower, _WORD.findall(text[:20000])))
    if len(words) < _MIN_WORDS:
        return None
    counts = {code: sum(map(vocab.__contains__, words)) for code, (_, vocab) in _LANGUAGES.items()}
    best = max(counts, key=lambda code: (counts[code], code == "en"))
    return (best, _LANGUAGES[best][0]) if counts[best] else None


def name_of(code: str) -> str:
    """The English name of a language code medkg can detect, else the code itself."""
    return _LANGUAGES.get(code.lower()[:2], (code, frozenset()))[0]
