"""Scoring and the form recommendation of the fit check (pure functions)."""
import pytest
from hypothesis import given, settings, strategies as st

from actions.fit_scoring import (
    FACTORS, SLOTS, answer_label, parse_answer, recommend_form, score, verdict, weak_factors,
)


def answers(value=1.0, **overrides):
    out = {slot: value for slot in SLOTS}
    out.update(overrides)
    return out


@pytest.mark.parametrize("text,value", [
    ("ja", 1.0), ("Ja!", 1.0), ("yes", 1.0), ("klopt", 1.0), ("ja hoor", 1.0),
    ("nee", 0.0), ("No", 0.0), ("helemaal niet", 0.0),
    ("deels", 0.5), ("een beetje", 0.5), ("misschien", 0.5), ("Soms.", 0.5),
    ("1", 0.0), ("2", 0.25), ("3", 0.5), ("4", 0.75), ("5", 1.0), ("4/5", 0.75), (" 3 ", 0.5),
])
def test_typed_answers(text, value):
    assert parse_answer(text) == value


@pytest.mark.parametrize("text", ["", "   ", None, "banaan", "6", "0", "ja nee", "wat bedoel je?", "12"])
def test_other_text_is_not_an_answer(text):
    assert parse_answer(text) is None


def test_all_favourable():
    a = answers(1.0)
    assert score(a) == 100 and verdict(100) == "sterke match"
    assert recommend_form(a)[0] == "geïntegreerd"
    assert weak_factors(a) == []


def test_all_unfavourable():
    a = answers(0.0)
    assert score(a) == 0 and verdict(0).startswith("zwakke match")
    assert recommend_form(a)[0] == "filantropisch"
    assert [f.slot for f in weak_factors(a)] == list(SLOTS)


def test_mixed_gives_transactional():
    # Complementary and willing, but the goal does not fit both missions.
    a = answers(1.0, fit_goal=0.5, fit_evaluation=0.0)
    assert score(a) == 80
    form, reason = recommend_form(a)
    assert form == "transactioneel" and "iets van waarde" in reason
    assert [f.slot for f in weak_factors(a)] == ["fit_evaluation", "fit_goal"]


def test_integrated_needs_goal_fit_and_commitment():
    assert recommend_form(answers(1.0, fit_commitment=0.0))[0] == "transactioneel"
    assert recommend_form(answers(1.0, fit_evaluation=0.0))[0] == "geïntegreerd"


def test_weights_make_goal_and_reputation_count_double():
    assert score(answers(1.0, fit_goal=0.0)) == score(answers(1.0, fit_commitment=0.0, fit_evaluation=0.0))
    assert sum(f.weight for f in FACTORS) == 10


def test_labels_and_verdict_bounds():
    assert [answer_label(v) for v in (1.0, 0.75, 0.5, 0.25, 0.0)] == ["ja", "ja", "deels", "deels", "nee"]
    assert verdict(75) == "sterke match" and verdict(74).startswith("kansrijk") and verdict(49).startswith("zwak")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_typed_text_is_an_answer_in_range_or_none(text):
    value = parse_answer(text)
    assert value is None or 0.0 <= value <= 1.0


@settings(max_examples=100, deadline=None)
@given(word=st.sampled_from(["ja", "Ja!", "deels", "nee", "NEE.", "3", "5"]),
       pad=st.text(alphabet=" \t.!?,", max_size=5))
def test_accepted_answers_survive_punctuation_and_spacing(word, pad):
    assert parse_answer(pad + word + pad) == parse_answer(word) is not None
