"""The answering logic on the real knowledge base, without Rasa."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from actions.answering import MAX_REPLY_CHARS, Context, Question, audience_score, is_english, ordinal_in


def ask(answerer, text, intent, confidence=1.0, context=None, **entities):
    return answerer.answer(Question(text, intent, confidence, entities, context or Context()))


def reply_length(answer):
    return len(answer.text) + sum(len(b["title"]) + 1 for b in answer.buttons)


def test_concept_answer_has_definition_and_source(answerer):
    a = ask(answerer, "Wat is sponsoring?", "ask_definition", concept="sponsoring")
    assert a.kind == "concept" and "naamsvermelding" in a.text
    assert a.text.endswith("Bron: MVO Vlaanderen: Samenwerkingsverbanden \u2013 Vormen van samenwerking")
    assert a.concept_id.endswith(":sponsoring")


def test_concept_found_without_entity_and_with_accents_folded(answerer):
    a = ask(answerer, "wat houdt de geintegreerde vorm in", "ask_definition")
    assert a.kind == "concept" and "gedeelde missie" in a.text


def test_misspelt_concept_is_corrected(answerer):
    assert "naamsvermelding" in ask(answerer, "wat is sponsering", "ask_definition").text


def test_question_about_more_than_a_concept_goes_to_passages(answerer):
    a = ask(answerer, "Wat zijn de succesfactoren van cross-sectorale partnerschappen?", "ask_success_factors")
    assert a.kind == "list" and "Commitment" in a.text and "Communicatie" in a.text


def test_long_list_is_named_with_buttons(answerer):
    a = ask(answerer, "Welke samenwerkingsvormen noemt MVO Vlaanderen?", "ask_forms")
    assert a.kind == "list" and len(a.listed_concepts) == 12
    titles = [b["title"] for b in a.buttons]
    assert titles[:2] == ["Cause related marketing", "Co-branding en/of shared product"]
    assert a.buttons[7]["payload"] == '/ask_definition{"concept": "Sponsoring"}'
    assert reply_length(a) <= MAX_REPLY_CHARS


def test_short_list_shows_each_item(answerer):
    a = ask(answerer, "Welke vormen onderscheidt James Austin?", "ask_forms")
    for word in ("filantropische", "transactionele", "geïntegreerde"):
        assert word in a.text.lower()
    assert "MVO Vlaanderen" in a.text  # points to the other list


def test_passage_answer_is_focused(answerer):
    a = ask(answerer, "Hoeveel samenwerkingen tussen bedrijven mislukken?", "ask_statistics")
    assert a.kind == "passage" and "helft" in a.text and len(a.text) < 600


def test_audience_steers_the_answer(answerer):
    ngo = ask(answerer, "Wat zijn de voordelen voor een ngo?", "ask_benefits", audience="ngo")
    company = ask(answerer, "Wat zijn de voordelen voor een bedrijf?", "ask_benefits", audience="bedrijf")
    assert "netwerken" in ngo.text and ngo.audience == "ngo"
    assert any(w in company.text for w in ("imago", "merk", "reputatie", "license to operate"))


def test_followup_audience_uses_the_last_topic(answerer):
    a = ask(answerer, "En voor ngo's?", "inform_audience", context=Context(topic="voordelen"), audience="ngo")
    assert a.grounded and "netwerken" in a.text


def test_followup_example_uses_the_last_concept(answerer, index):
    crm = index.concept_by_name("Cause related marketing").hit.id
    a = ask(answerer, "Geef eens een voorbeeld", "ask_example", context=Context(concept_id=crm))
    assert "Douwe Egberts" in a.text


def test_ordinal_followup(answerer):
    a = ask(answerer, "Wat is de tweede route?", "ask_partner_search", context=Context(topic="partner vinden"))
    assert a.kind == "concept" and "Kans-route" in a.text or "gevonden" in a.text


def test_english_question_is_answered_by_meaning(answerer):
    a = ask(answerer, "What is a cross-sector partnership?", "nlu_fallback", 0.3)
    assert a.grounded and "verschillende sectoren" in a.text


@pytest.mark.parametrize("text,intent", [
    ("Wat is de hoofdstad van Duitsland?", "out_of_scope"),
    ("Hoe wordt het weer dit weekend?", "out_of_scope"),
    ("Hoeveel benen heeft een spin?", "ask_statistics"),
    ("qwertyuiop", "nlu_fallback"),
    ("Wat is 2 plus 2?", "ask_definition"),
])
def test_no_confident_answer_cites_nothing(answerer, text, intent):
    a = ask(answerer, text, intent, 0.9)
    assert not a.grounded and "Bron:" not in a.text and a.kind in ("decline", "out_of_scope")


def test_topic_button_payload(answerer):
    a = ask(answerer, "/ask_risks", "ask_risks")
    assert a.grounded and "Reputatieschade" in a.text


def test_helpers():
    assert is_english("What are the risks of a partnership?") and not is_english("Wat zijn de risico's?")
    assert ordinal_in("Wat is de tweede route?") == 2 and ordinal_in("en nummer 3?") == 3
    assert ordinal_in("Wat is een route?") is None
    assert audience_score("Voor bedrijven is een belangrijke reden", "bedrijf") > 0
    assert audience_score("Voor bedrijven is een belangrijke reden", "ngo") < 0


INTENTS = ["ask_definition", "ask_benefits", "ask_risks", "ask_forms", "ask_success_factors", "ask_partner_search",
           "ask_example", "ask_statistics", "inform_audience", "out_of_scope", "nlu_fallback", None]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), intent=st.sampled_from(INTENTS))
def test_any_input_gives_a_bounded_reply_with_source_exactly_when_grounded(answerer, text, intent):
    a = ask(answerer, text, intent)
    assert 0 < reply_length(a) <= MAX_REPLY_CHARS
    assert ("Bron:" in a.text) == a.grounded
    if a.grounded:
        assert a.text.splitlines()[-1].startswith("Bron: ")


def test_two_named_concepts_are_both_defined(answerer):
    a = ask(answerer, "Wat is het verschil tussen sponsoring en mecenaat?", "ask_definition", concept="sponsoring")
    assert "naamsvermelding" in a.text and "zonder dat daar prestatie" in a.text
    assert a.text.count("Bron:") == 1
