"""The partnership fit assessment: questions, answer parsing, scoring and the form recommendation.

Pure functions, no Rasa imports. The rules are meant to be explained to a user:

Answers. Every question is phrased so that "ja" is favourable. An answer counts as
  ja = 1.0, deels = 0.5, nee = 0.0; a number 1-5 counts as (n - 1) / 4.
  Accepted words: ja/yes/zeker/klopt, nee/no/niet, deels/een beetje/misschien/soms/gedeeltelijk.

Score. A weighted mean of the answers, times 100, rounded (0-100). The fit of the
  partnership goal with both missions and the partner's reputation weigh double, because
  the factsheets name them as what makes or breaks a partnership (NCDO: goal close to
  mission and strategy; reputation damage is the most important risk).

Verdict. >= 75 sterke match; 50-74 kansrijk met aandachtspunten; < 50 zwakke match.

Recommended form (after James Austin, NCDO factsheet):
  geïntegreerd   - the goal fits both missions (ja), commitment and shared expectations are
                   at least 'deels', and the score is >= 75: partners can work from a shared
                   mission on an equal footing;
  transactioneel - otherwise, when each partner brings something of value (complementary
                   skills, network or knowledge at least 'deels') and the score is >= 50;
  filantropisch  - otherwise: the company's role is best kept to funding.

Weak factors. Every factor answered 'deels' or worse (< 1.0) gets advice from the
  knowledge base, weakest first.
"""
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple


@dataclass(frozen=True)
class Factor:
    slot: str
    name: str          # in Dutch, for the user; the question itself is utter_ask_<slot> in domain.yml
    weight: float
    advice_query: str  # what to look up in the knowledge base when the answer is weak
    tip: str           # the step to take, introducing what the factsheet says


FACTORS: Tuple[Factor, ...] = (
    Factor("fit_goal", "aansluiting bij missie en strategie", 2.0,
           "doel sluit nauw aan bij de missie en strategie van beide organisaties",
           "maak het doel van het partnerschap concreet en toets het aan de missie van beide organisaties"),
    Factor("fit_commitment", "commitment", 1.0,
           "commitment tijd en aandacht in de samenwerking",
           "spreek af hoeveel tijd en aandacht ieder erin steekt"),
    Factor("fit_communication", "communicatie", 1.0,
           "communicatie de mate waarin partners met elkaar communiceren",
           "plan vaste momenten om elkaar bij te praten"),
    Factor("fit_coordination", "coördinatie", 1.0,
           "coördinatie hoe de samenwerking is georganiseerd duidelijke afspraken",
           "leg rollen, taken en afspraken vast"),
    Factor("fit_expectations", "gedeelde verwachtingen", 1.0,
           "gedeelde verwachtingen en accountability",
           "bespreek wat ieder verwacht en waarop je elkaar aanspreekt"),
    Factor("fit_complementarity", "complementariteit", 1.0,
           "complementariteit van vaardigheden netwerk en kennis",
           "breng in kaart wat ieder inbrengt aan vaardigheden, netwerk en kennis"),
    Factor("fit_reputation", "reputatie", 2.0,
           "reputatieschade onethisch gedrag milieuonvriendelijke activiteiten geloofwaardigheid",
           "maak een omgevings- en risicoanalyse van je partner"),
    Factor("fit_evaluation", "evaluatie", 1.0,
           "partnerschappen worden minimaal geëvalueerd lessons learned",
           "plan een evaluatie en leg vast wat jullie ervan leren"),
)
SLOTS = tuple(f.slot for f in FACTORS)
FACTOR_BY_SLOT: Dict[str, Factor] = {f.slot: f for f in FACTORS}

ANSWER_HINT = "Antwoord met ja, deels of nee (of een cijfer van 1 tot 5)."

_YES = {"ja", "jazeker", "zeker", "klopt", "yes", "yep", "jep", "jawel", "absoluut", "zeker weten", "ja hoor",
        "ja zeker", "inderdaad", "y", "j"}
_NO = {"nee", "neen", "no", "nope", "niet", "zeker niet", "helemaal niet", "nee hoor", "n"}
_PARTLY = {"deels", "een beetje", "beetje", "misschien", "soms", "gedeeltelijk", "redelijk", "half", "enigszins",
           "min of meer", "een deel", "partly", "somewhat", "maybe", "deel", "een beetje wel", "beetje wel"}
_NUMBER = re.compile(r"^\s*([1-5])\s*(/\s*5|van de 5|uit 5)?\s*$")


def parse_answer(text: Optional[str]) -> Optional[float]:
    """The value of a typed answer (0.0-1.0), or None when it is not an answer we accept."""
    if text is None:
        return None
    t = re.sub(r"[!.?,]+", " ", text.strip().lower())
    t = " ".join(t.split())
    if not t:
        return None
    m = _NUMBER.match(t)
    if m:
        return (int(m.group(1)) - 1) / 4
    if t in _YES:
        return 1.0
    if t in _NO:
        return 0.0
    if t in _PARTLY:
        return 0.5
    return None


def answer_label(value: float) -> str:
    """ja / deels / nee for a value, as stored and shown."""
    if value >= 0.75:
        return "ja"
    if value >= 0.25:
        return "deels"
    return "nee"


def score(answers: Dict[str, float]) -> int:
    """Weighted mean of the answers, 0-100. Missing answers count as 'nee'."""
    total = sum(f.weight for f in FACTORS)
    got = sum(f.weight * float(answers.get(f.slot, 0.0)) for f in FACTORS)
    return int(round(100 * got / total))


def verdict(points: int) -> str:
    if points >= 75:
        return "sterke match"
    if points >= 50:
        return "kansrijk, met aandachtspunten"
    return "zwakke match: zorg eerst dat de basis op orde is"


def recommend_form(answers: Dict[str, float]) -> Tuple[str, str]:
    """(form, reason in Dutch) after Austin's three forms of collaboration."""
    points = score(answers)
    goal = answers.get("fit_goal", 0.0)
    if (goal >= 1.0 and answers.get("fit_commitment", 0.0) >= 0.5
            and answers.get("fit_expectations", 0.0) >= 0.5 and points >= 75):
        return ("geïntegreerd",
                "het doel past bij beide missies en er is commitment en gedeelde verwachting: jullie kunnen "
                "op gelijkwaardige basis vanuit een gedeelde missie samenwerken")
    if answers.get("fit_complementarity", 0.0) >= 0.5 and points >= 50:
        return ("transactioneel",
                "jullie hebben elkaar iets van waarde te bieden, maar een gedeelde missie is (nog) niet "
                "sterk genoeg: laat de samenwerking bijdragen aan ieders eigen doelen")
    return ("filantropisch",
            "de basis voor een gelijkwaardige samenwerking ontbreekt nog: begin met het bedrijf als "
            "financier en bouw de relatie stap voor stap op")


def weak_factors(answers: Dict[str, float]) -> List[Factor]:
    """Factors answered below 'ja', weakest first (ties in questionnaire order)."""
    weak = [f for f in FACTORS if float(answers.get(f.slot, 0.0)) < 1.0]
    return sorted(weak, key=lambda f: (float(answers.get(f.slot, 0.0)), FACTORS.index(f)))
