"""What every chat channel accepts: one JSON object with a sender id and a message string.

No Rasa imports. A malformed request is refused with a 4xx and a short reason; odd but
well-formed text (control characters, emoji, right-to-left script, markup, SQL) goes on to
the bot after cleaning; an empty message gets a Dutch reply without a bot turn.
"""
import json
import re
import unicodedata
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 2000
TOO_LONG = "Je bericht is te lang (meer dan %d tekens). Kun je het korter maken?" % MAX_MESSAGE_CHARS
EMPTY_REPLY = "Je bericht was leeg. Stel gerust een vraag over partnerschappen tussen ngo's en bedrijven."
FAILURE_REPLY = "Er ging iets mis bij het beantwoorden van je bericht. Probeer het zo nog eens."


class BadRequest(Exception):
    """A request the channel refuses; `status` is the HTTP status (4xx)."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass
class IncomingMessage:
    sender: str
    text: str        # cleaned; empty means there is nothing to answer


def clean_text(text: str) -> str:
    """Drop control and format characters except newlines and tabs (they carry no meaning for the bot)
    and keep right-to-left marks out of the logs; then trim."""
    kept = []
    for ch in text:
        if ch in "\n\t":
            kept.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co") or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            continue  # control, surrogate, private use, bidi overrides
        else:
            kept.append(ch)
    return "".join(kept).strip()


def parse_message_request(body: bytes, sender_pattern: "re.Pattern[str]") -> IncomingMessage:
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(400, "body must be JSON (UTF-8)")
    if not isinstance(data, dict):
        raise BadRequest(400, "body must be a JSON object")
    sender, text = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not sender_pattern.match(sender):
        raise BadRequest(400, "sender must be a string matching %s" % sender_pattern.pattern)
    if not isinstance(text, str):
        raise BadRequest(400, "message must be a string")
    if len(text) > MAX_MESSAGE_CHARS:
        raise BadRequest(413, TOO_LONG)
    return IncomingMessage(sender, clean_text(text))
