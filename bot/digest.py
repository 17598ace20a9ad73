"""The weekly digest for NCDO staff: the most asked unanswered questions, one Slack thread per group.

`python -m bot digest [--since DATE] [--dry-run]` takes the report's groups of unanswered questions
(bot/report.py: grouped by meaning, most asked first), leaves out groups staff have answered since
(the report marks them: a staff answer matches their question), and posts each to SLACK_STAFF_CHANNEL as its own message.
Each posted thread is remembered (table `digest_threads` in the bot's records) with the group's
question and wordings, so that a staff reply in that thread can become the answer for the whole group.
"""
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, List, Optional, Sequence

from bot.report import UnansweredGroup, build_report
from core.records import Table, Target, connect, register_table

DIGEST_THREADS = "digest_threads"
TOP_GROUPS = 10
WORDINGS_SHOWN = 5

register_table(Table(DIGEST_THREADS, {"thread": str, "question": str, "wordings": str, "count": int, "posted": str},
                     unique=["thread"]))


class DigestError(RuntimeError):
    """The digest cannot be posted as configured."""


@dataclass
class DigestThread:
    thread: str          # 'channel:ts' of the posted message
    question: str
    wordings: List[str]
    count: int


def open_groups(groups: Sequence[UnansweredGroup], top: int = TOP_GROUPS) -> List[UnansweredGroup]:
    """The most asked groups that no staff answer covers yet (the report marks those that are covered)."""
    return [g for g in groups if not g.answered_by][:top]


def message_text(group: UnansweredGroup) -> str:
    """The staff message for one group (Slack mrkdwn)."""
    lines = ["*Onbeantwoorde vraag* (%d× gesteld): %s" % (group.count, group.question)]
    if group.variants:
        lines.append("Ook gesteld als: " + "; ".join(group.variants[:WORDINGS_SHOWN]))
    lines.append("_Antwoord in deze thread (eventueel beginnend met 'antwoord:'); de bot gebruikt je antwoord "
                 "daarna voor deze vraag. Een nieuw antwoord vervangt het vorige, 'verwijder' haalt het weg._")
    return "\n".join(lines)


Post = Callable[[str, str], str]   # (channel, text) -> ts of the posted message


def post_digest(groups: Sequence[UnansweredGroup], channel: str, post: Post, records: Target = None) -> List[DigestThread]:
    posted = []
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with connect(records) as db:
        for group in groups:
            ts = post(channel, message_text(group))
            thread = DigestThread("%s:%s" % (channel, ts), group.question, list(group.variants), group.count)
            db.insert(DIGEST_THREADS, {"thread": thread.thread, "question": thread.question, "count": thread.count,
                                       "wordings": json.dumps(thread.wordings, ensure_ascii=False), "posted": now},
                      unique_on="thread")
            posted.append(thread)
    return posted


def digest_thread(thread: str, records: Target = None) -> Optional[DigestThread]:
    """The group a digest thread ('channel:ts') was posted for, if it is one."""
    with connect(records) as db:
        if not db.has_table(DIGEST_THREADS):
            return None
        row = next(db.query("select * from %s where thread = :t" % DIGEST_THREADS, {"t": thread}), None)
    if row is None:
        return None
    return DigestThread(row["thread"], row["question"], json.loads(row["wordings"] or "[]"), row["count"])


def slack_poster(token: Optional[str] = None, api_url: Optional[str] = None) -> Post:
    from slack_sdk import WebClient

    from bot.channels.slack import SLACK_API_URL

    token = token or os.environ.get("SLACK_TOKEN")
    if not token:
        raise DigestError("SLACK_TOKEN is not set")
    client = WebClient(token, base_url=(api_url or os.environ.get("SLACK_API_URL") or SLACK_API_URL).rstrip("/") + "/")

    def post(channel: str, text: str) -> str:
        response = client.chat_postMessage(channel=channel, text=text, unfurl_links=False, unfurl_media=False,
                                           blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}])
        return response["ts"]

    return post


def digest(since: datetime, until: datetime, dry_run: bool = False, post: Optional[Post] = None,
           records: Target = None) -> List[UnansweredGroup]:
    """The groups of the period; posted to SLACK_STAFF_CHANNEL unless dry_run."""
    groups = open_groups(build_report(records, since, until).unanswered)
    if dry_run or not groups:
        return groups
    channel = os.environ.get("SLACK_STAFF_CHANNEL")
    if not channel:
        raise DigestError("SLACK_STAFF_CHANNEL is not set (or use --dry-run)")
    post_digest(groups, channel, post or slack_poster(), records)
    return groups
