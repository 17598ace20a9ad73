"""The domain knowledge in one place: topics, how they are asked for, and general Dutch synonyms.

Every part of the bot that knows about topics reads this module: passage labelling when the
knowledge base is built (knowledge/topics.py), question understanding and retrieval (topic
hints and synonym expansion), the topic menu and its FAQ buttons (actions/faq.py), the
trainers' report (bot/report.py), and a test that checks domain.yml and the rules against it.

Synonyms are general Dutch (and the English words a visitor may type): words that mean the
same in any text about organisations working together. They are lemmas, accent-folded, as
knowledge.lemmas.lemma() produces them. They were written down before the question sets were
run and are not extended to make a particular question pass; paraphrases beyond them are left
to the sentence embeddings.
"""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from .text import fold


@dataclass(frozen=True)
class Topic:
    key: str                       # the label passages carry, e.g. "risico's"
    intent: Optional[str]          # the NLU intent that asks for it
    title: str                     # menu button and report name
    question: str                  # what a menu button or a bare follow-up asks
    synonyms: FrozenSet[str]       # lemmas that name the topic, in a heading or in a question
    pattern: Optional[str] = None  # phrasings in running text that put a passage on the topic
    text_synonyms: bool = True     # whether a synonym in running text (not only a heading) counts
    ask: Optional[str] = None      # how a FAQ question about the topic starts ("Wat zijn de voordelen")
    plural: Optional[str] = None   # what a factsheet lists on the topic ("voordelen")
    menu: bool = False             # offered as a topic button
    faq: Tuple[str, ...] = ()      # follow-up questions the topic menu may offer (only those the factsheets answer)

    @property
    def payload(self) -> str:
        return "/" + self.intent if self.intent else ""


def _words(text: str) -> FrozenSet[str]:
    return frozenset(text.split())


TOPICS: Tuple[Topic, ...] = (
    Topic("voordelen", "ask_benefits", "Voordelen", "Wat zijn de voordelen van samenwerking?",
          _words("voordeel meerwaarde baat nut profijt opbrengst opleveren winst pluspunt benefit advantage"),
          ask="Wat zijn de voordelen", plural="voordelen", menu=True,
          faq=("Waarom zoeken ngo's samenwerking met bedrijven?",)),
    Topic("risico's", "ask_risks", "Risico's", "Wat zijn de risico's van samenwerking?",
          _words("risico gevaar nadeel valkuil bedreiging keerzijde knelpunt minpunt reputatieschade "
                 "risk danger pitfall drawback"),
          ask="Wat zijn de risico's", plural="risico's", menu=True,
          faq=("Wat is het belangrijkste risico?", "Hoe beperk je de risico's van een partnerschap?")),
    Topic("samenwerkingsvormen", "ask_forms", "Samenwerkingsvormen", "Welke vormen van samenwerking zijn er?",
          _words("samenwerkingsvorm vorm soort type variant form kind"),
          pattern=r"\bvorm(en)? (van|krijgen)\b|\bsamenwerkingsvorm",
          text_synonyms=False, ask="Welke vormen van samenwerking zijn er", plural="vormen van samenwerking",
          menu=True, faq=("Welke vorm van samenwerking is het meest gelijkwaardig?",)),
    Topic("succesfactoren", "ask_success_factors", "Succesfactoren", "Wat zijn de succesfactoren van samenwerking?",
          _words("succesfactor succes succesvol slagen voorwaarde randvoorwaarde success successful"),
          ask="Wat zijn de succesfactoren", plural="succesfactoren", menu=True,
          faq=("Waarom mislukken partnerschappen?", "Hoe bereid je een partnerschap goed voor?")),
    Topic("partner vinden", "ask_partner_search", "Een partner vinden", "Hoe vind je een geschikte partner?",
          _words("partnerkeuze partnerselectie match zoektocht"),
          pattern=r"(geschikte|juiste) partner|partner (te |)(vinden|zoeken)|zoektocht naar",
          text_synonyms=False, ask="Hoe vind je een geschikte partner", plural="routes naar een partner",
          menu=True, faq=("Waar begint de zoektocht naar een partner?",)),
    Topic("definitie", "ask_definition", "Definities", "Wat is een partnerschap tussen ngo's en bedrijven?",
          _words("definitie betekenis begrip"),
          pattern=r"\b(houdt in|betekent|verstaan (we|wij) onder|wordt gedefinieerd|is (een|het) (?!van\b)\w+)",
          text_synonyms=False),
    Topic("cijfers", "ask_statistics", "Cijfers", "Hoeveel partnerschappen zijn er?",
          _words("aantal cijfer percentage procent statistiek"),
          text_synonyms=False),
    Topic("voorbeeld", "ask_example", "Voorbeelden", "Geef een voorbeeld van een partnerschap.",
          _words("voorbeeld praktijkvoorbeeld casus example"),
          pattern=r"\b(bijvoorbeeld|voorbeeld|zoals)\b|(^|\. )Zo \w+", text_synonyms=False),
    Topic("initiatieven", "ask_initiatives", "Initiatieven", "Welke initiatieven stimuleren partnerschappen?",
          _words("initiatief award verkiezing prijs wedstrijd netwerk platform programma training"),
          ask="Welke initiatieven zijn er", plural="initiatieven"),
    Topic("contact", "ask_more_info", "Meer informatie", "Waar vind ik meer informatie en met wie neem ik contact op?",
          _words("contact contactpersoon informatie website"),
          pattern=r"(www\.|https?://|\S+@\S+\.\w+|neem (dan )?contact|meer informatie)", text_synonyms=False),
    Topic("bronnen", None, "Bronnen", "Welke bronnen worden genoemd?",
          _words("bron literatuur referentie bronvermelding"), text_synonyms=False),
)

BY_KEY: Dict[str, Topic] = {t.key: t for t in TOPICS}
BY_INTENT: Dict[str, Topic] = {t.intent: t for t in TOPICS if t.intent}
MENU: Tuple[Topic, ...] = tuple(t for t in TOPICS if t.menu)
# The fit check sits in every topic menu after the topics.
FIT_CHECK_BUTTON = {"title": "Fit check", "payload": "/start_assessment"}

# Numbers as a statistic: not years, list numbers or numbers inside names ('COVID-19'; a range '1-3' counts).
COUNT_PATTERN = re.compile(
    r"(\b\d{1,3}([.,]\d+)?\b(?! ?(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december))|\bhelft\b|\bprocent\b|%|\bgemiddeld\b|\bmeerderheid\b|\bderde\b|\bkwart\b)", re.I)
NOT_COUNTED = re.compile(r"\b(19|20)\d\d\b|^\d{1,2}\. |[^\W\d_]-\d+", re.M)

# Who a question or a sentence is about, for "voor ngo's" / "voor bedrijven" follow-ups.
AUDIENCES: Dict[str, FrozenSet[str]] = {
    "ngo": _words("ngo ngos vzw stichting goed-doel non-profit non-profitsector maatschappelijke charity nonprofit"),
    "bedrijf": _words("bedrijf onderneming bedrijfsleven firma werkgever company companies business"),
}
AUDIENCE_PLURAL = {"ngo": "ngo's", "bedrijf": "bedrijven"}

# General Dutch synonym groups (lemmas): each word of a group can stand for any other in a
# question. Kept general on purpose: words any text on organisations working together uses.
SYNONYM_GROUPS: Tuple[FrozenSet[str], ...] = tuple(_words(g) for g in (
    "bedrijf onderneming firma company",
    "ngo vzw stichting charity",
    "werknemer medewerker personeel employee staff",
    "samenwerking samenwerken partnerschap samenwerkingsverband coalitie partnership collaboration cooperation "
    "cooperate collaborate",
    "beginnen starten opzetten aangaan oprichten start",
    "stoppen beeindigen ophouden opzeggen stop end",
    "mislukken falen misgaan stuklopen fail",
    "ingewikkeld complex lastig moeilijk gecompliceerd difficult",
    "geld financiering middelen fondsen funding money",
    "doel doelstelling goal",
    "klant consument customer consumer",
    "imago reputatie image reputation",
    "kosten uitgaven cost",
    "evalueren beoordelen evaluate",
    "overeenkomst contract afspraak agreement",
    "vrijwilliger volunteer",
    "vrijwilligerswerk volunteering",
    "bekendheid naamsbekendheid awareness",
    "geloofwaardigheid credibiliteit betrouwbaarheid credibility",
    "innovatie vernieuwing innovation",
    "kennis expertise deskundigheid knowledge",
    "bijdrage inbreng contribution",
    "onderzoek studie research",
    "land country",
    "overheid regering government",
    "jaar year",
    "voorbeeld example",
    "belangrijk essentieel cruciaal important",
))


def _table_rows(path: Path) -> List[str]:
    """The rows of one of the word tables next to this module: its lines but blank ones and # comments."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def _synonym_file(path: Path) -> Tuple[FrozenSet[str], ...]:
    """A general Dutch synonym table, one group of interchangeable lemmas per line."""
    return tuple(frozenset(fold(w) for w in row.split()) for row in _table_rows(path))


# Everyday words of organisations, money, work, talk, time and change (synonyms_nl.txt), next to the groups above.
GENERAL_SYNONYM_GROUPS = _synonym_file(Path(__file__).with_name("synonyms_nl.txt"))


@dataclass(frozen=True)
class Idiom:
    """A fixed expression ('met een bedrijf in zee gaan') and the plain words it means ('samenwerken')."""
    core: Tuple[str, ...]          # folded words that stand together: ('in', 'zee')
    verb: str                      # the lemma of the verb it needs anywhere in the sentence, or ''
    meaning: Tuple[str, ...]


def _idiom_file(path: Path) -> Tuple[Idiom, ...]:
    idioms = []
    for row in _table_rows(path):
        core, verb, meaning = (field.strip() for field in row.split("|"))
        idioms.append(Idiom(tuple(fold(core).split()), fold(verb), tuple(fold(meaning).split())))
    return tuple(idioms)


IDIOMS = _idiom_file(Path(__file__).with_name("idioms_nl.txt"))


def _abbreviation_file(path: Path) -> Dict[str, str]:
    return {fold(short.strip()): full.strip() for short, full in (row.split("|") for row in _table_rows(path))}


# Chat abbreviations and the words they stand for ('ivm' -> 'in verband met', 'vb' -> 'voorbeeld').
ABBREVIATIONS = _abbreviation_file(Path(__file__).with_name("abbreviations_nl.txt"))
SYNONYMS: Dict[str, FrozenSet[str]] = {}
for _group in SYNONYM_GROUPS + GENERAL_SYNONYM_GROUPS:
    for _word in _group:
        SYNONYMS[_word] = SYNONYMS.get(_word, frozenset()) | (_group - {_word})


def topic_for_intent(intent: Optional[str]) -> Optional[Topic]:
    return BY_INTENT.get(intent or "")


def topics_named(lemmas: Iterable[str]) -> List[Topic]:
    """Topics whose synonyms occur among these lemmas, in taxonomy order."""
    lemmas = set(lemmas)
    return [t for t in TOPICS if t.synonyms & lemmas]


def synonyms_of(lemma: str) -> FrozenSet[str]:
    """Words that can stand for this lemma in a question: its synonym group, and the other names of
    a topic it names ('nadeel' -> 'risico', 'valkuil', ...)."""
    out = SYNONYMS.get(lemma, frozenset())
    for topic in TOPICS:
        if lemma in topic.synonyms:
            out |= topic.synonyms
    return out - {lemma}


# A message that asks for the fit check names it, or asks whether a partner or partnership fits, is a good
# match or will succeed: the asker's own ('Past deze ngo bij ons?', 'beoordeel onze samenwerking'). The NLU alone
# also took questions about 'onze medewerkers' or 'ons als adviseur' for a request, and a question about
# partnerships in general ('Worden samenwerkingsverbanden achteraf beoordeeld?') for one; a question that does
# not name the check, or asks about no partnership of the asker's own, is a question for the factsheets
# (bot/nlu_components.py).
# The check is named by its name ('fit check', 'partnerschapstest'), or by a plain noun ('een scan', 'de
# vragenlijst') about a partnership or to be done ('de test doen', 'vragenlijst invullen'): 'Hoe pakken we zo'n
# check aan?' about screening a sponsor asks for advice. The verb ('laten checken', 'toetsen') asks for it only
# about a partnership ('onze samenwerking laten toetsen'), not about a contract or a plan ('ons contract laten
# checken'), and a 'checklist' is no check at all.
_FIT_CHECK_NAMED = re.compile(r"\b(?:fit|partner\w*|samenwerkings)[ -]?(?:check|test|scan|toets)\b", re.I)
_CHECK_NOUN = r"\b(?:check|test|scan|toets|vragenlijst)\b"   # not 'protest', 'checklist'
_TAKE = r"\b(?:doen|doe|starten|start|beginnen|begin|invullen|vul|maken|afnemen)\b"
_NEAR = r"(?:\s+[\w']+){0,2}?\s+"   # up to two words between, in one clause
_CHECK_NAMED_PLAINLY = re.compile(_CHECK_NOUN, re.I)
_CHECK_TAKEN = re.compile(_CHECK_NOUN + _NEAR + _TAKE + "|" + _TAKE + _NEAR + _CHECK_NOUN, re.I)
_FIT_CHECK_VERB = re.compile(r"\b(ge)?(check|test|toets)(en|t|te|ten)?\b", re.I)
_PARTNERSHIP = re.compile(r"samenwerk|partner|\bmatch|\bfit\b", re.I)
_FIT_CHECK_ASKS = re.compile(
    r"beoorde+l|\bmatch|\bpas(t|sen|send\w*)\b|\bgeschikt\w*|kansrijk|kans van slagen|\bgoede? partner", re.I)
# Words by which a message is about the asker's own partnership or points at a particular partner.
_OWN = re.compile(r"\b(ik|we|wij|ons|onze|mijn|me|mij|jullie|je|jij|u|uw|dit|deze)\b", re.I)


def requests_fit_check(text: str) -> bool:
    """Whether a message the NLU read as a request for the fit check says so in its words: it names the check,
    or asks whether the asker's own partnership fits ('Hoe kansrijk is onze samenwerking?') or says so as a
    command ('beoordeel onze samenwerking')."""
    text = (text or "").strip()
    if _FIT_CHECK_NAMED.search(text) or _CHECK_TAKEN.search(text):
        return True
    if (_CHECK_NAMED_PLAINLY.search(text) or _FIT_CHECK_VERB.search(text)) and _PARTNERSHIP.search(text):
        return True
    asks = _FIT_CHECK_ASKS.search(text)
    return bool(asks) and (bool(_OWN.search(text)) or asks.start() == 0)
