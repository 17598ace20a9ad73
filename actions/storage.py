"""Finished fit checks in the bot's own database (`bot.db`, opened through core.records).

No names or free text are stored: the conversation id is hashed and answers are stored as
0-1 numbers per factor, so the score can be recomputed.
"""
import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import sqlite_utils

from core.records import hash_conversation, open_db, register_schema, retry_busy

ASSESSMENTS = "assessments"


def _assessments_schema(db: sqlite_utils.Database) -> None:
    if ASSESSMENTS not in db.table_names():
        db[ASSESSMENTS].create({"id": int, "time": str, "channel": str, "conversation": str, "answers": str,
                                "score": int, "recommended_form": str, "run_key": str}, pk="id")
    elif "run_key" not in db[ASSESSMENTS].columns_dict:
        db[ASSESSMENTS].add_column("run_key", str)  # databases from before idempotent saving
    db[ASSESSMENTS].create_index(["run_key"], unique=True, if_not_exists=True)


register_schema(ASSESSMENTS, _assessments_schema)

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

    return retry_busy(insert)


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
