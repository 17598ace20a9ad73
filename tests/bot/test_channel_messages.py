"""Request checks shared by the REST and website channels: refuse malformed, clean odd, never crash."""
import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from bot.channels.messages import MAX_MESSAGE_CHARS, BadRequest, clean_text, parse_message_request
from bot.channels.rest import SENDER

OK = re.compile(r"^[\w-]{1,64}$")


def body(**fields):
    return json.dumps(fields).encode()


@pytest.mark.parametrize("raw,status", [
    (b"", 400), (b"not json", 400), (b"\xff\xfe\xfa", 400), (b"[1, 2]", 400), (b'"text"', 400), (b"null", 400),
    (body(message="hoi"), 400), (body(sender="u1"), 400), (body(sender=5, message="hoi"), 400),
    (body(sender="u1", message=["hoi"]), 400), (body(sender="u1", message=None), 400),
    (body(sender="", message="hoi"), 400), (body(sender="u1", message="x" * 50000), 413),
])
def test_malformed_requests_are_refused_with_a_4xx(raw, status):
    with pytest.raises(BadRequest) as refused:
        parse_message_request(raw, OK)
    assert refused.value.status == status


@pytest.mark.parametrize("text,cleaned", [
    ("  ", ""), ("\x00\x07wat\x1b is\u202e sponsoring?\x7f ", "wat is sponsoring?"),
    ("regel 1\nregel 2\t!", "regel 1\nregel 2\t!"), ("🤝 ما هي الشراكة؟", "🤝 ما هي الشراكة؟"),
    ("'; DROP TABLE passages;--", "'; DROP TABLE passages;--"),
])
def test_text_is_cleaned_not_refused(text, cleaned):
    assert parse_message_request(body(sender="u1", message=text), OK).text == cleaned


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_a_message_or_a_4xx(raw):
    try:
        parse_message_request(raw, SENDER)
    except BadRequest as refused:
        assert 400 <= refused.status < 500


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=MAX_MESSAGE_CHARS))
def test_cleaned_text_holds_no_control_characters(text):
    cleaned = clean_text(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
    assert cleaned == cleaned.strip()


def test_widget_history_shows_the_latest_session_without_commands():
    from bot.channels.webchat import history_messages, latest_session

    events = [{"event": "session_started"}, {"event": "user", "text": "oud"},
              {"event": "session_started"}, {"event": "user", "text": "/greet"},
              {"event": "bot", "text": "Hallo!", "data": {"buttons": [{"title": "Risico's", "payload": "/ask_risks"}]}},
              {"event": "user", "text": "nieuw"}, {"event": "slot", "name": "topic", "value": "x"}]
    assert history_messages(latest_session(events)) == [
        {"role": "bot", "text": "Hallo!", "buttons": [{"title": "Risico's", "payload": "/ask_risks"}]},
        {"role": "user", "text": "nieuw"}]
