"""Slack's side of a conversation, as pure functions: which events a person sent, and our replies as Block Kit.

No Rasa or Sanic here (bot/channels/slack.py wires them in); tested on Slack's own payload shapes.

Block Kit limits (api.slack.com/reference/block-kit): a section's text at most 3,000 characters, at
most 25 elements in an actions block, a button's text at most 75 characters and its value at most
2,000, at most 50 blocks in a message. In mrkdwn only `&`, `<` and `>` must be escaped.
"""
from typing import Dict, List, Optional, Sequence, Tuple

SECTION_CHARS = 3000
BUTTONS_PER_BLOCK = 25
BUTTON_TEXT_CHARS = 75
BUTTON_VALUE_CHARS = 2000
MAX_BLOCKS = 50
SOURCE_PREFIX = "Bron: "

# Events from people only: Slackbot and apps are not asked anything, and of the message subtypes only a
# reply also sent to the channel and a message with a file are someone saying something.
SLACKBOT = "USLACKBOT"
ANSWERED_SUBTYPES = (None, "thread_broadcast", "file_share")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(text: str) -> str:
    """Our answer text in Slack's mrkdwn: list items as bullets, the three control characters escaped."""
    lines = []
    for line in _escape(text or "").split("\n"):
        lines.append("\u2022 " + line[2:] if line.startswith("- ") else line)
    return "\n".join(lines)


def split_source(text: str) -> Tuple[str, Optional[str]]:
    """(the answer, its `Bron:` line or None): the source is the last line when there is one."""
    lines = (text or "").rstrip("\n").split("\n")
    if len(lines) > 1 and lines[-1].startswith(SOURCE_PREFIX):
        return "\n".join(lines[:-1]), lines[-1]
    if len(lines) == 1 and lines[0].startswith(SOURCE_PREFIX):
        return "", lines[0]
    return "\n".join(lines), None


def _sections(text: str) -> List[dict]:
    """mrkdwn sections of at most SECTION_CHARS, split at line ends (a longer line at a space)."""
    chunks, current = [], ""
    for line in mrkdwn(text).split("\n"):
        while len(line) > SECTION_CHARS:
            cut = line.rfind(" ", 0, SECTION_CHARS) if " " in line[:SECTION_CHARS] else SECTION_CHARS
            cut = cut if cut > 0 else SECTION_CHARS
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = current + "\n" + line if current else line
        if len(candidate) > SECTION_CHARS:
            chunks.append(current)
            candidate = line
        current = candidate
    if current.strip():
        chunks.append(current)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in chunks if chunk.strip()]


def _button(index: int, button: Dict[str, str]) -> dict:
    title = (button.get("title") or button.get("payload") or "").strip() or "..."
    if len(title) > BUTTON_TEXT_CHARS:
        title = title[:BUTTON_TEXT_CHARS - 1].rstrip() + "\u2026"
    return {"type": "button", "action_id": "partnerbot_button_%d" % index,
            "text": {"type": "plain_text", "text": title, "emoji": True},
            "value": (button.get("payload") or title)[:BUTTON_VALUE_CHARS]}


def message_blocks(text: str, buttons: Sequence[Dict[str, str]] = ()) -> Tuple[List[dict], str]:
    """(blocks, plain fallback text for notifications) for one reply: the answer as mrkdwn sections, the
    source as a context line in italics, the buttons in actions blocks of up to 25."""
    body, source = split_source(text)
    blocks = _sections(body)
    if source:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "_%s_" % _escape(source)}]})
    elements = [_button(i, b) for i, b in enumerate(buttons)]
    for start in range(0, len(elements), BUTTONS_PER_BLOCK):
        blocks.append({"type": "actions", "elements": elements[start:start + BUTTONS_PER_BLOCK]})
    fallback = (text or "").strip() or " ".join(b.get("title", "") for b in buttons) or " "
    return blocks[:MAX_BLOCKS], fallback


def bot_user_ids(body: dict) -> List[str]:
    """The user ids the app itself posts as (Events API authorizations)."""
    return [a.get("user_id") for a in body.get("authorizations") or [] if a.get("is_bot") and a.get("user_id")]


def is_from_a_person(body: dict) -> bool:
    """Whether an Events API payload is a person saying something: not Slackbot, not an app or bot (ours
    included), not a join, leave, topic, edit or deletion, not a hidden event, not an empty text."""
    event = body.get("event")
    if not isinstance(event, dict) or event.get("type") not in ("message", "app_mention"):
        return False
    user = event.get("user")
    if not user or user == SLACKBOT or user in bot_user_ids(body):
        return False
    if event.get("bot_id") or event.get("bot_profile") or event.get("hidden"):
        return False
    if event.get("subtype") not in ANSWERED_SUBTYPES:
        return False
    return bool((event.get("text") or "").strip())


def delivery_keys(body: dict) -> List[str]:
    """Every name under which one message may arrive: its event id, and its channel and timestamp (a
    mention in a channel arrives as `app_mention` and as `message`, with different event ids)."""
    event = body.get("event") or {}
    keys = ["event:%s" % body["event_id"]] if body.get("event_id") else []
    if event.get("channel") and event.get("ts"):
        keys.append("message:%s:%s" % (event["channel"], event["ts"]))
    return keys


def click_keys(payload: dict) -> List[str]:
    """The name of one button click (Slack retries send it again)."""
    action = (payload.get("actions") or [{}])[0]
    return ["click:%s:%s:%s" % ((payload.get("user") or {}).get("id"), payload.get("trigger_id"),
                                action.get("action_ts"))]


def thread_of_click(payload: dict) -> Optional[str]:
    """The thread a clicked message belongs to: its thread's root, or the message itself."""
    message = payload.get("message") or {}
    container = payload.get("container") or {}
    return message.get("thread_ts") or container.get("thread_ts") or message.get("ts") or container.get("message_ts")
