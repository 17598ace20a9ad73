"""The Rasa hot-spot fixes keep Rasa's behaviour."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot import rasa_server


def test_validator_accepts_and_rejects_like_rasa():
    action = RemoteAction("action_answer_question", None)
    good = {"events": [{"event": "slot", "name": "topic", "value": "x"}], "responses": [{"text": "hoi"}]}
    assert rasa_server._validate_action_result(action, good) is True
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        rasa_server._validate_action_result(action, {"events": "not a list"})


def test_event_type_lookup_matches_rasa():
    for cls in all_subclasses(Event):
        assert rasa_server._resolve_by_type(cls.type_name) is next(
            c for c in all_subclasses(Event) if c.type_name == cls.type_name)
    assert rasa_server._resolve_by_type("user") is UserUttered
    assert rasa_server._resolve_by_type("slot") is SlotSet
    assert rasa_server._resolve_by_type("action") is ActionExecuted
    assert rasa_server._resolve_by_type("topic") is None
    assert rasa_server._resolve_by_type("nope", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        rasa_server._resolve_by_type("nope")


def test_the_http_api_is_off_unless_a_token_is_set():
    from bot.rasa_server import ApiWithoutToken, server_args

    run = ["run", "--port", "5005"]
    assert server_args(run, {}) == run
    assert server_args(run, {"RASA_API_TOKEN": "s3cret"})[-3:] == ["--enable-api", "--auth-token", "s3cret"]
    with pytest.raises(ApiWithoutToken):
        server_args(run + ["--enable-api"], {})
    assert server_args(["data", "validate"], {"RASA_API_TOKEN": "s3cret"}) == ["data", "validate"]


def test_nlu_results_are_cached_by_text_and_handed_out_as_copies():
    from types import SimpleNamespace

    calls = []

    def parse(self, message, tracker, only_output_properties=True):
        calls.append(message.text)
        return {"text": message.text, "intent": {"name": "ask_risks"}, "entities": []}

    cached = rasa_server._cached_parse(parse, size=2)
    first = cached(None, SimpleNamespace(text="Welke risico's?"), None)
    first["entities"].append({"entity": "changed by a caller"})
    again = cached(None, SimpleNamespace(text="Welke risico's?"), None)
    assert calls == ["Welke risico's?"] and again["entities"] == []
    cached(None, SimpleNamespace(text="a"), None)
    cached(None, SimpleNamespace(text="b"), None)          # the oldest text falls out
    cached(None, SimpleNamespace(text="Welke risico's?"), None)
    assert calls == ["Welke risico's?", "a", "b", "Welke risico's?"]
