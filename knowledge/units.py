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
    return [Unit("sentence", s) for s in split_sentences(passage.text)]
