"""Render: an Answer as the text and buttons a channel sends. The one place the `Bron:` line is written.

One newline before the source: Rasa sends text split at blank lines as separate messages, and
the source belongs to its answer. The whole reply (text and button titles) stays within
MAX_REPLY_CHARS.
"""
from dataclasses import dataclass, field
from typing import List

from knowledge.text import truncate

from .model import Answer

MAX_REPLY_CHARS = 1000
MAX_BODY_CHARS = 720       # the body of an answer without buttons: focused, not a page
MIN_BODY_CHARS = 200       # below this, buttons give way to text
ENGLISH_NOTE = "(I answer from Dutch factsheets.)"
# An English question the bot cannot answer still hears why in its own language; the menu that follows is Dutch.
ENGLISH_REFUSAL_NOTE = "(I answer from Dutch factsheets, and they hold no reliable answer to this.)"
SOURCE_PREFIX = "Bron: "


@dataclass
class Reply:
    text: str
    buttons: List[dict] = field(default_factory=list)


def source_line(answer: Answer) -> str:
    return SOURCE_PREFIX + answer.source if answer.source else ""


def render(answer: Answer) -> Reply:
    lines = list(answer.lines)
    if answer.english:
        lines.insert(0, ENGLISH_NOTE if answer.grounded else ENGLISH_REFUSAL_NOTE)
    source = ("\n" + source_line(answer)) if answer.grounded else ""
    buttons = list(answer.buttons)
    budget = MAX_REPLY_CHARS - len(source) - sum(len(b["title"]) + 1 for b in buttons)
    if budget < MIN_BODY_CHARS and buttons:
        buttons = []
        budget = MAX_REPLY_CHARS - len(source)
    if not buttons:
        budget = min(budget, MAX_BODY_CHARS)
    return Reply(fit_lines(lines, budget) + source, buttons)


def fit_lines(lines: List[str], limit: int) -> str:
    """Whole lines while they fit; the line that does not fit is cut at a word (if enough room is left)."""
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    out: List[str] = []
    for line in lines:
        if len("\n".join(out + [line])) > limit:
            room = limit - len("\n".join(out)) - 1
            if room > 80 or not out:
                out.append(truncate(line, max(room, 1) if out else limit))
            break
        out.append(line)
    return "\n".join(out)
