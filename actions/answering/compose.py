"""Compose: build an answer from the evidence. No Rasa imports.

An answer always contains its best-matching unit. Around it:
- a sentence that leans on the one before ('Zo ...', 'Dit ...') gets that sentence too; one
  that announces ('... zijn:') or asks ('Waarom? ...') gets the one after; other sentences of
  the same passage that match almost as well join it, in reading order;
- a list question, or a best unit that introduces a list, gets the whole list (its intro and
  items; a long list is named briefly, with a button per item);
- a list item answers with its list's intro and the other items that match as well;
- a definition question gets the unit that defines its subject, when one is among the evidence.
"""
import re
from typing import List, Optional, Sequence

from knowledge.lemmas import lemma as lemma_of
from knowledge.query import Query, Term, analyse, bag_of, gives_kind, holds_all, question_sentence, term_match
from knowledge.retrieval import ConceptRecord, Evidence, Index, PassageRecord, UnitRecord
from knowledge.taxonomy import AUDIENCES, BY_KEY, topics_named
from knowledge.text import truncate

from .model import Answer

LIST_SHOWN = 6            # a list this long is shown item by item; a longer one is named with buttons
BUTTON_TITLE_CHARS = 40
JOIN_SHARE = 0.75         # another unit of the same passage joins when it scores this share of the best
AUDIENCE_SHARE = 0.6      # a unit that speaks to the audience asked about wins from this share of the best,
AUDIENCE_WORDS = 0.5      # ... when it holds this share of the question's word weight the best holds
ITEM_JOIN_SHARE = 0.6     # ... another item of the same list, for a question that asks for several
ONE_ITEM_SHARE = 0.9      # ... for a question about one thing
MAX_UNITS = 4
OVERVIEW_SHARE = 0.9      # sections this close to the best one are candidates for a topic overview
OVERVIEW_CHARS = 600      # ... and the most of its prose shown
RUNNER_UP_SHARE = 0.9     # a unit of another section this close to the best joins the answer
RUNNER_UP_MAX_CHARS = 650  # ... when both together stay this short
CONTACT_BLOCK_CHARS = 400  # contact details this short are shown whole
SHORT_UNIT = 70           # a sentence this short says too little alone
HEAD_EXTRA_WORDS = 3      # words besides the subject's own in the head of a sentence that defines it
ECHO_SHARE = 0.34         # a sentence of which at most this share of words is not in the question only repeats it
# A sentence that leans on the one before it for its sense.
_LEANS_BACK = re.compile(r"^(zo|dit|deze|dat|die|daarom|daardoor|hierdoor|hiermee|daarnaast|bovendien|ook|ze|zij|"
                         r"hij|hun|toch|maar|en|want|aangezien|daarbij|hierbij|this|these|that|it|they)\b", re.I)
_OPENS_WITH = re.compile(r"^\W*(?:(?:een|de|het|bij|onder)\s+)?(?P<head>.{2,80}?)(?P<rest>\s*[:(,].*|\s+(?:is|zijn|"
                         r"houdt|houden|betekent|betekenen|heet|wordt|worden|staat|betreft|omvat|stelt|gaat)\b.*)$",
                         re.I | re.S)
_DEFINING = re.compile(r"\s*[:(]|\s*,|\s+(?:is|zijn)\s+(?:een|de|het|geen)\b|\s+(?:houdt|houden)\s+in\b|"
                       r"\s+(?:betekent|betekenen|betreft|omvat|staat voor|wordt gedefinieerd|heet)\b", re.I)
_NAMES = re.compile(r"\b(?:dit|dat|deze|die|het)\s+(?:heet|heten|noemen we|noemt men|wordt ook wel|worden ook wel)\s+"
                    r"(?P<name>[^.;:]{2,120})", re.I)


def button(title: str, payload: str, limit: int = BUTTON_TITLE_CHARS) -> dict:
    return {"title": truncate(title, limit), "payload": payload}


def concept_button(concept: ConceptRecord) -> dict:
    return button(concept.name, '/ask_definition{"concept": "%s"}' % concept.name.replace('"', "'"))


def choose(index: Index, query: Query, evidence: Sequence[Evidence], audience: Optional[str] = None) -> Evidence:
    """The unit the answer rests on: the best evidence, unless a near one defines the question's
    subject or speaks to the audience asked about."""
    best = evidence[0]
    if query.kind in ("definition", "person") and query.subject:
        wanted = index.analyse(query.subject).terms
        # Of two as clear, the one in the factsheet whose title names the subject: that factsheet is about it.
        ranked = [(definition_strength(index, wanted, e.unit, query.kind), _titled(index, wanted, e.unit), -i, e)
                  for i, e in enumerate(evidence[:8])]
        strength, _, _, defining = max(ranked, key=lambda r: r[:3])
        if strength > 0:
            return defining
    if audience:
        # ('Wat doet Sirris voor bedrijven?': not a sentence on companies that lacks Sirris.)
        near = [e for e in evidence[:5] if e.score >= AUDIENCE_SHARE * best.score
                and e.coverage >= AUDIENCE_WORDS * best.coverage]
        scored = max(near, key=lambda e: (audience_score(e.unit.text, audience), e.score))
        if audience_score(scored.unit.text, audience) > 0:
            return scored
    return best


def definition_strength(index: Index, wanted: Sequence[Term], unit: UnitRecord, kind: str) -> int:
    """How clearly unit defines the subject: 3 a concept of that name (a 'Term: definition' item),
    2 a sentence that opens with it and defines it ('X is een ...', 'X houdt in ...', 'X: ...') or
    names it ('Dit heet X'), 1 one that opens with it otherwise ('Bij X ...', 'X is ...'), or, for a
    'wie is X' question, one that names a person and holds X anywhere ('..., zegt Ahmed El Amrani,
    directeur van Stichting Zilverdraad'), 0 none."""
    if not wanted:
        return 0
    concept = index.concept_of(unit)
    if concept is not None and holds_all(wanted, concept.bag):
        return 3
    m = _OPENS_WITH.match(unit.text)
    # The head is the subject itself and little more: in 'Bij matchfunding doet een bedrijf er een schepje
    # bovenop: ...' the colon ends a clause, and 'Begeleide matchfundingcampagnes: 148' names another thing.
    if (m and len(m.group("head").split()) <= len(wanted) + HEAD_EXTRA_WORDS
            and all(t.forms & bag_of(m.group("head")).full for t in wanted)):
        return 2 if _DEFINING.match(m.group("rest")) else 1
    m = _NAMES.search(unit.text)
    if m and holds_all(wanted, bag_of(m.group("name"))):
        return 2
    if kind == "person" and gives_kind(kind, unit.text) and holds_all(wanted, unit.bag):
        return 1
    return 0


def _titled(index: Index, wanted: Sequence[Term], unit: UnitRecord) -> bool:
    bag = index.title_bags.get(unit.passage.factsheet_id)
    return bag is not None and holds_all(wanted, bag)


def audience_score(text: str, audience: str) -> float:
    """How much a sentence speaks to one audience: 'voor bedrijven' most, a mention of the other least."""
    words = bag_of(text).full
    own, other = AUDIENCES[audience], set().union(*(w for a, w in AUDIENCES.items() if a != audience))
    said_for = any(re.search(r"\bvoor (de |het |een )?%s\b" % re.escape(w), text, re.I) for w in own | {
        "ngo's", "bedrijven", "ondernemingen"} if lemma_of(w) in own)
    return (1.0 if said_for else 0.0) + (0.5 if words & own else 0.0) - (0.5 if words & other else 0.0)


def compose(index: Index, query: Query, evidence: Sequence[Evidence], audience: Optional[str] = None) -> Answer:
    best = choose(index, query, evidence, audience)
    unit = best.unit
    if query.besides and unit.kind in ("item", "intro"):
        others = others_answer(index, unit, query.besides)
        if others is not None:
            return others
    if unit.kind == "intro" or (query.kind == "list" and unit.passage.kind == "list"):
        return list_answer(index, unit.passage, reference=unit)
    if query.kind == "list" and unit.passage.kind != "list":
        listed = _list_near(evidence, unit)
        if listed is not None:
            # The list the question asks for, led by the sentence that matched best.
            answer = list_answer(index, listed, reference=unit)
            answer.lines.insert(0, unit.text)
            return answer
    if unit.kind == "item":
        return items_answer(index, best, evidence, ITEM_JOIN_SHARE if query.kind in ("list", "yesno", "reason")
                            else ONE_ITEM_SHARE)
    return sentences_answer(best, evidence, query.kind, query)


def echoes(query: Query, text: str) -> bool:
    """Whether a sentence says little the question did not already say: 'Wat is er mis met het ad hoc karakter
    van partnerschappen?' matched best by 'Een aandachtspunt is het ad hoc karakter van partnerschappen.' The
    answer is then in what follows it."""
    if query.english:
        return False   # the question's words are not the factsheet's words: no measure of what is new
    words = analyse(text).terms
    asked = bag_of(query.text)
    new = [t for t in words if term_match(t, asked) < 0.7]
    return len(words) >= 3 and len(new) <= ECHO_SHARE * len(words)


def add_runner_up(answer: Answer, evidence: Sequence[Evidence], kind: str) -> None:
    """When another section matches about as well as the best one, the evidence does not say which of the two
    answers: both are shown, each with its source (measured on the tuning sets: at a score within 10% of the
    best, the second section held the answer in one case of four where the first did not; within 30%, three
    more tuning answers passed, but at the price of a loosely related second sentence under many answers that
    were right alone). Added after the answer-or-decline decision, which does not weigh it."""
    best = evidence[0]
    if answer.kind != "unit" or answer.reference != best.unit.id:
        return
    second = next((e for e in evidence[1:4] if e.passage is not best.passage), None)
    if second is None or second.score < RUNNER_UP_SHARE * best.score or second.unit.kind == "intro":
        return
    extra = sentences_answer(second, [], kind)
    text = extra.lines[0]
    if text in answer.lines[0] or len("\n".join(answer.lines)) + len(text) > RUNNER_UP_MAX_CHARS:
        return
    answer.lines.append(text)
    if extra.source != answer.source:
        answer.source = "%s; %s" % (answer.source, extra.source)


def _list_near(evidence: Sequence[Evidence], unit: UnitRecord) -> Optional[PassageRecord]:
    """A list in the same section as the best sentence, among the evidence: what a list question wants."""
    for e in evidence[:5]:
        p = e.unit.passage
        if p.kind == "list" and p.factsheet_id == unit.passage.factsheet_id and p.section == unit.passage.section:
            return p
    return None


def sentences_answer(best: Evidence, evidence: Sequence[Evidence], kind: str = "other",
                     query: Optional[Query] = None) -> Answer:
    unit = best.unit
    chosen = {unit.position: unit}
    if not gives_kind(kind, unit.text):
        # 'Waarom ...?' answered by a sentence without a reason: the reason is usually a sentence or two on.
        near = [u for u in (unit.next, unit.next and unit.next.next, unit.previous) if u is not None]
        giving = next((u for u in near if gives_kind(kind, u.text)), None)
        if giving is not None:
            if len(giving.text) < SHORT_UNIT and giving.next is not None and giving.position > unit.position:
                giving = giving.next   # 'Er zijn verschillende redenen ...' announces; the next one gives them
            for u in unit.passage.units[min(unit.position, giving.position):max(unit.position, giving.position) + 1]:
                chosen[u.position] = u
    for e in evidence[1:]:
        if len(chosen) >= MAX_UNITS - 1:
            break
        if e.unit.passage is unit.passage and e.score >= JOIN_SHARE * best.score and e.unit.kind == "sentence":
            chosen[e.unit.position] = e.unit
    for u in list(chosen.values()):
        if _LEANS_BACK.match(u.text) and u.previous is not None:
            chosen.setdefault(u.previous.position, u.previous)
    if unit.text.rstrip().endswith((":", "?")) or len(unit.text) < SHORT_UNIT or (
            query is not None and echoes(query, unit.text)):
        if unit.next is not None:
            chosen.setdefault(unit.next.position, unit.next)
    units = [chosen[k] for k in sorted(chosen)]
    return Answer(kind="unit", lines=[" ".join(u.text for u in units)], source=unit.passage.source,
                  reference=unit.id)


def contact_answer(best: Evidence) -> Answer:
    """Contact details: a short contact block (name, role, address, number) whole, else the unit with its
    neighbour where it needs one ('E-mail: ...' after the line that names whom)."""
    passage = best.unit.passage
    text = " ".join(u.text for u in passage.units)
    if len(text) <= CONTACT_BLOCK_CHARS:
        return Answer(kind="unit", lines=[u.text for u in passage.units] if passage.kind == "list" else [text],
                      source=passage.source, reference=best.unit.id)
    return sentences_answer(best, [], "contact")


def items_answer(index: Index, best: Evidence, evidence: Sequence[Evidence], share: float) -> Answer:
    """A list item, with its list's intro and the other items that match almost as well (share of its score)."""
    unit, passage = best.unit, best.unit.passage
    concept = index.concept_of(unit)
    items = {unit.position: unit}
    for e in evidence[1:]:
        if e.unit.passage is passage and e.unit.kind == "item" and e.score >= share * best.score:
            items[e.unit.position] = e.unit
    if concept is not None and len(items) == 1:
        return concept_answer(concept)
    intro = _intro(passage)
    lines = [intro.text] if intro else []
    lines += ["- " + _item(items[k].text) for k in sorted(items)]
    return Answer(kind="list" if len(items) > 1 else "unit", lines=lines, source=passage.source, reference=unit.id,
                  concept_id=concept.id if concept else None)


def concept_answer(concept: ConceptRecord) -> Answer:
    """A named thing: the unit that defines it, whole (its example included)."""
    return Answer(kind="unit", lines=[_item(concept.unit.text)], source=concept.unit.passage.source,
                  reference=concept.unit.id, concept_id=concept.id)


def named_concepts(index: Index, query: Query) -> List[ConceptRecord]:
    """Concepts whose whole name the question uses, in order, none inside another's name: 'Wat is het
    verschil tussen sponsoring en mecenaat?' names two."""
    asked = bag_of(question_sentence(query.text))   # not a statement before it: 'Ik twijfel tussen X en Y. Wat ...?'
    # A concept named by common words only (a table's rows 'Bedrijf' and 'Ngo') is not what a question that
    # uses those words ('... tussen ngo's en bedrijven?') asks about.
    # Nor is one named by a topic's word only ('Voordeel: ...' under a form of data sharing): that labels a
    # field, and 'Wat zijn de voordelen voor een ngo?' asks for the topic.
    named = [c for c in index.concepts
             if c.name_terms and holds_all(c.name_terms, asked)
             and not all(index.is_common(name_term) for name_term in c.name_terms)
             and not all(topics_named(name_term.forms) for name_term in c.name_terms)]
    return [c for c in named if not any(o is not c and len(o.name) > len(c.name) and c.name.lower() in o.name.lower()
                                        for o in named)]


def one_per_name(concepts: Sequence[ConceptRecord]) -> List[ConceptRecord]:
    """The first concept of each name, in order (two factsheets may define the same thing)."""
    first = {}
    for concept in concepts:
        first.setdefault(concept.name.lower(), concept)
    return list(first.values())


def concepts_answer(concepts: Sequence[ConceptRecord]) -> Answer:
    """Several named things side by side: each one's definition, with every source."""
    sources = list(dict.fromkeys(c.unit.passage.source for c in concepts))
    return Answer(kind="concepts", lines=["- " + _item(c.unit.text) for c in concepts], source="; ".join(sources),
                  reference=concepts[0].unit.id, concept_id=concepts[0].id,
                  buttons=[concept_button(c) for c in concepts])


def others_answer(index: Index, found: UnitRecord, besides: str) -> Optional[Answer]:
    """'Zijn er naast commitment en communicatie nog andere ...?': the items of the list found but those the
    question names (by their concept's name, or by what comes before the item's colon). None when it names none
    of them. The answer rests on the unit found, the evidence the decision to answer weighs."""
    passage = found.passage
    named = analyse(besides).terms
    items = [u for u in passage.units if u.kind == "item"]

    def is_named(u: UnitRecord) -> bool:
        concept = index.concept_of(u)
        head = bag_of(u.text.split(":", 1)[0]) if ":" in u.text[:80] else None
        return any((concept is not None and term_match(t, concept.bag) >= 1.0) or
                   (head is not None and term_match(t, head) >= 1.0) for t in named)

    others = [u for u in items if not is_named(u)]
    if not named or len(others) == len(items) or not others:
        return None
    intro = _intro(passage)
    lines = ([intro.text] if intro else []) + ["- " + _item(_first_sentence(u.text)) for u in others]
    return Answer(kind="list", lines=lines, source=passage.source, reference=found.id, listed=[u.id for u in others])


def list_answer(index: Index, passage: PassageRecord, reference: Optional[UnitRecord] = None) -> Answer:
    intro = _intro(passage)
    items = [u for u in passage.units if u.kind == "item"]
    concepts = [index.concept_of(u) for u in items]
    lines = [intro.text] if intro else []
    buttons: List[dict] = []

    def shown(u: UnitRecord, limit: Optional[int] = None) -> str:
        # Items are named by their first sentence; the item the question matched best is shown whole, so the
        # answer holds the sentence that matched ('Veel organisaties hanteren een uitsluitingslijst ...').
        if reference is not None and u is reference:
            return _item(u.text)
        return _item(truncate(_first_sentence(u.text), limit) if limit else _first_sentence(u.text))

    if len(items) <= LIST_SHOWN:
        lines += ["- " + shown(u) for u in items]
        buttons = [concept_button(c) for c in concepts if c is not None] if all(concepts) else []
    else:
        if all(concepts):
            lines.append("Kies er een voor meer uitleg.")
            buttons = [concept_button(c) for c in concepts]
            if reference is not None and reference.kind == "item" and _first_sentence(reference.text) != reference.text:
                lines.insert(0, _item(reference.text))
        else:
            lines += ["- " + shown(u, 90) for u in items]
    return Answer(kind="list", lines=lines, buttons=buttons, source=passage.source,
                  reference=(reference or (intro or items[0])).id, listed=[u.id for u in items])


def overview_answer(index: Index, evidence: Sequence[Evidence], topic: Optional[str] = None) -> Answer:
    """A topic as a whole: the list that sums it up, or the opening of its best section and each later sentence
    that names the topic ('Daarnaast lopen partners risico, ...'), with the one after it. Of the sections
    that match nearly as well, one with a short list reads best (the others are a button away)."""
    def short_list(p: PassageRecord) -> Optional[PassageRecord]:
        return next((q for q in index.section(p) if q.kind == "list" and len(q.units) - 1 <= LIST_SHOWN), None)

    near = [e for e in evidence if e.score >= OVERVIEW_SHARE * evidence[0].score]
    best = next((e for e in near if short_list(e.passage) is not None), evidence[0])
    passage = best.unit.passage
    section = index.section(passage)
    listed = short_list(passage) or next((p for p in section if p.kind == "list"), None)
    if listed is not None:
        return list_answer(index, listed)
    every = [u for p in section for u in p.units]
    names = BY_KEY[topic].synonyms if topic in BY_KEY else frozenset()
    # The opening, then each sentence that names the topic with the sentence after it, then the rest in reading
    # order, while they fit.
    naming = [k for i, u in enumerate(every) if i > 1 and bag_of(u.text).full & names for k in (i, i + 1)]
    chosen, size = set(), 0
    for i in dict.fromkeys(k for k in [0, 1] + naming + list(range(len(every))) if k < len(every)):
        if chosen and size + len(every[i].text) > OVERVIEW_CHARS:
            break
        chosen.add(i)
        size += len(every[i].text) + 1
    units = [every[i] for i in sorted(chosen)]
    return Answer(kind="unit", lines=[" ".join(u.text for u in units)], source=passage.source,
                  reference=units[0].id)


def example_answer(index: Index, unit: UnitRecord, own_only: bool = False) -> Optional[Answer]:
    """An example for what the last answer was about: its concept's example, or a sentence near it that gives one
    (with own_only, the unit itself: the other items of a list are examples of other things)."""
    concept = index.concept_of(unit)
    if concept is not None and concept.example:
        return Answer(kind="unit", lines=["Voorbeeld: %s." % concept.example.rstrip(".")],
                      source=unit.passage.source, reference=unit.id, concept_id=concept.id)
    nearby = [unit] + ([] if own_only else [u for u in unit.passage.units if u is not unit])
    for u in nearby:
        if re.search(r"\b(bijvoorbeeld|voorbeeld|zoals)\b|^Zo\b", u.text, re.I):
            return sentences_answer(Evidence(u, score=1.0), [])
    return None


def _intro(passage: PassageRecord) -> Optional[UnitRecord]:
    """The sentence that introduces a list ('De vormen zijn:'), if it has one."""
    return next((u for u in passage.units if u.kind == "intro"), None)


def _item(text: str) -> str:
    return text.rstrip(";, ")


def _first_sentence(text: str) -> str:
    from knowledge.text import split_sentences

    sentences = split_sentences(text)
    return sentences[0] if sentences else text
