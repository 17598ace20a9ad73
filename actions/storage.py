"""The bot's own records in SQLite (sqlite-utils): finished assessments.

Lives in its own file (`bot.db` under BOT_DATA_DIR), never in the knowledge base,
so that `make kb` cannot lose them. No names or free text are stored: the
conversation id is hashed and answers are stored as ja/deels/nee per factor.
"""
import csv
import hashlib
import io
import json
import sqlite3
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set

import sqlite_utils

from bot import settings

ASSESSMENTS = "assessments"
_BUSY_RETRIES = 8


def hash_conversation(sender_id: str) -> str:
    """A stable pseudonym for a conversation id (sha256, 16 hex digits)."""
    return hashlib.sha256(("partnerbot:" + (sender_id or "")).encode("utf-8")).hexdigest()[:16]


_schema_lock = threading.Lock()
_schema_ready: Set[str] = set()   # files whose tables this process has checked


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
    if new_file or str(path) not in _schema_ready:
        # Once per file and process, one thread at a time: schema changes upgrade a read lock to a write
        # lock, which SQLite refuses at once ("database is locked") instead of waiting.
        with _schema_lock:
            _retry_busy(lambda: _ensure_schema(db))
            _schema_ready.add(str(path))
    return db


def _ensure_schema(db: sqlite_utils.Database) -> None:
    db.execute("pragma journal_mode=wal")
    db.execute("begin immediate")  # the write lock first, so other processes wait instead of failing
    try:
        if ASSESSMENTS not in db.table_names():
            db[ASSESSMENTS].create({"id": int, "time": str, "channel": str, "conversation": str, "answers": str,
                                    "score": int, "recommended_form": str, "run_key": str}, pk="id")
        elif "run_key" not in db[ASSESSMENTS].columns_dict:
            db[ASSESSMENTS].add_column("run_key", str)  # databases from before idempotent saving
        db[ASSESSMENTS].create_index(["run_key"], unique=True, if_not_exists=True)
        db.execute("commit")
    except BaseException:
        db.execute("rollback")
        raise


def _retry_busy(operation):
    for attempt in range(_BUSY_RETRIES):
        try:
            return operation()
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or attempt == _BUSY_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def save_assessment(answers: Dict[str, str], points: int, form: str, channel: Optional[str], sender_id: str,
                    path: Optional[Path] = None, run_key: Optional[str] = None) -> int:
    """Store one finished assessment; returns its id. Retries briefly when the file is busy.
    A second save with the same run_key stores nothing and returns the first row's id."""
    row = {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "channel": channel or "unknown",
        "conversation": hash_conversation(sender_id),
        "answers": json.dumps(answers, ensure_ascii=False, sort_keys=True),
        "score": int(points),
        "recommended_form": form,
        # Hashed like the conversation: the key holds the sender id.
        "run_key": hash_conversation(run_key) if run_key else None,
    }
    def insert():
        db = open_db(path)
        try:
            if not row["run_key"]:
                return db[ASSESSMENTS].insert(row).last_pk
            db[ASSESSMENTS].insert(row, ignore=True)  # INSERT OR IGNORE: a repeated run_key stores nothing
            return next(db[ASSESSMENTS].rows_where("run_key = ?", [row["run_key"]], select="id"))["id"]
        finally:
            db.close()

    return _retry_busy(insert)


def assessments(path: Optional[Path] = None) -> List[dict]:
    db = open_db(path)
    try:
        return list(db[ASSESSMENTS].rows_where(order_by="id"))
    finally:
        db.close()


def to_csv(rows: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "time", "channel", "conversation", "answers", "score",
                                             "recommended_form"], lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
