"""In-memory index over the knowledge base for ranking answers. No Rasa imports.

Every passage is cut into units (sentences, list items) that carry their lemma
sets and sentence embeddings, so that an answer can be built from the units that
match the question, not from a whole passage. Matching combines word evidence
(lemmas weighted by rarity, so 'partnerschap', which is everywhere, counts little)
with meaning (multilingual embeddings, so English questions find Dutch text).
"""
import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set

import numpy as np

from bot import encoder
from knowledge import ConceptHit, Hit, KnowledgeBase
from knowledge.lemmas import compound_parts, content_tokens, lemma, stem, tokens
from knowledge.text import fold, split_sentences

# Words that name the kind of a concept, not the concept itself.
GENERIC_NAME_WORDS = {"vorm", "route", "de", "het", "een", "van", "en", "of", "en/of"}
PREFIX_MIN = 6


def full_forms(token: str) -> Set[str]:
    """The surface form, lemma and stem of one folded token."""
    return {f for f in (token.replace("'", ""), lemma(token), stem(token)) if f}


def forms_of(token: str) -> Set[str]:
    """Full forms plus compound parts ('mvo-coalities' -> 'mvo', 'coalitie')."""
    return full_forms(token) | set(compound_parts(token))


class Bag(set):
    """Forms of a text: `full` holds whole words (surface, lemma, stem); the set adds compound parts."""

    def __init__(self, text: str = ""):
        super().__init__()
        self.full = set()
        self.add_text(text)

    def add_text(self, text: str, whole_words_only: bool = False):
        for tok in tokens(text):
            full = full_forms(tok)
            self.full |= full
            if not whole_words_only:
                self.update(full)
                self.update(compound_parts(tok))

    def merge(self, other: "Bag"):
        self.full |= other.full
        self.update(other)


def lemma_bag(text: str) -> Bag:
    return Bag(text)


@dataclass
class Unit:
    text: str
    bag: Set[str]
    is_intro: bool = False
    concept_groups: Optional[list] = None   # set for a list item that defines a concept


@dataclass
class PassageEntry:
    hit: Hit
    organisation: str
    units: List[Unit]
    bag: Set[str]
    vectors: Optional[np.ndarray] = None   # one row per unit
    plain_bag: Optional[Set[str]] = None   # the bag without units that define a concept
    section_bag: Optional[Set[str]] = None  # whole-word forms of the section heading


@dataclass
class ConceptEntry:
    hit: ConceptHit
    name_groups: List[Set[str]]            # one set of forms per core word of the name
    vector: Optional[np.ndarray] = None    # embedding of 'Wat is <name>?'


class Group(frozenset):
    """The forms of one question word; `full` are the word itself, the rest compound parts."""

    def __new__(cls, token: str, extra: Sequence[str] = ()):
        forms = forms_of(token)
        full = full_forms(token)
        for word in extra:  # a likely correction of a misspelt word
            forms |= forms_of(word)
            full |= full_forms(word)
        group = super().__new__(cls, forms)
        group.full = frozenset(full)
        return group


@dataclass
class QueryTerms:
    groups: List[Group] = field(default_factory=list)   # one group per content word

    @property
    def all_forms(self) -> Set[str]:
        return set().union(*self.groups) if self.groups else set()


def query_terms(text: str, vocabulary: Optional[Set[str]] = None) -> QueryTerms:
    """Question words as groups of forms; with a vocabulary, misspelt words gain their likely correction."""
    groups = []
    for tok in content_tokens(text):
        extra = ()
        if vocabulary and len(tok) >= 5 and not full_forms(tok) & vocabulary:
            extra = difflib.get_close_matches(tok, vocabulary, n=1, cutoff=0.84)
        group = Group(tok, extra)
        if group not in groups:
            groups.append(group)
    return QueryTerms(groups)


def passage_units(hit: Hit) -> List[Unit]:
    units = []
    for i, line in enumerate(hit.text.split("\n")):
        line = re.sub(r"^(- |\d{1,2}\. )", "", line)
        if hit.kind == "list":
            units.append(Unit(line, lemma_bag(line), is_intro=(i == 0 and line.endswith(":"))))
        else:
            units.extend(Unit(s, lemma_bag(s)) for s in split_sentences(line))
    return units


class Index:
    """Passages, units and concepts of one knowledge-base file, with document frequencies."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        factsheets = {r["id"]: r for r in kb.db["factsheets"].rows}
        self.passages: List[PassageEntry] = []
        for hit in kb.passages():
            fs = factsheets[hit.factsheet_id]
            units = passage_units(hit)
            bag = lemma_bag(hit.section)
            # The factsheet's title and organisation match a question only word for word:
            # 'mvo-coalities' must not find every page of MVO Vlaanderen through 'mvo'.
            bag.add_text(fs["title"] + " " + (fs["organisation"] or ""), whole_words_only=True)
            for u in units:
                bag.merge(u.bag)
            self.passages.append(PassageEntry(hit, fs["organisation"] or "", units, bag,
                                              section_bag=set(lemma_bag(hit.section).full)))
        self.concepts: List[ConceptEntry] = []
        for c in kb.concepts():
            groups = []
            for tok in tokens(" ".join([c.name] + c.aliases)):
                if tok in GENERIC_NAME_WORDS or len(tok) < 2:
                    continue
                forms = forms_of(tok) - GENERIC_NAME_WORDS
                if forms and forms not in groups:
                    groups.append(forms)
            self.concepts.append(ConceptEntry(c, groups))
        for c in self.concepts:
            p = self.passage_entry(c.hit.passage_id)
            for u in p.units if p else []:
                if u.text.startswith(c.hit.name) or c.hit.name.lower() in u.text.lower()[:60]:
                    u.concept_groups = c.name_groups
        for p in self.passages:
            p.plain_bag = Bag(p.hit.section)
            for u in p.units:
                if not u.concept_groups:
                    p.plain_bag.merge(u.bag)
        self.df = Counter()
        for p in self.passages:
            self.df.update(p.bag)
        self.n = max(1, len(self.passages))
        self._vocabulary = set(self.df)
        # Words as written in the factsheets, for correcting misspellings in questions.
        self.words = {t for p in self.passages for t in tokens(p.hit.text) if len(t) >= 4} | {
            t for c in self.concepts for t in tokens(c.hit.name)}
        self._embedded = False
        self.cache: Dict[str, dict] = {}  # derived data kept as long as this index (the FAQ menu)

    # --- word evidence -------------------------------------------------
    def idf(self, form: str) -> float:
        return math.log((self.n + 1) / (self.df.get(form, 0) + 0.5))

    def group_weight(self, group: Set[str]) -> float:
        """Squared idf: a rare word ('mvo-coalities') outweighs several common ones ('bedrijf', 'samen')."""
        known = [self.idf(f) for f in group if f in self._vocabulary]
        # A word the factsheets never use weighs like the rarest word: it is what the question is about.
        return (max(known) if known else math.log((self.n + 1) / 0.5)) ** 2

    @staticmethod
    def group_match(group: Group, bag: Set[str]) -> float:
        """1 when the word (or a word it begins) is a word of bag, 0.5 when they only share a compound part."""
        full = getattr(group, "full", group)
        bag_full = getattr(bag, "full", bag)
        if full & bag_full or any(len(f) >= PREFIX_MIN and any(w.startswith(f) for w in bag_full) for f in full):
            return 1.0
        return 0.5 if group & bag else 0.0

    def passage_coverage(self, terms: QueryTerms, passage: PassageEntry) -> float:
        """Coverage of a passage; words found only in a concept's definition count less
        unless the question names that concept ('zoeken' in the kans-route item does not
        make 'hoe zoek ik een partner' a question about the kans-route)."""
        full = self.coverage(terms, passage.bag)
        if passage.plain_bag is None or len(passage.plain_bag) == len(passage.bag):
            return full
        named = any(g & ng for u in passage.units if u.concept_groups for ng in u.concept_groups
                    for g in terms.groups)
        return full if named else max(self.coverage(terms, passage.plain_bag), 0.7 * full)

    def unit_coverage(self, terms: QueryTerms, unit: Unit) -> float:
        """Coverage of one unit; a concept's definition counts less when the question does not name the concept."""
        cov = self.coverage(terms, unit.bag)
        if unit.concept_groups and not any(g & ng for g in terms.groups for ng in unit.concept_groups):
            cov *= 0.7
        return cov

    def terms(self, text: str) -> QueryTerms:
        return query_terms(text, self.words)

    def coverage(self, terms: QueryTerms, bag: Set[str]) -> float:
        """Share of the question's word weight that bag contains (0..1)."""
        if not terms.groups:
            return 0.0
        total = sum(self.group_weight(g) for g in terms.groups)
        hit = sum(self.group_weight(g) * self.group_match(g, bag) for g in terms.groups)
        return hit / total if total else 0.0

    # --- meaning ---------------------------------------------------------
    def ensure_vectors(self):
        if self._embedded:
            return
        texts = [u.text for p in self.passages for u in p.units]
        vectors = encoder.batched(texts)
        i = 0
        for p in self.passages:
            p.vectors = vectors[i:i + len(p.units)]
            i += len(p.units)
        questions = encoder.batched(["Wat is %s?" % c.hit.name for c in self.concepts])
        for c, v in zip(self.concepts, questions):
            c.vector = v
        self._embedded = True

    def concept_by_name(self, name: str) -> Optional[ConceptEntry]:
        wanted = fold(name).strip()
        for c in self.concepts:
            if fold(c.hit.name) == wanted or wanted in (fold(a) for a in c.hit.aliases):
                return c
        return None

    def concept_by_id(self, concept_id: str) -> Optional[ConceptEntry]:
        return next((c for c in self.concepts if c.hit.id == concept_id), None)

    def passage_entry(self, passage_id: str) -> Optional[PassageEntry]:
        return next((p for p in self.passages if p.hit.id == passage_id), None)


_INDEX: Dict[str, tuple] = {}


def load_index(path) -> Index:
    """The index of the knowledge base at path; rebuilt when the file changes (after `make kb`)."""
    path = Path(path)
    mtime = path.stat().st_mtime_ns if path.exists() else None
    cached = _INDEX.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    index = Index(KnowledgeBase(path))
    index.ensure_vectors()
    _INDEX[str(path)] = (mtime, index)
    return index
