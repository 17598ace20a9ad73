"""The questions a topic menu offers, derived from the knowledge base and the taxonomy. No Rasa imports.

Nothing here is typed per factsheet: candidate questions come from what the knowledge base
holds on a topic (which audiences it addresses, which factsheets cover it, the terms and lists
it defines) and from the taxonomy (how the topic is asked about, its usual follow-up
questions); a candidate is offered only when the answerer, asked it, gives a grounded answer
that says something the topic overview and the other questions do not.
"""
from itertools import combinations
from typing import Dict, List, Optional, Tuple

import numpy as np

from knowledge.query import bag_of
from knowledge.retrieval import ConceptRecord, PassageRecord
from knowledge.taxonomy import AUDIENCE_PLURAL, AUDIENCES, BY_KEY, Topic

from .answering import MAX_REPLY_CHARS, Answer, Answerer, Context, Question, is_payload, render
from .answering.compose import button

MAX_QUESTIONS = 4
FAQ_TITLE_CHARS = 60
MAX_PAIR_CHARS = 30  # 'Wat is het verschil tussen A en B?' must fit on a button
CONFIDENCE = 0.9     # as if the classifier were fairly sure of the topic


def faq_questions(answerer: Answerer, topic: str, limit: int = MAX_QUESTIONS) -> List[str]:
    """Up to `limit` questions about `topic` that the knowledge base answers, most specific first."""
    cache: Dict[str, List[str]] = answerer.index.cache.setdefault("faq", {})
    if topic not in cache:
        cache[topic] = _checked(answerer, BY_KEY[topic], _candidates(answerer, BY_KEY[topic]))
    return cache[topic][:limit]


def with_faq(answerer: Answerer, question: Question, answer: Answer) -> Answer:
    """A topic chosen from the menu gets its questions as buttons, as far as the reply has room."""
    if not (is_payload(question.text) and answer.grounded and answer.topic in BY_KEY) or answer.concept_id:
        return answer
    room = MAX_REPLY_CHARS - len(render(answer).text) - sum(len(b["title"]) + 1 for b in answer.buttons)
    for text in faq_questions(answerer, answer.topic):
        if len(text) + 1 > room:
            break
        answer.buttons.append(button(text, text, limit=FAQ_TITLE_CHARS))
        room -= len(text) + 1
    return answer


def _on_topic(answerer: Answerer, topic: Topic) -> List[PassageRecord]:
    return [p for p in answerer.index.passages if topic.key in p.topics]


def _headed(answerer: Answerer, topic: Topic) -> List[PassageRecord]:
    """Passages whose heading names the topic: what a factsheet says about it, not just mentions."""
    return [p for p in _on_topic(answerer, topic) if topic.synonyms & bag_of(p.section).full]


def source_name(passage: PassageRecord) -> str:
    """How a question names a factsheet: its organisation, else the start of its title."""
    return passage.organisation or "de factsheet '%s'" % passage.title.split(":")[0].strip()


def _candidates(answerer: Answerer, topic: Topic) -> List[Tuple[str, Optional[str]]]:
    """(question, the factsheet that must answer it, if one must)."""
    passages = _on_topic(answerer, topic)
    out: List[Tuple[str, Optional[str]]] = []
    if topic.ask:
        # For whom: only when a section on the topic says something 'voor ngo's' / 'voor bedrijven'.
        for audience, words in AUDIENCES.items():
            if any(_speaks_to(u.text, words) for p in _headed(answerer, topic) for u in p.units):
                out.append(("%s voor %s?" % (topic.ask, AUDIENCE_PLURAL[audience]), None))
        # Per source: when more than one factsheet has a section on the topic, each one's view.
        sources = {p.factsheet_id: source_name(p) for p in _headed(answerer, topic) + [
            p for p in passages if p.kind == "list"]}
        if len(sources) >= 2:
            out += [("Welke %s noemt %s?" % (topic.plural, name), factsheet)
                    for factsheet, name in sorted(sources.items())]
    out += [(question, None) for question in topic.faq]
    # The terms the topic's sections define, and the most alike pair of a list on the topic.
    headed = {p.id for p in _headed(answerer, topic)}
    for concept in answerer.index.concepts:
        if concept.unit.passage.id in headed and concept.unit.passage.kind != "list":
            out.append(("Wat is %s?" % _as_written(concept.name), None))
    pair = _closest_pair(answerer, [p for p in passages if p.kind == "list"])
    if pair:
        out.append(("Wat is het verschil tussen %s en %s?" % tuple(_as_written(c.name) for c in pair), None))
    return list(dict.fromkeys(out))


def _speaks_to(text: str, audience_words) -> bool:
    lowered = text.lower()
    return "voor " in lowered and any(("voor " + w) in lowered for w in audience_words | {"ngo's", "bedrijven"})


def _closest_pair(answerer: Answerer, lists: List[PassageRecord]) -> Optional[Tuple[ConceptRecord, ConceptRecord]]:
    """The two concepts of one list whose definitions are closest in meaning: the likeliest to be confused."""
    index = answerer.index
    best, best_sim = None, -1.0
    for passage in lists:
        concepts = [c for c in (index.concept_of(u) for u in passage.units) if c is not None]
        for a, b in combinations(concepts, 2):
            if len(a.name) + len(b.name) > MAX_PAIR_CHARS:
                continue
            sim = float(np.dot(index.unit_vectors[a.unit.row], index.unit_vectors[b.unit.row]))
            if sim > best_sim:
                best, best_sim = (a, b), sim
    return best


def _as_written(name: str) -> str:
    """'Sponsoring' -> 'sponsoring' inside a sentence; acronyms ('NCDO') stay."""
    first = name.split()[0]
    return name if first.isupper() or len(first) > 1 and first[1].isupper() else name[0].lower() + name[1:]


def _checked(answerer: Answerer, topic: Topic, candidates: List[Tuple[str, Optional[str]]]) -> List[str]:
    overview = answerer.answer(Question(topic.payload, topic.intent, 1.0))
    seen = {_body(overview)}
    kept = []
    for text, factsheet in candidates:
        answer = answerer.answer(Question(text, topic.intent, CONFIDENCE, context=Context()))
        if not answer.grounded or _body(answer) in seen:
            continue
        if factsheet and _factsheet_of(answerer, answer) != factsheet:
            continue
        seen.add(_body(answer))
        kept.append(text)
    return kept


def _body(answer: Answer) -> str:
    return "\n".join(answer.lines)


def _factsheet_of(answerer: Answerer, answer: Answer) -> Optional[str]:
    unit = answerer.index.unit_by_id.get(answer.reference or "")
    return unit.passage.factsheet_id if unit else None
