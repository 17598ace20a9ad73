"""The trainers' report, on a fixture question log."""
import base64
import re
from datetime import date

import pytest
from click.testing import CliRunner

from bot import report as report_module
from bot.cli import cli
from bot.question_log import QUESTIONS
from core.records import open_db
from bot.report import build_report, group_similar, normalise_question, period, render_text

# (time, channel, conversation, question, intent, outcome)
LOG = [
    ("2026-10-30T09:00:00+00:00", "webchat", "c0", "Wat is sponsoring?", "ask_definition", "answered"),  # too early
    ("2026-11-02T09:00:00+00:00", "webchat", "c1", "hallo", "greet", "chit-chat"),
    ("2026-11-02T09:00:10+00:00", "webchat", "c1", "Wat is sponsoring?", "ask_definition", "answered"),
    ("2026-11-02T09:00:20+00:00", "webchat", "c1", "wat is sponsoring", "ask_definition", "answered"),
    ("2026-11-02T09:01:00+00:00", "webchat", "c1", "Welke risico's zijn er?", "ask_risks", "answered"),
    ("2026-11-02T09:02:00+00:00", "webchat", "c2", "Hoe laat vertrekt de trein naar Utrecht?", "out_of_scope",
     "out-of-scope"),
    ("2026-11-02T09:03:00+00:00", "webchat", "c2", "Wanneer gaat de trein naar Utrecht?", "out_of_scope",
     "out-of-scope"),
    ("2026-11-03T10:00:00+00:00", "slack", "c3", "Wat kost een pizza?", "nlu_fallback", "fallback"),
    ("2026-11-03T10:00:05+00:00", "slack", "c3", "Wat is sponsoring?", "ask_definition", "answered"),
    ("2026-11-03T10:01:00+00:00", "slack", "c3", "ja", "answer", "assessment"),
    ("2026-11-03T10:02:00+00:00", "slack", "c3", "<script>alert(1)</script>", "nlu_fallback", "fallback"),
    ("2026-11-20T10:00:00+00:00", "rest", "c4", "Wat zijn de voordelen?", "ask_benefits", "answered"),
    ("2026-11-20T10:00:10+00:00", "rest", "c4", "/ask_benefits", "ask_benefits", "answered"),  # menu button
]
ASSESSMENTS = [("2026-11-02T09:10:00+00:00", "webchat", 80), ("2026-11-03T10:05:00+00:00", "slack", 40),
               ("2026-10-01T10:00:00+00:00", "slack", 10)]


@pytest.fixture
def log_db(fresh_data_dir):
    path = fresh_data_dir / "bot.db"
    db = open_db(path)
    db[QUESTIONS].insert_all(dict(zip(["time", "channel", "conversation", "question", "intent", "outcome"], row))
                             for row in LOG)
    db["assessments"].insert_all({"time": t, "channel": c, "conversation": "x", "answers": "{}", "score": s,
                                  "recommended_form": "transactionele vorm"} for t, c, s in ASSESSMENTS)
    db.close()
    return path


def november(path, **kwargs):
    return build_report(path, *period(date(2026, 11, 1), date(2026, 11, 30)), **kwargs)


def test_figures_over_a_period(log_db):
    r = november(log_db)
    assert (r.questions, r.conversations) == (12, 4)
    assert r.knowledge_questions == 10          # chit-chat and fit-check answers are not questions
    assert r.answered_share == pytest.approx(6 / 10)
    assert r.top_topics[:2] == [("Definities", 3), ("Voordelen", 2)]  # a menu button counts for its topic ...
    assert r.top_questions[0] == ("Wat is sponsoring?", 3)  # 'wat is sponsoring' counts as the same question
    assert not any(q.startswith("/") for q, _ in r.top_questions)  # ... not as a question
    assert (r.assessments, r.average_score) == (2, 60)


def test_unanswered_questions_are_grouped_by_meaning(log_db):
    groups = november(log_db).unanswered
    assert groups[0].count == 2 and "trein" in groups[0].question and "trein" in groups[0].variants[0]
    assert sorted(g.question for g in groups[1:]) == ["<script>alert(1)</script>", "Wat kost een pizza?"]


def test_channel_and_until_filter(log_db):
    slack = november(log_db, channel="slack")
    assert (slack.questions, slack.assessments, slack.average_score) == (4, 1, 40)
    early = build_report(log_db, *period(date(2026, 11, 1), date(2026, 11, 2)))
    assert early.questions == 6 and early.per_day == {"2026-11-02": 6}


def test_an_empty_or_missing_log_reports_zeros(fresh_data_dir):
    r = november(fresh_data_dir / "bot.db")
    assert r.questions == 0 and r.answered_share is None and "Gesprekken:            0" in render_text(r)


def test_large_logs_show_progress(log_db, monkeypatch):
    monkeypatch.setattr(report_module, "LARGE_LOG", 3)
    seen = []

    def progress(items, total, label):
        seen.append((label, total))
        return items

    november(log_db, progress=progress)
    assert ("Vragen lezen", 12) in seen and len(seen) == 2


def test_grouping_keeps_different_questions_apart():
    import numpy as np

    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    groups = group_similar([("a", 1), ("b", 5), ("c", 2)], vectors, threshold=0.75)
    assert [(g.question, g.count, g.variants) for g in groups] == [("b", 6, ["a"]), ("c", 2, [])]
    assert normalise_question("  Wat is   SPONSORING?! ") == "wat is sponsoring"


def test_cli_prints_the_report_and_writes_a_self_contained_html_page(log_db, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--since", "2026-11-01", "--until", "2026-11-30", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "Kennisvragen:          10, waarvan beantwoord: 60%" in result.output
    assert "gemiddelde score 60/100" in result.output
    page = out.read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) >= 3 and all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert "<script>" not in page and "&lt;script&gt;" in page  # a question is text, never markup
    assert "http://" not in page and "https://" not in page     # nothing to fetch: it can be mailed


def test_cli_channel_option(log_db):
    result = CliRunner().invoke(cli, ["report", "--since", "2026-11-01", "--until", "2026-11-30",
                                      "--channel", "rest"])
    assert "Berichten:             2" in result.output and "(kanaal: rest)" in result.output
