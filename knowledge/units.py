"""The units an answer is made of: the sentences of a paragraph, a list's intro and its items."""
from dataclasses import dataclass
from typing import List

from .parse import Passage
from .text import split_sentences


@dataclass
class Unit:
    kind: str     # "sentence", "intro" (the line that introduces a list) or "item"
    text: str


def passage_units(passage: Passage) -> List[Unit]:
    if passage.kind == "list":
        units = [Unit("intro", passage.intro)] if passage.intro else []
        return units + [Unit("item", item.text) for item in passage.items]
    return [Unit("sentence", s) for s in with_short_ones_joined(split_sentences(passage.text))]


SHORT_SENTENCE_WORDS = 3


def with_short_ones_joined(sentences: List[str]) -> List[str]:
    """A sentence of a few words says little alone: an interview's reply ('Twee dingen.', 'Nee, zeker niet.') or
    a term in bold before its explanation ('Scepsis. Consumenten ...'). It goes with the sentence after it."""
    out: List[str] = []
    pending = ""
    for sentence in sentences:
        sentence = (pending + " " + sentence).strip() if pending else sentence
        pending = ""
        if len(sentence.split()) <= SHORT_SENTENCE_WORDS:
            pending = sentence
        else:
            out.append(sentence)
    if pending:
        out.append(pending)   # the last sentence of its paragraph: nothing to go with
    return out
