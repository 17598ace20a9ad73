"""Decide what to answer and compose it. Pure logic over the retrieval index; no Rasa imports.

An answer is one of:
- a concept (a named form, factor, route or term) with its definition and example;
- a list (the forms after Austin, the twelve forms, the success factors, the routes),
  named briefly with a button per item;
- the best-matching sentences or list items of one section of a factsheet;
- a polite refusal without a source when nothing matches well enough.
Every grounded answer ends with exactly one line `Bron: <title> – <section>`.
"""
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from bot import encoder
from knowledge.lemmas import STOPWORDS, tokens
from knowledge.text import split_sentences, truncate

from .retrieval import ConceptEntry, Index, PassageEntry, QueryTerms

MAX_REPLY_CHARS = 1000
MAX_BODY_CHARS = 720
MIN_ANSWER_CHARS = 250
BUTTON_TITLE_CHARS = 40

TOPIC_BY_INTENT = {
    "ask_definition": "definitie",
    "ask_statistics": "cijfers",
    "ask_forms": "samenwerkingsvormen",
    "ask_benefits": "voordelen",
    "ask_risks": "risico's",
    "ask_success_factors": "succesfactoren",
    "ask_partner_search": "partner vinden",
    "ask_example": "voorbeeld",
    "ask_initiatives": "initiatieven",
    "ask_more_info": "contact",
}
TOPIC_INTENTS = {topic: intent for intent, topic in TOPIC_BY_INTENT.items()}
# The question a topic button or a bare follow-up stands for.
TOPIC_QUESTIONS = {
    "definitie": "Wat is een partnerschap tussen ngo's en bedrijven?",
    "cijfers": "Hoeveel partnerschappen zijn er?",
    "samenwerkingsvormen": "Welke vormen van samenwerking zijn er?",
    "voordelen": "Wat zijn de voordelen van samenwerking?",
    "risico's": "Wat zijn de risico's van samenwerking?",
    "succesfactoren": "Wat zijn de succesfactoren van samenwerking?",
    "partner vinden": "Hoe vind je een geschikte partner?",
    "voorbeeld": "Geef een voorbeeld van een partnerschap.",
    "initiatieven": "Welke initiatieven stimuleren partnerschappen?",
    "contact": "Waar vind ik meer informatie en met wie neem ik contact op?",
}
# Words that only name the topic; a question made of them alone is a broad question.
TOPIC_WORDS = {
    "voordelen": {"voordeel", "voordelen", "meerwaarde", "nut", "opleveren", "baat", "reden", "waarom", "benefit",
                  "advantage", "winnen", "opbrengst"},
    "risico's": {"risico", "risicos", "nadeel", "nadelen", "gevaar", "gevaren", "valkuil", "misgaan", "minpunt",
                 "risk", "risks", "mis"},
    "samenwerkingsvormen": {"vorm", "samenwerkingsvorm", "soort", "type", "form", "forms", "kind"},
    "succesfactoren": {"succesfactor", "succes", "factor", "succesvol", "slagen", "success", "successful"},
    "partner vinden": {"partner", "vinden", "zoeken", "route", "match", "find"},
    "voorbeeld": {"voorbeeld", "bijvoorbeeld", "vb", "voorbeeldje", "praktijkvoorbeeld", "example"},
    "cijfers": {"hoeveel", "cijfer", "aantal", "percentage", "many"},
    "contact": {"informatie", "info", "contact", "meer", "information"},
    "initiatieven": {"initiatief", "prijs", "prijzen", "award", "verkiezing", "wedstrijd", "netwerk", "training"},
}
GENERAL_WORDS = {"samenwerking", "samenwerken", "partnerschap", "samenwerkingsverband", "ngo", "bedrijf",
                 "organisatie", "samen", "werken", "eens", "and", "en"}
LIST_KIND_BY_TOPIC = {"samenwerkingsvormen": "samenwerkingsvorm", "succesfactoren": "succesfactor",
                      "partner vinden": "route"}
KIND_WORDS = {"samenwerkingsvorm": {"vorm", "samenwerkingsvorm", "soort", "type"},
              "succesfactor": {"factor", "succesfactor"},
              "route": {"route", "routes"}}
KIND_PLURAL = {"samenwerkingsvorm": "vormen", "succesfactor": "succesfactoren", "route": "routes"}
AUDIENCE_WORDS = {
    "ngo": {"ngo", "ngos", "vzw", "doel", "stichting", "maatschappelijke", "non-profitsector", "goede"},
    "bedrijf": {"bedrijf", "bedrijven", "onderneming", "bedrijfsleven", "company", "companies", "business",
                "consument", "werknemer", "merk", "imago"},
}
ORDINALS = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4, "4e": 4,
            "vijfde": 5, "5e": 5, "zesde": 6, "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10,
            "elfde": 11, "twaalfde": 12, "laatste": -1, "first": 1, "second": 2, "third": 3, "last": -1}
_DEFINITION_QUESTION = re.compile(
    r"^\s*(wat|wie)\s+(is|zijn|betekent|betekenen|houdt|houden|bedoel\w*|verstaat|versta\w*)\b|"
    r"^\s*(leg|vertel)\b.*\b(uit|over)\b|\bbetekenis\b|\bdefinitie\b|^\s*what\s+(is|are|does)\b", re.I)
_ENGLISH = {"what", "which", "how", "why", "who", "is", "are", "the", "a", "an", "of", "for", "with", "do", "does",
            "can", "benefits", "risks", "partner", "partnership", "company", "companies"}
_DUTCH = {"wat", "welke", "hoe", "waarom", "de", "het", "een", "van", "voor", "met", "is", "zijn", "en"}

# Thresholds, measured on the dev sample and tests/eval/*.jsonl (see README).
MIN_COVERAGE = 0.45        # share of the question's word weight a passage must contain ...
MIN_SEMANTIC = 0.50        # ... or the meaning similarity of its best unit
MIN_COVERAGE_OOS = 0.75    # stricter when the classifier thinks the question is out of scope
MIN_COVERAGE_UNSURE = 0.55  # ... or is unsure of the intent
MIN_SEMANTIC_UNSURE = 0.55
CONCEPT_SEMANTIC = 0.80    # 'What is X?' against 'Wat is <concept>?'


@dataclass
class Context:
    """What the conversation was about (from slots)."""
    topic: Optional[str] = None
    concept_id: Optional[str] = None
    audience: Optional[str] = None
    listed_concepts: List[str] = field(default_factory=list)


@dataclass
class Question:
    text: str
    intent: Optional[str] = None
    confidence: float = 1.0
    entities: Dict[str, str] = field(default_factory=dict)
    context: Context = field(default_factory=Context)


@dataclass
class Answer:
    text: str
    kind: str                      # concept | list | passage | decline | out_of_scope
    buttons: List[dict] = field(default_factory=list)
    source: Optional[str] = None   # 'title – section' when grounded
    confidence: float = 0.0
    reference: Optional[str] = None  # passage or concept id
    topic: Optional[str] = None
    concept_id: Optional[str] = None
    audience: Optional[str] = None
    listed_concepts: List[str] = field(default_factory=list)

    @property
    def grounded(self) -> bool:
        return self.source is not None


# --- helpers ------------------------------------------------------------------

def is_english(text: str) -> bool:
    toks = tokens(text)
    if not toks:
        return False
    en = sum(t in _ENGLISH for t in toks)
    nl = sum(t in _DUTCH for t in toks)
    return en >= 2 and en > nl


def is_payload(text: str) -> bool:
    return text.strip().startswith("/")


def first_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[0] if sentences else text


def button(title: str, payload: str, limit: int = BUTTON_TITLE_CHARS) -> dict:
    return {"title": truncate(title, limit), "payload": payload}


def concept_button(c: ConceptEntry) -> dict:
    name = c.hit.name.replace('"', "'")
    return button(c.hit.name, '/ask_definition{"concept": "%s"}' % name)


def detect_audience(question: Question) -> Optional[str]:
    if question.entities.get("audience") in AUDIENCE_WORDS:
        return question.entities["audience"]
    toks = set(tokens(question.text))
    found = [a for a, words in (("ngo", {"ngo", "ngo's", "ngos", "vzw", "stichting", "ngo’s"}),
                                ("bedrijf", {"bedrijf", "bedrijven", "onderneming", "ondernemingen", "company",
                                             "companies", "bedrijfsleven"})) if toks & words]
    # 'voor een ngo' names the audience; 'samenwerking met een ngo' does not.
    m = re.search(r"\bvoor\s+(een\s+|de\s+|het\s+)?(ngo|ngo's|ngos|bedrijf|bedrijven|onderneming\w*|goede? doel\w*)",
                  question.text, re.I)
    if m:
        return "ngo" if m.group(2).lower().startswith(("ngo", "goed")) else "bedrijf"
    return found[0] if len(found) == 1 and question.intent == "inform_audience" else None


def audience_score(unit_text: str, audience: Optional[str]) -> float:
    if not audience:
        return 0.0
    text = unit_text.lower()
    own = sum(w in text for w in AUDIENCE_WORDS[audience])
    other = sum(w in text for w in AUDIENCE_WORDS["bedrijf" if audience == "ngo" else "ngo"])
    said_for = 1.5 if re.search(r"\bvoor (ngo|bedrijven|bedrijf|ondernemingen)", text) and own else 0.0
    return max(-1.0, min(1.5, 0.5 * own - 0.3 * other + said_for))


def topic_from_words(text: str) -> Optional[str]:
    toks = set(tokens(text))
    for topic, words in TOPIC_WORDS.items():
        if topic not in ("contact", "cijfers", "partner vinden") and toks & words:
            return topic
    return None


def names_topic(terms: QueryTerms, topic: Optional[str]) -> bool:
    """Does the question itself use a word of its topic ('gevaren' for risico's)?"""
    return bool(topic) and any(g & TOPIC_WORDS.get(topic, set()) for g in terms.groups)


def ordinal_in(text: str) -> Optional[int]:
    for tok in tokens(text):
        if tok in ORDINALS:
            return ORDINALS[tok]
    m = re.search(r"\b(?:nummer|nr\.?)\s*(\d{1,2})\b", text, re.I)
    return int(m.group(1)) if m else None


def kind_in(terms: QueryTerms) -> Optional[str]:
    forms = terms.all_forms
    for kind, words in KIND_WORDS.items():
        if forms & words:
            return kind
    return None


# --- the answerer -------------------------------------------------------------

class Answerer:
    def __init__(self, index: Index):
        self.index = index
        self.trace: list = []  # passage scores of the last answer, for explaining a ranking

    def answer(self, q: Question) -> Answer:
        topic = TOPIC_BY_INTENT.get(q.intent or "")
        if is_english(q.text) and topic_from_words(q.text):
            # The classifier is trained on Dutch; English topic words are a better guide.
            topic = topic_from_words(q.text)
            q = Question(q.text, TOPIC_INTENTS[topic], 1.0, q.entities, q.context)
        if q.intent == "inform_audience":
            topic = q.context.topic or "voordelen"
        text = q.text
        if is_payload(text):
            text = q.entities.get("concept") or TOPIC_QUESTIONS.get(topic or "", "")
        audience = detect_audience(q) or (q.context.audience if q.intent == "inform_audience" else None)
        if q.intent == "inform_audience":
            text = "%s voor %s" % (TOPIC_QUESTIONS.get(topic, "Wat zijn de voordelen?").rstrip("?."),
                                   "ngo's" if audience == "ngo" else "bedrijven")
        terms = self.index.terms(text)
        answer = (self._ordinal_answer(q, text, terms)
                  or self._example_followup(q, text, terms, topic)
                  or self._concept_answer(q, text, terms, topic)
                  or self._list_answer(q, text, terms, topic)
                  or self._passage_answer(q, text, terms, topic, audience))
        if answer is None:
            return self.decline(q)
        answer.topic = answer.topic or topic
        answer.audience = audience
        if is_english(q.text) and answer.grounded:
            answer.text = "(I answer from Dutch factsheets.)\n" + answer.text
        return self._fit(answer)

    # Concepts ------------------------------------------------------------------
    def _concept_answer(self, q, text, terms, topic) -> Optional[Answer]:
        definitional = (bool(_DEFINITION_QUESTION.search(text)) or is_payload(q.text)
                        or q.intent in ("ask_definition", "ask_example"))
        if not definitional:
            return None
        named_all = self._named_concepts(terms)
        if len(named_all) >= 2:
            # 'Wat is het verschil tussen sponsoring en mecenaat?': both definitions.
            return self.concepts_reply(named_all[:3])
        named = q.entities.get("concept")
        entry = self.index.concept_by_name(named) if named else None
        if entry is None:
            entry, score = self._best_concept(terms)
            if entry is not None and score >= 0.99:
                # 'Wat is X bij Y en Z?' asks about more than X: leave it to the passages.
                ignorable = TOPIC_WORDS["voorbeeld"] | GENERAL_WORDS | KIND_WORDS.get(entry.hit.kind, set())
                rest = [g for g in terms.groups if not any(g & ng for ng in entry.name_groups) and not g & ignorable]
                if rest:
                    return None
            elif is_english(text):
                entry = self._semantic_concept(text)
            else:
                entry = None
        if entry is None:
            return None
        return self.concept_reply(entry, with_example=q.intent == "ask_example" or "voorbeeld" in terms.all_forms)

    def _named_concepts(self, terms: QueryTerms) -> List[ConceptEntry]:
        """Concepts whose whole name the question uses, in question order; none inside another's name."""
        full = [c for c in self.index.concepts
                if c.name_groups and all(any(g & t for t in terms.groups) for g in c.name_groups)]
        # 'Gedeelde verwachtingen en accountability' also contains no other concept; but a name that is part of
        # a longer matched name ('vorm' in 'filantropische vorm') is dropped.
        full = [c for c in full if not any(o is not c and len(o.name_groups) > len(c.name_groups)
                                           and all(any(g & og for og in o.name_groups) for g in c.name_groups)
                                           for o in full)]
        return full

    def concepts_reply(self, entries: List[ConceptEntry]) -> Answer:
        lines = ["- " + truncate(_item_text(e), 300) for e in entries]
        sources = []
        for e in entries:
            source = "%s \u2013 %s" % (e.hit.factsheet_title, e.hit.section)
            if source not in sources:
                sources.append(source)
        return Answer(text="\n".join(lines), kind="concept", source="; ".join(sources), confidence=1.0,
                      reference=entries[0].hit.id, concept_id=entries[0].hit.id,
                      buttons=[concept_button(e) for e in entries])

    def _best_concept(self, terms: QueryTerms):
        best, best_score = None, 0.0
        for c in self.index.concepts:
            if not c.name_groups:
                continue
            matched = sum(1 for g in c.name_groups if any(g & t for t in terms.groups))
            score = matched / len(c.name_groups)
            # Prefer the concept whose name is most specific (more words matched).
            if score > best_score or (score == best_score and best and len(c.name_groups) > len(best.name_groups)
                                      and score > 0):
                best, best_score = c, score
        return best, best_score

    def _semantic_concept(self, text) -> Optional[ConceptEntry]:
        if not self.index.concepts:
            return None
        qv = encoder.encode_one(text)
        sims = np.array([float(c.vector @ qv) for c in self.index.concepts])
        i = int(sims.argmax())
        return self.index.concepts[i] if sims[i] >= CONCEPT_SEMANTIC else None

    def concept_reply(self, entry: ConceptEntry, with_example: bool = True) -> Answer:
        c = entry.hit
        body = _item_text(entry)
        if not body.endswith((".", "!", "?", ")")):
            body += "."
        if c.example:
            body += " Voorbeeld: %s." % c.example
        elif with_example:
            body += self._example_sentence(entry)
        passage = self.index.passage_entry(c.passage_id)
        return Answer(text=body, kind="concept", source="%s \u2013 %s" % (c.factsheet_title, c.section),
                      confidence=1.0, reference=c.id, concept_id=c.id,
                      topic=None if passage is None else main_topic(passage))

    def _example_sentence(self, entry: ConceptEntry) -> str:
        passage = self.index.passage_entry(entry.hit.passage_id)
        if passage is None:
            return ""
        for u in passage.units:
            if re.search(r"\b(bijvoorbeeld|voorbeeld|zo)\b", u.text, re.I) and any(g & u.bag for g in entry.name_groups):
                return " " + u.text
        return ""

    def _ordinal_answer(self, q, text, terms) -> Optional[Answer]:
        n = ordinal_in(text)
        kind = kind_in(terms)
        if n is None or not (kind or (q.context.listed_concepts and len(terms.groups) <= 2)):
            return None
        listed = [self.index.concept_by_id(i) for i in q.context.listed_concepts]
        listed = [c for c in listed if c and (kind is None or c.hit.kind == kind)]
        if not listed and kind:
            lists = self._kind_lists(kind)
            listed = lists[0] if len(lists) == 1 else []
        if not listed or abs(n) > len(listed) or n == 0:
            return None
        return self.concept_reply(listed[n - 1 if n > 0 else -1])

    def _example_followup(self, q, text, terms, topic) -> Optional[Answer]:
        if q.intent != "ask_example":
            return None
        own = [g for g in terms.groups if not g & (TOPIC_WORDS["voorbeeld"] | GENERAL_WORDS)]
        if own:
            return None  # the question names what it wants an example of
        entry = self.index.concept_by_id(q.context.concept_id) if q.context.concept_id else None
        if entry is not None:
            reply = self.concept_reply(entry, with_example=True)
            if entry.hit.example or "bijvoorbeeld" in reply.text.lower() or " zo " in reply.text.lower():
                return reply
        if q.context.topic and q.context.topic in TOPIC_QUESTIONS:
            query = "voorbeeld " + TOPIC_QUESTIONS[q.context.topic]
            return self._passage_answer(q, query, self.index.terms(query), "voorbeeld", None)
        return None

    # Lists ----------------------------------------------------------------------
    def _kind_lists(self, kind: str) -> List[List[ConceptEntry]]:
        """Concepts of a kind, grouped by the list passage they come from, in order."""
        groups: Dict[str, List[ConceptEntry]] = {}
        for c in self.index.concepts:
            if c.hit.kind == kind:
                groups.setdefault(c.hit.passage_id, []).append(c)
        return [g for g in groups.values() if len(g) >= 2]

    def _list_answer(self, q, text, terms, topic) -> Optional[Answer]:
        kind = LIST_KIND_BY_TOPIC.get(topic or "")
        asked_kind = kind_in(terms)
        if asked_kind and (topic is None or topic == "definitie" or topic in LIST_KIND_BY_TOPIC):
            kind = asked_kind
        elif kind == "route" and not is_payload(q.text):
            return None  # 'hoe vind ik een partner' is answered from the text, not with the list of routes
        elif kind == "succesfactor" and not is_payload(q.text) and any(
                not g & (TOPIC_WORDS["succesfactoren"] | GENERAL_WORDS) for g in terms.groups):
            return None  # a specific question about success, not 'what are the success factors'
        elif kind and not asked_kind and topic == "samenwerkingsvormen" and any(
                not g & (TOPIC_WORDS["samenwerkingsvormen"] | GENERAL_WORDS) for g in terms.groups) \
                and self._best_concept(terms)[1] >= 0.99:
            return None  # 'welke vorm is sponsoring': the concept answers it
        if kind is None:
            return None
        lists = self._kind_lists(kind)
        if not lists:
            return None
        scored = []
        for group in lists:
            passage = self.index.passage_entry(group[0].hit.passage_id)
            scored.append((self.index.coverage(terms, passage.bag), len(group), group, passage))
        # Several lists of one kind: the one the question's words point at, else the shortest.
        scored.sort(key=lambda s: (-s[0], s[1]))
        _, _, group, passage = scored[0]
        return self.list_reply(passage, group, [(s[3], s[2]) for s in scored[1:]])

    def list_reply(self, passage: PassageEntry, group: List[ConceptEntry], others=()) -> Answer:
        intro = next((u.text for u in passage.units if u.is_intro), "")
        buttons = [concept_button(c) for c in group]
        lines = [intro] if intro else []
        if len(group) <= 5:
            lines += ["- " + truncate(first_sentence(_item_text(c)), 220) for c in group]
        else:
            lines.append("Kies er een voor meer uitleg.")
        for other_passage, other in others:
            who = other_passage.organisation or other_passage.hit.factsheet_title
            plural = KIND_PLURAL.get(other[0].hit.kind, "begrippen")
            lines.append("Ook %s beschrijft %d %s, zoals %s." % (
                who, len(other), plural, " en ".join(c.hit.name.lower() for c in other[:2])))
            # A typed question, not an intent payload: the words pick the other list.
            buttons.append(button("%s volgens %s" % (plural.capitalize(), who), "Welke %s noemt %s?" % (plural, who)))
        hit = passage.hit
        return Answer(text="\n".join(lines), kind="list", buttons=buttons,
                      source="%s \u2013 %s" % (hit.factsheet_title, hit.section), confidence=1.0,
                      reference=hit.id, listed_concepts=[c.hit.id for c in group], topic=main_topic(passage))

    # Passages -------------------------------------------------------------------
    def _passage_answer(self, q, text, terms, topic, audience) -> Optional[Answer]:
        if not terms.groups and not topic:
            return None
        qv = encoder.encode_one(text)
        ignore_broad = TOPIC_WORDS.get(topic or "", set()) | GENERAL_WORDS | (
            set().union(*AUDIENCE_WORDS.values()) if audience else set())
        broad = all(g & ignore_broad for g in terms.groups)
        topic_words = TOPIC_WORDS.get(topic or "", set())
        best = None
        for p in self.index.passages:
            sims = p.vectors @ qv if p.vectors is not None and len(p.units) else np.zeros(len(p.units))
            coverage = self.index.passage_coverage(terms, p)
            semantic = float(sims.max()) if len(sims) else 0.0
            on_topic = 1.0 if topic and topic in p.hit.topics else 0.0
            if on_topic and p.section_bag & topic_words:
                # The section is about the topic, not just mentions it; for a broad question that decides.
                on_topic = 3.0 if broad else 1.5
            aud = max((audience_score(u.text, audience) for u in p.units), default=0.0) if audience else 0.0
            if len(sims) and topic_words:
                # Meaning counts most where a sentence itself is about the topic.
                semantic = max(float(sims[i]) + (0.1 if u.bag.full & topic_words else 0.0)
                               for i, u in enumerate(p.units))
            score = 0.5 * coverage + 0.5 * semantic + 0.1 * on_topic + 0.1 * aud
            if "bronnen" in p.hit.topics and topic != "contact":
                score -= 0.3  # a reference list answers only 'which sources'
            self.trace.append((round(score, 3), round(coverage, 2), round(semantic, 2), on_topic, p.hit.id))
            if best is None or score > best[0]:
                best = (score, coverage, semantic, p, on_topic)
        if best is None:
            return None
        score, _, semantic, passage, on_topic = best
        # Whether to answer at all depends on all the words the passage holds.
        coverage = self.index.coverage(terms, passage.bag)
        if q.intent == "out_of_scope":
            if coverage < MIN_COVERAGE_OOS and semantic < 0.6:
                return None
        elif q.intent in ("nlu_fallback", None) or q.confidence < 0.5:
            # The classifier is unsure: answer only with clear evidence in the text.
            if coverage < MIN_COVERAGE_UNSURE and semantic < MIN_SEMANTIC_UNSURE:
                return None
        elif coverage < MIN_COVERAGE and semantic < MIN_SEMANTIC:
            # Weak word evidence is enough when the classifier is sure of the topic and the question
            # itself names it ('gevaren', 'prijzen'), and the passage is about that topic.
            if not (on_topic and q.confidence >= 0.8 and (broad or names_topic(terms, topic))):
                return None
        units = self._choose_units(passage, terms, qv, audience, broad, topic_words)
        body = _render_units(units)
        hit = passage.hit
        return Answer(text=body, kind="passage", source="%s \u2013 %s" % (hit.factsheet_title, hit.section),
                      confidence=round(score, 3), reference=hit.id, topic=topic or main_topic(passage))

    def _choose_units(self, passage: PassageEntry, terms, qv, audience, broad, topic_words=frozenset()):
        # Units of the whole section are candidates: a section split into passages still answers as one.
        same = [p for p in self.index.passages
                if p.hit.factsheet_id == passage.hit.factsheet_id and p.hit.section == passage.hit.section]
        candidates = []
        for p in same:
            sims = p.vectors @ qv if p.vectors is not None else np.zeros(len(p.units))
            for i, u in enumerate(p.units):
                if u.is_intro and broad:
                    continue  # an overview shows the items; their intro is added below
                lex = self.index.unit_coverage(terms, u)
                s = 0.5 * lex + 0.5 * float(sims[i]) + 0.3 * audience_score(u.text, audience)
                if u.bag.full & topic_words:
                    s += 0.1
                if p is passage:
                    s += 0.1
                candidates.append((s, p.hit.position, i, u, p))
        if not candidates:
            return []
        if broad and not audience:
            # A broad question ('wat zijn de voordelen?') gets an overview: the section from its start.
            chosen = sorted(candidates, key=lambda c: (c[1], c[2]))
            total, kept = 0, []
            for c in chosen:
                total += len(c[3].text) + 1
                if kept and (total > 600 or len(kept) >= 5):
                    break
                kept.append(c)
            chosen = kept
        else:
            candidates.sort(key=lambda c: -c[0])
            top = candidates[0][0]
            chosen = [c for c in candidates if c[0] >= top - (0.25 if broad else 0.12)][:4 if broad else 3]
            chosen.sort(key=lambda c: (c[1], c[2]))
        # A lone short sentence says too little: add the sentences after it (then before it).
        if not broad and chosen and sum(len(c[3].text) for c in chosen) < MIN_ANSWER_CHARS:
            _, pos, i, u, p = chosen[-1]
            extra = [(0.0, pos, j, p.units[j], p) for j in list(range(i + 1, len(p.units))) + list(range(i - 1, -1, -1))
                     if not p.units[j].is_intro]
            for c in extra:
                if sum(len(x[3].text) for x in chosen) >= MIN_ANSWER_CHARS or p.hit.kind == "list":
                    break
                if all(c[2] != x[2] or c[4] is not x[4] for x in chosen):
                    chosen.append(c)
            chosen.sort(key=lambda c: (c[1], c[2]))
        # A list's intro says little without its items: add them.
        for _, pos, i, u, p in list(chosen):
            if u.is_intro:
                chosen += [(0.0, pos, j, x, p) for j, x in enumerate(p.units)
                           if not x.is_intro and all(j != c[2] or c[4] is not p for c in chosen)]
        chosen.sort(key=lambda c: (c[1], c[2]))
        # A rhetorical question is answered by the sentence after it.
        if chosen and chosen[-1][3].text.endswith("?"):
            _, pos, i, u, p = chosen[-1]
            if i + 1 < len(p.units):
                chosen.append((0.0, pos, i + 1, p.units[i + 1], p))
        # List items keep their list's intro for context.
        out, intros_done = [], set()
        for _, pos, i, u, p in chosen:
            if p.hit.kind == "list" and p.hit.id not in intros_done:
                intro = next((x for x in p.units if x.is_intro), None)
                if intro:
                    out.append(("intro", intro.text))
                intros_done.add(p.hit.id)
            if not u.is_intro:
                out.append(("item" if p.hit.kind == "list" else "sentence", u.text))
        return out

    # Refusals ---------------------------------------------------------------------
    def decline(self, q: Question) -> Answer:
        if q.intent == "out_of_scope":
            text = ("Daar kan ik je helaas niet mee helpen: ik weet alleen iets over partnerschappen tussen "
                    "ngo's en bedrijven.")
            return Answer(text=text, kind="out_of_scope")
        text = ("Daar heb ik geen betrouwbaar antwoord op: mijn factsheets zeggen er niets duidelijks over. "
                "Probeer je vraag anders te stellen, of kies een onderwerp.")
        return Answer(text=text, kind="decline")

    def _fit(self, answer: Answer) -> Answer:
        """Append the source line and keep the whole reply within MAX_REPLY_CHARS."""
        # One newline: Rasa sends text split at blank lines as separate messages, and the source
        # belongs to its answer.
        source = "\nBron: " + answer.source if answer.source else ""
        budget = MAX_REPLY_CHARS - len(source) - sum(len(b["title"]) + 1 for b in answer.buttons)
        if budget < 200 and answer.buttons:
            answer.buttons = []
            budget = MAX_REPLY_CHARS - len(source)
        answer.text = _truncate_lines(answer.text, min(budget, MAX_BODY_CHARS if not answer.buttons else budget)) + source
        return answer


def _item_text(c: ConceptEntry) -> str:
    """The definition, led by the concept's name unless it already starts with it ('De kans-route, ...')."""
    d = c.hit.definition.rstrip(";")
    return d if c.hit.name.lower() in d.lower()[: len(c.hit.name) + 12] else "%s: %s" % (c.hit.name, d)


def main_topic(passage: PassageEntry) -> Optional[str]:
    for t in ("voordelen", "risico's", "samenwerkingsvormen", "succesfactoren", "partner vinden", "initiatieven",
              "contact", "cijfers", "definitie"):
        if t in passage.hit.topics:
            return t
    return None


def _render_units(units) -> str:
    lines, paragraph = [], []
    for kind, text in units:
        if kind == "sentence":
            paragraph.append(text)
            continue
        if paragraph:
            lines.append(" ".join(paragraph))
            paragraph = []
        lines.append(text if kind == "intro" else "- " + text.rstrip(";"))
    if paragraph:
        lines.append(" ".join(paragraph))
    return "\n".join(lines)


def _truncate_lines(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    out = []
    for line in text.split("\n"):
        if len("\n".join(out + [line])) > limit:
            room = limit - len("\n".join(out)) - 1
            if room > 80:
                out.append(truncate(line, room))
            break
        out.append(line)
    return "\n".join(out) if out else truncate(text, limit)
