"""ActionAnswerQuestion with real trackers and the real domain."""
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_actions import ActionAnswerQuestion

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml")).as_dict()


@pytest.fixture(autouse=True)
def knowledge_db(kb_path, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DB", str(kb_path))


def tracker(text, intent, entities=(), confidence=0.99, **slots):
    return Tracker.from_dict({
        "sender_id": "test",
        "slots": {"concept": None, "audience": None, "topic": None, "listed_units": None, "answer_unit": None,
                  **slots},
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": confidence},
                           "entities": [{"entity": e, "value": v} for e, v in entities]},
        "events": [], "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    })


def run(domain, t):
    dispatcher = CollectingDispatcher()
    events = ActionAnswerQuestion().run(dispatcher, t, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_answers_with_source_and_sets_context(domain):
    messages, slots = run(domain, tracker("Wat is cause related marketing?", "ask_definition",
                                         [("concept", "cause related marketing")]))
    assert len(messages) == 1 and "Bron: MVO Vlaanderen" in messages[0]["text"]
    assert slots["concept"].endswith(":cause-related-marketing")
    assert slots["answer_unit"].startswith("mvo-vlaanderen-samenwerkingsverbanden:")
    assert slots["answer_confidence"] > 0


def test_follow_up_uses_slots(domain):
    _, slots = run(domain, tracker("Wat is cause related marketing?", "ask_definition"))
    messages, _ = run(domain, tracker("Geef eens een voorbeeld", "ask_example", **slots))
    assert "Douwe Egberts" in messages[0]["text"]


def test_list_sets_listed_units_and_buttons(domain):
    messages, slots = run(domain, tracker("Welke twee routes zijn er om een partner te vinden?", "ask_partner_search"))
    assert [b["title"] for b in messages[0]["buttons"]] == ["Issue-route", "Kans-route"]
    assert len(slots["listed_units"]) == 2
    messages, _ = run(domain, tracker("Wat is de tweede?", "ask_partner_search", **slots))
    assert "gevonden" in messages[0]["text"]


def test_decline_offers_topics_and_cites_nothing(domain):
    messages, slots = run(domain, tracker("Wat is de hoofdstad van Duitsland?", "out_of_scope"))
    assert all("Bron:" not in (m.get("text") or "") for m in messages)
    assert messages[-1]["response"] == "utter_topic_menu"
    assert "utter_topic_menu" in domain["responses"]


def test_missing_knowledge_base_is_a_polite_message(domain, tmp_path, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DB", str(tmp_path / "none.db"))
    messages, _ = run(domain, tracker("Wat is sponsoring?", "ask_definition"))
    assert "niet beschikbaar" in messages[0]["text"] and "Bron:" not in messages[0]["text"]


def test_unsure_classification_keeps_the_probable_topic():
    from actions.knowledge_actions import question_from_tracker

    t = tracker("Geeft samenwerking met een ngo positieve publiciteit?", "nlu_fallback", confidence=0.5)
    t.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_benefits", "confidence": 0.45},
        {"name": "ask_risks", "confidence": 0.3}]
    q = question_from_tracker(t)
    assert (q.intent, q.confidence, q.out_of_scope) == ("ask_benefits", 0.45, 0.0)
    t.latest_message["intent_ranking"][1]["name"] = "greet"
    assert question_from_tracker(t).intent == "nlu_fallback"


def test_an_answer_without_a_fit_check_is_not_a_question(domain):
    messages, _ = run(domain, tracker("ja", "answer"))
    assert messages == [{"response": "utter_no_question", **{k: v for k, v in messages[0].items()
                                                             if k != "response"}}]
    messages, _ = run(domain, tracker("Ik twijfel of het een gift of sponsoring is, wat nu?", "answer", confidence=0.6))
    assert "response" not in messages[0] or messages[0]["response"] != "utter_no_question"


def test_a_stop_without_a_fit_check_says_so_unless_it_is_a_question(domain):
    for text in ("stop", "Ik wil stoppen", "Kan ik stoppen?"):
        messages, _ = run(domain, tracker(text, "stop_assessment"))
        assert [m.get("response") for m in messages] == ["utter_no_assessment"], text
    messages, _ = run(domain, tracker("Wanneer stopte het WNF met Essent?", "stop_assessment"))
    assert "2009" in messages[0]["text"] and "Bron: " in messages[0]["text"]


def test_unsure_question_with_clear_evidence_is_answered(domain):
    messages, _ = run(domain, tracker("Geeft samenwerking met een ngo positieve publiciteit?", "nlu_fallback", confidence=0.5))
    assert "publiciteit" in messages[0]["text"] and "Bron:" in messages[0]["text"]
