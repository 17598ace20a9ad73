"""Two Rasa servers sharing PostgreSQL (conversations, records) and Redis (turn locks) behind nginx."""
import csv
import io
import itertools
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import sqlalchemy as sa

from core.records import hash_conversation
from tests.cluster.harness import in_parallel, proved

FIT_CHECK_QUESTIONS = 8


def sender(prefix: str) -> str:
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


def events(cluster, conversation: str):
    """(type, name or text) of a conversation's stored events, in the order they were stored."""
    engine = sa.create_engine(cluster.postgres.url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("select type_name, action_name, intent_name, data from events "
                                        "where sender_id = :s order by id"), {"s": conversation}).fetchall()
    finally:
        engine.dispose()
    return rows


def test_a_conversation_alternating_between_servers_keeps_its_context_and_fit_check(cluster):
    nodes = itertools.cycle([cluster.node("a"), cluster.node("b")])
    me = sender("alternating")
    next(nodes).text(me, "Welke voordelen heeft een bedrijf van een partnerschap?")
    assert "netwerken" in next(nodes).text(me, "En voor ngo's?")   # a follow-up, on the other server

    me = sender("fitcheck")
    assert "Vraag 1 van %d" % FIT_CHECK_QUESTIONS in next(nodes).text(me, "Ik wil een fit check doen")
    for question in range(2, FIT_CHECK_QUESTIONS + 1):
        reply = next(nodes).text(me, "ja")
        assert "Vraag %d van %d" % (question, FIT_CHECK_QUESTIONS) in reply, reply
    result = next(nodes).text(me, "ja")
    assert "Score: " in result and "Aanbevolen vorm van samenwerking" in result
    proved("a conversation whose messages alternate between two Rasa servers keeps its follow-up context, "
           "and its fit check asks each of the %d questions once, in order, to its result" % FIT_CHECK_QUESTIONS)


def test_two_messages_at_the_same_moment_on_both_servers_are_processed_in_turn(cluster):
    a, b = cluster.node("a"), cluster.node("b")
    for attempt in range(3):
        me = sender("simultaneous")
        a.text(me, "hallo")
        first, second = "Wat zijn de risico's van een partnerschap?", "Wat is cause related marketing?"
        (status_a, replies_a), (status_b, replies_b) = in_parallel([lambda: a.post(me, first),
                                                                    lambda: b.post(me, second)])
        assert status_a == status_b == 200
        assert any("Bron:" in (r.get("text") or "") for r in replies_a)
        assert any("Bron:" in (r.get("text") or "") for r in replies_b)
        stored = events(cluster, me)
        turns, current = [], None
        for type_name, action, _intent, data in stored:
            if type_name == "user":
                assert current is None, "a message was taken while another turn was in progress: %s" % stored
                current = [data]
            elif type_name == "action" and action == "action_listen" and current is not None:
                turns.append(current)
                current = None
            elif current is not None:
                current.append(data)
        texts = [turn[0] for turn in turns]
        assert sum(first in t for t in texts) == 1 and sum(second in t for t in texts) == 1, " ".join("%s:%s" % (t, a or (d or '')[:300]) for t, a, _i, d in stored)
        assert all(any('"event": "bot"' in e.replace('"event":"bot"', '"event": "bot"') for e in turn[1:])
                   for turn in turns), "a turn without the bot's answer"
    proved("two messages of one conversation sent to both servers at the same moment are both answered, one "
           "turn after the other, no events interleaved (Redis lock store), 3 times over")


def test_the_report_and_the_export_count_both_servers(cluster):
    a, b = cluster.node("a"), cluster.node("b")
    only_a, only_b = sender("only-a"), sender("only-b")
    a.text(only_a, "Wat zijn succesfactoren voor een partnerschap?")
    b.text(only_b, "Hoe vind ik een geschikte partner?")

    engine = sa.create_engine(cluster.postgres.url)
    with engine.connect() as conn:
        logged = dict(conn.execute(sa.text("select conversation, count(*) from questions "
                                           "where conversation in (:a, :b) group by conversation"),
                                   {"a": hash_conversation(only_a), "b": hash_conversation(only_b)}).fetchall())
        total = conn.execute(sa.text("select count(*) from questions")).scalar()
        finished = conn.execute(sa.text("select count(*) from assessments")).scalar()
    engine.dispose()
    assert logged == {hash_conversation(only_a): 1, hash_conversation(only_b): 1}

    today = date.today().isoformat()
    report = subprocess.run([sys.executable, "-m", "bot", "report", "--since", today], env=cluster.env(),
                            capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stderr[-2000:]
    figures = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
               for line in report.stdout.splitlines() if ":" in line}
    assert int(figures["Berichten"]) == total
    assert figures["Fit checks afgerond"].startswith("%d" % finished)

    export = subprocess.run([sys.executable, "-m", "bot", "assessments", "--csv"], env=cluster.env(),
                            capture_output=True, text=True, timeout=120)
    assert export.returncode == 0, export.stderr[-2000:]
    assert len(list(csv.DictReader(io.StringIO(export.stdout)))) == finished >= 1
    proved("`python -m bot report` and `python -m bot assessments --csv` on one node read every node's records "
           "from PostgreSQL: %d messages, %d fit checks" % (total, finished))


def run_fit_check(node, me: str, errors: list, transcripts: dict) -> str:
    """Start a fit check and answer 'ja' until its result; the text of the result ('' if none). Every reply's
    first line goes to transcripts[me], to show where a conversation that got no result stopped."""
    said = transcripts.setdefault(me, [])

    def say(message):
        for _ in range(3):   # as a user or the widget would: an unanswered message is sent again
            started = time.monotonic()
            status, replies = node.post(me, message)
            text = "\n".join(r.get("text") or "" for r in replies) if status == 200 else ""
            said.append("%s -> %s %.1fs %s" % (message, status, time.monotonic() - started, text.split("\n")[0][:60]))
            if status == 200:
                return text
            errors.append((me, message, status))
            time.sleep(1)
        return ""

    reply = say("Ik wil een fit check doen")
    for _ in range(FIT_CHECK_QUESTIONS + 2):
        if "Score: " in reply:
            return reply
        reply = say("ja")
    return reply if "Score: " in reply else ""


def test_a_server_killed_mid_burst_the_other_takes_over(cluster):
    from actions.storage import assessments

    balancer = cluster.balancer
    people = [sender("burst") for _ in range(20)]
    errors: list = []
    transcripts: dict = {}
    with ThreadPoolExecutor(max_workers=20) as pool:
        futures = [pool.submit(run_fit_check, balancer, me, errors, transcripts) for me in people]
        # Let the burst get going on both servers, then pull one out.
        time.sleep(4)
        cluster.kill("b")
        results = [f.result(timeout=600) for f in futures]
    stuck = {me: transcripts[me] for me, r in zip(people, results) if "Score: " not in r}
    assert not stuck, "%d of 20 fit checks got no result: %s" % (len(stuck), stuck)
    assert not errors, "messages nginx did not get answered: %s" % errors
    for me in people:
        assert "Bron:" in balancer.text(me, "Wat zijn de risico's van een partnerschap?")
    stored = [r for r in assessments(cluster.postgres.url)]
    per_person = [sum(r["conversation"] == hash_conversation(me) for r in stored) for me in people]
    assert per_person == [1] * 20, per_person
    proved("one Rasa server killed (SIGKILL) in the middle of a 20-conversation fit-check burst through nginx: "
           "all 20 finished on the other server with no error a client saw, each result stored exactly once, "
           "every conversation answers afterwards")


def test_postgresql_restarted_mid_run_the_servers_recover(cluster):
    balancer, a = cluster.balancer, cluster.node("a")
    me = sender("restart")
    assert "Vraag 1 van" in a.text(me, "Ik wil een fit check doen")
    assert "Vraag 2 van" in a.text(me, "ja")
    cluster.postgres.restart()
    assert "Vraag 3 van" in a.text(me, "ja")   # the conversation is read back from the restarted database
    for question in (4, 5, 6, 7, 8):
        assert "Vraag %d van" % question in balancer.text(me, "ja")
    assert "Score: " in balancer.text(me, "ja")
    from actions.storage import assessments
    assert sum(r["conversation"] == hash_conversation(me) for r in assessments(cluster.postgres.url)) == 1
    proved("PostgreSQL restarted in the middle of a fit check: the servers answer the next message without "
           "a restart of their own, and the result is stored")
