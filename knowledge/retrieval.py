"""One retrieval path for every question: lexical and dense evidence over sentences and passages, fused.

The knowledge base is read once into memory (an `Index`): every passage and every unit (a
sentence, a list item, a list's intro) with its word forms, and the sentence embeddings that
`make kb` computed. A question is ranked four ways:

- lexical, per unit and per passage: SQLite FTS5 BM25 over surface words, lemmas and compound
  parts (a word of the heading counts for every unit under it, less than its own words);
- dense, per unit and per passage: cosine of the question's embedding with theirs.

The four rankings are fused by reciprocal rank (RRF): a unit scores by its own ranks and by its
passage's. How confident the result is comes separately, from absolute evidence of the best
unit (knowledge/confidence.py): how much of the question's word weight its context holds, how
close in meaning it is, whether it can answer the kind of question asked.
"""
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

import numpy as np

from .embeddings import Encoder, get_encoder
from .frequency import expected_df, zipf
from .lemmas import tokens
from .parse import is_related_heading
from .query import CHECKED_KINDS, Bag, Query, Term, Vocabulary, analyse, bag_of, gives_kind, term_match
from .store import KnowledgeBase
from .taxonomy import topics_named

RRF_K = 10                 # rank damping: the collection is small, so the first few ranks matter most
WEIGHTS = {"unit_dense": 1.0, "unit_lexical": 1.0, "passage_dense": 0.5, "passage_lexical": 0.5,
           "unit_words": 1.0}
NAMED_FACTSHEET_BONUS = 0.5  # share added to a unit's score when the question names its factsheet ('volgens MVO Vlaanderen')
COMMON_SHARE = 0.35        # a word in this share of all passages says little about which one is meant
COMMON_FACTSHEET_SHARE = 0.5  # ... nor does a word in this share of the factsheets,
COMMON_FACTSHEETS_FROM = 3    # ... once there are this many
KIND_BONUS = 0.25          # ... when it can answer the kind of question (a number for 'hoeveel')
NARROWER_FACTSHEET = 0.85  # factor for a unit of a factsheet about a case the question does not name
ABOUT_THE_PAGE = 0.5       # factor for a sentence about the document itself ('Deze factsheet gaat in op ...'),
                           # ... and for a question in the text that nothing after it answers (asks_only)
_ABOUT_THE_PAGE = re.compile(r"\b(deze|dit|onze) (factsheet|artikel|pagina|document|publicatie|brochure|"
                             r"handreiking|notitie|overzicht|website)\b|\bhieronder (staan|staat|vindt|leest)\b", re.I)
# A page's apparatus: its references, links and teasers for other pages. It answers only a question that
# names it ('Op welke bronnen is dit gebaseerd?') or a word nothing else holds ('Wat is Mundo-b?'); for
# any other its titles of books and pages match too well.
_APPARATUS = re.compile(r"^(referenties|bronnen|bronvermelding|noten|voetnoten|eindnoten|literatuur(lijst)?|"
                        r"zie ook|externe links?|references|notes|sources|see also|external links|further reading|"
                        r"verder lezen)$", re.I)
CANDIDATES = 60            # units ranked per list before fusion
SEARCH_LIMIT = 10          # units of evidence a search returns by default


@dataclass(eq=False)
class PassageRecord:
    id: str
    factsheet_id: str
    title: str
    organisation: str
    section: str
    position: int
    kind: str                      # paragraph | list
    text: str
    topics: List[str]
    units: List["UnitRecord"] = field(default_factory=list)
    bag: Bag = field(default_factory=Bag)         # section, text, factsheet title and organisation
    heading_topics: List[str] = field(default_factory=list)   # topics its heading names
    apparatus: bool = False        # under a heading such as 'Bronnen' or 'Zie ook', or teasers
    related: bool = False          # teasers for other articles ('Lees meer over ...')
    row: int = 0

    @property
    def source(self) -> str:
        return "%s \u2013 %s" % (self.title, self.section)


@dataclass(eq=False)
class UnitRecord:
    id: str
    passage: PassageRecord
    position: int
    kind: str                      # sentence | intro | item
    text: str
    bag: Bag = field(default_factory=Bag)         # the unit and its section heading
    row: int = 0

    @property
    def previous(self) -> Optional["UnitRecord"]:
        return self.passage.units[self.position - 1] if self.position > 0 else None

    @property
    def next(self) -> Optional["UnitRecord"]:
        units = self.passage.units
        return units[self.position + 1] if self.position + 1 < len(units) else None


@dataclass(eq=False)
class ConceptRecord:
    id: str
    name: str
    aliases: List[str]
    definition: str
    example: Optional[str]
    unit: UnitRecord
    bag: Bag = field(default_factory=Bag)         # forms of the name and aliases
    name_terms: List[Term] = field(default_factory=list)   # the name as question words


@dataclass
class Evidence:
    """A unit with the evidence that it answers the question."""
    unit: UnitRecord
    score: float = 0.0             # fused rank score (for ordering only)
    dense: float = 0.0             # cosine of the unit with the question
    passage_dense: float = 0.0     # cosine of its passage with the question
    coverage: float = 0.0          # share of the question's word weight in the unit and its heading
    context_coverage: float = 0.0  # ... in its passage, heading and factsheet title
    missing: float = 0.0           # weight of the heaviest question word its passage lacks (1: the rarest)
    rare_match: float = 0.0        # weight of the heaviest question word its passage has (1: the rarest)
    gives_kind: bool = True        # can answer the kind of question asked

    @property
    def passage(self) -> PassageRecord:
        return self.unit.passage


class Index:
    """Everything retrieval needs from one knowledge-base file, in memory."""

    def __init__(self, kb: KnowledgeBase, encoder: Optional[Encoder] = None):
        self.kb = kb
        kb.db  # opens the file; raises KnowledgeBaseMissing or KnowledgeBaseOutdated
        self.encoder = encoder or get_encoder(kb.meta()["embedding_model"])
        factsheets = {r["id"]: r for r in kb.rows("factsheets")}
        self.passages: List[PassageRecord] = []
        self.units: List[UnitRecord] = []
        by_id: Dict[str, PassageRecord] = {}
        for row in kb.rows("passages", order_by="factsheet_id, position"):
            fs = factsheets[row["factsheet_id"]]
            p = PassageRecord(row["id"], row["factsheet_id"], fs["title"], fs["organisation"] or "", row["section"],
                              row["position"], row["kind"], row["text"], row["topics"], row=len(self.passages))
            p.bag = bag_of(" ".join((p.section, p.text, p.title, p.organisation)))
            heading = bag_of(p.section).full
            p.heading_topics = [t.key for t in topics_named(heading)]
            p.related = is_related_heading(p.section.strip())
            p.apparatus = p.related or bool(_APPARATUS.match(p.section.strip()))
            self.passages.append(p)
            by_id[p.id] = p
        self.unit_by_id: Dict[str, UnitRecord] = {}
        for row in kb.rows("units", order_by="passage_id, position"):
            p = by_id[row["passage_id"]]
            u = UnitRecord(row["id"], p, row["position"], row["kind"], row["text"], row=len(self.units))
            u.bag = bag_of(u.text + " " + p.section)
            p.units.append(u)
            self.units.append(u)
            self.unit_by_id[u.id] = u
        self.passage_by_id = by_id
        self.apparatus_bags = {p.section: bag_of(p.section) for p in self.passages if p.apparatus and not p.related}
        # Words only teasers hold: the names of what they are about ('Mundo-b'). (Not a reference list's words:
        # the English of a book title would name it for an English question.)
        self.teaser_only = set().union(*(p.bag.full for p in self.passages if p.related)) - set().union(
            *(p.bag.full for p in self.passages if not p.apparatus))
        self.concepts: List[ConceptRecord] = []
        for row in kb.rows("concepts", order_by="factsheet_id, position"):
            unit = self.unit_by_id[row["unit_id"]]
            self.concepts.append(ConceptRecord(row["id"], row["name"], row["aliases"], row["definition"],
                                               row["example"], unit, bag_of(" ".join([row["name"], *row["aliases"]]))))
        for c in self.concepts:
            c.name_terms = analyse(c.name).terms
        self.concept_by_unit = {c.unit.id: c for c in reversed(self.concepts)}  # the first concept of a unit wins
        self.is_intro = np.array([1.0 if u.kind == "intro" else 0.0 for u in self.units], dtype=np.float32)
        self.intro_passage_rows = np.array([u.passage.row for u in self.units], dtype=np.int64)
        vectors = kb.vectors(self.encoder.dimensions)
        self.unit_vectors = np.vstack([vectors[u.id] for u in self.units]) if self.units else np.zeros((0, 1))
        # The sentences of units that have several: a unit means at least what its closest sentence means.
        parts = [(u.row, vectors[key]) for u in self.units for key in _part_keys(u.id, vectors)]
        self.part_owner = np.array([row for row, _ in parts], dtype=np.int64)
        self.part_vectors = np.vstack([v for _, v in parts]) if parts else np.zeros((0, self.encoder.dimensions),
                                                                                        dtype=np.float32)
        self.passage_vectors = np.vstack([vectors[p.id] for p in self.passages]) if self.passages else np.zeros((0, 1))
        # Document frequencies over passages, for weighting question words by rarity.
        self.df: Counter = Counter()
        for p in self.passages:
            self.df.update(p.bag.full | p.bag.parts)
        self.n = max(1, len(self.passages))
        self.rarest_weight = math.log((self.n + 1) / 0.5) ** 2   # of a word no passage uses
        self.passage_tokens = sum(len(tokens(p.text)) for p in self.passages) / self.n   # mean words per passage
        # In how many factsheets each word occurs: the vocabulary of the whole domain, as factsheets are added.
        self.factsheet_df: Counter = Counter()
        for fid in {p.factsheet_id for p in self.passages}:
            self.factsheet_df.update(set().union(*(p.bag.full for p in self.passages if p.factsheet_id == fid)))
        self.factsheets = len({p.factsheet_id for p in self.passages})
        self.vocabulary = Vocabulary(t for p in self.passages for t in tokens(p.text + " " + p.section) if len(t) >= 4)
        self.title_bags: Dict[str, Bag] = {p.factsheet_id: bag_of(p.title + " " + p.organisation) for p in self.passages}
        # A title's words, but for its publisher's name ('NCDO-factsheet ...'): who wrote it, not what it is about.
        one_per_factsheet = {p.factsheet_id: p for p in self.passages}.values()   # all carry its title
        self.title_terms: Dict[str, List[Term]] = {
            p.factsheet_id: [t for t in analyse(p.title).terms if not (p.organisation and term_match(t, bag_of(p.organisation)))]
            for p in one_per_factsheet}
        # Words that name one factsheet: in its title or organisation, nowhere in the others.
        self.factsheet_names: Dict[str, set] = {}
        for fid in {p.factsheet_id for p in self.passages}:
            own = next(p for p in self.passages if p.factsheet_id == fid)
            others = set().union(*(p.bag.full for p in self.passages if p.factsheet_id != fid))
            self.factsheet_names[fid] = bag_of(own.title + " " + own.organisation).full - others
        self.cache: Dict[str, object] = {}   # derived data kept as long as this index (the FAQ menu)
        self.named_bags: Dict[int, Bag] = {}   # named_bag's, by id() of the unit's or passage's own bag

    # --- the question ------------------------------------------------------------
    def analyse(self, text: str) -> Query:
        query = analyse(text, self.vocabulary)
        # A separable verb the factsheets never use ('wat heeft een ngo er aan': 'aanhebben') is a guess at
        # a word, not the word the question is about: it would weigh as the rarest word, and be missing.
        query.terms = [t for t in query.terms if not t.joined or any(f in self.df for f in t.forms | t.synonyms)]
        return query

    def term_weights(self, query: Query) -> List[float]:
        """Each question word's weight. An English word that neither it nor a synonym occurs in the Dutch
        factsheets weighs nothing: it could not be found in them, and the embeddings carry its meaning."""
        if query.weights is None:
            query.weights = [0.0 if query.english and not any(f in self.df for f in t.forms | t.synonyms)
                             else self.term_weight(t) for t in query.terms]
        return query.weights

    def term_weight(self, term: Term) -> float:
        """Squared idf: a rare word ('mvo-coalities') outweighs several common ones ('bedrijf', 'samen').
        A word the factsheets never use is what the question is about ('energiebedrijf'), unless it is so
        common in Dutch that passages this size would hold it by chance ('gebeuren', 'niks'): its idf counts
        the passages that would. (Measured on the tuning sets: 427 -> 430 of 520; counting chance for words
        the factsheets do use as well gained less.)"""
        known = [math.log((self.n + 1) / (self.df[f] + 0.5)) for f in term.forms if f in self.df]
        if known:
            return max(known) ** 2
        chance = expected_df(max(zipf(f) for f in term.forms | {term.word}), self.n, self.passage_tokens)
        return math.log((self.n + 1) / (chance + 0.5)) ** 2

    def missing(self, query: Query, bag: Bag) -> float:
        """The weight of the heaviest question word that bag lacks, relative to a word the factsheets never
        use: 'Belgische' in a question answered by a sentence on Dutch companies."""
        lacking = [w * (1.0 - term_match(t, bag)) for t, w in zip(query.terms, self.term_weights(query))]
        return max(lacking, default=0.0) / self.rarest_weight

    def rare_match(self, query: Query, bag: Bag) -> float:
        """The weight of the heaviest question word that bag has, relative to the rarest possible word."""
        found = [w * term_match(t, bag) for t, w in zip(query.terms, self.term_weights(query))
                 if any(f in self.df for f in t.forms)]
        return max(found, default=0.0) / self.rarest_weight

    def is_common(self, term: Term) -> bool:
        """A word many passages use ('samenwerking', 'ngo'), or, once there are several factsheets, most of
        them: it does not say which passage is meant."""
        forms = term.forms | term.synonyms
        return any(self.df[f] >= COMMON_SHARE * self.n for f in forms) or (
            self.factsheets >= COMMON_FACTSHEETS_FROM and
            any(self.factsheet_df[f] >= COMMON_FACTSHEET_SHARE * self.factsheets for f in forms))

    def holds_every_word(self, query: Query, bag: Bag) -> bool:
        """Whether bag holds every question word that says which passage is meant (not a common one, nor an
        English one the factsheets never use)."""
        return all(term_match(t, bag) > 0 for t, w in zip(query.terms, self.term_weights(query))
                   if w > 0 and not self.is_common(t))

    def named_factsheets(self, query: Query) -> List[str]:
        return [fid for fid, names in self.factsheet_names.items() if any(t.forms & names for t in query.terms)]

    def title_narrower(self, query: Query, factsheet_id: str, asked: Optional[Bag] = None) -> bool:
        """Whether a factsheet's title names a subject the question does not ask about: its other title words
        weigh at least as much as one word no other factsheet uses. 'Matchfunding: als een bedrijf de crowd
        een zetje geeft' is about a case of what 'Wat zijn de voordelen voor een bedrijf?' asks; 'Partnerschappen
        tussen ngo's en bedrijven' is not. With fewer factsheets than COMMON_FACTSHEETS_FROM no word is telling."""
        if self.factsheets < COMMON_FACTSHEETS_FROM:
            return False
        asked = bag_of(query.text) if asked is None else asked
        excess = 0.0
        for term in self.title_terms.get(factsheet_id, []):
            known = [self.factsheet_df[f] for f in term.forms if f in self.factsheet_df]
            if known and term_match(term, asked) == 0:
                excess += math.log((self.factsheets + 1) / (max(known) + 0.5))
        return excess >= math.log((self.factsheets + 1) / 1.5)

    def narrower_factsheets(self, query: Query) -> Set[str]:
        """The factsheets whose titles name a case the question does not ask about (title_narrower), with the
        question's bag made once for all of them."""
        if self.factsheets < COMMON_FACTSHEETS_FROM:
            return set()
        asked = bag_of(query.text)
        return {f for f in self.title_bags if self.title_narrower(query, f, asked)}

    def named_bag(self, bag: Bag, passage: PassageRecord, named: List[str]) -> Bag:
        """bag with its factsheet's names when the question names that factsheet: in 'Waarom gaan bedrijven
        volgens MVO Vlaanderen coalities aan?' every sentence of MVO Vlaanderen's page holds 'MVO Vlaanderen',
        not only the few that write it out. Made once per bag, so its prefixes are not worked out per question."""
        if passage.factsheet_id not in named:
            return bag
        if id(bag) not in self.named_bags:
            self.named_bags[id(bag)] = Bag(full=bag.full | self.factsheet_names[passage.factsheet_id], parts=bag.parts)
        return self.named_bags[id(bag)]

    def coverage(self, query: Query, bag: Bag) -> float:
        """Share of the question's word weight that bag holds (0..1)."""
        if not query.terms:
            return 0.0
        weights = self.term_weights(query)
        found = sum(w * term_match(t, bag) for t, w in zip(query.terms, weights))
        return found / sum(weights) if sum(weights) else 0.0

    # --- ranking -----------------------------------------------------------------
    def search(self, query: Query, limit: int = SEARCH_LIMIT) -> List[Evidence]:
        """Units ranked by fused lexical and dense evidence, best first. (The NLU's topic is not used here:
        measured on the tuning sets, a bonus for it moved more answers away from the right sentence than to it.)"""
        if not self.units:
            return []
        qv = self.encoder.embed_query(query.embedded or query.text)
        unit_sims = self.unit_vectors @ qv
        passage_sims = self.passage_vectors @ qv
        if len(self.part_owner):
            np.maximum.at(unit_sims, self.part_owner, self.part_vectors @ qv)
        # A list's intro ('De vijf meest voorkomende zijn:') means what its list means.
        unit_sims = np.maximum(unit_sims, passage_sims[self.intro_passage_rows] * self.is_intro)
        words = lexical_words(query)
        unit_lex = [self.unit_by_id[i].row for i, _ in self.kb.bm25("units", words, CANDIDATES)]
        passage_lex = [self.passage_by_id[i].row for i, _ in self.kb.bm25("passages", words, CANDIDATES)]
        rankings = {
            "unit_dense": _ranks(np.argsort(-unit_sims)[:CANDIDATES]),
            "unit_lexical": _ranks(unit_lex),
            "passage_dense": _ranks(np.argsort(-passage_sims)[:CANDIDATES]),
            "passage_lexical": _ranks(passage_lex),
        }
        candidates = set(rankings["unit_dense"]) | set(rankings["unit_lexical"]) | {
            u.row for p_row in rankings["passage_lexical"] for u in self.passages[p_row].units}
        named = self.named_factsheets(query)
        coverage = {row: self.coverage(query, self.named_bag(self.units[row].bag, self.units[row].passage, named))
                    for row in candidates}
        rankings["unit_words"] = _ranks(sorted((r for r in candidates if coverage[r] > 0),
                                               key=lambda r: (-coverage[r], r)))
        scores: Dict[int, float] = {}
        for name, ranks in rankings.items():
            per_unit = ranks if name.startswith("unit") else {
                u.row: r for p_row, r in ranks.items() for u in self.passages[p_row].units}
            for row, rank in per_unit.items():
                scores[row] = scores.get(row, 0.0) + WEIGHTS[name] / (RRF_K + rank)
        # A reference list answers when the question names its heading; a teaser, when it names what it is about.
        named_sections = {section for section, bag in self.apparatus_bags.items()
                          if any(term_match(t, bag) > 0 for t in query.terms)}
        named_words = {f for t in query.terms for f in t.forms} & self.teaser_only
        narrower = self.narrower_factsheets(query)
        out = []
        for row, score in scores.items():
            unit = self.units[row]
            e = Evidence(unit, score, float(unit_sims[row]), float(passage_sims[unit.passage.row]))
            checked = query.kind in CHECKED_KINDS
            e.gives_kind = gives_kind(query.kind, unit.text, query.measure) if checked else True
            # A list question ('Welke vormen noemt ...?') fits a list's intro ('De vormen zijn:') as 'hoeveel' a number.
            fits_kind = (checked and e.gives_kind) or (query.kind == "list" and unit.kind == "intro")
            bonus = KIND_BONUS if fits_kind else 0.0
            if unit.passage.factsheet_id in named:
                bonus += NAMED_FACTSHEET_BONUS
            e.score *= 1.0 + bonus
            if unit.passage.factsheet_id in narrower:
                e.score *= NARROWER_FACTSHEET
            p = unit.passage
            if asks_only(unit):
                e.score *= ABOUT_THE_PAGE
            if _ABOUT_THE_PAGE.search(unit.text) or (p.apparatus and p.section not in named_sections
                                                     and not (p.related and named_words & p.bag.full)):
                e.score *= ABOUT_THE_PAGE
            out.append(e)
        out.sort(key=lambda e: (-e.score, e.unit.row))
        for e in out[:limit]:
            e.coverage = coverage.get(e.unit.row, 0.0)
            context = self.named_bag(e.passage.bag, e.passage, named)
            e.context_coverage = self.coverage(query, context)
            e.missing = self.missing(query, context)
            e.rare_match = self.rare_match(query, context)
        return out[:limit]

    # --- lookups -----------------------------------------------------------------
    def section(self, passage: PassageRecord) -> List[PassageRecord]:
        """The passages under the same heading of the same factsheet, in reading order."""
        return [p for p in self.passages if p.factsheet_id == passage.factsheet_id and p.section == passage.section]

    def concept_named(self, name: str) -> Optional[ConceptRecord]:
        from .text import fold

        wanted = fold(name).strip()
        for c in self.concepts:
            if fold(c.name) == wanted or wanted in (fold(a) for a in c.aliases):
                return c
        return None

    def concept_of(self, unit: UnitRecord) -> Optional[ConceptRecord]:
        """The concept a unit defines, if any."""
        return self.concept_by_unit.get(unit.id)


def asks_only(unit: "UnitRecord") -> bool:
    """Whether a unit is a question that no sentence after it answers: an agenda's or contents' item ('1. Wat is
    data-filantropie?'), or a passage's last line. It repeats a question best of all and answers none."""
    return unit.text.rstrip().endswith("?") and (unit.next is None or unit.kind == "item")


def lexical_words(query: Query) -> List[str]:
    """The words the full-text search looks for: each question word's forms, compound parts and general
    synonyms ('medewerkers' also finds 'werknemers'; measured: +2 of 416 tuning questions)."""
    return [f for t in query.terms for f in sorted(t.forms | t.parts | t.synonyms)]


def _part_keys(unit_id: str, vectors: Dict[str, np.ndarray]) -> List[str]:
    keys, k = [], 0
    while "%s#%d" % (unit_id, k) in vectors:
        keys.append("%s#%d" % (unit_id, k))
        k += 1
    return keys


def _ranks(rows: Iterable[int]) -> Dict[int, int]:
    return {int(row): rank for rank, row in enumerate(rows)}


_INDEXES: Dict[Tuple[str, str], Tuple[int, Index]] = {}


def load_index(path, encoder: Optional[str] = None) -> Index:
    """The index of the knowledge base at path, read once; read again when the file changes (`make kb`)."""
    path = Path(path)
    mtime = path.stat().st_mtime_ns if path.exists() else -1
    key = (str(path), encoder or "")
    cached = _INDEXES.get(key)
    if cached and cached[0] == mtime:
        return cached[1]
    index = Index(KnowledgeBase(path), get_encoder(encoder) if encoder else None)
    _INDEXES[key] = (mtime, index)
    return index


def warm_up(path) -> Index:
    """Load the index and the encoder and embed one question, so the first real question is as fast as later ones."""
    index = load_index(path)
    index.search(index.analyse("Wat is een partnerschap?"))
    zipf("samenwerking")   # loads the Dutch word frequencies (~0.4 s), needed by the first word the factsheets lack
    return index

