"""Topic labels for passages, from rules over the heading and the text.

The rules look at lemmas and a few phrasings, never at a particular factsheet,
so a new factsheet gets labels too. A passage may carry several labels.
"""
import re
from typing import List

from .lemmas import compound_parts, lemma, tokens
from .text import fold

TOPICS = (
    "definitie", "cijfers", "samenwerkingsvormen", "voordelen", "risico's", "succesfactoren",
    "partner vinden", "voorbeeld", "initiatieven", "contact", "bronnen",
)

# Lemmas that mark a topic wherever they occur (heading or text).
_TOPIC_LEMMAS = {
    "voordelen": {"voordeel", "meerwaarde", "baat", "reden", "opleveren", "opbrengst", "winst", "pluspunt", "nut",
                  "benefit", "advantage"},
    "risico's": {"risico", "reputatieschade", "gevaar", "nadeel", "valkuil", "risk"},
    "samenwerkingsvormen": {"samenwerkingsvorm", "vorm", "sponsoring", "mecenaat", "co-branding"},
    "succesfactoren": {"succesfactor", "succes", "factor", "slagen", "succesvol"},
    "initiatieven": {"initiatief", "award", "verkiezing", "prijs", "training", "principe", "netwerk"},
    "bronnen": {"bron", "literatuur", "referentie"},
}
# Lemmas that decide a topic only in a heading.
_HEADING_LEMMAS = {
    "partner vinden": {"match", "partner", "zoeken", "vinden", "partnerkeuze"},
    "contact": {"contact", "weten", "informatie"},
    "definitie": {"definitie", "begrip", "wat"},
}
_PATTERNS = {
    "definitie": re.compile(r"\b(houdt in|betekent|verstaan (we|wij) onder|wordt gedefinieerd|"
                            r"is (een|het) (?!van\b)\w+)", re.I),
    "cijfers": re.compile(r"(\b\d{1,3}\b(?! ?(januari|februari|maart|april|mei|juni|juli|augustus|"
                          r"september|oktober|november|december))|\bhelft\b|\bprocent\b|%|\bgemiddeld\b|"
                          r"\bmeerderheid\b|\bderde\b)", re.I),
    "partner vinden": re.compile(r"(geschikte|juiste) partner|partner (te |)(vinden|zoeken)|"
                                 r"zoektocht naar|\broutes?\b", re.I),
    "voorbeeld": re.compile(r"\b(bijvoorbeeld|voorbeeld|zoals)\b|(^|\. )Zo \w+", re.I),
    "contact": re.compile(r"(www\.|https?://|\S+@\S+\.\w+|neem (dan )?contact|meer informatie)", re.I),
}
# Years, list numbers and numbers inside names are not statistics.
_NOT_COUNTED = re.compile(r"\b(19|20)\d\d\b|^\d{1,2}\. |\w-\d+", re.M)


def _not_counted(text: str) -> str:
    return _NOT_COUNTED.sub(" ", text)


def _lemmas(text: str) -> set:
    out = set()
    for tok in tokens(text):
        out.add(lemma(tok))
        out.update(compound_parts(tok))
    return out


def topic_labels(heading: str, text: str) -> List[str]:
    """Topic labels for one passage, in the fixed order of TOPICS."""
    heading_lemmas = _lemmas(heading)
    text_lemmas = _lemmas(text)
    labels = set()
    for topic, words in _TOPIC_LEMMAS.items():
        if words & heading_lemmas or words & text_lemmas:
            labels.add(topic)
    for topic, words in _HEADING_LEMMAS.items():
        if words & heading_lemmas:
            labels.add(topic)
    for topic, pattern in _PATTERNS.items():
        if pattern.search(_not_counted(text) if topic == "cijfers" else text):
            labels.add(topic)
    if "samenwerkingsvormen" in labels and not ({"samenwerkingsvorm", "sponsoring", "mecenaat"} & text_lemmas
                                                 or re.search(r"\bvorm(en)? (van|krijgen)", fold(heading + " " + text))):
        # 'vorm' alone ('vorm krijgen') is too weak without 'vormen van samenwerking'.
        labels.discard("samenwerkingsvormen")
    return [t for t in TOPICS if t in labels]
