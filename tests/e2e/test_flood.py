"""One flooding client must not take the bot from everyone else (bot/channels/rate_limit.py).

Own servers with the default limits and TRUSTED_PROXIES=127.0.0.1. Ten normal users (each its own address,
given in X-Forwarded-For as nginx would) ask a question every second for 15 s, first alone, then while one
client on one address sends as fast as it can from two other processes (tests/flood_client.py: keep-alive
connections, one with a fixed sender id and one with a new sender id for every message). The normal users keep their p95 within 1.5x and get
no errors; the flooder gets 429 with Retry-After; what it got past its limit is all that reached the question
log and the tracker store; the Rasa server's memory after the flood is within 10 % of before.
"""
import http.client
import json
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import uuid

import pytest

from bot.channels.rate_limit import DEFAULT_ADDRESS_LIMIT, DEFAULT_SENDER_LIMIT
from core.settings import FACTSHEETS_DIR, ROOT
from knowledge import build
from tests.flood_client import FLOOD_TEXT

from .conftest import started_servers

pytestmark = pytest.mark.e2e

USERS = 10
SECONDS = 15
PACE = 1.0
QUESTIONS = ["Wat is sponsoring?", "Wat is mecenaat?", "Welke risico's loop je bij een partnerschap?",
             "Welke succesfactoren zijn er?", "Hoe vind ik een partner?", "Wat is filantropie?",
             "Hoeveel partnerschappen mislukken?", "Wat is cause related marketing?"]


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """Servers with the default limits (the e2e suite's own servers run without them)."""
    data_dir = tmp_path_factory.mktemp("flood")
    build(FACTSHEETS_DIR, data_dir / "knowledge.db")
    env = {"BOT_DATA_DIR": str(data_dir), "TRUSTED_PROXIES": "127.0.0.1",
           "RATE_LIMIT_ADDRESS_PER_MINUTE": "", "RATE_LIMIT_SENDER_PER_MINUTE": "",
           "RATE_LIMIT_ADDRESS_BURST": "", "RATE_LIMIT_SENDER_BURST": "", "KNOWLEDGE_DB": ""}
    with started_servers(data_dir, env) as running:
        yield running


def post(connection, path, sender, text, forwarded_for=None):
    headers = {"Content-Type": "application/json"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    connection.request("POST", path, json.dumps({"sender": sender, "message": text}), headers)
    reply = connection.getresponse()
    return reply.status, reply.getheader("Retry-After"), reply.read()


def normal_users(port, seconds):
    """Each user asks a question every PACE seconds; (latencies, errors)."""
    latencies, errors, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def user(k):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        sender, address = "user-%d-%s" % (k, uuid.uuid4().hex[:6]), "198.51.100.%d" % (k + 1)
        i = 0
        time.sleep(k * PACE / USERS)  # not all at the same moment
        while time.monotonic() < stop:
            started = time.monotonic()
            status, _, body = post(connection, "/webhooks/rest/webhook", sender, QUESTIONS[(k + i) % len(QUESTIONS)],
                                   address)
            took = time.monotonic() - started
            with lock:
                if status == 200 and json.loads(body):
                    latencies.append(took)
                else:
                    errors.append(status)
            i += 1
            time.sleep(max(0.0, PACE - took))

    threads = [threading.Thread(target=user, args=(k,)) for k in range(USERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def rasa_pid(servers):
    out = subprocess.run(["pgrep", "-f", "bot.rasa_server run --port %d" % servers.port], capture_output=True,
                         text=True).stdout.split()
    return int(out[0])


def test_a_flooding_client_does_not_slow_down_the_others(limited):
    port = limited.port
    normal_users(port, 4)  # warm up: every question once through NLU and retrieval
    before, errors = normal_users(port, SECONDS)
    assert errors == []
    pid = rasa_pid(limited)
    memory_before = rss_kib(pid)

    flooders = [subprocess.Popen([sys.executable, "-m", "tests.flood_client", str(port), str(SECONDS), *extra],
                                 cwd=str(ROOT), stdout=subprocess.PIPE, text=True)
                for extra in ([], ["--new-sender-each-time"])]
    during, errors = normal_users(port, SECONDS)
    outcomes = [json.loads(f.communicate(timeout=60)[0]) for f in flooders]
    memory_after = rss_kib(pid)

    p95_before = statistics.quantiles(before, n=20)[-1]
    p95_during = statistics.quantiles(during, n=20)[-1]
    statuses = {}
    for outcome in outcomes:
        for status, count in outcome["statuses"].items():
            statuses[int(status)] = statuses.get(int(status), 0) + count
    print("\nflood: normal users p95 %.0f ms alone, %.0f ms during the flood (%d and %d messages); flooder %s; "
          "Rasa server memory %d -> %d KiB" % (1000 * p95_before, 1000 * p95_during, len(before), len(during),
                                                statuses, memory_before, memory_after))
    assert errors == []
    assert p95_during <= 1.5 * p95_before
    assert set(statuses) == {200, 429}
    assert all(outcome["retry_after"] for outcome in outcomes)  # the 429s said when to come back
    # Only what got past the limits reached the bot: the address's burst and its rate over the flood.
    allowed = DEFAULT_ADDRESS_LIMIT.burst + DEFAULT_ADDRESS_LIMIT.per_minute / 60 * (SECONDS + 5)
    assert statuses[200] <= allowed
    logged = sqlite3.connect(limited.data_dir / "bot.db").execute(
        "select count(*) from questions where question = ?", (FLOOD_TEXT,)).fetchone()[0]
    stored = sqlite3.connect(limited.data_dir / "tracker.db").execute(
        "select count(*) from events where type_name = 'user' and data like ?", ('%"text": "' + FLOOD_TEXT + '"%',)
    ).fetchone()[0]
    assert logged == stored == statuses[200]
    assert memory_after <= 1.10 * memory_before


def test_the_widget_and_rest_say_slow_down_in_dutch(limited):
    connection = http.client.HTTPConnection("127.0.0.1", limited.port, timeout=60)
    sender = "eager-" + uuid.uuid4().hex[:8]
    burst = int(DEFAULT_SENDER_LIMIT.burst)
    replies = [post(connection, "/webhooks/rest/webhook", sender, "hoi", "203.0.113.9") for _ in range(burst + 5)]
    assert [r[0] for r in replies[:burst]] == [200] * burst  # someone clicking through the fit check fast
    refused = [r for r in replies if r[0] == 429]
    assert refused and all(int(r[1]) >= 1 for r in refused)
    body = json.loads(refused[0][2])
    assert "Rustig aan" in body["message"] and body["retry_after"] >= 1
    # Another sender on the same address is not affected.
    assert post(connection, "/webhooks/rest/webhook", "other-" + uuid.uuid4().hex[:6], "hoi", "203.0.113.9")[0] == 200
