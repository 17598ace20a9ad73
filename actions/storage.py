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
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import sqlite_utils

from bot import settings

ASSESSMENTS = "assessments"
_BUSY_RETRIES = 8


def hash_conversation(sender_id: str) -> str:
    """A stable pseudonym for a conversation id (sha256, 16 hex digits)."""
    return hashlib.sha256(("partnerbot:" + (sender_id or "")).encode("utf-8")).hexdigest()[:16]


def open_db(path: Optional[Path] = None) -> sqlite_utils.Database:
    path = Path(path or settings.bot_db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    db = sqlite_utils.Database(conn)
    db.execute("pragma journal_mode=wal")
    db.execute("pragma busy_timeout=10000")
    if ASSESSMENTS not in db.table_names():
        db[ASSESSMENTS].create({"id": int, "time": str, "channel": str, "conversation": str, "answers": str,
                                "score": int, "recommended_form": str}, pk="id", if_not_exists=True)
    return db


def save_assessment(answers: Dict[str, str], points: int, form: str, channel: Optional[str], sender_id: str,
                    path: Optional[Path] = None) -> int:
    """Store one finished assessment; returns its id. Retries briefly when the file is busy."""
    row = {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "channel": channel or "unknown",
        "conversation": hash_conversation(sender_id),
        "answers": json.dumps(answers, ensure_ascii=False, sort_keys=True),
        "score": int(points),
        "recommended_form": form,
    }
    for attempt in range(_BUSY_RETRIES):
        db = open_db(path)
        try:
            return db[ASSESSMENTS].insert(row).last_pk
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            time.sleep(0.05 * (attempt + 1))
        finally:
            db.close()
    raise sqlite3.OperationalError("database stayed locked while storing an assessment")


def assessments(path: Optional[Path] = None) -> List[dict]:
    db = open_db(path)
    try:
        return list(db[ASSESSMENTS].rows_where(order_by="id"))
    finally:
        db.close()


def to_csv(rows: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "time", "channel", "conversation", "answers", "score",
                                             "recommended_form"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
