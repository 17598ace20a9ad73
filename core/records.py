"""The bot's own records (question log, fit-check results): one place to open them, for every writer.

Two backends behind one small interface (`Records`):
- embedded (the default): an SQLite file, `bot.db` under BOT_DATA_DIR, through sqlite-utils;
- shared: a PostgreSQL database named by BOT_DB_URL (or by TRACKER_STORE_URL when that names
  PostgreSQL), through SQLAlchemy, so that several Rasa servers and action servers write one log
  and `python -m bot report` sees every node's traffic.

The records never live in the knowledge base, so `make kb` cannot lose them. Conversation ids are
stored only as a stable pseudonym (hash_conversation). Writers declare their tables once
(`register_table`); each backend creates them, and adds columns a table of an older version lacks.
"""
import hashlib
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union

import sqlite_utils

from core import settings

BUSY_RETRIES = 8


class RecordsError(Exception):
    """The records database cannot be used as configured."""


@dataclass
class Table:
    """A table of the records: its columns (name -> int, str or float; `id` is the primary key and
    added by the backend), unique columns and indexed columns."""
    name: str
    columns: Dict[str, type]
    unique: Sequence[str] = ()
    indexed: Sequence[str] = ()


_tables: Dict[str, Table] = {}
_schema_lock = threading.Lock()
_schema_ready: Set[Tuple[str, str]] = set()   # (database, table) this process has set up


def hash_conversation(sender_id: str) -> str:
    """A stable pseudonym for a conversation id (sha256, 16 hex digits)."""
    return hashlib.sha256(("partnerbot:" + (sender_id or "")).encode("utf-8")).hexdigest()[:16]


def register_table(table: Table) -> None:
    _tables[table.name] = table


Target = Union[None, str, Path]


def connect(target: Target = None) -> "Records":
    """The records: `None` for the configured ones (BOT_DB_URL, else bot.db), a Path for an SQLite file,
    a URL (`postgresql://...`, `sqlite:///...`) for that database."""
    if target is None:
        target = settings.bot_db_url() or settings.bot_db_path()
    if isinstance(target, str) and target.startswith("sqlite:///"):
        target = Path(target[len("sqlite:///"):])
    if isinstance(target, Path) or (isinstance(target, str) and "://" not in target):
        return SQLiteRecords(Path(target))
    if settings.is_postgresql_url(target):
        return SQLRecords(target)
    raise RecordsError("BOT_DB_URL must name PostgreSQL (postgresql://user:password@host:5432/db) or an SQLite file")


class Records:
    """What the writers and the report need: insert rows, read rows with a query."""

    name: str

    def insert(self, table: str, row: Dict[str, Any], unique_on: Optional[str] = None) -> int:
        """Insert a row and return its id. With `unique_on` (a unique column), a row whose value is
        already stored is not inserted again: the stored row's id is returned."""
        raise NotImplementedError

    def query(self, sql: str, params: Optional[Dict[str, Any]] = None) -> Iterator[Dict[str, Any]]:
        """Rows of a select; parameters as `:name`."""
        raise NotImplementedError

    def execute(self, sql: str, params: Optional[Dict[str, Any]] = None) -> int:
        """Run a statement that changes rows (parameters as `:name`); returns how many it changed."""
        raise NotImplementedError

    def has_table(self, table: str) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "Records":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- embedded: SQLite ---------------------------------------------------------------------------------

SQLITE_TYPES = {int: int, str: str, float: float}


def open_db(path: Optional[Path] = None) -> sqlite_utils.Database:
    """The SQLite records file as a sqlite-utils Database, its tables set up."""
    path = Path(path or settings.bot_db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()  # checked before connecting: connecting creates the file
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("pragma busy_timeout=10000")
    # With WAL, NORMAL survives any crash of the process (not a power cut in the last moments)
    # and saves an fsync per question logged.
    db.execute("pragma synchronous=normal")
    pending = [name for name in _tables if new_file or (str(path), name) not in _schema_ready]
    if pending:
        # Once per file and process, one thread at a time: schema changes upgrade a read lock to a write
        # lock, which SQLite refuses at once ("database is locked") instead of waiting.
        with _schema_lock:
            retry_busy(lambda: _ensure_sqlite_tables(db, pending))
            _schema_ready.update((str(path), name) for name in pending)
    return db


def _ensure_sqlite_tables(db: sqlite_utils.Database, names: List[str]) -> None:
    db.execute("pragma journal_mode=wal")
    db.execute("begin immediate")  # the write lock first, so other processes wait instead of failing
    try:
        for name in names:
            table = _tables[name]
            if name not in db.table_names():
                db[name].create({"id": int, **table.columns}, pk="id")
            else:
                have = db[name].columns_dict
                for column, kind in table.columns.items():
                    if column not in have:
                        db[name].add_column(column, kind)  # a table from an older version
            for column in table.unique:
                db[name].create_index([column], unique=True, if_not_exists=True)
            for column in table.indexed:
                db[name].create_index([column], if_not_exists=True)
        db.execute("commit")
    except BaseException:
        db.execute("rollback")
        raise


def retry_busy(operation):
    """Run operation, retrying briefly while another process holds the write lock."""
    for attempt in range(BUSY_RETRIES):
        try:
            return operation()
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or attempt == BUSY_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


class SQLiteRecords(Records):
    """bot.db: one connection, opened lazily (a missing file is only created by a write)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = str(self.path)
        self._db: Optional[sqlite_utils.Database] = None

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            self._db = open_db(self.path)
        return self._db

    def insert(self, table: str, row: Dict[str, Any], unique_on: Optional[str] = None) -> int:
        def insert():
            if not unique_on or row.get(unique_on) is None:
                return self.db[table].insert(row).last_pk
            self.db[table].insert(row, ignore=True)  # INSERT OR IGNORE: a repeated key stores nothing
            return next(self.db[table].rows_where("%s = ?" % unique_on, [row[unique_on]], select="id"))["id"]

        return retry_busy(insert)

    def query(self, sql: str, params: Optional[Dict[str, Any]] = None) -> Iterator[Dict[str, Any]]:
        return self.db.query(sql, params or {})

    def execute(self, sql: str, params: Optional[Dict[str, Any]] = None) -> int:
        return retry_busy(lambda: self.db.execute(sql, params or {}).rowcount)

    def has_table(self, table: str) -> bool:
        return self.path.exists() and table in self.db.table_names()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


# --- shared: PostgreSQL through SQLAlchemy ------------------------------------------------------------

SQL_TYPES = {int: "bigint", str: "text", float: "double precision"}
_engines: Dict[str, Any] = {}
_engines_lock = threading.Lock()


def _engine(url: str):
    """One pooled engine per URL and process. pool_pre_ping: a connection broken by a database
    restart is replaced before use instead of failing the next write."""
    import sqlalchemy as sa

    with _engines_lock:
        if url not in _engines:
            _engines[url] = sa.create_engine(url, pool_size=4, max_overflow=4, pool_pre_ping=True,
                                             pool_recycle=1800, future=True)
        return _engines[url]


class SQLRecords(Records):
    """The records in PostgreSQL, shared by every node."""

    RETRIES = 3   # a write that meets a restarting database is retried (pre-ping covers idle connections)

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self.url = url
        self.engine = _engine(url)
        self.name = self.engine.url.render_as_string(hide_password=True)
        self._sa = sa
        pending = [name for name in _tables if (url, name) not in _schema_ready]
        if pending:
            with _schema_lock:
                self._retry(lambda: self._ensure_tables(pending))
                _schema_ready.update((url, name) for name in pending)

    def _ensure_tables(self, names: List[str]) -> None:
        text = self._sa.text
        with self.engine.begin() as conn:
            # Nodes starting together: one creates the tables, the others wait for it.
            conn.execute(text("select pg_advisory_xact_lock(7100319)"))
            for name in names:
                table = _tables[name]
                columns = ", ".join("%s %s" % (c, SQL_TYPES[k]) for c, k in table.columns.items())
                conn.execute(text("create table if not exists %s (id bigserial primary key, %s)" % (name, columns)))
                for column, kind in table.columns.items():
                    conn.execute(text("alter table %s add column if not exists %s %s" % (name, column, SQL_TYPES[kind])))
                for column in table.unique:
                    conn.execute(text("create unique index if not exists %s_%s_key on %s (%s)"
                                      % (name, column, name, column)))
                for column in table.indexed:
                    conn.execute(text("create index if not exists %s_%s_idx on %s (%s)" % (name, column, name, column)))

    def _retry(self, operation):
        from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

        for attempt in range(self.RETRIES):
            try:
                return operation()
            except DBAPIError as exc:
                lost = exc.connection_invalidated or isinstance(exc, (OperationalError, InterfaceError))
                if not lost or attempt == self.RETRIES - 1:
                    raise
                time.sleep(0.5 * (attempt + 1))

    def insert(self, table: str, row: Dict[str, Any], unique_on: Optional[str] = None) -> int:
        text = self._sa.text
        columns = list(row)
        sql = "insert into %s (%s) values (%s)" % (table, ", ".join(columns), ", ".join(":" + c for c in columns))
        keyed = unique_on and row.get(unique_on) is not None
        if keyed:
            sql += " on conflict (%s) do nothing" % unique_on
        sql += " returning id"

        def insert():
            with self.engine.begin() as conn:
                new = conn.execute(text(sql), row).scalar()
                if new is None and keyed:
                    new = conn.execute(text("select id from %s where %s = :key" % (table, unique_on)),
                                       {"key": row[unique_on]}).scalar()
                return int(new)

        return self._retry(insert)

    def query(self, sql: str, params: Optional[Dict[str, Any]] = None) -> Iterator[Dict[str, Any]]:
        def rows():
            with self.engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(self._sa.text(sql), params or {})]

        return iter(self._retry(rows))

    def execute(self, sql: str, params: Optional[Dict[str, Any]] = None) -> int:
        def run():
            with self.engine.begin() as conn:
                return conn.execute(self._sa.text(sql), params or {}).rowcount

        return self._retry(run)

    def has_table(self, table: str) -> bool:
        return table in _tables or self._sa.inspect(self.engine).has_table(table)
