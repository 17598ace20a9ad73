"""Vague messages never start the fit check; a clear request does. Through the trained model and rules."""
import uuid

import pytest

FIT_CHECK_STARTED = "De fit check telt 8 korte vragen"


def texts(replies):
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.mark.parametrize("message", [
    "test", "testen", "ok", "oké", "hoi", "?", "??", "...", "x", "ja", "nee", "hmm", "help", "hallo?", "1",
    "prima", "asdf", "start", "is dit een test?", "ik test even",
])
def test_vague_messages_do_not_start_the_fit_check(talk, message):
    replies = talk("trigger-" + uuid.uuid4().hex[:8], message)
    assert replies and FIT_CHECK_STARTED not in texts(replies), texts(replies)


@pytest.mark.parametrize("message", [
    "Ik wil een fit check doen", "fit check", "Past deze partner bij ons?", "Kun je onze samenwerking beoordelen?",
])
def test_a_clear_request_starts_it(talk, message):
    replies = talk("trigger-" + uuid.uuid4().hex[:8], message)
    assert FIT_CHECK_STARTED in texts(replies) and "Vraag 1 van 8" in texts(replies)


@pytest.mark.parametrize("message", [
    "Onze werknemers willen in de baas zijn tijd iets voor een goed doel doen. Hoe heet die vorm van samenwerking?",
    "Kan een ngo ons helpen om eerlijker zaken te doen?",
])
def test_a_question_about_our_own_situation_is_answered_not_a_fit_check(talk, message):
    replies = talk("trigger-" + uuid.uuid4().hex[:8], message)
    assert replies and FIT_CHECK_STARTED not in texts(replies), texts(replies)
