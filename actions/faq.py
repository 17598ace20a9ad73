"""The questions a topic menu offers, derived from the knowledge base. No Rasa imports.

Nothing here is typed per factsheet: candidate questions come from what the knowledge
base holds on a topic (which audiences it addresses, which factsheets cover it, the terms
and lists it defines), and a candidate is offered only when the answerer, asked it,
gives a grounded answer that says something the topic overview does not.
"""
from itertools import combinations
from typing import Dict, List, Optional, Tuple

import numpy as np

from .answering import (LIST_KIND_BY_TOPIC, MAX_REPLY_CHARS, TOPIC_INTENTS, TOPIC_WORDS, Answer, Answerer,
                        Question, audience_score, button, is_payload, main_topic)
from .retrieval import ConceptEntry, PassageEntry

MAX_QUESTIONS = 4
MAX_BUTTONS = 8
FAQ_TITLE_CHARS = 60
MAX_PAIR_CHARS = 30  # 'Wat is het verschil tussen A en B?' must fit on a button
# How each topic is asked about; the plural names what a factsheet lists.
TOPIC_STEMS = {
    "voordelen": ("Wat zijn de voordelen", "voordelen"),
    "risico's": ("Wat zijn de risico's", "risico's"),
    "succesfactoren": ("Wat zijn de succesfactoren", "succesfactoren"),
    "samenwerkingsvormen": ("Welke vormen van samenwerking zijn er", "vormen van samenwerking"),
    "partner vinden": ("Hoe vind je een geschikte partner", "routes naar een partner"),
    "initiatieven": ("Welke initiatieven zijn er", "initiatieven"),
}
AUDIENCE_PHRASES = {"ngo": "voor ngo's", "bedrijf": "voor bedrijven"}
CONFIDENCE = 0.9  # as if the classifier were fairly sure of the topic


def faq_questions(answerer: Answerer, topic: str, limit: int = MAX_QUESTIONS) -> List[str]:
    """Up to `limit` questions about `topic` that the knowledge base answers, most specific first."""
    cache: Dict[str, List[str]] = answerer.index.cache.setdefault("faq", {})
    if topic not in cache:
        cache[topic] = _checked(answerer, topic, _candidates(answerer, topic))
    return cache[topic][:limit]


def with_faq(answerer: Answerer, question: Question, answer: Answer) -> Answer:
    """A topic chosen from the menu gets its questions as buttons, as far as the reply has room."""
    if not (is_payload(question.text) and answer.grounded and answer.topic) or question.entities.get("concept"):
        return answer
    room = MAX_REPLY_CHARS - len(answer.text) - sum(len(b["title"]) + 1 for b in answer.buttons)
    for text in faq_questions(answerer, answer.topic):
        if len(answer.buttons) >= MAX_BUTTONS or len(text) + 1 > room:
            break
        answer.buttons.append(button(text, text, limit=FAQ_TITLE_CHARS))
        room -= len(text) + 1
    return answer


def _on_topic(answerer: Answerer, topic: str) -> List[PassageEntry]:
    return [p for p in answerer.index.passages if topic in p.hit.topics]


def source_name(passage: PassageEntry) -> str:
    """How a question names a factsheet: its organisation, else the start of its title."""
    return passage.organisation or "de factsheet '%s'" % passage.hit.factsheet_title.split(":")[0].strip()


def _candidates(answerer: Answerer, topic: str) -> List[Tuple[str, Optional[str]]]:
    """(question, the factsheet that must answer it, if one must)."""
    passages = _on_topic(answerer, topic)
    stem, plural = TOPIC_STEMS.get(topic, (None, None))
    out: List[Tuple[str, Optional[str]]] = []
    if stem:
        # For whom: only when the factsheets address that audience on this topic.
        for audience, phrase in AUDIENCE_PHRASES.items():
            if any(audience_score(u.text, audience) >= 1.0 for p in passages for u in p.units):
                out.append(("%s %s?" % (stem, phrase), None))
        # Per source: when more than one factsheet covers the topic, each one's view.
        about = [p for p in passages if p.section_bag & TOPIC_WORDS.get(topic, set()) or p.hit.kind == "list"]
        sources = {p.hit.factsheet_id: source_name(p) for p in about}
        if len(sources) >= 2:
            out += [("Welke %s noemt %s?" % (plural, name), factsheet) for factsheet, name in sorted(sources.items())]
        # An example, when a passage on the topic gives one.
        if any("voorbeeld" in p.hit.topics for p in passages):
            out.append(("Heb je een voorbeeld van %s?" % plural, None))
    # The terms a topic's text defines, and the most alike pair of a list it gives.
    for concept in _concepts_on(answerer, topic):
        if concept.hit.kind == "begrip":
            out.append(("Wat is %s?" % _as_written(concept.hit.name), None))
    pair = _closest_pair(answerer, LIST_KIND_BY_TOPIC.get(topic))
    if pair:
        out.append(("Wat is het verschil tussen %s en %s?" % tuple(_as_written(c.hit.name) for c in pair), None))
    return list(dict.fromkeys(out))


def _concepts_on(answerer: Answerer, topic: str) -> List[ConceptEntry]:
    ids = {p.hit.id for p in _on_topic(answerer, topic) if main_topic(p) == topic}
    return [c for c in answerer.index.concepts if c.hit.passage_id in ids]


def _closest_pair(answerer: Answerer, kind: Optional[str]):
    """The two concepts of one list whose definitions are closest in meaning: the likeliest to be confused."""
    if not kind:
        return None
    answerer.index.ensure_vectors()
    best, best_sim = None, -1.0
    for group in answerer._kind_lists(kind):
        vectors = [_definition_vector(answerer, c) for c in group]
        for (a, va), (b, vb) in combinations(zip(group, vectors), 2):
            if va is None or vb is None or len(a.hit.name) + len(b.hit.name) > MAX_PAIR_CHARS:
                continue
            sim = float(np.dot(va, vb))
            if sim > best_sim:
                best, best_sim = (a, b), sim
    return best


def _definition_vector(answerer: Answerer, concept: ConceptEntry):
    passage = answerer.index.passage_entry(concept.hit.passage_id)
    if passage is None or passage.vectors is None:
        return None
    for i, unit in enumerate(passage.units):
        if unit.concept_groups is concept.name_groups:
            return passage.vectors[i]
    return None


def _as_written(name: str) -> str:
    """'Sponsoring' -> 'sponsoring' inside a sentence; acronyms ('NCDO') stay."""
    first = name.split()[0]
    return name if first.isupper() or len(first) > 1 and first[1].isupper() else name[0].lower() + name[1:]


def _checked(answerer: Answerer, topic: str, candidates: List[Tuple[str, Optional[str]]]) -> List[str]:
    intent = TOPIC_INTENTS.get(topic)
    overview = answerer.answer(Question("/" + (intent or ""), intent, 1.0))
    seen = {_body(overview)}
    # The overview's own question buttons ('Vormen volgens MVO Vlaanderen') already offer their answers.
    for b in overview.buttons:
        if not is_payload(b["payload"]):
            seen.add(_body(answerer.answer(Question(b["payload"], intent, CONFIDENCE))))
    kept = []
    for text, factsheet in candidates:
        answer = answerer.answer(Question(text, intent, CONFIDENCE))
        if not answer.grounded or _body(answer) in seen:
            continue
        if factsheet and _factsheet_of(answerer, answer) != factsheet:
            continue
        seen.add(_body(answer))
        kept.append(text)
    return kept


def _body(answer: Answer) -> str:
    return answer.text.split("\nBron: ")[0]


def _factsheet_of(answerer: Answerer, answer: Answer) -> Optional[str]:
    passage = answerer.index.passage_entry(answer.reference or "")
    if passage is not None:
        return passage.hit.factsheet_id
    concept = answerer.index.concept_by_id(answer.reference or "")
    return concept.hit.factsheet_id if concept else None
