"""The question log: every user message and what became of it, in the bot's own database.

Kept by the Rasa server's tracker store (bot/tracker_store.py): after Rasa saves a
tracker, the finished turn (user message ... action_listen) becomes one row in
`questions` of the records (core.records: bot.db, or the shared PostgreSQL of several nodes).
(An event broker would be Rasa's other hook, but Rasa then loads
the whole tracker once more on every message to find the new events: measured, that
doubled the latency of long conversations.) A row holds: time, channel, hashed conversation id, the question with
e-mail addresses and phone numbers masked, the intent, and the outcome:
answered (with passage/concept id and confidence), fallback, out-of-scope, chit-chat or
assessment. Rows older than QUESTION_LOG_RETENTION_DAYS (default 180) are purged at start-up.
"""
import logging
import os
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple

from rasa.shared.core.events import ActionExecuted, UserUttered

from core.records import Table, Target, connect, hash_conversation, register_table

logger = logging.getLogger(__name__)

QUESTIONS = "questions"
DEFAULT_RETENTION_DAYS = 180
CHITCHAT_INTENTS = {"greet", "goodbye", "thanks", "bot_challenge", "capabilities", "acknowledge", "answer"}
ASSESSMENT_ACTIONS = {"partnership_fit_form", "action_assessment_result", "action_stop_assessment",
                      "utter_assessment_intro", "validate_partnership_fit_form"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Dutch and international phone numbers: +31 6 1234 5678, 06-12345678, 020 123 4567, (010) 1234567.
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\(?\d{2,4}\)?(?:[\s.-]?\d{1,4}){2,5}(?![\w])")


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses and phone numbers; leave years and other short numbers alone."""
    text = _EMAIL.sub("[e-mail]", text or "")

    def phone(m):
        digits = re.sub(r"\D", "", m.group(0))
        return "[telefoon]" if len(digits) >= 9 else m.group(0)

    return _PHONE.sub(phone, text)


def classify_turn(events: List[Dict[str, Any]]) -> Tuple[str, Optional[str], Optional[float]]:
    """(outcome, reference, confidence) of one turn's events, the user message first."""
    intent = ((events[0].get("parse_data") or {}).get("intent") or {}).get("name") if events else None
    actions = {e.get("name") for e in events if e.get("event") == "action"}
    slots = {e.get("name"): e.get("value") for e in events if e.get("event") == "slot"}
    texts = [e.get("text") or "" for e in events if e.get("event") == "bot"]
    if actions & ASSESSMENT_ACTIONS or any(e.get("event") == "active_loop" for e in events):
        return "assessment", None, None
    if any("Bron: " in t for t in texts):
        confidence = slots.get("answer_confidence")
        return "answered", slots.get("answer_unit"), float(confidence) if confidence is not None else None
    if intent in CHITCHAT_INTENTS:
        return "chit-chat", None, None
    if intent == "out_of_scope":
        return "out-of-scope", None, None
    return "fallback", None, None


def purge_old(records, days: int) -> int:
    if not records.has_table(QUESTIONS):
        return 0
    cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    return records.execute("delete from %s where time < :cutoff" % QUESTIONS, {"cutoff": cutoff})


register_table(Table(QUESTIONS, {"time": str, "channel": str, "conversation": str, "question": str, "intent": str,
                                 "outcome": str, "reference": str, "confidence": float}, indexed=["time"]))


class QuestionLog:
    """Writes finished turns to the records (bot.db or the shared database); purges old rows when created."""

    def __init__(self, path: Target = None, retention_days: int = DEFAULT_RETENTION_DAYS) -> None:
        self._logged: Dict[str, float] = {}  # sender -> timestamp of the last logged user message
        # One connection (or pool) for the server's life: the Rasa server handles messages on one thread.
        self.records = connect(path)
        purged = purge_old(self.records, retention_days)
        if purged:
            logger.info("question log: purged %d rows older than %d days", purged, retention_days)

    def record(self, sender: str, events: List[Any]) -> None:
        """Log the latest turn of a tracker's events once it is finished."""
        if not events or not (isinstance(events[-1], ActionExecuted) and events[-1].action_name == "action_listen"):
            return
        start = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), None)
        if start is None or self._logged.get(sender) == events[start].timestamp:
            return
        self._logged[sender] = events[start].timestamp
        try:
            self.write(sender, [e.as_dict() for e in events[start:-1]])
        except Exception:  # the log must never break a conversation
            logger.exception("question log: could not store a turn")

    def write(self, sender: str, turn: List[Dict[str, Any]]) -> None:
        user = turn[0]
        text = user.get("text") or ""  # a menu button's payload ('/ask_risks') is logged as sent
        outcome, reference, confidence = classify_turn(turn)
        intent = ((user.get("parse_data") or {}).get("intent") or {}).get("name")
        row = {
            "time": datetime.fromtimestamp(user.get("timestamp") or datetime.now().timestamp(),
                                           timezone.utc).isoformat(timespec="seconds"),
            "channel": user.get("input_channel") or "unknown",
            "conversation": hash_conversation(sender),
            "question": mask_personal_data(text)[:2000],
            "intent": intent,
            "outcome": outcome,
            "reference": reference,
            "confidence": confidence,
        }
        self.records.insert(QUESTIONS, row)


def retention_days() -> int:
    return int(os.environ.get("QUESTION_LOG_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)
