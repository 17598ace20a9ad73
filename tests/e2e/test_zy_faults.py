"""Bad input, a missing action server, restarts and a crash: nothing is lost and the bot keeps answering.

Runs after the other end-to-end files (name order) because it stops and restarts the servers.
Each case is listed with its outcome in tests/README.md.
"""
import json
import os
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from actions.storage import assessments
from core.records import hash_conversation

from .conftest import wait_for_servers

pytestmark = pytest.mark.e2e

UNAVAILABLE = "kan je bericht nu even niet beantwoorden"


def sender():
    return "fault-" + uuid.uuid4().hex[:8]


def message(text, who="bad-input-user"):
    return json.dumps({"sender": who, "message": text}).encode()


MALFORMED = [
    ("not JSON", b"hallo", 400),
    ("invalid UTF-8", b'{"sender": "u1", "message": "\xff\xfe wat"}', 400),
    ("JSON array", b'[{"sender": "u1", "message": "hoi"}]', 400),
    ("JSON string", b'"hoi"', 400),
    ("empty body", b"", 400),
    ("missing sender", json.dumps({"message": "hoi"}).encode(), 400),
    ("missing message", json.dumps({"sender": "u1"}).encode(), 400),
    ("message is a number", json.dumps({"sender": "u1", "message": 42}).encode(), 400),
    ("sender is an object", json.dumps({"sender": {"id": 1}, "message": "hoi"}).encode(), 400),
    ("50,000 characters", message("risico " * 7143), 413),
]
ODD_TEXT = [
    ("empty message", ""),
    ("whitespace only", "  \n\t "),
    ("control characters", "\x00\x07wat is\x1b sponsoring?\x7f"),
    ("emoji", "🤝🤝 wat zijn de risico's? 😀"),
    ("right-to-left text", "ما هي فوائد الشراكة؟ \u202eabc"),
    ("FTS quote and star", '"risico* "'),
    ("FTS NEAR(", "NEAR( risico voordeel"),
    ("SQL injection", "'; DROP TABLE passages;--"),
    ("HTML/script", "<script>alert('x')</script><b>hoi</b>"),
    ("2,000 characters", ("wat zijn de voordelen " * 100)[:2000]),
]


@pytest.mark.parametrize("case,body,status", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_requests_get_a_4xx(bot, case, body, status):
    assert bot.post(body)[0] == status


@pytest.mark.parametrize("case,text", ODD_TEXT, ids=[c[0] for c in ODD_TEXT])
def test_odd_text_gets_a_dutch_reply(bot, case, text):
    status, raw = bot.post(message(text, sender()))
    replies = json.loads(raw)
    assert status == 200 and replies and all(r.get("text") or r.get("buttons") for r in replies)
    reply = " ".join(r.get("text") or "" for r in replies)
    assert "Traceback" not in reply and "<script>" not in reply


def test_the_bot_answers_normally_after_all_bad_input(bot):
    for _, body, _ in MALFORMED:
        bot.post(body)
    assert "naamsvermelding" in bot.text(sender(), "Wat is sponsoring?")
    knowledge = bot.text(sender(), "Welke risico's zijn er?")
    assert "Reputatieschade" in knowledge  # the SQL text above dropped nothing


def test_action_server_down_gets_a_dutch_message_and_the_bot_recovers(servers, bot):
    me, form = sender(), sender()
    bot.text(form, "fit check")
    bot.text(form, "ja")                                      # now at question 2
    servers.stop_one("actions", signal.SIGKILL)
    try:
        down = bot.text(me, "Wat is sponsoring?")
        assert UNAVAILABLE in down and "Bron:" not in down and "Traceback" not in down
        during_check = bot.text(form, "ja")
        assert UNAVAILABLE in during_check and "Vraag 2 van 8" in during_check  # the same question again
    finally:
        servers.start_one("actions")
        wait_for_servers(servers, ["actions"])
    assert "naamsvermelding" in bot.text(me, "Wat is sponsoring?")  # no Rasa restart needed
    assert "Vraag 3 van 8" in bot.text(form, "ja")


def test_a_restart_of_both_servers_resumes_the_fit_check(servers, bot):
    me = sender()
    bot.text(me, "Ik wil een fit check doen")
    bot.text(me, "nee")
    assert "Vraag 3 van 8" in bot.text(me, "deels")
    servers.stop()
    servers.start()
    wait_for_servers(servers)
    assert "Vraag 4 van 8" in bot.text(me, "ja")              # same question, earlier answers kept
    for answer in ("ja", "ja", "ja", "ja"):
        bot.text(me, answer)
    assert "Score: " in bot.text(me, "ja")
    [row] = [r for r in assessments() if r["conversation"] == hash_conversation(me)]
    answers = json.loads(row["answers"])
    assert answers["fit_goal"] == 0.0 and answers["fit_commitment"] == 0.5 and answers["fit_evaluation"] == 1.0


def complete_fit_check(bot, me, replied=None):
    """A participant's client: answers until the result, resending a message whose reply was lost.
    `replied` (a threading.Semaphore) is released once per reply received."""
    replies = []

    def say(text):
        for attempt in range(120):
            try:
                reply = bot.text(me, text)
                if reply.strip():
                    replies.append(reply)
                    if replied is not None:
                        replied.release()
                    return reply
            except OSError:
                pass
            time.sleep(1)
        raise AssertionError("no reply to %r for %s" % (text, me))

    say("fit check")
    for _ in range(12):  # 8 questions, plus answers repeated after a lost reply
        reply = say("ja")
        if "Score: " in reply or "Ik had je niets gevraagd" in reply:  # the result's reply itself was lost
            return replies
    raise AssertionError("fit check of %s did not finish: %s" % (me, replies[-3:]))


def test_fifty_fit_checks_finishing_at_once_store_fifty_rows(bot):
    people = [sender() for _ in range(50)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(lambda me: complete_fit_check(bot, me), people))
    stored = [r["conversation"] for r in assessments()]
    for me in people:
        assert stored.count(hash_conversation(me)) == 1, me


def test_killing_the_rasa_server_during_a_burst_loses_no_finished_fit_check(servers, bot):
    people = [sender() for _ in range(20)]
    killed, replied = threading.Event(), threading.Semaphore(0)

    def kill_and_restart():
        for _ in range(60):  # mid-burst: after 60 of the about 200 replies, whatever the machine's speed
            if not replied.acquire(timeout=120):
                break
        servers.stop_one("rasa", signal.SIGKILL)
        killed.set()
        servers.start_one("rasa")

    killer = threading.Thread(target=kill_and_restart)
    killer.start()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda me: complete_fit_check(bot, me, replied), people))
    killer.join()
    assert killed.is_set()
    wait_for_servers(servers, ["rasa"])
    stored = [r["conversation"] for r in assessments()]
    for me, replies in zip(people, results):
        assert stored.count(hash_conversation(me)) == 1, me      # finished, stored once
        assert "naamsvermelding" in bot.text(me, "Wat is sponsoring?")  # and the conversation goes on


def test_server_logs_hold_no_message_text(servers, bot):
    marker = "Wat vindt zeeanemoonvereniging %s van sponsoring? mail: kees@example.org" % uuid.uuid4().hex[:6]
    bot.text(sender(), marker)
    assert bot.post(message("zeeanemoonvereniging " + "x" * 2500))[0] == 413  # refused: not logged either
    time.sleep(1)
    log = (servers.data_dir / "servers.log").read_text(encoding="utf-8", errors="replace")
    assert "Rasa server is up and running" in log  # the log is the servers' real output
    assert "zeeanemoonvereniging" not in log and "kees@example.org" not in log


def get_status(servers, query=""):
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/status%s" % (servers.port, query), timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_http_api_is_off_by_default_and_needs_a_token_when_on(servers, monkeypatch):
    assert get_status(servers) == 404                      # no --enable-api: the route does not exist
    monkeypatch.setenv("RASA_API_TOKEN", "test-api-token-%s" % uuid.uuid4().hex[:8])
    servers.stop_one("rasa")
    servers.start_one("rasa")
    wait_for_servers(servers, ["rasa"])
    assert get_status(servers) == 401
    assert get_status(servers, "?token=wrong") == 401
    assert get_status(servers, "?token=" + os.environ["RASA_API_TOKEN"]) == 200
