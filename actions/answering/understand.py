"""Understand: what a message asks, in this conversation. Turns a Question into a Request.

A menu button names a topic or a concept; a short follow-up ("En voor ngo's?", "Geef eens een
voorbeeld", "Wat is de tweede?") leans on what was answered before; everything else is a
question to retrieve with as typed. No Rasa imports.
"""
import json
import re
from dataclasses import dataclass, replace
from typing import Optional

from knowledge.lemmas import content_tokens, lemma
from knowledge.query import question_kind, spelled_out
from knowledge.taxonomy import AUDIENCE_PLURAL, AUDIENCES, BY_KEY, topic_for_intent
from knowledge.text import fold

from .model import Question

ORDINALS = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4, "4e": 4, "vijfde": 5,
            "5e": 5, "zesde": 6, "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10, "elfde": 11,
            "twaalfde": 12, "laatste": -1, "first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
# After these an ordinal counts time or is an idiom, not an item of a list: 'de laatste jaren', 'de eerste keer',
# 'in de eerste plaats', 'in eerste instantie', 'the last years'.
_NOT_AN_ITEM = {"jaar", "jaren", "tijd", "tijden", "decennia", "decennium", "eeuw", "maand", "maanden", "week",
                "weken", "dag", "dagen", "keer", "maal", "plaats", "instantie", "oogopslag", "helft",
                "year", "years", "time", "times", "decade", "decades", "month", "months", "week", "weeks",
                "day", "days", "place"}
_ARTICLES = {"een", "de", "het", "die", "deze", "dat", "dit", "zijn", "haar", "hun", "ons", "onze", "mijn", "uw",
             "a", "an", "the"}
_INDEFINITE = {"een", "zo'n", "zon", "a", "an"}
# An item of a list answers what it is, not when, how many or how ('Wanneer gaan de eerste winkels open?').
_NOT_ASKING_AN_ITEM = ("time", "count", "manner", "contact")
_NUMBERED = re.compile(r"\b(?:nummer|nr\.?|number)\s*(\d{1,2})\b", re.I)
_FOR_AUDIENCE = re.compile(r"\bvoor\s+(?:een\s+|de\s+|het\s+|mijn\s+|ons\s+|onze\s+)?(\S+)", re.I)
TOPIC_HINT_CONFIDENCE = 0.8
# Below the NLU fallback's threshold (config.yml) an intent is only the likeliest of weak guesses: a hint for the
# topic, not a request for an example ('Bestaat dat nog?' read as ask_example at 0.08).
SURE_INTENT = 0.5
FOLLOW_UP_WORDS = 6            # a message this short that leans on the one before is a follow-up
_FOLLOW_UP_START = re.compile(r"^\s*(en|maar|ook|dan|and|also|what about)\b", re.I)
_JUST_A_QUESTION_WORD = re.compile(r"^\s*(waarom|hoezo|hoe dan|hoe|wanneer|waar|wie|welke|why|how|when)\s*\??\s*$", re.I)
_EXAMPLE_WORDS = {"voorbeeld", "bijvoorbeeld", "praktijkvoorbeeld", "example", "geef", "noem", "eens", "graag",
                  "give", "show"}
_ASKS_FOR_EXAMPLE = {"voorbeeld", "praktijkvoorbeeld", "example"}   # of those, the words that alone ask for one
# Pronouns that point at a person or thing named before ('haar mailadres', 'wat deed hij').
_BACK_PRONOUNS = {"haar", "hij", "hem", "zij", "ze", "hun", "hen", "diens", "daarvan", "ervan", "hiervan", "daarmee",
                  "ermee", "hiermee", "daarbij", "erbij", "daarvoor", "ervoor", "daarin", "erin", "daarover", "erover"}
_AFTER_PRONOUN = {"nog", "al", "ook", "niet", "wel", "dan", "toen", "nu", "er", "precies", "eigenlijk", "in", "op",
                  "voor", "met", "bij", "aan", "van", "uit", "over", "door", "na", "sinds", "tot"}
# An infinitive or a past participle ('voorkomen', 'aanpakken', 'opgegaan', 'gedaan', 'betaald').
_VERB_FORM = re.compile(r"^(\w{2,}en|(\w+)?ge\w{2,}[dtn])$")
# Words of a follow-up that only point back ("En voor ngo's?" has none of its own).
_POINTING = {"en", "dan", "die", "dat", "deze", "dit", "wat", "welke", "hoe", "zit", "met", "over", "vorm",
             "item", "punt", "route", "factor", "eentje", "nog", "eens", "zijn", "is"}


# A sum to work out ('Wat is 2 plus 2?', '15 x 3', 'hoeveel is 10 gedeeld door 4'): a test of the bot, not a
# question about partnerships, whatever a factsheet's numbers or its word 'plus' happen to match.
_ARITHMETIC = re.compile(r"\d+(?:[.,]\d+)?\s*(?:[-+*/x\u00d7:]|plus|min|maal|keer|gedeeld door|times|divided by)"
                         r"\s*\d+(?:[.,]\d+)?", re.I)
_ARITHMETIC_ONLY = re.compile(r"^\W*(?:(?:wat|hoeveel) is|what is|how much is|reken uit|bereken)?\s*(?P<sum>.+?)\s*"
                              r"(?:=\s*)?\?*\s*$", re.I)


def asks_arithmetic(text: str) -> bool:
    """Whether the message is a sum and nothing more."""
    m = _ARITHMETIC_ONLY.match(text or "")
    return bool(m) and bool(_ARITHMETIC.fullmatch(m.group("sum").strip()))


@dataclass
class Request:
    """What to look up, and how to answer it."""
    text: str                       # the question to retrieve with
    mode: str = "question"          # question | overview | concept | ordinal | example
    topic: Optional[str] = None     # a topic the NLU or a button named (a retrieval hint)
    audience: Optional[str] = None  # ngo | bedrijf, when the question is for one of them
    ordinal: Optional[int] = None   # 'de tweede' -> 2, 'de laatste' -> -1
    concept: Optional[str] = None   # a concept a button named
    kind_text: Optional[str] = None  # where the kind of question shows, when not in `text` ('Waarom?' after a question)
    follow_up: bool = False         # built from the question before ('En voor ngo's?')
    refers_back: bool = False       # points at what the last answer named ('Wat is haar mailadres?')
    wants_example: bool = False     # asks for an example of what it names ('Geef een voorbeeld van co-branding')


def is_payload(text: str) -> bool:
    return text.strip().startswith("/")


def payload_entities(text: str) -> dict:
    """The entities of a button payload such as '/ask_definition{"concept": "Sponsoring"}'."""
    start = text.find("{")
    if start < 0:
        return {}
    try:
        value = json.loads(text[start:])
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def audience_of(text: str) -> Optional[str]:
    """'voor een ngo' / 'voor bedrijven' names who the question is for; 'met een ngo' does not, and
    'voor een bedrijf en een ngo' names both (so neither)."""
    for m in _FOR_AUDIENCE.finditer(text):
        found = audience_named(m.group(1).strip("?.!,"))
        if found:
            following = text[m.end():].split()[:4]
            if any(audience_named(w.strip("?.!,")) not in (None, found) for w in following):
                return None
            return found
    return None


def audience_named(word: Optional[str]) -> Optional[str]:
    """'ngo's' -> 'ngo', 'ondernemingen' -> 'bedrijf', 'goede' (doel) -> 'ngo'; anything else -> None."""
    if not word:
        return None
    base = lemma(word)
    if base in ("goed", "goede"):
        return "ngo"
    return next((audience for audience, words in AUDIENCES.items() if base in words or fold(word) in words), None)


def _words_with_next(text: str):
    """(word, the word after it or '') for each word of text, folded and without punctuation."""
    words = [fold(w).strip("?.!,;:'\"()") for w in text.lower().split()]
    return zip(words, words[1:] + [""])


def ordinal_of(text: str) -> Optional[int]:
    previous = ""
    for word, following in _words_with_next(text):
        # An ordinal before an article or a determiner is a verb: 'Kauri vierde een verjaardag'. After an
        # indefinite article it says 'initial', not which item: 'een eerste campagne', 'zo'n eerste project'.
        if word in ORDINALS and following not in _NOT_AN_ITEM and following not in _ARTICLES \
                and previous not in _INDEFINITE:
            return ORDINALS[word]
        previous = word
    m = _NUMBERED.search(text)
    return int(m.group(1)) if m else None


def own_words(text: str, ignore=frozenset()) -> list:
    """The question's content words other than those that only point back or name an audience."""
    audience_words = set().union(*AUDIENCES.values())
    return [t for t in content_tokens(text)
            if fold(t) not in _POINTING and fold(t) not in ignore and lemma(t) not in ignore
            and lemma(t) not in audience_words
            and fold(t).strip("'") not in ORDINALS and lemma(t) not in {"ngo", "bedrijf"}]


_SIDE_NOUNS = {"ngo": ("ngo", "ngo's"), "bedrijf": ("bedrijf", "bedrijven")}


def other_side(text: str) -> str:
    """The question with its ngo's and companies swapped ('een bedrijf' -> 'een ngo', 'ngo's' -> 'bedrijven')."""
    def swap(m):
        word = m.group(0)
        side = audience_named(word)
        if side is None or lemma(word) in ("goed", "maatschappelijk"):
            return word
        singular, plural = _SIDE_NOUNS["bedrijf" if side == "ngo" else "ngo"]
        return singular if lemma(word) == fold(word).replace("'", "") else plural

    return re.sub(r"[\w'’-]+", swap, text)


def without_audience(text: str) -> str:
    """The question with its 'voor ngo's' / 'voor een bedrijf' taken out."""
    def drop(m):
        return "" if audience_named(m.group(1).strip("?.!,")) else m.group(0)

    return re.sub(r"\s*" + _FOR_AUDIENCE.pattern, drop, text, flags=re.I).strip()


def refers_back(text: str) -> bool:
    """Whether a message points at something said before with a pronoun: 'Wat is haar mailadres?',
    'Wanneer bestond het 15 jaar?', 'Hoe werkt dat?'. 'het' and 'dat' count only where they cannot be an
    article or a conjunction: before a number, a preposition or an adverb, or at the end."""
    words = list(_words_with_next(text))
    for i, (word, following) in enumerate(words):
        if word in _BACK_PRONOUNS:
            return True
        # Before the verb that ends the question, 'het'/'dat' is its object: 'Hoe kun je dat voorkomen?',
        # 'Waarin is het opgegaan?' (an article is followed by its noun: 'Wat is het verschil?').
        last_verb = i + 2 == len(words) and _VERB_FORM.match(following) is not None
        if word in ("het", "dat", "dit") and (not following or following[:1].isdigit() or following in _AFTER_PRONOUN
                                              or following in ("een", "de", "het") or last_verb):
            return True
        # Inside a sentence 'het' before a possessive is the subject it points at: 'In welk jaar vierde het zijn
        # verjaardag?' (at the start, 'Het zijn er vijf' is 'there are').
        if word == "het" and i > 0 and following in ("zijn", "haar", "hun"):
            return True
    return False


def is_follow_up(text: str, context) -> bool:
    """'En voor ngo's?', 'En bij MVO Vlaanderen?', 'Waarom?', 'Wat is haar mailadres?': short, and leaning on
    the question before."""
    if not context.previous or len(text.split()) > FOLLOW_UP_WORDS:
        return False
    return bool(_FOLLOW_UP_START.match(text) or _JUST_A_QUESTION_WORD.match(text) or not own_words(text)
                or refers_back(text))


# Demonstratives and adverbs that lean on what was said before ('die samenwerkingen', 'toen', 'zulke partners');
# pronouns are refers_back()'s, and 'het' and 'er' too often do not lean at all.
_LEANING = {"die", "deze", "dat", "dit", "daar", "zo'n", "zulke", "toen"}


def with_question_before(q: Question, text: str, kind_text: Optional[str], audience: Optional[str] = None,
                         pointing: bool = False) -> Request:
    """A message read together with the user's question before it; its kind of question is its own."""
    return Request(text="%s %s" % (q.context.previous.rstrip(), text), kind_text=kind_text, topic=q.context.topic,
                   audience=audience, follow_up=True, refers_back=pointing)


def other_reading(q: Question, request: Request) -> Optional[Request]:
    """The other way to read a message in a conversation: with the question before it when it was read alone
    but leans on something ('En hoeveel van die samenwerkingen heeft een bedrijf?'), alone when it was read
    with the question before but has words of its own. None when there is no other reading."""
    previous = q.context.previous
    if not previous or request.mode != "question" or is_payload(q.text) or not q.text.strip():
        return None
    if request.follow_up:
        if request.refers_back or (request.audience and not own_words(q.text)):
            return None   # 'Bij welke organisatie werkt zij?', 'En voor ngo's?' mean nothing alone
        return Request(text=q.text, audience=audience_of(q.text)) if own_words(q.text) else None
    if refers_back(q.text) or any(word in _LEANING for word, _ in _words_with_next(q.text)):
        return with_question_before(q, q.text, kind_text=q.text)
    return None


def in_full_words(q: Question) -> Question:
    """The message and the question before it with their chat abbreviations spelled out ('een vb' -> 'een
    voorbeeld'), so the rules below and the search read the words they stand for."""
    previous = q.context.previous
    return replace(q, text=spelled_out(q.text),
                   context=replace(q.context, previous=spelled_out(previous) if previous else previous))


def understand(q: Question) -> Request:
    topic = topic_for_intent(q.intent)
    context = q.context
    if is_payload(q.text):
        entities = {**payload_entities(q.text), **{k: v for k, v in q.entities.items() if v}}
        if entities.get("concept"):
            return Request(text=str(entities["concept"]), mode="concept", concept=str(entities["concept"]))
        if topic:
            return Request(text=topic.question, mode="overview", topic=topic.key)
        return Request(text="", mode="question")
    audience = audience_of(q.text) or (audience_named(q.entities.get("audience")) if q.intent == "inform_audience"
                                       else None)
    ordinal = ordinal_of(q.text)
    if ordinal is not None and question_kind(q.text) in _NOT_ASKING_AN_ITEM:
        ordinal = None
    if ordinal is not None and (context.listed or context.unit_id or own_words(q.text)):
        return Request(text=q.text, mode="ordinal", ordinal=ordinal, topic=topic.key if topic else None)
    asks_example = q.intent == "ask_example" and q.confidence >= SURE_INTENT
    if (asks_example or any(lemma(t) in _EXAMPLE_WORDS for t in content_tokens(q.text))) \
            and not own_words(q.text, ignore=_EXAMPLE_WORDS) and (context.unit_id or context.topic):
        return Request(text=q.text, mode="example", topic=context.topic)
    if audience and not own_words(q.text) and (context.previous or context.topic in BY_KEY):
        # 'En voor ngo's?': the question before (or the topic's question), for that audience.
        before = context.previous or BY_KEY[context.topic].question
        if audience_of(before) is None:
            # 'Waarom zoeken ngo's samenwerking met bedrijven?' - 'En voor bedrijven?': the question asked from
            # the other side ('Waarom zoeken bedrijven samenwerking met ngo's?').
            before = other_side(before)
        base = without_audience(before).rstrip("?. ")
        return Request(text="%s voor %s?" % (base, AUDIENCE_PLURAL[audience]), topic=context.topic,
                       audience=audience, follow_up=True)
    if is_follow_up(q.text, context):
        # 'En bij MVO Vlaanderen?', 'Waarom?': the question before, with what this message adds.
        added = _FOLLOW_UP_START.sub("", q.text).strip()
        pointing = refers_back(q.text)
        # The kind of question is this message's ('Wanneer ...?' after 'Wat is Kauri?').
        kind_text = q.text if _JUST_A_QUESTION_WORD.match(q.text) or pointing else None
        return with_question_before(q, added, kind_text, audience or context.audience, pointing)
    # The NLU's topic is a hint only when it is sure: the words decide.
    hint = topic.key if topic and q.confidence >= TOPIC_HINT_CONFIDENCE else None
    # The words say it, not the NLU: 'Wat deed Douwe Egberts met de Voedselbanken?' reads as ask_example.
    wants_example = any(lemma(t) in _ASKS_FOR_EXAMPLE for t in content_tokens(q.text))
    return Request(text=q.text, topic=hint, audience=audience, wants_example=wants_example)
