"""What a question asks: its content words (with their forms and synonyms) and the kind of answer it wants.

Pure language logic over the question text; the retriever (knowledge/retrieval.py) matches
it against the factsheets. Dutch first; English questions are recognised so that the
retriever can lean on meaning (the embeddings are multilingual) rather than on words.
"""
import difflib
import re
from dataclasses import dataclass, field
from typing import Collection, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from .lemmas import STOPWORDS, compound_parts, content_tokens, is_word, lemma, raw_tokens, stem, token_spans, tokens
from .taxonomy import ABBREVIATIONS, COUNT_PATTERN, IDIOMS, NOT_COUNTED, synonyms_of
from .text import EMAIL, PHONE, WEB, fold

PREFIX_MIN = 6          # a question word this long also matches words it begins ('reputatie...')
SPELLING_CUTOFF = 0.84  # difflib ratio for correcting a misspelt word to a factsheet word

# The kind of answer a question wants, from how it starts (Dutch and English).
_KINDS = (
    ("count", r"(met |van |voor |in |bij |aan |op )?(hoeveel|hoe ?veel|how (many|much)|welk percentage|"
              r"wat is het aantal|hoe vaak|hoe groot is (het|de) (aantal|deel|kans)|wat kost|wat kosten|"
              r"hoe duur|wat zijn de kosten|hoe snel|hoe ?lang( duurt| loopt| is| zijn|$|\b(?! geleden)))\b"),
    ("time", r"(sinds |tot )?(wanneer|in welk jaar|welk jaar|hoe lang geleden|when|what year|since when)\b"),
    ("person", r"(door |met |van |bij |voor |aan )?(wie|who|whom)\b"),
    ("reason", r"(waarom|om welke reden|hoezo|waardoor|hoe komt (het|dat)|wat is de (reden|oorzaak)|why)\b"),
    # 'Wat zijn er voor vormen?' asks which ones.
    ("list", r"(welke|noem|which|name the|what are the|wat zijn de|wat zijn het|wat zijn er (allemaal |zoal )?voor)\b"),
    # 'Wat is er met UTZ gebeurd?', 'Wat is er mis met ...?' ask what happened or is the matter, not what X is.
    ("definition", r"(?!wat (is|zijn) er\b)(wat (is|zijn|betekent|betekenen|houdt|houden)|wat( \w+){0,3} (bedoeld|bedoel\w*|versta\w*)|"
                   r"wat( \w+){1,4} voorstellen (bij|onder)|"
                   r"wat voor (een )?\w+ (is|zijn|was)|"
                   r"leg\b.*\buit|vertel\b.*\bover|what (is|are|does|do)|define|definitie|betekenis)\b"),
    ("manner", r"(hoe|how)\b"),
)
_WH = re.compile(r"^\s*(wat|welke?|wie|waar\w*|wanneer|waarom|hoe\w*|what|which|who|where|when|why|how)\b", re.I)
_SUBJECT = re.compile(
    r"^\s*(?:wat|wie|what|who)\s+(?:is|zijn|betekent|betekenen|houdt|houden|was|waren|does|do|are)\s+(?!er\b)"
    r"(?:(?:eigenlijk|precies|nou|dan)\s+)*(?:(?:een|de|het|a|an|the)\s+)?(?P<subject>.+?)"
    r"\s*(?:\b(?:in|precies|eigenlijk|mean|inhouden)\b\s*)*[?.!]*\s*$"
    r"|^\s*wat\s+(?:(?:wordt|word|worden)\s+(?:er\s+)?(?:\w+\s+)?(?:bedoeld|verstaan)"
    r"|(?:bedoel\w*|versta\w*)\s+(?:\w+\s+){0,3}?|moet\w*\s+(?:\w+\s+){0,2}?verstaan\s+)\s*(?:met|onder)\s+"
    r"(?:(?:een|de|het)\s+)?(?P<subject2>.+?)\s*[?.!]*\s*$"
    r"|^\s*wat\s+(?:moet|kan|kun|moeten|kunnen)\s+(?:ik|je|we|jij|u|men)\s+(?:me\s+|mij\s+|ons\s+|zich\s+)?"
    r"(?:\w+\s+)?voorstellen\s+(?:bij|onder)\s+"
    r"(?:(?:een|de|het)\s+)?(?P<subject3>.+?)\s*[?.!]*\s*$"
    r"|^\s*(?:leg|vertel)\s+(?:eens\s+|me\s+)*(?:(?:een|de|het)\s+)?(?P<subject4>.+?)\s+(?:eens\s+)?(?:uit|over)"
    r"\s*[?.!]*\s*$"
    r"|^\s*wat\s+voor\s+(?:een\s+)?\w+\s+(?:is|zijn|was)\s+(?:(?:een|de|het)\s+)?(?P<subject5>.+?)\s*[?.!]*\s*$",
    re.I)

# Function words that tell English from Dutch (words both languages use, 'is', 'in', are left out);
# a question word counts double.
_ENGLISH = {"the", "of", "for", "with", "do", "does", "can", "should", "are", "and", "to", "my", "you", "your", "it",
            "its", "this", "that", "there", "these", "those", "an", "be", "have", "has", "about", "between", "many",
            "much", "i", "from"}
_ENGLISH_QUESTION = {"what", "which", "how", "why", "who", "when", "where"}
_DUTCH = {"wat", "welke", "welk", "hoe", "waarom", "wie", "wanneer", "waar", "de", "het", "een", "van", "voor", "met",
          "zijn", "en", "ik", "je", "we", "bij", "er", "kan", "hoeveel", "niet", "ook", "naar", "op", "dat", "die",
          "deze", "dit", "om", "te", "heeft", "hebben", "wordt", "worden", "mijn", "onze", "ons"}

NUMBER_WORDS = frozenset(
    "twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig honderd "
    "honderden duizend duizenden miljoen miljard helft derde kwart meerderheid minderheid".split())
# (A year followed by '/number' is a document's number: 'Richtlijn (EU) 2024/825'.)
_YEAR_OR_DATE = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b(?!/\d{1,3}\b)|\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december|voorjaar|najaar|zomer|winter|jaren \d0|eeuw)\b", re.I)
# A 'wanneer' answered by a span or a moment rather than a date: 'binnen vier weken na de gunning', 'elk half
# jaar', 'uiterlijk drie maanden na afloop', 'jaarlijks', 'op dinsdag'.
_TIME_SPAN = re.compile(
    r"\b(?:binnen|na|voor|vóór|uiterlijk|tot|vanaf|sinds|over|elke|elk|iedere|ieder|per|om de|eens per)\s+"
    r"(?:[\w,]+\s+){0,2}?(?:dag|dagen|week|weken|maand|maanden|kwartaal|kwartalen|jaar|jaren|uur|uren|werkdag|"
    r"werkdagen|seizoen)\b|\b(?:jaarlijks|halfjaarlijks|maandelijks|wekelijks|dagelijks|maandag|dinsdag|woensdag|"
    r"donderdag|vrijdag|zaterdag|zondag)\b", re.I)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
# A question for contact details, wherever it says so ('Wat is haar mailadres?', 'Hoe bereik ik NCDO?'), and
# what answers one: an e-mail address, a web address or a phone number. A question may name the way to get in
# touch (then that is what answers: 'Wat is het telefoonnummer van NCDO?' is not answered by an e-mail address),
# or only ask whom to turn to ('Bij wie kan ik terecht met vragen over ...?').
_ASKS_EMAIL = r"e-?mail\w*|mail|mailadres\w*|mailen"
_ASKS_PHONE = r"telefoon\w*|bellen|phone"
_ASKS_WEB = r"website|webadres|webpagina|url"
_ASKS_WHOM = (r"contactgegevens|bereikbaar|bereiken|bereik ik|contact (?:\w+ )?op(?:nemen)?|"
              r"contactpersoon|aanspreekpunt|(?:wie|waar) (?:\w+ ){1,4}?terecht|"
              r"contact details|contact person|reach out|get in touch|whom? (?:\w+ ){1,3}?contact")
_ASKS_CONTACT = re.compile(r"\b(%s)\b" % "|".join((_ASKS_EMAIL, _ASKS_PHONE, _ASKS_WEB, _ASKS_WHOM)), re.I)
_CONTACT = re.compile("|".join((EMAIL, WEB, PHONE)))
_CONTACT_BY = {"email": re.compile(EMAIL), "phone": re.compile(PHONE), "web": re.compile(WEB)}
_ASKS_BY = {measure: re.compile(r"\b(%s)\b" % asks, re.I)
            for measure, asks in (("phone", _ASKS_PHONE), ("email", _ASKS_EMAIL), ("web", _ASKS_WEB))}


def contact_measure(text: str) -> str:
    """The way of getting in touch a question asks for ('email', 'phone', 'web'), or '' for any (also when it
    names several: 'Graag mail of telefoonnummer')."""
    named = [measure for measure, asks in _ASKS_BY.items() if asks.search(text)]
    return named[0] if len(named) == 1 else ""


def contact_subject(text: str) -> str:
    """What a request for contact details is about, without the asking: 'Bij wie kan ik terecht met vragen over
    pro bono?' -> 'Bij met vragen over pro bono?' ('' when it asks for none). The way of getting in touch it
    names ('telefoonnummer') is its measure: what answers must give that (gives_kind)."""
    if not _ASKS_CONTACT.search(text):
        return ""
    return " ".join(_ASKS_CONTACT.sub(" ", text).split())


# Dutch causal, purposive and conclusive connectives: a closed class, listed whole (not grown per question).
_REASON = re.compile(r"\b(omdat|want|doordat|aangezien|vanwege|dankzij|daardoor|daarom|waardoor|zodat|redenen?|"
                     r"oorzaak|oorzaken|door\s+\w+\s+\w+|om\s+(\w+\s+){1,6}te|because|reasons?|"
                     r"dus|immers|namelijk|wegens|omwille|hierdoor|hierom|vandaar|opdat|teneinde|zodoende|"
                     r"gevolge?|(leidt|leiden)\s+tot|(zorgt|zorgen)\s+(er\s+)?voor)\b", re.I)


@dataclass(frozen=True)
class Term:
    """One content word of a question: the forms that are the word itself, its compound parts, synonyms."""
    word: str
    forms: FrozenSet[str]
    parts: FrozenSet[str] = frozenset()
    synonyms: FrozenSet[str] = frozenset()
    joined: bool = False            # a separable verb put together from two words of the question
    split_off: bool = False         # the verb as written of such a pair ('levert' of 'levert ... op')


@dataclass
class Bag:
    """The forms of a text: `full` holds whole words (surface, lemma, stem), `parts` compound parts."""
    full: set = field(default_factory=set)
    parts: set = field(default_factory=set)
    _prefixes: Optional[set] = field(default=None, repr=False, compare=False)

    @property
    def prefixes(self) -> set:
        """Every beginning of PREFIX_MIN letters or more of its whole words, for 'reputatie' in 'reputatieschade'."""
        if self._prefixes is None:
            self._prefixes = {w[:k] for w in self.full for k in range(PREFIX_MIN, len(w) + 1)}
        return self._prefixes

    def add(self, text: str) -> "Bag":
        for tok in raw_tokens(text):
            self.full |= word_forms(tok)
            self.parts.update(compound_parts(tok))
        for sentence in re.split(r"[.!?;:]\s", text):
            for verb in separable_verbs(sentence):
                self.full |= word_forms(verb)
            for word in idiom_meanings(sentence):
                self.full |= word_forms(word)
        self._prefixes = None
        return self

    def merge(self, other: "Bag") -> "Bag":
        self.full |= other.full
        self.parts |= other.parts
        self._prefixes = None
        return self


def bag_of(text: str) -> Bag:
    return Bag().add(text)


def word_forms(token: str) -> FrozenSet[str]:
    """Surface form, lemma and stem of one word (accent-folded), and its singular where the dictionary
    takes a plural for a verb form ('gevaren' -> 'gevaar', not only 'varen')."""
    folded = fold(token).replace("'", "")
    # An ordinal numeral is also its number: '15e verjaardag' answers '15 jaar'.
    numeral = _ORDINAL_NUMERAL.match(folded)
    return frozenset(f for f in (folded, lemma(token), stem(folded), singular(folded),
                                 numeral.group(1) if numeral else "") if f)


_ORDINAL_NUMERAL = re.compile(r"^(\d+)(?:e|de|ste)$")


_OPEN_SYLLABLE = re.compile(r"^(.*[^aeiou])([aeou])([^aeiou])$")


def singular(word: str) -> str:
    """The singular of a Dutch plural in -en whose vowel was written single in the open syllable:
    'gevaren' -> 'gevaar', 'jaren' -> 'jaar', 'bomen' -> 'boom'. '' when the rule does not apply or
    the dictionary does not know the result."""
    if not word.endswith("en") or len(word) < 5:
        return ""
    m = _OPEN_SYLLABLE.match(word[:-2])
    if not m:
        return ""
    candidate = m.group(1) + m.group(2) * 2 + m.group(3)
    from .lemmas import is_word

    return candidate if is_word(candidate) else ""


def term_match(term: Term, bag: Bag) -> float:
    """1 when the word (or a word it begins) is in bag; 0.7 for a synonym; 0.5 when only compound parts meet."""
    if term.forms & bag.full or term.forms & bag.prefixes:
        return 1.0
    if term.synonyms & bag.full:
        return 0.7
    if (term.forms | term.parts) & bag.parts or term.parts & bag.full:
        return 0.5
    return 0.0


def holds_all(terms: Iterable[Term], bag: Bag) -> bool:
    """Whether bag holds each of the words itself (or a word it begins), not only a synonym or a compound part."""
    return all(term_match(t, bag) >= 1.0 for t in terms)


@dataclass
class Query:
    text: str
    terms: List[Term]
    # count | time | person | reason | contact | list | definition | rank (which comes first) | manner | yesno | other
    kind: str = "other"
    subject: str = ""              # what a definition question asks about ('sponsoring')
    english: bool = False
    weights: Optional[List[float]] = None   # the index's weight of each term, once computed
    measure: str = ""              # what a count question measures ('duration'), a contact one ('phone'), or ''.
    besides: str = ""              # what the question already names and asks past ('naast commitment, welke nog?')
    embedded: str = ""             # the text the sentence encoder reads, when not text itself (plain_sentence)


# What a count question measures, when it says so: 'Hoeveel tijd kost ...?' and 'Hoe lang duurt ...?' want
# hours or days (or when it began or ends), not any number. (Money and shares were tried the same way: 'Hoeveel
# kost ...?' wanting an amount lost a held-out answer, 'Hoeveel procent ...?' moved nothing.)
_ASKS_DURATION = re.compile(r"\bhoeveel (tijd|uur|uren|minuten|dagen|dagdelen|weken|maanden|jaren)\b|"
                            r"\bhoe ?lang\b(?! geleden)|\bhoe snel\b|\bhow long\b|\bhow (?:much time|soon|quickly)\b")
_DURATION = re.compile(r"\b(uur|uren|minuut|minuten|dag|dagen|dagdeel|dagdelen|week|weken|maand|maanden|jaar|jaren|"
                       r"kwartaal|hours?|days?|weeks?|months?|years?)\b", re.I)


# 'Zijn er naast commitment en communicatie nog andere ...?', 'Welke andere vormen zijn er behalve sponsoring?':
# what is named is known already; the others are asked for.
_BESIDES = re.compile(r"\b(?:naast|behalve|buiten|afgezien van|besides|apart from|other than)\s+(?P<named>[^?.!,]+?)"
                      r"\s*,?\s+(?:(?:er|ook|nog)\s+)*(?:andere|overige|meer|others?|more)\b|"
                      r"\b(?:andere|overige|other)\s+(?:\w+\s+){0,3}?(?:dan|naast|behalve|besides|than)\s+"
                      r"(?P<named2>[^?.!,]+)", re.I)


def besides_named(text: str) -> str:
    """What a question asking for the others names as known ('commitment en communicatie'), or ''."""
    m = _BESIDES.search(question_sentence(text))
    return (m.group("named") or m.group("named2")).strip() if m else ""


def question_measure(text: str) -> str:
    """What a count question measures: 'duration', or '' when it does not say."""
    return "duration" if _ASKS_DURATION.search(question_sentence(text.strip().lower())) else ""


# A condition before the question ('Als een bedrijf in opspraak raakt, wat doe je dan?', 'Stel dat ..., wie
# betaalt?'): the main clause after it says what kind of answer is asked for.
_LEADING_CONDITION = re.compile(r"^(?:als|indien|zodra|wanneer|stel(?: je voor)?(?: dat)?|gesteld dat|veronderstel "
                                r"dat)\b[^,?]{3,}?,\s*(?P<main>\S.*)$")
# A statement before the question, in one sentence: 'Het contract is afgelopen, hoe snel moet het logo weg?' asks
# what its clause after the comma asks.
_LEADING_STATEMENT = re.compile(r"^[^,?]{3,}?,\s*(?P<main>(?:hoe\w*|waarom|wanneer|welke?|wie|hoeveel|waar\w*|wat)\b"
                                r"[^,]*\?\s*)$")
# The hypothetical's own verb is no word of what is asked ('stel dat', 'stel je voor dat', 'gesteld dat').
_SUPPOSE = re.compile(r"^\s*(?:stel(?:\s+je\s+voor)?|gesteld|veronderstel)\s*(?:dat\b|,)\s*", re.I)


def question_kind(text: str) -> str:
    t = question_sentence(text.strip().lower())
    condition = _LEADING_CONDITION.match(t) or (None if _WH.match(t) else _LEADING_STATEMENT.match(t))
    if condition:
        t = condition.group("main")
    t = from_question_word(t)
    if _ASKS_CONTACT.search(t):
        return "contact"
    for kind, pattern in _KINDS:
        if re.match(pattern, t):
            if kind == "definition" and _SUPERLATIVE.match(t):
                return "rank"
            if kind == "definition" and re.match(r"wat zijn\b", t):
                return "list" if re.match(r"wat zijn (de|het|die)\b", t) else "definition"
            if kind == "list" and re.match(r"(welke|which) (zijn|waren|are|were) (de|die|deze|het|the)\b", t):
                return "list"   # 'Welke zijn die 7 principes?' asks what 'Wat zijn die 7 principes?' asks
            if kind == "list" and re.match(r"(welke|which)\b", t) and not _plural_follows(t):
                return "other"   # 'welke rol speelt ...' asks about one thing
            return kind
    if t.endswith("?") and not _WH.match(t):
        return "yesno"
    return "other"


def _plural_follows(text: str) -> bool:
    """Whether the noun after 'welke' is plural ('welke vormen', 'welke andere branches'; not 'welke rol')."""
    return bool(_plural_noun(raw_tokens(text)[1:5]))


def _plural_noun(words: List[str]) -> str:
    """The first noun of words, folded, when it is a plural; '' otherwise. Numbers and adjectives before it are
    passed over ('twee routes', 'andere branches', 'belangrijkste')."""
    for word in words:
        folded = fold(word).replace("'", "")
        if folded in NUMBER_WORDS or folded.isdigit() or (folded.endswith("e") and len(folded) > 3):
            continue
        return folded if folded.endswith(("en", "s")) and lemma(word) != folded else ""
    return ""


_LEADING_PREPOSITIONS = (r"voor|met|van|in|bij|aan|op|uit|naar|over|door|tegen|onder|volgens|vanaf|sinds|tot|"
                         r"tijdens|via|binnen|buiten|naast|tussen|na|per|rond|wegens|vanwege|dankzij|namens|ondanks|"
                         r"behalve|for|with|on|from|to|about|by")
_LEADING_PREPOSITION = re.compile(r"^(%s)\s+(?=(welke?|wat|wie|wanneer|hoeveel|which|what|whom?|when|how many)\b)"
                                  % _LEADING_PREPOSITIONS)
# A conjunction or interjection before the question (word): 'En wat is een maatschappelijke stage dan?' asks
# what 'Wat is ...?' asks, 'En voor welke branches?' what 'Voor welke branches?' asks.
_LEADING_CONJUNCTION = re.compile(r"^(?:(?:en|maar|of|dus|nou|oké|ok|and|but|so)\b[,\s]*)+(?=(?:(?:%s)\s+)?"
                                  r"(?:welke?|wat|wie|waar\w*|wanneer|waarom|hoe\w*|which|what|whom?|where|when|"
                                  r"why|how)\b)" % _LEADING_PREPOSITIONS)


def from_question_word(sentence: str) -> str:
    """A lower-cased question from its question word on: 'En voor welke branches ...?' asks what 'welke branches
    ...?' asks."""
    return _LEADING_PREPOSITION.sub("", _LEADING_CONJUNCTION.sub("", sentence))


_VAGUE_AMOUNT = (r"(?:verschillende|diverse|enkele|meerdere|een aantal|tal van|vele|allerlei|talrijke|\d+|" +
                 "|".join(sorted(NUMBER_WORDS)) + r")")


def asked_plural(text: str) -> str:
    """The plural noun a 'welke ...' / 'wat zijn de ...' question asks for ('In welke landen ...' -> 'landen')."""
    t = from_question_word(question_sentence(text.strip().lower()))
    m = re.match(r"(?:(?:welke|wat) (?:zijn|waren) (?:de|die|deze|het)|welke)\s+(.*)", t)
    return _plural_noun(raw_tokens(m.group(1))[:4]) if m else ""   # 'die 7 principes' -> 'principes'


def only_mentions(question: str, sentence: str) -> bool:
    """Whether a sentence names what a list question asks for only by an amount, without the items: 'die in
    verschillende landen gegeven wordt' for 'In welke landen ...?', 'de lancering van 7 principes' for 'Wat zijn
    die 7 principes?'. (Items would follow a colon or 'zoals', or stand in a list.)"""
    noun = asked_plural(question)
    if not noun:
        return False
    m = re.search(r"\b%s\s+(?:\w+\s+)?%s\b" % (_VAGUE_AMOUNT, re.escape(noun)), fold(sentence), re.I)
    return bool(m) and not re.search(r":|\bzoals\b|\bnamelijk\b", fold(sentence)[m.end():])


# Countries and regions as Dutch names them, noun or adjective (accent-folded), by the place they name.
_PLACES = {
    "nederland": "nl", "nederlands": "nl", "nederlandse": "nl", "holland": "nl", "hollandse": "nl",
    "belgie": "be", "belgisch": "be", "belgische": "be", "vlaanderen": "be", "vlaams": "be", "vlaamse": "be",
    "wallonie": "be", "waalse": "be",
    "duitsland": "de", "duits": "de", "duitse": "de", "frankrijk": "fr", "franse": "fr",
    "engeland": "uk", "brits": "uk", "britse": "uk", "luxemburg": "lu", "luxemburgse": "lu",
    "amerika": "us", "amerikaans": "us", "amerikaanse": "us", "europa": "eu", "europees": "eu", "europese": "eu",
    "afrika": "af", "afrikaanse": "af", "azie": "as", "aziatische": "as",
    "netherlands": "nl", "dutch": "nl", "belgium": "be", "belgian": "be", "flanders": "be", "flemish": "be",
    "germany": "de", "german": "de", "france": "fr", "french": "fr", "britain": "uk", "british": "uk",
    "europe": "eu", "european": "eu", "america": "us", "american": "us",
}


def places(text: str) -> set:
    return {_PLACES[w] for w in tokens(text) if w in _PLACES}


def other_place(question: str, sentence: str) -> bool:
    """Whether a sentence is about another country than the question asks about: 'grote Nederlandse bedrijven'
    for 'Met hoeveel ngo's werkt een Belgisch bedrijf samen?'."""
    asked, said = places(question), places(sentence)
    return bool(asked and said and not asked & said)


def question_sentence(text: str) -> str:
    """The sentence that asks, when a message says something first: 'Een bedrijf vindt veel risico's in zijn
    keten. Waar moet het mee beginnen?'"""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return asking[-1] if len(sentences) > 1 and asking else text


# 'Hoe lang loopt ...?', 'Hoe vaak ...?', 'Hoe duur is ...?': the adjective after 'hoe' says which measure is asked
# for (question_measure), not what about; 'lang' would find 'langdurig' and 'al lang'.
_MEASURED = re.compile(r"\bhoe\s+(?P<measure>lang|vaak|groot|duur|snel|oud|ver|hoog|laat|vroeg)\b", re.I)

# 'Wat is het grootste risico?' asks which one is first, not what a risk is.
_SUPERLATIVE = re.compile(r"^\s*(?:wat|wie|what|who)\s+(?:is|zijn|was|waren|are)\s+(?:de|het|the)\s+"
                          r"(?P<rank>\w+ste|meest\w*|minst\w*|most|least|biggest|largest|main)\b", re.I)


# 'Wat betekent het begrip X?': the word for a word is not the subject.
_TERM_NOUN = re.compile(r"^(?:(?:het|de)\s+)?(?:begrip|woord|term|uitdrukking|afkorting)\s+", re.I)


_SETTING = re.compile(r"\s+(?:bij|in|voor|tijdens|binnen|volgens|op|onder)\s+(?=\S)", re.I)


def definition_subject(text: str) -> str:
    m = _SUBJECT.match(text.strip())
    if not m or _SUPERLATIVE.match(text):
        return ""
    subject = next((group for group in m.groups() if group), "")   # the one alternative that matched
    subject = _TERM_NOUN.sub("", subject.strip(" ?.!'\""))
    # 'een plafond bij zo'n actie': what is asked about is the noun; the phrase after it says where.
    return _SETTING.split(subject, maxsplit=1)[0].strip()


def is_english(text: str) -> bool:
    toks = tokens(text)
    en = sum(t in _ENGLISH for t in toks) + 2 * sum(t in _ENGLISH_QUESTION for t in toks)
    nl = sum(t in _DUTCH for t in toks)
    return en >= 2 and en > nl


# Particles that Dutch splits off a verb to the end of the sentence: 'Wat levert het op?' (opleveren).
SEPARABLE_PARTICLES = frozenset("op aan uit in mee af door over terug toe voor bij na om weg samen".split())
_PREPOSITIONS = frozenset("met aan op in bij voor van tegen over naar uit door tot om".split())
PHRASE_AFTER_PARTICLE = 4   # words of a prepositional phrase that may follow the particle ('samen met een ngo')


def separable_verbs(text: str) -> List[str]:
    """'Wat levert een partnerschap op?' -> ['opleveren']: a final particle joined to an earlier verb,
    when the dictionary knows the joined verb."""
    return list(dict.fromkeys(verb for _, _, verb in separable_pairs(text)))


# Where a clause ends: a sentence's end, a comma or semicolon, or a subordinating conjunction that opens the next
# clause ('Wat levert het op als werknemers doneren?'). The conjunctions are a closed class, listed whole.
_CLAUSE_BREAK = re.compile(r"[,;]|[.!?](?=\s|$)|\b(?=(?:als|omdat|zodat|wanneer|terwijl|doordat|nadat|voordat|"
                           r"indien|hoewel|zodra|tenzij|aangezien|zolang|opdat)\b)", re.I)


# Coordinating conjunctions: never the verb of a particle ('..., en wat levert dat op?' has no verb 'open').
_COORDINATORS = frozenset("en of maar want dus noch".split())


def clauses(text: str) -> List[str]:
    """The clauses of a text, roughly: parted at punctuation and before a subordinating conjunction."""
    return [c for c in _CLAUSE_BREAK.split(text) if c and c.strip()]


def pronominal_particle(clause: str) -> str:
    """The particle that closes a clause opened by 'waar' ('Waar begin je dan mee?': 'waarmee', split), or ''. It
    belongs to 'waar', not to a verb: 'begin ... mee' is no 'meebeginnen'."""
    words = raw_tokens(clause)
    return words[-1] if len(words) >= 3 and words[0] == "waar" and words[-1] in SEPARABLE_PARTICLES else ""


def separable_pairs(text: str) -> List[Tuple[str, str, str]]:
    """(verb as written, particle, joined verb) for each separable verb of a sentence, clause by clause: ('levert',
    'op', 'opleveren' in 'Wat levert het op als ...?'); also for one split by 'te' ('om samen te werken': ('werken',
    'samen', 'samenwerken'))."""
    return [pair for clause in clauses(text) for pair in _separable_pairs(clause)]


def _separable_pairs(text: str) -> List[Tuple[str, str, str]]:
    words = raw_tokens(text)
    if len(words) < 3 or len(words) > 40:
        return []
    from .lemmas import is_word

    # After 'te' the verb is written as its infinitive ('op te zetten'; the dictionary reads 'zetten' as 'zet').
    found = [(words[i + 2], words[i], words[i + 2]) for i in range(len(words) - 2)
             if words[i] in SEPARABLE_PARTICLES and words[i + 1] == "te"]
    # The particle ends the sentence, or a short prepositional phrase follows it ('werkt samen met een bedrijf').
    at = len(words) - 1
    if pronominal_particle(text):
        at = -1
    elif words[at] not in SEPARABLE_PARTICLES:
        at = next((i for i in range(max(1, len(words) - PHRASE_AFTER_PARTICLE - 1), len(words) - 1)
                   if words[i] in SEPARABLE_PARTICLES and words[i + 1] in _PREPOSITIONS), -1)
    if at >= 0:
        # A plural verb is written as its infinitive ('vallen ... af'), which the dictionary may read as a noun's
        # plural ('vallen' -> 'val'); a singular one ('valt') by its lemma.
        found += [(word, words[at], infinitive) for word in words[:at] if word not in _COORDINATORS
                  for infinitive in dict.fromkeys((lemma(word), word))]
    pairs = [(word, particle, particle + infinitive) for word, particle, infinitive in found
             if infinitive.endswith("en") and is_word(particle + infinitive) and particle + infinitive not in STOPWORDS]
    return [pair for i, pair in enumerate(pairs) if pair[0] not in (p[0] for p in pairs[:i])]   # one per verb


# An abbreviation as typed: with or without a dot after each letter ('i.v.m.', 'ivm', 'bijv.'), a word of its own.
_ABBREVIATION = re.compile(r"(?<![\w.])(?:%s)(?!\w)" % "|".join(
    r"\.?".join(map(re.escape, short)) + r"\.?" for short in sorted(ABBREVIATIONS, key=len, reverse=True)), re.I)


_IDIOMS_BY_FIRST: Dict[str, list] = {}
for _idiom in IDIOMS:
    _IDIOMS_BY_FIRST.setdefault(_idiom.core[0], []).append(_idiom)


# 'zon' typed for "zo'n" before a word ('in zon partnerschap'), not the sun after an article ('de zon').
_ZON = re.compile(r"(?<!\bde )(?<!\bdie )(?<!\bhet )(?<!\bdeze )(?<!\bdat )\bzon\b(?=\s+\w)", re.I)


def spelled_out(text: str) -> str:
    """The text with its chat abbreviations in full words: 'kun je een vb geven' -> 'kun je een voorbeeld
    geven', 'kosten ivm btw' -> 'kosten in verband met btw' (knowledge/abbreviations_nl.txt)."""
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[fold(m.group(0).replace(".", ""))], text)
    return _ZON.sub(lambda m: m.group(0)[:2] + "'n", text)


def idiom_matches(text: str) -> Tuple[List[str], set, List[str]]:
    """(the words of text, the positions of its fixed expressions' words, the plain words they mean)."""
    words, found = _idioms_in(text)
    return words, set().union(*(positions for positions, _ in found)), [w for _, meaning in found for w in meaning]


def _idioms_in(text: str) -> Tuple[List[str], List[Tuple[set, Tuple[str, ...]]]]:
    """(the words of text, each fixed expression found: the positions of its words and its meaning)."""
    words = raw_tokens(text)
    folded = [fold(w) for w in words]
    drop: set = set()
    found = []
    lemmas = None
    for i, first in enumerate(folded):
        for idiom in _IDIOMS_BY_FIRST.get(first, ()):
            n = len(idiom.core)
            if tuple(folded[i:i + n]) != idiom.core:
                continue
            positions = set(range(i, i + n))
            if idiom.verb:
                lemmas = lemmas or [lemma(w) for w in words]
                verbs = [k for k, l in enumerate(lemmas) if l in (idiom.verb, lemma(idiom.verb)) and k not in drop]
                if not verbs:
                    continue
                positions.add(verbs[0])
            drop |= positions
            found.append((positions, idiom.meaning))
    return words, found


def plain_sentence(text: str) -> str:
    """The text with each fixed expression replaced where it stands by its plain words, for the sentence
    embedding: 'Wat kan er misgaan als je met een bedrijf in zee gaat?' -> '... met een bedrijf samenwerken?'.
    (An encoder this small reads the idiom less surely than the plain word.)"""
    _, found = _idioms_in(text)
    if not found:
        return text
    replaced: Dict[int, str] = {}
    for positions, meaning in found:
        # At the first of its words: the verb, when it comes first ('trok ... de stekker eruit'), keeps its place.
        replaced.update({k: "" for k in positions})
        replaced[min(positions)] = " ".join(meaning)
    out, end = [], 0
    for k, span in enumerate(token_spans(text)):
        if k in replaced:
            out += [text[end:span[0]], replaced[k]]
            end = span[1]
    out.append(text[end:])
    return re.sub(r"\s+([?.!,;:])", r"\1", " ".join("".join(out).split()))


def idiom_meanings(sentence: str) -> List[str]:
    """The plain words that the fixed expressions of a sentence mean: a factsheet's 'slaan de handen ineen' also
    says 'samenwerken', as a question in plain words asks it."""
    return idiom_matches(sentence)[2]


def plain_wording(text: str) -> str:
    """The text with its fixed expressions in plain words: 'Met welke ngo kunnen we in zee gaan?' -> 'Met welke
    ngo kunnen we samenwerken?' (the words of an idiom would be looked for literally, and 'zee' is nowhere)."""
    words, drop, meaning = idiom_matches(text)
    if not meaning:
        return text
    return " ".join([w for i, w in enumerate(words) if i not in drop] + meaning)


# A clause that frames a question without saying what it is about ('Klopt het dat', 'Weet jij of').
_FRAME = re.compile(r"^\s*(?:klopt het|is het (?:waar|zo|juist)|maakt het (?:iets |wat |veel )?uit|weet (?:je|jij|u)|"
                    r"kun (?:je|jij)|kan (?:je|jij|u)|"
                    r"kunt u)(?:\s+(?:me|mij|eens|misschien|ook))*(?:\s+(?:vertellen|zeggen|uitleggen))?"
                    r"\s*,?\s*(?:dat|of)\b", re.I)


# 'Hoe pak je X aan?', 'Hoe ga je daarbij te werk?' ask how to go about X: the verb is the asking, X what about.
# ('aan' closes the clause: 'een pak koffie aan de kassa' is a packet.)
_HOW_TO = re.compile(r"\b(?:pak|pakt|pakken|pakte|pakten)\b(.{0,80}?)\baan(?=\s*(?:[?.!,;]|$|\s+om\b))|"
                     r"\b(?:ga|gaat|gaan)\b(.{0,80}?)\bte werk\b", re.I)


# 'Wat voor soort bedrijven ...?', 'Welke soorten indicatoren ...?': a word for a kind asks for kinds of the noun
# after it, not for forms of collaboration; it stands for the topic's other words only before a partnership word
# ('welk type samenwerking') or alone.
_KIND_OF = re.compile(r"\b(soort|soorten|type|types|typen|variant|varianten|sort|sorts|kind|kinds)\s+(?:van\s+|of\s+)?"
                      r"((?:[\w'-]+\s+){0,1}[\w'-]+)", re.I)
_PARTNERSHIP_WORD = re.compile(r"samenwerk|partner|coalitie|verband|relatie|collaborat", re.I)


def kinds_of_other_things(text: str) -> Set[str]:
    """The words for a kind in text that ask for kinds of something other than a partnership (folded)."""
    return {fold(m.group(1)) for m in _KIND_OF.finditer(text)
            if content_tokens(m.group(2)) and not _PARTNERSHIP_WORD.search(m.group(2))}


def analyse(text: str, vocabulary: Optional["Vocabulary"] = None) -> Query:
    """The question's terms and kind. With a vocabulary (words of the factsheets), a misspelt word
    also gets the forms of its likely correction."""
    terms: List[Term] = []
    asked = _SUPPOSE.sub("", _FRAME.sub("", text))   # 'Klopt het dat ...', 'Stel dat ...' asks what follows
    # 'Bij wie kan ik terecht met vragen over pro bono?': the asking for contact details says what kind of answer
    # is wanted (an address or a number), not what about; the words of a contact block are not the question's.
    about = contact_subject(asked)
    if about and content_tokens(about):
        asked = about
    asked = plain_wording(_HOW_TO.sub(lambda m: m.group(1) or m.group(2) or "", asked))
    pairs = separable_pairs(asked)
    joined = list(dict.fromkeys(verb for _, _, verb in pairs))
    # 'werken ... samen' is also the word 'samenwerken': its particle is not a word of its own. (The verb stays:
    # leaving it out too lost the new-factsheet test's 'Wat levert vrijwilligerswerk op?'.)
    # 'Waar begin je mee?': the particle that closes 'waar ...' is part of a word of asking ('waarmee').
    used = {particle for _, particle, _ in pairs} | ({pronominal_particle(c) for c in clauses(asked)} - {""})
    written = {word for word, _, _ in pairs}
    # 'Wat is het grootste risico?' asks which risk comes first (kind 'rank'): the superlative is how it asks, not
    # what about, and its plain adjective would find 'grote bedrijven'.
    ranking = _SUPERLATIVE.match(asked)
    if ranking:
        used.add(ranking.group("rank").lower())
    used |= {m.group("measure").lower() for m in _MEASURED.finditer(asked)}
    words = [t for t in content_tokens(asked) if t not in used]
    if vocabulary is not None:
        # 'die pampers-unicef actie': a word joined by a hyphen that the factsheets never write so is two words.
        words = [part for t in words for part in (
            t.split("-") if "-" in t and fold(t) not in vocabulary.words else [t]) if len(part) > 1]
    other_kinds = kinds_of_other_things(asked)
    for tok in words + joined:
        forms, parts = set(word_forms(tok)), set(compound_parts(tok))
        if vocabulary is not None and len(tok) >= 5 and not forms & vocabulary.words:
            for correction in vocabulary.corrections(fold(tok)):
                forms |= word_forms(correction)
                parts |= set(compound_parts(correction))
        synonyms = set()
        for form in (forms if fold(tok) not in other_kinds else ()):
            synonyms |= synonyms_of(form)
        synonyms |= derived_words(forms) | spelled_numbers(forms)
        term = Term(fold(tok), frozenset(forms), frozenset(parts - forms), frozenset(synonyms - forms),
                    joined=tok in joined and tok not in words, split_off=tok in written and tok not in joined)
        if all(t.forms != term.forms for t in terms):
            terms.append(term)
    kind = question_kind(text)
    plain = plain_sentence(text)
    return Query(text=text, terms=terms, kind=kind, subject=definition_subject(text), english=is_english(text),
                 measure=(question_measure(text) if kind == "count" else
                          contact_measure(text) if kind == "contact" else ""), besides=besides_named(text),
                 embedded=plain if plain != text else "")


# A number written in digits or in words is the same number ('20 collega's' / 'twintig personen').
_NUMBER_NAMES = dict(zip(
    "2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 30 40 50 60 70 80 90 100 1000".split(),
    "twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien achttien "
    "negentien twintig dertig veertig vijftig zestig zeventig tachtig negentig honderd duizend".split()))
_NUMBER_NAMES.update({name: digits for digits, name in list(_NUMBER_NAMES.items())})


def spelled_numbers(forms: Iterable[str]) -> Set[str]:
    """The other way of writing a number: '20' -> 'twintig', 'twintig' -> '20'."""
    return {_NUMBER_NAMES[f] for f in forms if f in _NUMBER_NAMES}


# A verb and the noun made from it: 'beoordelen' / 'beoordeling', 'evalueren' / 'evaluatie', 'investeren' /
# 'investering'. (Pairs the stem alone misses: 'beoordeeld' is not a beginning of 'beoordeling'.)
_DERIVATIONS = (("eren", ("atie", "ering")), ("atie", ("eren",)), ("ering", ("eren",)), ("ing", ("en",)),
                ("en", ("ing",)))


def derived_words(forms) -> set:
    """The nouns a verb makes and the verbs a noun comes from, of these word forms, that Dutch knows."""
    out = set()
    for form in forms:
        for ending, others in _DERIVATIONS:
            if form.endswith(ending) and len(form) - len(ending) >= 4:
                out |= {form[:-len(ending)] + other for other in others if is_word(form[:-len(ending)] + other)}
                break
    return out - set(forms)


class Vocabulary:
    """The words of the factsheets, for correcting a misspelt question word (corrections are remembered)."""

    def __init__(self, words: Collection[str]):
        self.words = frozenset(words)
        self._sorted = sorted(self.words)
        self._corrections: dict = {}

    def corrections(self, word: str) -> List[str]:
        if word not in self._corrections:
            if len(self._corrections) > 20000:
                self._corrections.clear()
            same_sound = [v for v in sound_alikes(word) if v in self.words]
            self._corrections[word] = same_sound[:1] or difflib.get_close_matches(
                word, self._sorted, n=1, cutoff=SPELLING_CUTOFF)
        return self._corrections[word]


# Letters Dutch writes in two ways for one sound ('aktie' for 'actie', 'produkt', 'kontakt'): a misspelling a
# ratio misses on short words. A swap counts only when it gives a word of the factsheets.
_SAME_SOUND = (("k", "c"), ("c", "k"), ("ei", "ij"), ("ij", "ei"), ("au", "ou"), ("ou", "au"), ("ph", "f"))


def sound_alikes(word: str) -> List[str]:
    """Spellings of word with one kind of sound-alike letters swapped throughout: 'aktie' -> ['actie', ...]."""
    return [word.replace(a, b) for a, b in _SAME_SOUND if a in word]


# The kinds of question whose answer a sentence can be checked for (gives_kind); other kinds accept any sentence.
CHECKED_KINDS = ("count", "time", "person", "reason", "contact")


def gives_kind(kind: str, text: str, measure: str = "") -> bool:
    """Whether a sentence can answer a question of this kind at all (a count needs a number, and the measure
    asked for when the question says one; a 'when' a year or date, a 'who' a name). Other kinds accept any
    sentence."""
    if kind == "count":
        words = set(tokens(text))
        number = bool(COUNT_PATTERN.search(NOT_COUNTED.sub(" ", text))) or bool(words & NUMBER_WORDS)
        if measure == "duration":
            return bool(number and _DURATION.search(text) or _YEAR_OR_DATE.search(text))
        return number
    if kind == "time":
        return bool(_YEAR_OR_DATE.search(text) or _TIME_SPAN.search(text))
    if kind == "person":
        return has_name(text)
    if kind == "reason":
        return bool(_REASON.search(text))
    if kind == "contact":
        return bool(_CONTACT_BY.get(measure, _CONTACT).search(text))
    return True


def has_name(text: str) -> bool:
    """A capitalised word inside a sentence (a person or organisation), or an acronym."""
    words = text.split()
    for before, word in zip(words, words[1:]):
        if word[:1].isupper() and not before.endswith((".", "!", "?", ":")):
            return True
    return bool(_ACRONYM.search(text))
