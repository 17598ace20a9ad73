"""Named things with a definition: the items of a list of terms, and terms a sentence defines.

Found by the shape of the text: list items such as `Term: definition` or
`De X-vorm, waarbij ...`, and sentences such as `Een X houdt in, dat ...`. A concept
points at the unit (knowledge/units.py) that defines it.
"""
import re
from dataclasses import dataclass, field
from typing import List, Optional

from .lemmas import STOPWORDS, tokens
from .parse import Passage
from .text import split_sentences

_COLON_TERM = re.compile(r"^(?P<term>[^:]{2,70}?)\s*:\s+(?P<rest>.+)$", re.S)
_LEADING_TERM = re.compile(
    r"^(?:(?:de|het|een)\s+)?(?P<term>[^,;:]{3,50}?)(?:,\s*|\s+)"
    r"(?P<rest>(?:waarbij|waarin|gericht op|is|betreft|houdt in|betekent|bestaat uit)\b.+)$", re.I | re.S)
_DEFINING_SENTENCE = re.compile(
    r"^(?:(?:een|de|het)\s+)?(?P<term>[\w'\-]+(?:\s+[\w'\-]+){0,3}?)\s*,?\s+"
    r"(?P<verb>houdt in|betekent|is een(?! van)|is het)\b,?\s*(?P<rest>.+)$", re.I | re.S)
# A sentence that describes something and then names it in brackets: '... dat vrijwilligers het werk van betaalde
# krachten overnemen (verdringing).' The name is one to three lower-case words, not a number or an aside.
_NAMED_AT_END = re.compile(r"\((?:(?:de|het|een)\s+)?['\u2018\"]?(?P<term>[a-z\u00e0-\u00ff][\w'\-]+"
                           r"(?:\s+[a-z\u00e0-\u00ff][\w'\-]+){0,2})['\u2019\"]?\)\s*[.;!]?\s*$")
_ASIDE = {"bijvoorbeeld", "bv", "zie", "etc", "enz", "ca", "circa", "red", "noot", "eng", "engels", "lat", "latijn"}
_NEGATION = re.compile(r"(?:niet|geen|nooit)\b", re.I)
# 'het' as the subject after an opening adverb: 'is het een van ...', 'is het verstandig om ...' (an adjective;
# 'Een convenant is het middel om ...' does define).
_IMPERSONAL = re.compile(r"(?:een van\b|\w+(?:ig|lijk|baar|zaam|isch|ief|eel|aal)\s+(?:om|dat|te|of)\b)", re.I)
_EXAMPLE = re.compile(r"\s*Voorbeeld(?:en)?\s*:\s*(?P<example>[^.]+\.?)", re.I)
_ALIAS_PARENS = re.compile(r"\s*\((?P<alias>[^)]{2,60})\)\s*")
# A name does not start with a pronoun or a preposition: 'Voor het bedrijf: ...' says for whom, it names nothing.
_NOT_A_NAME_START = {"dit", "dat", "deze", "die", "het", "er", "zij", "ze", "hij", "wij", "we", "u", "men", "voor",
                     "bij", "in", "met", "door", "over", "op", "aan", "naar", "van", "uit", "tot", "om", "als"}


@dataclass
class Concept:
    name: str
    definition: str
    example: Optional[str] = None
    aliases: List[str] = field(default_factory=list)
    unit: int = 0             # position of the defining unit in its passage


def _clean_name(term: str) -> str:
    term = term.strip(" '\"")
    return term[:1].upper() + term[1:]


def _split_example(definition: str):
    m = _EXAMPLE.search(definition)
    if not m:
        return definition.strip(), None
    example = m.group("example").strip().rstrip(".")
    return (definition[: m.start()] + definition[m.end():]).strip(), example


def _plausible_term(term: str) -> bool:
    words = term.split()
    if not words or len(words) > 8 or re.search(r"\d", term):
        return False
    return tokens(words[0])[:1] != [] and tokens(words[0])[0] not in _NOT_A_NAME_START


def item_concept(text: str) -> Optional[Concept]:
    """A concept from one list item, or None when the item is not `name + definition`."""
    m = _COLON_TERM.match(text)
    definition = m.group("rest") if m else text  # 'De X-vorm, waarbij ...' reads best whole
    if not m:
        m = _LEADING_TERM.match(text)
        if m and len(m.group("term").split()) > 5:
            m = None
    if not m or not _plausible_term(m.group("term")):
        return None
    term = m.group("term")
    aliases = []
    alias = _ALIAS_PARENS.search(term)
    if alias:
        aliases.append(alias.group("alias").strip())
        term = _ALIAS_PARENS.sub(" ", term).strip()
    if " en/of " in term:
        aliases.extend(p.strip() for p in term.split(" en/of "))
    definition, example = _split_example(definition.rstrip(";"))
    return Concept(_clean_name(term), definition.rstrip(";").strip(), example, aliases)


def sentence_concept(sentence: str, position: int = 0) -> Optional[Concept]:
    """A concept from a defining sentence such as `Een X houdt in, dat ...`, or one that names what it describes
    in brackets at its end (`... overnemen (verdringing).`)."""
    named = _NAMED_AT_END.search(sentence)
    if named and not any(t in STOPWORDS or t in _ASIDE for t in tokens(named.group("term"))) and \
            len(tokens(sentence[:named.start()])) >= 5:
        return Concept(_clean_name(named.group("term")), sentence.strip(), unit=position)
    m = _DEFINING_SENTENCE.match(sentence)
    if not m or not _plausible_term(m.group("term")) or _NEGATION.match(m.group("rest")):
        return None   # ('Gratis betekent niet vrijblijvend', 'Juridisch is het geen contract' define nothing)
    if m.group("verb").lower() == "is het" and _IMPERSONAL.match(m.group("rest")):
        return None   # 'Verder is het verstandig om ...', 'Tegelijk is het een van ...': 'het' is the subject
    term = m.group("term")
    if any(t in STOPWORDS for t in tokens(term)):
        return None
    return Concept(_clean_name(term), sentence.strip(), unit=position)


def passage_concepts(passage: Passage) -> List[Concept]:
    """Every concept a passage defines, with the position of its unit (see knowledge/units.py)."""
    found = []
    if passage.kind == "list":
        first_item = 1 if passage.intro else 0
        concepts = [item_concept(item.text) for item in passage.items]
        # A list is a list of concepts only when most of its items are.
        if sum(c is not None for c in concepts) * 2 > len(concepts):
            for i, c in enumerate(concepts):
                if c:
                    c.unit = first_item + i
                    found.append(c)
    else:
        for i, sentence in enumerate(split_sentences(passage.text)):
            c = sentence_concept(sentence, i)
            if c:
                found.append(c)
    return found
