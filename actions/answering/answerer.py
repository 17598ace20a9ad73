"""Answer a question from the knowledge base: understand -> retrieve -> compose -> render. No Rasa imports."""
from typing import List, Optional

from knowledge.confidence import Features, confidence, features, threshold
from knowledge.curated import SURE_MATCH, CuratedAnswers
from knowledge.frequency import zipf
from knowledge.lemmas import compound_parts
from knowledge.query import (Query, Term, bag_of, contact_subject, gives_kind, holds_all, is_english, only_mentions,
                             other_place, question_kind, question_sentence, term_match)
from knowledge.retrieval import SEARCH_LIMIT, ConceptRecord, Evidence, Index, UnitRecord
from knowledge.taxonomy import BY_KEY, MENU, TOPICS, topics_named

from .compose import (add_runner_up, audience_score, compose, concept_answer, concepts_answer, contact_answer,
                      example_answer, named_concepts, one_per_name, overview_answer, sentences_answer)
from .model import Answer, Question
from .render import Reply, render
from .understand import Request, asks_arithmetic, in_full_words, other_reading, own_words, understand

NAME_PASSAGES = 3     # a word in at most this many passages ...
NAME_ZIPF = 2.5       # ... and this rare in Dutch at large is a name the factsheets know (Zipf scale)
OUT_OF_SCOPE_TEXT = ("Daar kan ik je helaas niet mee helpen: ik weet alleen iets over partnerschappen tussen "
                     "ngo's en bedrijven.")
DECLINE_TEXT = ("Daar heb ik geen betrouwbaar antwoord op: mijn factsheets zeggen er niets duidelijks over. "
                "Probeer je vraag anders te stellen, of kies een onderwerp.")
NLU_OUT_OF_SCOPE = 0.5     # the NLU's off-topic probability above which a refusal says "not my subject"
OVERVIEW_CANDIDATES = 40
OTHER_SIDE_CANDIDATES = 60   # units looked through for the other side's sentence in the last answer's section
SPECIFIC_KINDS = ("count", "time", "person")   # question kinds that ask for one fact
SURE_READING = 0.9         # a reading of a message this sure needs no other
STAFF_DISTINCTIVE = 0.3    # a question word this heavy (share of the rarest word's weight) names its subject


class Answerer:
    def __init__(self, index: Index, min_confidence: Optional[float] = None,
                 curated: Optional[CuratedAnswers] = None):
        self.index = index
        self.curated = curated   # staff answers to questions the factsheets cannot answer
        # Below this the evidence is too weak to answer (default: the calibrated threshold; 0 answers everything).
        self.min_confidence = threshold(index.encoder.name) if min_confidence is None else min_confidence
        self.last_features: Optional[Features] = None   # of the last retrieval answer, for calibration

    def reply(self, question: Question) -> Reply:
        return render(self.answer(question))

    def answer(self, question: Question) -> Answer:
        self.last_features = None
        if asks_arithmetic(question.text):
            return self.decline(question, off_topic=True)
        question = in_full_words(question)
        request = understand(question)
        staff = self._curated(question, request)
        if staff is not None and staff.confidence >= SURE_MATCH:
            answer = staff
        else:   # a looser match answers only what the factsheets cannot
            answer = self._surer_reading(question, request) or staff
        if answer is None:
            return self.decline(question)
        answer.topic = answer.topic or request.topic or self._topic_of(answer.reference)
        answer.audience = request.audience
        return answer

    def _surer_reading(self, question: Question, request: Request) -> Optional[Answer]:
        """In a conversation a message can be read alone or with the question before it ('En hoeveel waren het
        er?'), and its form does not always say which: both are answered and the surer answer is given."""
        other = other_reading(question, request)
        if other is None:
            return self._answer(question, request)
        answers = []
        for reading in (request, other):
            self.last_features = None   # each reading's own (a button or follow-up answer has none)
            answer = self._answer(question, reading, threshold=0.0)
            if answer is not None:
                answers.append((answer.confidence, answer, self.last_features))
                if answer.confidence >= SURE_READING:
                    break   # the first reading is sure: the other is not worth its time (an embedding)
        if not answers:
            return None
        sure, answer, self.last_features = max(answers, key=lambda a: a[0])
        return answer if sure >= self.min_confidence else None

    def _answer(self, question: Question, request: Request, threshold: Optional[float] = None) -> Optional[Answer]:
        if request.mode == "concept":
            concept = self.index.concept_named(request.concept or "")
            if concept is not None:
                return _sure(concept_answer(concept))
        if request.mode == "ordinal":
            answer = self._ordinal(question, request)
            if answer is not None:
                return answer
        if request.mode == "example":
            unit = self.index.unit_by_id.get(question.context.unit_id or "")
            answer = example_answer(self.index, unit) if unit is not None else None
            if answer is not None:
                return _sure(answer)
            if question.context.topic in BY_KEY:
                request = Request(text="Geef een voorbeeld: " + BY_KEY[question.context.topic].question,
                                  topic=question.context.topic)
        if request.refers_back:
            answer = self._about_last_answer(question)
            if answer is not None:
                return _sure(answer)
        if not request.text.strip():
            return None
        query = self.index.analyse(request.text)
        if request.kind_text:
            query.kind = question_kind(request.kind_text)
        named = named_concepts(self.index, query)
        if request.wants_example:
            # 'Geef een voorbeeld van co-branding': the example given with the thing named, not its definition.
            example = next((a for a in (example_answer(self.index, c.unit, own_only=True) for c in named)
                            if a is not None), None)
            if example is not None:
                return _sure(example)
        if (len(named) == 1 and named[0].unit.id in question.context.listed
                and query.kind in ("definition", "other", "list")):
            # 'En wat is een maatschappelijke stage dan?' after a list that holds 'Maatschappelijke stages: ...':
            # the item just shown, not another factsheet's page on the same words.
            return _sure(concept_answer(named[0]))
        # Two things named ('het verschil tussen sponsoring en mecenaat'): side by side. One name that two
        # factsheets define is one thing named: what it is has both definitions, anything else ('sponsoring gericht
        # op kinderen, waar moet ik op letten?') is asked about that thing.
        side_by_side = named if query.kind == "definition" else one_per_name(named)
        if len(side_by_side) >= 2 and query.kind in ("definition", "other", "rank", "list"):
            return _sure(concepts_answer(side_by_side[:3]))
        if len(named) == 1 and query.kind == "list" and self._is_the_subject(named[0], query):
            # 'Wat zijn die thematische ontmoetingen?' asks what the one thing named is, not for a list.
            return _sure(concept_answer(named[0]))
        broad = request.topic if request.mode == "overview" else self._broad_topic(query, request)
        if broad:
            # 'Wat zijn de risico's?': the topic's own section answers, as an overview, or for the audience asked.
            evidence = self.index.search(query, limit=OVERVIEW_CANDIDATES)
            on_topic = [e for e in evidence if broad in e.passage.heading_topics]
            if request.mode == "overview" and not on_topic:
                on_topic = [e for e in evidence if broad in e.passage.topics]
            named = self.index.named_factsheets(query)
            if named:
                on_topic = [e for e in on_topic if e.passage.factsheet_id in named]
            else:
                # Several factsheets speak of the topic ('Wat zijn de voordelen voor een ngo?'): one whose title
                # has a word of the question is about what it asks (partnerships of ngo's and companies), one
                # whose title has none about a case of it (cause-related marketing) that the question does not name.
                # Of those, one whose title also names a case the question does not ('Matchfunding: als een
                # bedrijf ...') comes after one whose title does not.
                titled = {f for f, bag in self.index.title_bags.items() if self.index.coverage(query, bag) > 0}
                narrower = titled & self.index.narrower_factsheets(query)
                on_topic.sort(key=lambda e: (e.passage.factsheet_id not in titled, e.passage.factsheet_id in narrower))
            if on_topic:
                answer = _sure(compose(self.index, query, on_topic, request.audience) if request.audience
                               else overview_answer(self.index, on_topic, broad))
                answer.topic = broad
                return answer
        other_side = request.follow_up and request.audience
        # The other side's sentence may rank lower than the usual evidence: one wider search serves both.
        wider = self.index.search(query, limit=OTHER_SIDE_CANDIDATES if other_side else SEARCH_LIMIT)
        evidence = wider[:SEARCH_LIMIT]
        if not evidence:
            return None
        if other_side:
            said_for_them = self._other_side(wider, question.context.unit_id, request.audience)
            if said_for_them is not None:
                return _sure(compose(self.index, query, [said_for_them] + evidence, request.audience))
        if query.kind == "contact" and not evidence[0].gives_kind:
            # 'Bij wie kan ik terecht met vragen over pro bono?': what it is about finds the factsheet; that
            # factsheet's contact details answer (they rarely share a word with the question).
            return self._contact(question, query, evidence, threshold)
        # Contact details come as their block (name, role, address, number), not the one line that ranked first.
        answer = (contact_answer(evidence[0]) if query.kind == "contact"
                  else compose(self.index, query, evidence, request.audience))
        text = "\n".join(answer.lines)
        if query.kind == "list" and answer.kind != "list" and only_mentions(request.text, text):
            return None   # 'In welke landen ...?' - '... die in verschillende landen gegeven wordt': not an answer
        if other_place(request.text, text):
            return None   # 'Hoeveel ... Belgische bedrijven?' - 'grote Nederlandse bedrijven ...'
        if evidence[0].passage.related and not self.index.holds_every_word(query, evidence[0].passage.bag):
            return None   # a teaser says a few things about another article; what it leaves out, it does not answer
        if query.kind == "person" and not names_whom(self.index, query, text):
            return None   # 'Wie was de voorzitter van X?' - a sentence on X that names no chair
        # The evidence the answer rests on: the best unit, or the one compose chose over it (a definition, the
        # sentence naming whom a 'wie' question asks for, or one said for the audience asked).
        rests_on = next((e for e in evidence if e.unit.id == answer.reference), evidence[0])
        ordered = [rests_on] + [e for e in evidence if e is not rests_on]
        sure = self._sure_enough(features(query, ordered, question.out_of_scope, text), threshold)
        if sure is None:
            return None
        add_runner_up(answer, evidence, query.kind)
        answer.confidence = round(sure, 3)
        answer.english = query.english
        return answer

    def _contact(self, question: Question, query: Query, evidence: List[Evidence],
                 threshold: Optional[float]) -> Optional[Answer]:
        """The contact details of the factsheet the question is about: the factsheet of the best evidence for
        what it is about (the question without its asking), its unit with an address or number that ranks first
        for the whole question. Sure as that evidence is, for what it is about."""
        about = self.index.analyse(contact_subject(query.text))
        found = self.index.search(about) if about.terms else []
        if not found:
            return None
        factsheet = found[0].passage.factsheet_id
        # The best-ranked unit of that factsheet with contact details, else its first one in reading order.
        contact = next((e for e in evidence if e.passage.factsheet_id == factsheet and e.gives_kind), None) or next(
            (Evidence(u) for p in self.index.passages if p.factsheet_id == factsheet for u in p.units
             if gives_kind("contact", u.text, query.measure)), None)
        if contact is None:
            return None
        answer = contact_answer(contact)
        about.kind = "contact"
        sure = self._sure_enough(features(about, found, question.out_of_scope, "\n".join(answer.lines)), threshold)
        if sure is None:
            return None
        answer.confidence = round(sure, 3)
        return answer

    def _sure_enough(self, f: Features, threshold: Optional[float]) -> Optional[float]:
        """The confidence these features give, or None below the threshold (default: the calibrated one)."""
        self.last_features = f
        # With no threshold (while calibrating) there is no decision to make, and no calibration to use yet.
        sure = confidence(f, self.index.encoder.name) if self.min_confidence > 0 else 1.0
        return None if sure < (self.min_confidence if threshold is None else threshold) else sure

    def _other_side(self, wider: List[Evidence], unit_id: Optional[str], audience: str) -> Optional[Evidence]:
        """'En voor bedrijven?' after an answer for ngo's: the section that answered often says it for the other
        side too ('Voor bedrijven is een belangrijke reden ...'). Such a sentence there, the best-ranked one, answers:
        the conversation has already found the section."""
        last = self.index.unit_by_id.get(unit_id or "")
        if last is None:
            return None
        section = {u.id for p in self.index.section(last.passage) for u in p.units if u is not last}
        return next((e for e in wider if e.unit.id in section and audience_score(e.unit.text, audience) >= 1.0),
                    None)

    def _about_last_answer(self, question: Question) -> Optional[Answer]:
        """'Wat is haar mailadres?' after an answer that named her: the answer is in the same section as the
        last one, in the unit that gives what is asked (an address, a year, a number, a name) and matches
        the question best; none there that gives it, no answer from here."""
        last = self.index.unit_by_id.get(question.context.unit_id or "")
        if last is None:
            return None
        query = self.index.analyse(question.text)
        query.kind = question_kind(question.text)
        if query.kind == "reason":
            # 'Waardoor komt dat?', 'Waarom was dat een probleem?': the reason for what the last answer said is
            # in its passage: one that holds a word of the question, else the nearest one after it (or before).
            reasons = [u for u in last.passage.units if gives_kind("reason", u.text)]
            pool = [u for u in reasons if self.index.coverage(query, u.bag) > 0] or reasons
            if not pool:
                return None
            nearest = next((u for u in pool if u.position >= last.position), pool[-1])
            return sentences_answer(Evidence(nearest, score=1.0), [], "reason")
        if query.kind not in SPECIFIC_KINDS + ("contact",):
            return None
        section = [u for p in self.index.section(last.passage) for u in p.units]
        giving = [u for u in section if gives_kind(query.kind, u.text)]
        if not giving:
            return None
        vector = self.index.encoder.embed_query(query.embedded or query.text)
        best = max(giving, key=lambda u: (self.index.coverage(query, u.bag),
                                          float(self.index.unit_vectors[u.row] @ vector), u is last))
        # A number alone does not answer 'Hoeveel werknemers had het toen?': a word of the question must be there
        # too. An address is what 'Wat is haar mailadres?' asks, whatever the words.
        if query.kind != "contact" and self.index.coverage(query, best.bag) == 0:
            return None
        return sentences_answer(Evidence(best, score=1.0), [], query.kind)

    def _curated(self, question: Question, request: Request) -> Optional[Answer]:
        """A staff answer whose question (or one of its wordings) this question asks again."""
        if (self.curated is None or request.mode in ("ordinal", "example") or not question.text.strip()
                or question.text.startswith("/")):   # a menu button's payload
            return None
        found = self.curated.match(question.text)
        if found is None:
            return None
        curated, similarity = found
        if similarity < SURE_MATCH and not self._same_subject(question.text, curated):
            return None
        return Answer(kind="curated", lines=[line for line in curated.answer.splitlines() if line.strip()],
                      source=curated.source, confidence=round(similarity, 3), reference="curated:%d" % curated.id)

    def _same_subject(self, text: str, curated) -> bool:
        """Whether a loosely matching staff answer is about what the question asks: every word of the question
        that few passages of the factsheets use ('Hoeveel kost de Partnership Brokers Training?': 'training') is
        in the staff question, its wordings or its answer. Close meaning alone lets 'Hoeveel kost een partnership
        broker per uur?' answer it. Words the factsheets never use say nothing here (a paraphrase brings its own)."""
        query = self.index.analyse(text)
        staff = bag_of(" ".join([curated.question, *curated.wordings, curated.answer]))
        for term, weight in zip(query.terms, self.index.term_weights(query)):
            known = any(f in self.index.df for f in term.forms)
            if known and weight >= STAFF_DISTINCTIVE * self.index.rarest_weight and term_match(term, staff) < 1.0:
                return False
        return True

    def _broad_topic(self, query: Query, request: Request) -> Optional[str]:
        """The topic a question asks about as a whole ('welke risico's zijn er bij een partnerschap?'):
        every word of it names the topic, names a factsheet, or is common to most passages. A question for one
        number, date or name ('Hoeveel partnerschappen hebben grote bedrijven gemiddeld?'), or for the one that
        comes first ('Wat is het grootste risico?'), asks for a fact, not for a topic's overview."""
        if not query.terms or query.kind in SPECIFIC_KINDS + ("rank",):
            return None
        # 'Ik werk bij een kleine ngo. Waarom zouden wij met bedrijven samenwerken?': what is said before the
        # question sets the scene (the audience); the question alone asks for the topic.
        asking = question_sentence(request.text)
        if asking != request.text and not request.follow_up and not request.kind_text:
            query = self.index.analyse(asking)
        topic_forms = [self._topic_forms(t) for t in query.terms]
        named = [t.key for t in topics_named(set().union(*topic_forms)) if t.ask]
        topic = named[0] if named else request.topic
        if topic is None or topic not in BY_KEY:
            return None
        names = set().union(*self.index.factsheet_names.values()) if self.index.factsheet_names else set()
        for term, forms in zip(query.terms, topic_forms):
            if query.english and not any(f in self.index.df for f in term.forms | term.synonyms):
                continue   # an English word the Dutch factsheets cannot have; the NLU read the question
            if term.split_off:
                continue   # 'levert' of 'Wat levert het op?': the joined verb ('opleveren') says what is asked
            if not (forms & BY_KEY[topic].synonyms or term.forms & names or self.index.is_common(term)):
                return None
        return topic

    def _topic_forms(self, term: Term) -> set:
        """A question word's forms, with its compound's head when what comes before it is a common word:
        'partnerschapsvormen' names the forms as 'vormen' does, 'samenwerkingsrisico's' the risks."""
        parts = compound_parts(term.word)
        if len(parts) >= 2:
            modifiers = self.index.analyse(" ".join(parts[:-1])).terms
            if modifiers and all(self.index.is_common(m) for m in modifiers):
                return set(term.forms) | {parts[-1]}
        return set(term.forms)

    def _ordinal(self, question: Question, request: Request) -> Optional[Answer]:
        """'Wat is de tweede?' after a list; 'Wat is de tweede route?' finds the list by its words."""
        units: List[UnitRecord] = [self.index.unit_by_id[i] for i in question.context.listed
                                   if i in self.index.unit_by_id]
        last = self.index.unit_by_id.get(question.context.unit_id or "")
        if not units and not own_words(request.text):
            # 'Wat is de derde?' after a list that was not shown as a list: the list the last answer came from.
            if last is None or last.passage.kind != "list":
                return None
            units = [u for u in last.passage.units if u.kind == "item"]
        if own_words(request.text):
            evidence = self.index.search(self.index.analyse(request.text))
            lists = [e.passage for e in evidence[:5] if e.passage.kind == "list"]
            if not lists:
                return None
            units = [u for u in lists[0].units if u.kind == "item"]
        n = request.ordinal or 0
        if not units or n == 0 or abs(n) > len(units):
            return None
        unit = units[n - 1 if n > 0 else -1]
        concept = self.index.concept_of(unit)
        if concept is not None:
            return _sure(concept_answer(concept))
        return _sure(Answer(kind="unit", lines=[unit.text], source=unit.passage.source, reference=unit.id))

    def decline(self, question: Question, off_topic: bool = False) -> Answer:
        nlu_off_topic = question.intent == "out_of_scope" or question.out_of_scope >= NLU_OUT_OF_SCOPE
        # The NLU learnt the subject from the first factsheets: a question on what a factsheet added later is about
        # ('Waarom zijn keurmerken niet altijd te vertrouwen?') is in the bot's subject, only not answered.
        english = is_english(question.text)
        if off_topic or (nlu_off_topic and not self._names_a_factsheet_subject(question.text)):
            return Answer(kind="out_of_scope", lines=[OUT_OF_SCOPE_TEXT], english=english)
        return Answer(kind="decline", lines=[DECLINE_TEXT], english=english)

    def _is_the_subject(self, concept: ConceptRecord, query: Query) -> bool:
        """Whether what the question asks about is the concept's name and nothing more."""
        asked = self.index.analyse(query.subject).terms if query.subject else []
        return bool(asked) and holds_all(asked, concept.bag)

    def _names_a_factsheet_subject(self, text: str) -> bool:
        """Whether a word of text, not one most passages use, is in a factsheet's title or organisation, or is
        a name only the factsheets know ('Wanneer begon de samenwerking tussen Akkerwerk en De Vlijt?': a word
        rare in Dutch at large that a few passages use)."""
        query = self.index.analyse(text)
        return any(term_match(t, bag) >= 1.0 for t in query.terms if not self.index.is_common(t)
                   for bag in self.index.title_bags.values()) or any(
            0 < self.index.df[t.word] <= NAME_PASSAGES and len(t.word) >= 4 and zipf(t.word) < NAME_ZIPF
            for t in query.terms)

    def _topic_of(self, unit_id: Optional[str]) -> Optional[str]:
        unit = self.index.unit_by_id.get(unit_id or "")
        if unit is None:
            return None
        ordered = [t.key for t in MENU] + [t.key for t in TOPICS if not t.menu]
        return next((t for t in ordered if t in unit.passage.topics), None)


def names_whom(index: Index, query: Query, text: str) -> bool:
    """Whether an answer to 'Wie is/was X?' says something of X's first word ('voorzitter' in 'Wie was de
    voorzitter van het convenant?', 'Karen' in 'Wie is Karen Pieters?'), itself or a synonym."""
    asked = index.analyse(query.subject).terms if query.subject else []
    return not asked or term_match(asked[0], bag_of(text)) > 0


def _sure(answer: Answer) -> Answer:
    """An answer to a button or a follow-up on what was shown: no retrieval doubt."""
    answer.confidence = 1.0
    return answer
