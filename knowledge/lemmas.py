"""Dutch word normalisation for search: tokens, lemmas and compound parts.

simplemma's Dutch dictionary does the lemmatising; it is loaded lazily on first
use. Every form is accent-folded and lower-cased, so `risico's`, `risicos` and
`Risico` all become `risico`, and `voordelen` becomes `voordeel`.
"""
import re
from functools import lru_cache
from typing import List, Tuple

from .text import fold

_WORD_RE = re.compile(r"[0-9a-z\u00e0-\u00ff]+(?:['\-][0-9a-z\u00e0-\u00ff]+)*", re.I)

STOPWORDS = frozenset("""
aan af al alle alleen als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
een eens en er ga gaan geen gehad geweest had heb hebben heeft hem het hier hij hoe hun iemand iets ik in
is ja je jij jou jouw jullie kan kun kunnen maar me meer men met mij mijn moet na naar niet niets nog nu
of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat
we wel welk welke werd wezen wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou
waar waarom wanneer hoeveel hoe hoelang hoeverre hoezo vandaan naartoe waardoor waarin waarmee waarvoor waarover
waaruit waarop waaraan waarbij waarna waarnaar graag eigenlijk even eens dus zeg vertel uitleggen leg uit betekent
betekenis vraag vragen weten gaat goed
mag mogen dien dient dienen diende kunt zit er noemt noemen maakt maken tussen loop lopen loopt krijg krijgen krijgt
bestaan bestaat gelden geldt spelen speelt 's onze mijn jouw noem geef geven precies bedoeld bedoelen bedoel
verstaan houdt betreft graag alsjeblieft aub svp kunnen hoor daarover hierover zeggen zegt
a an the of and or to in on for is are be what which who how why do does can i you me my your it its
with about tell please
factsheet factsheets beschrijven vermelden inhouden
willen wilt wilde zullen zult zouden moeten moest moesten kon konden mocht mochten nou gewoon
alweer beetje ietsje ongeveer zowat ff effe zoal allemaal
zo'n z'n m'n d'r zulke zulk
achter behalve beneden binnen boven buiten gedurende langs naast ondanks per rond rondom sinds tegenover tijdens
vanaf vanwege via volgens voorbij dankzij jegens omtrent nabij krachtens wegens middels inzake betreffende
aangaande namens ten ter qua
""".split()) | frozenset(
    # Pronominal adverbs ('eraan', 'daarmee', 'hiervoor'): a closed class that points back, naming nothing.
    head + preposition for head in ("er", "daar", "hier")
    for preposition in "aan achter bij door in langs mee na naar naast om onder op over tegen toe uit van voor zonder "
                       "af heen vandaan omheen tussen binnen buiten boven".split())

# Linking letters between the parts of a Dutch compound (samenwerking-s-vorm).
_LINKS = ("s", "en", "e", "")
_MIN_PART = 4


def tokens(text: str) -> List[str]:
    """Accent-folded lower-case word tokens; `risico's` stays one token."""
    return [fold(t) for t in _WORD_RE.findall(text or "")]


def raw_tokens(text: str) -> List[str]:
    """Lower-case word tokens with their accents, for the dictionary ('beëindigde' is known, 'beeindigde' not)."""
    return [t.lower() for t in _WORD_RE.findall(text or "")]


def token_spans(text: str) -> List[Tuple[int, int]]:
    """Where each of raw_tokens(text) stands in text: (start, end)."""
    return [m.span() for m in _WORD_RE.finditer(text or "")]


@lru_cache(maxsize=1)
def _simplemma():
    import simplemma  # loads its dictionaries on first lemmatize call

    return simplemma


@lru_cache(maxsize=50000)
def lemma(token: str) -> str:
    """Folded lemma of one token, e.g. 'voordelen' -> 'voordeel', 'risicos' -> 'risico',
    'beëindigde' -> 'beeindigen'. Pass the token with its accents where it has them: the
    dictionary knows 'beëindigde', not 'beeindigde'."""
    token = token.lower()
    sm = _simplemma()
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    base = token.replace("'", "").replace("’", "")
    if not sm.is_known(base, lang="nl") and fold(base) != base and sm.is_known(fold(base), lang="nl"):
        base = fold(base)
    lem = fold(sm.lemmatize(base, lang="nl"))
    if lem == fold(base) and not sm.is_known(base, lang="nl"):
        # Plurals written without apostrophe: 'risicos', 'ngos'.
        for cut in ("s", "en"):
            if base.endswith(cut) and len(base) - len(cut) >= 3 and sm.is_known(base[: -len(cut)], lang="nl"):
                return fold(sm.lemmatize(base[: -len(cut)], lang="nl"))
    return lem


@lru_cache(maxsize=1)
def _lemma_values() -> frozenset:
    # Base forms that are never inflected appear only as dictionary values.
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return frozenset(DefaultDictionaryFactory().get_dictionary("nl").values())


def is_word(token: str) -> bool:
    return _simplemma().is_known(token, lang="nl") or token in _lemma_values()


@lru_cache(maxsize=50000)
def compound_parts(token: str) -> tuple:
    """Split a Dutch compound into a known modifier and the longest known head, lemmatised.

    'samenwerkingsvormen' -> ('samenwerking', 'vorm'); 'mvo-coalities' ->
    ('mvo', 'coalitie'). Returns () when no split is convincing.
    """
    word = lemma(token)
    if "-" in word:
        return tuple(lemma(part) for part in word.split("-") if len(part) >= 3)
    for i in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head = word[i:]
        if not is_word(head):
            continue
        for link in _LINKS:
            left = word[:i]
            if link and not left.endswith(link):
                continue
            left = left[: len(left) - len(link)]
            if len(left) >= _MIN_PART and is_word(left):
                # The modifier stays as written: simplemma lemmatises some
                # modifiers oddly ('geloof' -> 'wangeloven').
                return tuple(p for p in (left, lemma(head)) if p not in STOPWORDS)
    return ()


_STEM_SUFFIXES = ("heden", "ende", "end", "en", "es", "e", "s", "t", "d")


@lru_cache(maxsize=50000)
def stem(token: str) -> str:
    """A light Dutch stem: 'begint', 'beginnen' and 'begin' all give 'begin'.

    Catches verb forms that the dictionary lemmatises differently (a noun 'begin'
    next to a verb 'beginnen').
    """
    word = token.replace("'", "")
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) >= 5 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # undouble: 'beginn' -> 'begin'
    return word


def content_tokens(text: str) -> List[str]:
    """Tokens of text (with their accents) without stopwords and one-letter fragments."""
    return [t for t in raw_tokens(text) if fold(t) not in STOPWORDS and lemma(t) not in STOPWORDS and len(t) > 1]


def search_terms(text: str, limit: int = 48) -> List[str]:
    """Distinct surface forms, lemmas and compound parts of the content words of text."""
    seen = []
    for tok in content_tokens(text):
        for form in (fold(tok).replace("'", ""), lemma(tok), *compound_parts(tok)):
            if form and form not in seen and form not in STOPWORDS:
                seen.append(form)
        if len(seen) >= limit:
            break
    return seen[:limit]


def lemma_text(text: str) -> str:
    """The text as lemmas and compound parts (and separable verbs joined: 'levert ... op' -> 'opleveren'; fixed
    expressions also in plain words: 'slaan de handen ineen' -> 'samenwerken'), for the FTS lemma column."""
    from .query import idiom_meanings, separable_verbs

    out = []
    for tok in raw_tokens(text):
        out.append(lemma(tok))
        out.extend(compound_parts(tok))
    for sentence in re.split(r"[.!?;:]\s", text):
        out.extend(separable_verbs(sentence))
        out.extend(lemma(word) for word in idiom_meanings(sentence))
    return " ".join(out)

