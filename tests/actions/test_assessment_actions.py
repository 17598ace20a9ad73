"""Fit check actions with real trackers and the real domain."""
import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.assessment_actions import ActionAssessmentResult, ActionStopAssessment, ValidatePartnershipFitForm
from actions.fit_scoring import SLOTS
from actions.storage import assessments

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml")).as_dict()


@pytest.fixture(autouse=True)
def data(kb_path, fresh_data_dir, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DB", str(kb_path))


def tracker(slots, text="ja", events=()):
    return Tracker.from_dict({
        "sender_id": "tester", "slots": {**{s: None for s in SLOTS}, "requested_slot": None, **slots},
        "latest_message": {"text": text, "intent": {"name": "answer", "confidence": 1.0}, "entities": []},
        "events": list(events), "paused": False, "followup_action": None,
        "active_loop": {"name": "partnership_fit_form"}, "latest_action_name": "action_listen",
        "latest_input_channel": "rest",
    })


def test_every_factor_has_its_question_with_buttons(domain):
    for slot in SLOTS:
        [response] = domain["responses"]["utter_ask_" + slot]
        assert [b["title"] for b in response["buttons"]] == ["Ja", "Deels", "Nee"]
        assert slot in domain["forms"]["partnership_fit_form"]["required_slots"]


async def validate(domain, slot, text):
    t = tracker({slot: text, "requested_slot": slot}, text,
                events=[{"event": "slot", "name": slot, "value": text}])
    dispatcher = CollectingDispatcher()
    events = await ValidatePartnershipFitForm().run(dispatcher, t, domain)
    return {e["name"]: e["value"] for e in events}, dispatcher.messages


def test_validation_maps_typed_answers(domain):
    slots, messages = asyncio.run(validate(domain, "fit_commitment", "een beetje"))
    assert slots == {"fit_commitment": 0.5} and messages == []


def test_validation_rejects_other_text_with_a_hint(domain):
    slots, messages = asyncio.run(validate(domain, "fit_goal", "banaan"))
    assert slots == {"fit_goal": None}
    assert "ja, deels of nee" in messages[0]["text"]


def test_result_message_scores_recommends_advises_and_stores(domain):
    answers = {s: 1.0 for s in SLOTS}
    answers.update(fit_commitment=0.0, fit_reputation=0.5)
    dispatcher = CollectingDispatcher()
    user = {"event": "user", "text": "ja", "input_channel": "rest", "parse_data": {}}
    events = ActionAssessmentResult().run(dispatcher, tracker(answers, events=[user]), domain)
    first = dispatcher.messages[0]["text"]
    assert first.startswith("Score: 80/100") and "transactioneel" in first
    advice = [m["text"] for m in dispatcher.messages[1:]]
    assert advice[0].startswith("Aandachtspunt commitment") and advice[1].startswith("Aandachtspunt reputatie")
    assert all("\nBron: " in a and len(a) <= 1000 for a in advice)
    assert "Bron:" not in first
    [row] = assessments()
    assert row["score"] == 80 and row["recommended_form"] == "transactioneel" and row["channel"] == "rest"
    assert all(e["value"] is None for e in events if e["event"] == "slot")


def test_stop_confirms_and_clears(domain):
    dispatcher = CollectingDispatcher()
    events = ActionStopAssessment().run(dispatcher, tracker({"fit_goal": 1.0}), domain)
    assert dispatcher.messages[0]["response"] == "utter_assessment_stopped"
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)
    assert assessments() == []
