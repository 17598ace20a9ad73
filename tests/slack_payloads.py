"""Slack payloads shaped field for field like the real ones.

Built after Slack's Events API and interactivity documentation (api.slack.com/events/message and its
subtypes, /events/app_mention, /reference/interaction-payloads/block-actions-payload) and the
payloads Slack's own SDK test suites replay (slackapi/bolt-python tests/scenario_tests:
test_message_changed, test_message_bot, test_message_thread_broadcast, test_message_file_share,
test_block_actions): envelope fields, authorizations, blocks, event_context and all.
"""
import time
import uuid
from typing import Optional

TEAM, APP, BOT_USER, BOT_ID = "T0NCDO001", "A0PARTNER1", "U0PBOT0001", "B0PBOT0001"
STAFF_CHANNEL = "C0STAFF001"   # the SLACK_CHANNEL of the tests: answered without a mention


def now_ts() -> str:
    return "%.6f" % (time.time() + uuid.uuid4().int % 1000 / 1e6)


def rich_text(text: str) -> list:
    return [{"type": "rich_text", "block_id": uuid.uuid4().hex[:5], "elements": [
        {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}]


def envelope(event: dict, event_id: Optional[str] = None) -> dict:
    """The Events API wrapper around one event."""
    return {
        "token": "verification-token", "team_id": TEAM, "api_app_id": APP, "event": event,
        "type": "event_callback", "event_id": event_id or "Ev" + uuid.uuid4().hex[:10].upper(),
        "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": TEAM, "user_id": BOT_USER, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False, "event_context": "4-" + uuid.uuid4().hex,
    }


def user_message(text: str, user: str = "U0STAFF001", channel: str = "D0STAFF001", channel_type: str = "im",
                 ts: Optional[str] = None, thread_ts: Optional[str] = None) -> dict:
    ts = ts or now_ts()
    event = {"client_msg_id": str(uuid.uuid4()), "type": "message", "text": text, "user": user, "ts": ts,
             "blocks": rich_text(text), "team": TEAM, "channel": channel, "event_ts": ts,
             "channel_type": channel_type}
    if thread_ts:
        event["thread_ts"] = thread_ts
        event["parent_user_id"] = user
    return event


def app_mention(text: str, user: str = "U0STAFF001", channel: str = "C0STAFF001", ts: Optional[str] = None,
                thread_ts: Optional[str] = None) -> dict:
    """An app_mention event: the same message as the `message` event in that channel, without channel_type."""
    ts = ts or now_ts()
    event = {"client_msg_id": str(uuid.uuid4()), "type": "app_mention", "text": "<@%s> %s" % (BOT_USER, text),
             "user": user, "ts": ts, "blocks": rich_text(text), "team": TEAM, "channel": channel, "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def mention_as_message(mention: dict) -> dict:
    """The `message` event Slack sends for the same mention (message.channels): same channel and ts."""
    event = {k: v for k, v in mention.items() if k != "type"}
    event.update({"type": "message", "channel_type": "channel"})
    return event


def slackbot_dm(text: str = "You have been removed from #partnerschappen by <@U0ADMIN001>") -> dict:
    """Slackbot writing in the app's DM: user USLACKBOT, no bot_id, no subtype."""
    ts = now_ts()
    return {"type": "message", "user": "USLACKBOT", "text": text, "ts": ts, "team": TEAM,
            "channel": "D0STAFF001", "event_ts": ts, "channel_type": "im"}


def channel_join(user: str = BOT_USER, channel: str = "C0STAFF001") -> dict:
    ts = now_ts()
    return {"type": "message", "subtype": "channel_join", "ts": ts, "user": user,
            "text": "<@%s> has joined the channel" % user, "inviter": "U0ADMIN001", "channel": channel,
            "event_ts": ts, "channel_type": "channel"}


def message_changed(new_text: str, channel: str = "D0STAFF001") -> dict:
    ts, original = now_ts(), now_ts()
    return {"type": "message", "subtype": "message_changed", "hidden": True, "channel": channel, "ts": ts,
            "event_ts": ts, "channel_type": "im",
            "message": {"type": "message", "text": new_text, "user": "U0STAFF001", "team": TEAM,
                        "edited": {"user": "U0STAFF001", "ts": ts}, "ts": original, "blocks": rich_text(new_text)},
            "previous_message": {"type": "message", "text": "oud", "user": "U0STAFF001", "team": TEAM,
                                 "ts": original, "blocks": rich_text("oud")}}


def message_deleted(channel: str = "D0STAFF001") -> dict:
    ts, deleted = now_ts(), now_ts()
    return {"type": "message", "subtype": "message_deleted", "hidden": True, "channel": channel, "ts": ts,
            "deleted_ts": deleted, "event_ts": ts, "channel_type": "im",
            "previous_message": {"type": "message", "text": "Wat is mecenaat?", "user": "U0STAFF001", "ts": deleted}}


def bot_message(text: str = "Nieuwe nieuwsbrief verstuurd", channel: str = "C0STAFF001") -> dict:
    """A classic integration's message: subtype bot_message, a bot_id, no user."""
    ts = now_ts()
    return {"type": "message", "subtype": "bot_message", "text": text, "ts": ts, "username": "nieuwsbrief",
            "bot_id": "B0OTHER001", "channel": channel, "event_ts": ts, "channel_type": "channel"}


def app_message(text: str = "Vraag 1 van 8: ...", channel: str = "D0STAFF001", own: bool = True) -> dict:
    """A message posted by an app through chat.postMessage: a user, a bot_id and a bot_profile."""
    ts = now_ts()
    bot_id, user = (BOT_ID, BOT_USER) if own else ("B0OTHER002", "U0OTHERBOT")
    return {"bot_id": bot_id, "type": "message", "text": text, "user": user, "ts": ts, "team": TEAM,
            "bot_profile": {"id": bot_id, "deleted": False, "name": "partnerbot" if own else "other-app",
                            "updated": 1700000000, "app_id": APP if own else "A0OTHER002", "team_id": TEAM},
            "channel": channel, "event_ts": ts, "channel_type": "im"}


def thread_broadcast(text: str, thread_ts: str, channel: str = "C0STAFF001") -> dict:
    ts = now_ts()
    return {"type": "message", "subtype": "thread_broadcast", "text": text, "user": "U0STAFF001", "ts": ts,
            "thread_ts": thread_ts, "root": {"type": "message", "text": "...", "user": "U0STAFF001", "ts": thread_ts,
                                             "thread_ts": thread_ts, "reply_count": 2},
            "client_msg_id": str(uuid.uuid4()), "channel": channel, "event_ts": ts, "channel_type": "channel"}


def file_share(text: str, channel: str = "D0STAFF001") -> dict:
    ts = now_ts()
    return {"type": "message", "subtype": "file_share", "text": text, "user": "U0STAFF001", "ts": ts,
            "files": [{"id": "F0FILE0001", "name": "partnerplan.pdf", "mimetype": "application/pdf",
                       "filetype": "pdf", "user": "U0STAFF001", "mode": "hosted"}],
            "upload": False, "display_as_bot": False, "channel": channel, "event_ts": ts, "channel_type": "im"}


def block_actions(value: str, title: str, user: str = "U0STAFF001", channel: str = "D0STAFF001",
                  thread_ts: Optional[str] = None, message_ts: Optional[str] = None) -> dict:
    """A click on one of our buttons, in a message the bot posted (in a thread when thread_ts is given)."""
    message_ts = message_ts or now_ts()
    message = {"bot_id": BOT_ID, "type": "message", "text": "Vraag 1 van 8", "user": BOT_USER, "ts": message_ts,
               "app_id": APP, "team": TEAM, "blocks": [
                   {"type": "section", "block_id": "q1", "text": {"type": "mrkdwn", "text": "Vraag 1 van 8"}},
                   {"type": "actions", "block_id": "b1", "elements": [
                       {"type": "button", "action_id": "partnerbot_button_0",
                        "text": {"type": "plain_text", "text": title, "emoji": True}, "value": value}]}]}
    container = {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False}
    if thread_ts:
        message["thread_ts"] = thread_ts
        container["thread_ts"] = thread_ts
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "medewerker", "name": "medewerker", "team_id": TEAM},
        "api_app_id": APP, "token": "verification-token", "container": container,
        "trigger_id": "%d.%d.%s" % (time.time(), 1234, uuid.uuid4().hex[:8]),
        "team": {"id": TEAM, "domain": "ncdo"}, "enterprise": None, "is_enterprise_install": False,
        "channel": {"id": channel, "name": "directmessage"}, "message": message, "state": {"values": {}},
        "response_url": "https://hooks.slack.com/actions/%s/1/abc" % TEAM,
        "actions": [{"action_id": "partnerbot_button_0", "block_id": "b1",
                     "text": {"type": "plain_text", "text": title, "emoji": True}, "value": value,
                     "type": "button", "action_ts": "%.6f" % time.time()}],
    }
