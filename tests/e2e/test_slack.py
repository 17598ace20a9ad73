"""Slack: signed Events API payloads to /webhooks/slack/webhook, replies recorded by a fake Slack Web API.

The payloads are shaped like Slack's own (tests/slack_payloads.py); the servers run with SLACK_CHANNEL set
(tests/e2e/conftest.py), the in-process tests (tests/bot/test_slack_channel.py) cover both settings."""
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import os

import pytest

from tests import slack_payloads as slack
SLACK_CHANNEL = slack.STAFF_CHANNEL

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
    return slack.envelope(slack.user_message(text, user, channel, channel_type, ts, thread_ts))


def mention_event(text, user="U1", channel="C9", thread_ts=None):
    return slack.envelope(slack.app_mention(text, user, channel, thread_ts=thread_ts))


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
    assert len(found) == 1 and "naamsvermelding" in found[0]["text"]
    context = [b for b in found[0]["blocks"] if b["type"] == "context"]
    assert context and context[0]["elements"][0]["text"].startswith("_Bron: MVO Vlaanderen")
    assert found[0]["channel"] == "D1"


def test_two_threads_keep_separate_contexts(servers):
    a, b = mention_event("Ik wil een fit check doen", user="U2"), mention_event("Wat is cause related marketing?",
                                                                                  user="U3")
    for e in (a, b):
        post(servers, json.dumps(e).encode())
    ta, tb = a["event"]["ts"], b["event"]["ts"]
    assert "Vraag 1 van 8" in text_of(replies(servers, ta, 2))
    assert "Douwe Egberts" in text_of(replies(servers, tb))
    post(servers, json.dumps(mention_event("Geef eens een voorbeeld", user="U3", thread_ts=tb)).encode())
    assert "Douwe Egberts" in text_of(replies(servers, tb, 2)[1:])
    # A colleague's "ja" in thread A is the colleague's own conversation: the fit check does not move.
    post(servers, json.dumps(mention_event("ja", user="U4", thread_ts=ta)).encode())
    assert "Vraag 2 van 8" not in text_of(replies(servers, ta, 3)[2:])
    # The fit check in thread A is untouched by thread B and by the colleague: its first question is pending.
    post(servers, json.dumps(mention_event("ja", user="U2", thread_ts=ta)).encode())
    assert "Vraag 2 van 8" in text_of(replies(servers, ta, 4)[3:])


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


def test_bots_slackbot_and_system_messages_get_no_reply_and_no_log_row(servers):
    import bot.question_log  # noqa: F401  (the questions table's schema)
    from core.records import open_db

    def logged():
        return open_db(servers.data_dir / "bot.db")["questions"].count_where("channel = ?", ["slack"])

    before, rows = len(servers.slack.posts), logged()
    events = [slack.app_message(own=True), slack.app_message(own=False), slack.bot_message(),
              slack.slackbot_dm(), slack.channel_join(channel=SLACK_CHANNEL),
              slack.channel_join(user="U0NEW0001", channel=SLACK_CHANNEL), slack.message_changed("Wat is mecenaat?"),
              slack.message_deleted()]
    for event in events:
        assert post(servers, json.dumps(slack.envelope(event)).encode())[0] == 200
    time.sleep(3)
    assert len(servers.slack.posts) == before and logged() == rows


def test_a_mention_in_the_staff_channel_is_answered_once(servers):
    mention = slack.app_mention("Wat is mecenaat?", user="U7", channel=SLACK_CHANNEL)
    for event in (mention, slack.mention_as_message(mention)):   # two deliveries, two event ids
        assert post(servers, json.dumps(slack.envelope(event)).encode())[0] == 200
    found = replies(servers, mention["ts"])
    time.sleep(2)
    assert len([p for p in servers.slack.posts if p.get("thread_ts") == mention["ts"]]) == 1 == len(found)
    plain = slack.user_message("Wat is sponsoring?", user="U7", channel=SLACK_CHANNEL, channel_type="channel")
    post(servers, json.dumps(slack.envelope(plain)).encode())
    assert "naamsvermelding" in text_of(replies(servers, plain["ts"]))


def test_menus_arrive_as_buttons_and_text_as_mrkdwn(servers):
    event = message_event("help", user="U8", channel="D8")
    post(servers, json.dumps(event).encode())
    [menu] = replies(servers, event["event"]["ts"])
    kinds = [b["type"] for b in menu["blocks"]]
    assert kinds[0] == "section" and menu["blocks"][0]["text"]["type"] == "mrkdwn" and "actions" in kinds
    buttons = [e for b in menu["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(buttons) >= 6 and {"Risico's", "Fit check"} <= {e["text"]["text"] for e in buttons}
    answer = message_event("Welke vormen van samenwerking onderscheidt Austin?", user="U8", channel="D8")
    post(servers, json.dumps(answer).encode())
    [reply] = replies(servers, answer["event"]["ts"])
    assert "plain_text" not in json.dumps([b for b in reply["blocks"] if b["type"] != "actions"])
    assert any(b["type"] == "context" and b["elements"][0]["text"].startswith("_Bron: ") for b in reply["blocks"])


def test_button_click_in_the_thread_continues_the_fit_check(servers):
    start = message_event("fit check", user="U5", channel="D5")
    ts = start["event"]["ts"]
    post(servers, json.dumps(start).encode())
    question = replies(servers, ts, 2)
    assert any(b["type"] == "actions" for p in question for b in p.get("blocks") or []), "Slack buttons"
    click = slack.block_actions("ja", "Ja", user="U5", channel="D5", thread_ts=ts)
    body = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    assert post(servers, body, content_type="application/x-www-form-urlencoded")[0] == 200
    assert post(servers, body, content_type="application/x-www-form-urlencoded")[0] == 200   # delivered twice
    found = replies(servers, ts, 3)
    time.sleep(2)
    assert "Vraag 2 van 8" in text_of(found[2:]) and "Vraag 3 van 8" not in text_of(servers.slack.posts)


def test_staff_answer_an_unanswerable_question_from_the_digest_thread(servers, bot):
    """Declined -> in the digest -> a staff reply in its thread -> the question and a paraphrase are answered
    with the staff text and its source, without retraining -> 'verwijder' -> declined again."""
    from datetime import date

    from bot.digest import DIGEST_THREADS, digest, slack_poster
    from bot.report import period
    from core.records import connect

    staff = os.environ["SLACK_STAFF_CHANNEL"]   # set by the servers fixture
    question, paraphrase = "Hoeveel kost een partnership broker per uur?", "Wat kost het inhuren van een partnership broker?"
    text = "Een partnership broker rekent meestal 75 tot 125 euro per uur; NCDO kent er een paar."
    me = "staff-e2e-%d" % time.time()
    assert "Bron:" not in bot.text(me, question)
    digest(*period(date.today()), post=slack_poster())
    with connect() as records:
        [thread] = [r["thread"] for r in records.query("select * from %s" % DIGEST_THREADS)
                    if r["question"] == question]
    thread_ts = thread.split(":", 1)[1]
    body = json.dumps(message_event("antwoord: " + text, user="U0ANNA", channel=staff, thread_ts=thread_ts,
                                    channel_type="channel")).encode()
    assert post(servers, body)[0] == 200

    def answer_to(message, expect_staff, seconds=30):
        deadline = time.monotonic() + seconds
        while True:
            reply = bot.text(me, message)
            if (text in reply) == expect_staff or time.monotonic() > deadline:
                return reply
            time.sleep(1)   # the action server notices a change within ten seconds

    for asked in (question, paraphrase):
        reply = answer_to(asked, True)
        assert text in reply and "Bron: Antwoord van NCDO (Anna de Vries, " in reply, reply
    body = json.dumps(message_event("verwijder", user="U0ANNA", channel=staff, thread_ts=thread_ts,
                                    channel_type="channel")).encode()
    assert post(servers, body)[0] == 200
    assert "Bron:" not in answer_to(question, False)
