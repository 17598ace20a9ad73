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
            select p.id, p.factsheet_id, f.title, p.section, p.text, p.topics, p.kind, p.position,
                   -bm25(passages_fts, ?, ?, ?) as score
            from passages_fts
            join passages p on p.rowid = passages_fts.rowid
            join factsheets f on f.id = p.factsheet_id
            where passages_fts match ? {topic}
            order by score desc, p.id limit ?
        """.format(topic="and exists (select 1 from json_each(p.topics) where value = ?)" if topic else "")
        params = [*PASSAGE_WEIGHTS, expression] + ([topic] if topic else []) + [limit]
        return [Hit(id=r[0], factsheet_id=r[1], factsheet_title=r[2], section=r[3], text=r[4],
                    topics=json.loads(r[5] or "[]"), kind=r[6], position=r[7], score=r[8])
                for r in self.db.execute(sql, params).fetchall()]

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

    def concept(self, concept_id: str, score: float = 0.0) -> ConceptHit:
        r = self.db.execute("""
            select c.id, c.factsheet_id, f.title, c.passage_id, p.section, c.kind, c.name, c.definition,
                   c.example, c.aliases
            from concepts c join factsheets f on f.id = c.factsheet_id join passages p on p.id = c.passage_id
            where c.id = ?""", [concept_id]).fetchone()
        return ConceptHit(*r[:9], aliases=json.loads(r[9] or "[]"), score=score)

    def concepts(self, kind: Optional[str] = None) -> List[ConceptHit]:
        where, params = ("where kind = ?", [kind]) if kind else ("", [])
        ids = [r[0] for r in self.db.execute(
            "select id from concepts %s order by factsheet_id, position" % where, params).fetchall()]
        return [self.concept(i) for i in ids]

    def passage(self, passage_id: str) -> Hit:
        r = self.db.execute("""
            select p.id, p.factsheet_id, f.title, p.section, p.text, p.topics, p.kind, p.position
            from passages p join factsheets f on f.id = p.factsheet_id where p.id = ?""", [passage_id]).fetchone()
        return Hit(id=r[0], factsheet_id=r[1], factsheet_title=r[2], section=r[3], text=r[4],
                   topics=json.loads(r[5] or "[]"), kind=r[6], score=0.0, position=r[7])

    def passages(self) -> List[Hit]:
        ids = [r[0] for r in self.db.execute("select id from passages order by factsheet_id, position")]
        return [self.passage(i) for i in ids]

    def close(self):
        if self._db is not None:
            self._db.close()
            self._db = None
