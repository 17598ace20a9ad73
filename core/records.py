"""The bot's own database (`bot.db` under BOT_DATA_DIR): one place to open it, for every writer.

The fit-check results (actions/storage.py) and the question log (bot/question_log.py) live
here, never in the knowledge base, so that `make kb` cannot lose them. Conversation ids are
stored only as a stable pseudonym (hash_conversation).
"""
import hashlib
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable, Optional, Set

import sqlite_utils

from core import settings

BUSY_RETRIES = 8

# Each writer's tables, created once per file and process: name -> function(db).
SchemaSetup = Callable[[sqlite_utils.Database], None]
_schemas: "dict[str, SchemaSetup]" = {}
_schema_lock = threading.Lock()
_schema_ready: Set[tuple] = set()   # (file, schema name) this process has set up


def hash_conversation(sender_id: str) -> str:
    """A stable pseudonym for a conversation id (sha256, 16 hex digits)."""
    return hashlib.sha256(("partnerbot:" + (sender_id or "")).encode("utf-8")).hexdigest()[:16]


def register_schema(name: str, setup: SchemaSetup) -> None:
    """A writer's tables: `setup(db)` runs inside a write transaction the first time a file is opened."""
    _schemas[name] = setup


def open_db(path: Optional[Path] = None) -> sqlite_utils.Database:
    path = Path(path or settings.bot_db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()  # checked before connecting: connecting creates the file
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("pragma busy_timeout=10000")
    # With WAL, NORMAL survives any crash of the process (not a power cut in the last moments)
    # and saves an fsync per question logged.
    db.execute("pragma synchronous=normal")
    pending = [name for name in _schemas if new_file or (str(path), name) not in _schema_ready]
    if pending:
        # Once per file and process, one thread at a time: schema changes upgrade a read lock to a write
        # lock, which SQLite refuses at once ("database is locked") instead of waiting.
        with _schema_lock:
            retry_busy(lambda: _ensure_schemas(db, pending))
            _schema_ready.update((str(path), name) for name in pending)
    return db


def _ensure_schemas(db: sqlite_utils.Database, names) -> None:
    db.execute("pragma journal_mode=wal")
    db.execute("begin immediate")  # the write lock first, so other processes wait instead of failing
    try:
        for name in names:
            _schemas[name](db)
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
