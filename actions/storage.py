"""Finished fit checks in the bot's own records (core.records: bot.db, or the shared PostgreSQL).

No names or free text are stored: the conversation id is hashed and answers are stored as
0-1 numbers per factor, so the score can be recomputed.
"""
import csv
import io
import json
from datetime import datetime, timezone
from typing import Dict, Iterable, List, Optional

from core.records import Table, Target, connect, hash_conversation, register_table

ASSESSMENTS = "assessments"

register_table(Table(ASSESSMENTS, {"time": str, "channel": str, "conversation": str, "answers": str, "score": int,
                                   "recommended_form": str, "run_key": str}, unique=["run_key"]))


def save_assessment(answers: Dict[str, str], points: int, form: str, channel: Optional[str], sender_id: str,
                    path: Target = None, run_key: Optional[str] = None) -> int:
    """Store one finished assessment; returns its id. A second save with the same run_key stores
    nothing and returns the first row's id (a retried action, or a fit check two nodes both finish)."""
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
    with connect(path) as records:
        return records.insert(ASSESSMENTS, row, unique_on="run_key")


def assessments(path: Target = None) -> List[dict]:
    with connect(path) as records:
        return list(records.query("select * from %s order by id" % ASSESSMENTS))


def to_csv(rows: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "time", "channel", "conversation", "answers", "score",
                                             "recommended_form"], lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
