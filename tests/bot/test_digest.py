"""The staff digest (bot/digest.py): unanswered groups, posted one thread each, remembered for staff replies."""
from datetime import date

import pytest

from bot.digest import DigestError, digest, digest_thread, message_text, open_groups
from bot.question_log import QUESTIONS
from bot.report import UnansweredGroup, build_report, period, render_text
from core.records import open_db
from knowledge.curated import save_answer

UNANSWERED = [("Hoeveel ngo's zijn er in Nederland?", 3), ("Is er subsidie voor partnerschappen?", 2)]


@pytest.fixture
def log_db(fresh_data_dir):
    db = open_db()
    for question, times in UNANSWERED:
        db[QUESTIONS].insert_all({"time": "2026-11-20T10:00:00+00:00", "channel": "rest", "conversation": "c%d" % i,
                                  "question": question, "intent": "ask_statistics", "outcome": "fallback"}
                                 for i in range(times))
    db.close()


def november():
    return period(date(2026, 11, 1), date(2026, 11, 30))


def test_a_dry_run_lists_the_groups_most_asked_first(log_db):
    groups = digest(*november(), dry_run=True)
    assert [(g.question, g.count) for g in groups] == UNANSWERED
    assert "(3× gesteld): Hoeveel ngo's zijn er in Nederland?" in message_text(groups[0])


def test_each_group_is_posted_as_its_own_thread_and_remembered(log_db, monkeypatch):
    monkeypatch.setenv("SLACK_STAFF_CHANNEL", "CSTAFF")
    posts = []

    def post(channel, text):
        posts.append((channel, text))
        return "1700000000.%06d" % len(posts)

    digest(*november(), post=post)
    assert [c for c, _ in posts] == ["CSTAFF", "CSTAFF"]
    thread = digest_thread("CSTAFF:1700000000.000001")
    assert thread.question == UNANSWERED[0][0] and thread.count == 3
    assert digest_thread("CSTAFF:1.0") is None


def test_groups_staff_answered_since_are_left_out(log_db):
    save_answer(UNANSWERED[1][0], "Nee, NCDO geeft geen subsidie voor partnerschappen.", "Anna")
    assert [g.question for g in digest(*november(), dry_run=True)] == [UNANSWERED[0][0]]
    report = build_report(None, *november())
    assert "[inmiddels beantwoord: Antwoord van NCDO (Anna, 20" in render_text(report)


def test_without_a_staff_channel_nothing_is_posted(log_db, monkeypatch):
    monkeypatch.delenv("SLACK_STAFF_CHANNEL", raising=False)
    with pytest.raises(DigestError):
        digest(*november(), post=lambda channel, text: pytest.fail("posted"))


def test_open_groups_keeps_the_top():
    groups = [UnansweredGroup("vraag %d" % i, 10 - i) for i in range(12)]
    assert len(open_groups(groups, top=10)) == 10
    groups[0].answered_by = "Antwoord van NCDO (Anna, 2026-11-23)"
    assert open_groups(groups)[0].question == "vraag 1"
