"""Full-text search over the knowledge base (SQLite FTS5 with Dutch lemmas).

User text never reaches FTS5 syntax: it is cut into word tokens, each token is
quoted, and the tokens are joined with OR. Quotes, `*`, `NEAR(`, `AND`, brackets
or emoji in a question are therefore just words or nothing.
"""
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

import sqlite_utils

from .errors import KnowledgeBaseMissing
from .lemmas import search_terms

MAX_QUERY_CHARS = 2000
# bm25 column weights: a word in a heading or a concept name counts more.
PASSAGE_WEIGHTS = (3.0, 1.0, 1.0)          # section, text, lemmas
CONCEPT_WEIGHTS = (6.0, 4.0, 1.0, 3.0)     # name, aliases, definition, lemmas


@dataclass
class Hit:
    id: str
    factsheet_id: str
    factsheet_title: str
    section: str
    text: str
    score: float
    topics: List[str] = field(default_factory=list)
    kind: str = "paragraph"
    position: int = 0


@dataclass
class ConceptHit:
    id: str
    factsheet_id: str
    factsheet_title: str
    passage_id: str
    section: str
    kind: str
    name: str
    definition: str
    example: Optional[str]
    aliases: List[str]
    score: float


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression for user text, or '' when nothing searchable is left."""
    terms = search_terms((query or "")[:MAX_QUERY_CHARS])
    parts = []
    for term in terms:
        quoted = '"%s"' % term.replace('"', '""')
        # A prefix query finds compounds that start with the word: 'reputatie' -> 'reputatieschade'.
        parts.append(quoted + "*" if len(term) >= 6 else quoted)
    return " OR ".join(parts)


_PASSAGE_COLUMNS = "p.id, p.factsheet_id, f.title, p.section, p.text, p.topics, p.kind, p.position"
_CONCEPT_SELECT = """
    select c.id, c.factsheet_id, f.title, c.passage_id, p.section, c.kind, c.name, c.definition, c.example, c.aliases
    from concepts c join factsheets f on f.id = c.factsheet_id join passages p on p.id = c.passage_id"""


def _hit(row, score: float = 0.0) -> Hit:
    return Hit(id=row[0], factsheet_id=row[1], factsheet_title=row[2], section=row[3], text=row[4],
               topics=json.loads(row[5] or "[]"), kind=row[6], position=row[7], score=score)


class KnowledgeBase:
    """Read access to a built knowledge base. Opens the file lazily, once."""

    def __init__(self, path):
        self.path = Path(path)
        self._db = None

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            if not self.path.exists():
                raise KnowledgeBaseMissing("no knowledge base at %s; run `make kb`" % self.path)
            conn = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True, check_same_thread=False)
            self._db = sqlite_utils.Database(conn)
        return self._db

    def search(self, query: str, limit: int = 5, topic: Optional[str] = None) -> List[Hit]:
        """Passages ranked by bm25 (higher score is better); topic keeps only labelled passages."""
        expression = match_expression(query)
        if not expression:
            return []
        sql = """
            select {columns}, -bm25(passages_fts, ?, ?, ?) as score
            from passages_fts
            join passages p on p.rowid = passages_fts.rowid
            join factsheets f on f.id = p.factsheet_id
            where passages_fts match ? {topic}
            order by score desc, p.id limit ?
        """.format(columns=_PASSAGE_COLUMNS,
                   topic="and exists (select 1 from json_each(p.topics) where value = ?)" if topic else "")
        params = [*PASSAGE_WEIGHTS, expression] + ([topic] if topic else []) + [limit]
        return [_hit(r[:8], r[8]) for r in self.db.execute(sql, params).fetchall()]

    def search_concepts(self, query: str, limit: int = 5, kind: Optional[str] = None) -> List[ConceptHit]:
        expression = match_expression(query)
        if not expression:
            return []
        sql = """
            select c.id, -bm25(concepts_fts, ?, ?, ?, ?) as score
            from concepts_fts join concepts c on c.rowid = concepts_fts.rowid
            where concepts_fts match ? {kind}
            order by score desc, c.id limit ?
        """.format(kind="and c.kind = ?" if kind else "")
        params = [*CONCEPT_WEIGHTS, expression] + ([kind] if kind else []) + [limit]
        rows = self.db.execute(sql, params).fetchall()
        return [self.concept(cid, score) for cid, score in rows]

    def _concepts(self, where: str, params: list) -> List[ConceptHit]:
        rows = self.db.execute(_CONCEPT_SELECT + where + " order by c.factsheet_id, c.position", params).fetchall()
        return [ConceptHit(*r[:9], aliases=json.loads(r[9] or "[]"), score=0.0) for r in rows]

    def concept(self, concept_id: str, score: float = 0.0) -> ConceptHit:
        [hit] = self._concepts(" where c.id = ?", [concept_id])
        hit.score = score
        return hit

    def concepts(self, kind: Optional[str] = None) -> List[ConceptHit]:
        return self._concepts(" where c.kind = ?", [kind]) if kind else self._concepts("", [])

    def _passages(self, where: str, params: list) -> List[Hit]:
        sql = ("select %s from passages p join factsheets f on f.id = p.factsheet_id%s "
               "order by p.factsheet_id, p.position" % (_PASSAGE_COLUMNS, where))
        return [_hit(r) for r in self.db.execute(sql, params).fetchall()]

    def passage(self, passage_id: str) -> Hit:
        [hit] = self._passages(" where p.id = ?", [passage_id])
        return hit

    def passages(self) -> List[Hit]:
        return self._passages("", [])

    def close(self):
        if self._db is not None:
            self._db.close()
            self._db = None
