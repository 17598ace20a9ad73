"""Slack: signed Events API payloads to /webhooks/slack/webhook, replies recorded by a fake Slack Web API."""
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import os
import uuid

import pytest

pytestmark = pytest.mark.e2e


def sign(body: bytes, timestamp: int, secret: str = None) -> str:
    secret = secret or os.environ["SLACK_SIGNING_SECRET"]  # set by the servers fixture
    base = b"v0:%d:" % timestamp + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post(servers, body: bytes, content_type="application/json", timestamp=None, signature=None, headers=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    request = urllib.request.Request(
        "http://127.0.0.1:%d/webhooks/slack/webhook" % servers.port, data=body,
        headers={"Content-Type": content_type, "X-Slack-Request-Timestamp": str(timestamp),
                 "X-Slack-Signature": signature or sign(body, timestamp), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def message_event(text, user="U1", channel="D1", ts=None, thread_ts=None, channel_type="im"):
    ts = ts or "%.6f" % time.time()
    event = {"type": "message", "channel_type": channel_type, "user": user, "text": text, "channel": channel,
             "ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {"type": "event_callback", "event_id": "Ev" + uuid.uuid4().hex[:10], "authorizations": [
        {"user_id": "UBOT"}], "event": event}


def replies(servers, thread_ts, count=1, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [p for p in servers.slack.posts if p.get("thread_ts") == thread_ts]
        if len(found) >= count:
            time.sleep(1.0)  # a second reply would arrive by now
            return [p for p in servers.slack.posts if p.get("thread_ts") == thread_ts]
        time.sleep(0.2)
    return [p for p in servers.slack.posts if p.get("thread_ts") == thread_ts]


def text_of(posts):
    return "\n".join((p.get("text") or "") + json.dumps(p.get("blocks") or "") for p in posts)


def test_url_verification(servers):
    body = json.dumps({"type": "url_verification", "challenge": "abc123"}).encode()
    assert post(servers, body) == (200, "abc123")


def test_direct_message_gets_one_reply_with_source_in_its_thread(servers):
    event = message_event("Wat is sponsoring?")
    ts = event["event"]["ts"]
    assert post(servers, json.dumps(event).encode())[0] == 200
    found = replies(servers, ts)
    assert len(found) == 1 and "naamsvermelding" in found[0]["text"] and "_Bron: MVO Vlaanderen" in found[0]["text"]
    assert found[0]["channel"] == "D1"


def test_two_threads_keep_separate_contexts(servers):
    a, b = message_event("Ik wil een fit check doen", user="U2", channel="C9", channel_type="channel"), \
        message_event("Wat is cause related marketing?", user="U3", channel="C9", channel_type="channel")
    a["event"]["text"] = "<@UBOT> Ik wil een fit check doen"
    a["event"]["type"] = b["event"]["type"] = "app_mention"
    b["event"]["text"] = "<@UBOT> Wat is cause related marketing?"
    for e in (a, b):
        post(servers, json.dumps(e).encode())
    ta, tb = a["event"]["ts"], b["event"]["ts"]
    assert "Vraag 1 van 8" in text_of(replies(servers, ta, 2))
    assert "Douwe Egberts" in text_of(replies(servers, tb))
    follow = message_event("<@UBOT> Geef eens een voorbeeld", user="U3", channel="C9", thread_ts=tb,
                           channel_type="channel")
    follow["event"]["type"] = "app_mention"
    post(servers, json.dumps(follow).encode())
    assert "Douwe Egberts" in text_of(replies(servers, tb, 2)[1:])
    # The fit check in thread A is untouched by thread B: its first question is still pending.
    answer = message_event("<@UBOT> ja", user="U2", channel="C9", thread_ts=ta, channel_type="channel")
    answer["event"]["type"] = "app_mention"
    post(servers, json.dumps(answer).encode())
    assert "Vraag 2 van 8" in text_of(replies(servers, ta, 3)[2:])


def test_bad_signature_and_stale_timestamp_are_rejected_without_a_turn(servers):
    before = len(servers.slack.posts)
    event = message_event("Wat is mecenaat?")
    body = json.dumps(event).encode()
    assert post(servers, body, signature="v0=" + "0" * 64)[0] == 401
    old = int(time.time()) - 6 * 60
    assert post(servers, body, timestamp=old, signature=sign(body, old))[0] == 401
    assert post(servers, body, signature=sign(body, int(time.time()), secret="wrong"))[0] == 401
    time.sleep(2)
    assert len(servers.slack.posts) == before


def test_retries_and_repeated_events_get_no_second_reply(servers):
    event = message_event("Wat is mecenaat?")
    body = json.dumps(event).encode()
    assert post(servers, body)[0] == 200
    assert post(servers, body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})[0] == 200
    assert post(servers, body)[0] == 200  # the same event id again
    found = replies(servers, event["event"]["ts"])
    time.sleep(2)
    assert len([p for p in servers.slack.posts if p.get("thread_ts") == event["event"]["ts"]]) == 1 == len(found)


def test_bot_messages_are_ignored(servers):
    before = len(servers.slack.posts)
    own = message_event("Vraag 1 van 8")
    own["event"]["bot_id"] = "B1"
    other = message_event("hello from another bot")
    other["event"]["subtype"] = "bot_message"
    for e in (own, other):
        assert post(servers, json.dumps(e).encode())[0] == 200
    time.sleep(2)
    assert len(servers.slack.posts) == before


def test_button_click_continues_the_fit_check(servers):
    start = message_event("fit check", user="U5", channel="D5")
    ts = start["event"]["ts"]
    post(servers, json.dumps(start).encode())
    question = replies(servers, ts, 2)
    assert any(p.get("blocks") for p in question), "the question comes with Slack buttons"
    payload = {"type": "block_actions", "user": {"id": "U5"}, "channel": {"id": "D5"}, "trigger_id": "T1",
               "message": {"ts": "%.6f" % time.time(), "thread_ts": ts},
               "actions": [{"type": "button", "action_id": "a1", "value": "ja", "action_ts": "1"}]}
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    assert post(servers, body, content_type="application/x-www-form-urlencoded")[0] == 200
    assert "Vraag 2 van 8" in text_of(replies(servers, ts, 3)[2:])
