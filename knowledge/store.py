"""Read access to a built knowledge base (SQLite via sqlite-utils), including its FTS5 indexes.

User text never reaches FTS5 syntax: it is cut into word tokens, each token is quoted, and
the tokens are joined with OR. Quotes, `*`, `NEAR(`, `AND`, brackets or emoji in a question
are therefore just words or nothing.
"""
import json
import sqlite3
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import sqlite_utils

from .errors import KnowledgeBaseMissing, KnowledgeBaseOutdated
from .lemmas import search_terms

MAX_QUERY_CHARS = 2000
SCHEMA_VERSION = "2"
# bm25 column weights: a heading word counts less than a word of the sentence itself.
UNIT_WEIGHTS = (1.0, 1.0, 0.3)             # text, lemmas, section lemmas
PASSAGE_WEIGHTS = (2.0, 1.0, 1.0)          # section, text, lemmas


def match_expression(query) -> str:
    """An FTS5 MATCH expression for user text (or a list of word forms), or '' when nothing searchable is left."""
    words = search_terms((query or "")[:MAX_QUERY_CHARS]) if isinstance(query, str) else list(query)
    parts = []
    for term in words:
        quoted = '"%s"' % term.replace('"', '""')
        # A prefix query finds compounds that start with the word: 'reputatie' -> 'reputatieschade'.
        parts.append(quoted + "*" if len(term) >= 6 else quoted)
    return " OR ".join(parts)


class KnowledgeBase:
    """A knowledge-base file, opened read-only and lazily, once."""

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
            if "meta" not in self._db.table_names() or self.meta().get("schema") != SCHEMA_VERSION:
                self.close()
                raise KnowledgeBaseOutdated("the knowledge base at %s is from an older version; run `make kb`"
                                            % self.path)
        return self._db

    def meta(self) -> Dict[str, str]:
        return {r["key"]: r["value"] for r in self._db["meta"].rows}

    def rows(self, table: str, order_by: str = "rowid") -> List[dict]:
        rows = list(self.db[table].rows_where(order_by=order_by))
        for row in rows:
            for key in ("topics", "aliases", "sections"):
                if key in row:
                    row[key] = json.loads(row[key] or "[]")
        return rows

    def vectors(self, dimensions: int) -> Dict[str, np.ndarray]:
        return {r["id"]: np.frombuffer(r["vector"], dtype=np.float32, count=dimensions)
                for r in self.db["vectors"].rows}

    def bm25(self, table: str, query, limit: int = 100) -> List[Tuple[str, float]]:
        """(id, score) of the rows of `units` or `passages` matching query (user text or word forms),
        best first (higher is better)."""
        expression = match_expression(query)
        if not expression:
            return []
        weights = UNIT_WEIGHTS if table == "units" else PASSAGE_WEIGHTS
        sql = ("select t.id, -bm25({table}_fts, {w}) as score from {table}_fts join {table} t "
               "on t.rowid = {table}_fts.rowid where {table}_fts match ? order by score desc, t.id limit ?"
               ).format(table=table, w=", ".join("%.2f" % w for w in weights))
        return [(r[0], r[1]) for r in self.db.execute(sql, [expression, limit]).fetchall()]

    def close(self):
        if self._db is not None:
            self._db.close()
            self._db = None
