"""Topic labels for passages, from the taxonomy's words and phrasings over the heading and the text.

The rules look at lemmas and phrasings, never at a particular factsheet, so a new factsheet
gets labels too. A passage may carry several labels.
"""
import re
from typing import List

from .lemmas import compound_parts, lemma, tokens
from .parse import is_related_heading
from .taxonomy import COUNT_PATTERN, NOT_COUNTED, TOPICS


def lemmas_of(text: str) -> set:
    out = set()
    for tok in tokens(text):
        out.add(lemma(tok))
        out.update(compound_parts(tok))
    return out


def topic_labels(heading: str, text: str) -> List[str]:
    """Topic labels for one passage, in taxonomy order. Teasers for other articles have none: they are about
    those articles, not a topic of this page."""
    if is_related_heading(heading):
        return []
    heading_lemmas = lemmas_of(heading)
    text_lemmas = lemmas_of(text)
    labels = []
    for topic in TOPICS:
        named = topic.synonyms & heading_lemmas or (topic.text_synonyms and topic.synonyms & text_lemmas)
        phrased = topic.pattern and re.search(topic.pattern, text, re.I)
        counted = topic.key == "cijfers" and COUNT_PATTERN.search(NOT_COUNTED.sub(" ", text))
        if named or phrased or counted:
            labels.append(topic.key)
    return labels
