"""The question log: masking, outcomes, retention, and the broker writing one row per turn."""
from datetime import datetime, timedelta, timezone

import pytest

from core.records import hash_conversation, open_db
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

from bot.question_log import QUESTIONS, QuestionLog, classify_turn, mask_personal_data


@pytest.mark.parametrize("text,masked", [
    ("mail mij op jan.jansen@example.org aub", "mail mij op [e-mail] aub"),
    ("bel 06-12345678 of +31 6 1234 5678", "bel [telefoon] of [telefoon]"),
    ("ons nummer is 020 123 4567.", "ons nummer is [telefoon]."),
    ("in 2009 waren er 20 partnerschappen", "in 2009 waren er 20 partnerschappen"),
])
def test_masking(text, masked):
    assert mask_personal_data(text) == masked


def user(text, intent="ask_risks", channel="rest", ts=None):
    return {"event": "user", "text": text, "input_channel": channel, "timestamp": ts or datetime.now().timestamp(),
            "parse_data": {"intent": {"name": intent, "confidence": 0.9}}}


def test_outcomes():
    answered = [user("risico's?"), {"event": "action", "name": "action_answer_question"},
                {"event": "bot", "text": "Reputatieschade ...\nBron: NCDO – Risico's"},
                {"event": "slot", "name": "answer_unit", "value": "ncdo:006"},
                {"event": "slot", "name": "answer_confidence", "value": 0.91}]
    assert classify_turn(answered) == ("answered", "ncdo:006", 0.91)
    declined = [user("pizza?", "out_of_scope"), {"event": "bot", "text": "Daar kan ik je niet mee helpen"}]
    assert classify_turn(declined)[0] == "out-of-scope"
    assert classify_turn([user("xyz", "nlu_fallback"), {"event": "bot", "text": "geen antwoord"}])[0] == "fallback"
    assert classify_turn([user("hoi", "greet"), {"event": "action", "name": "utter_greet"}])[0] == "chit-chat"
    assert classify_turn([user("ja", "answer"), {"event": "action", "name": "partnership_fit_form"}])[0] == "assessment"


def uttered(text, intent="ask_risks", channel="rest", ts=None):
    return UserUttered(text, {"name": intent, "confidence": 0.9}, input_channel=channel,
                       timestamp=ts or datetime.now().timestamp())


def feed(log, sender, events):
    log.record(sender, events + [ActionExecuted("action_listen")])


def test_log_writes_one_row_per_turn_without_personal_data(fresh_data_dir):
    log = QuestionLog()
    turn = [uttered("Wat is sponsoring? Mail me: a@b.nl", "ask_definition", "slack"),
            BotUttered("Sponsoring: ...\nBron: MVO – Vormen"), SlotSet("answer_unit", "mvo:sponsoring")]
    feed(log, "slack-user-U123", turn)
    log.record("slack-user-U123", turn + [ActionExecuted("action_listen")])  # saved again: no second row
    log.record("slack-user-U123", [uttered("half a turn")])  # not finished yet
    feed(log, "slack-user-U123", [uttered("/ask_risks"), BotUttered("x\nBron: y")])  # a button
    db = open_db()
    row, button = list(db[QUESTIONS].rows)
    assert (button["question"], button["intent"], button["outcome"]) == ("/ask_risks", "ask_risks", "answered")
    assert row["question"] == "Wat is sponsoring? Mail me: [e-mail]" and row["outcome"] == "answered"
    assert row["channel"] == "slack" and row["conversation"] == hash_conversation("slack-user-U123")
    assert row["reference"] == "mvo:sponsoring" and "U123" not in str(row)


def test_retention_purges_old_rows_at_start(fresh_data_dir):
    log = QuestionLog()
    old = (datetime.now(timezone.utc) - timedelta(days=200)).timestamp()
    feed(log, "a", [uttered("oude vraag", ts=old)])
    feed(log, "b", [uttered("nieuwe vraag")])
    assert open_db()[QUESTIONS].count == 2
    QuestionLog(retention_days=180)
    assert [r["question"] for r in open_db()[QUESTIONS].rows] == ["nieuwe vraag"]
