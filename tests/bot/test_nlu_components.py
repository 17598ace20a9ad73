"""The intent-words filter (bot/nlu_components.py) on messages as the classifier leaves them."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu_components import IntentWordsFilter, intent_fits


def classified(text, ranking):
    message = Message(data={"text": text})
    message.set("intent", dict(ranking[0]), add_to_output=True)
    message.set("intent_ranking", ranking, add_to_output=True)
    return message


RANKING = [{"name": "start_assessment", "confidence": 0.77}, {"name": "ask_forms", "confidence": 0.12},
           {"name": "ask_risks", "confidence": 0.05}]


def test_a_question_that_does_not_ask_for_the_check_gets_the_next_intent():
    message = classified("Kunnen onze mensen in werktijd helpen bij een goed doel?", RANKING)
    IntentWordsFilter().process([message])
    assert message.get("intent") == {"name": "ask_forms", "confidence": 0.12}
    assert [r["name"] for r in message.get("intent_ranking")] == ["ask_forms", "ask_risks"]


@pytest.mark.parametrize("text", ["Ik wil een fit check doen", "doe een partnerschapscheck", "Past deze ngo bij ons?",
                                  "Hoe kansrijk is onze samenwerking?", "Kun je onze samenwerking beoordelen?",
                                  "Is dit bedrijf een goede partner voor ons?", "zijn wij een goede match",
                                  "  Beoordeel de samenwerking met Oxfam"])
def test_a_request_for_the_check_keeps_its_intent(text):
    message = classified(text, RANKING)
    IntentWordsFilter().process([message])
    assert message.get("intent")["name"] == "start_assessment"


@pytest.mark.parametrize("text", ["Worden al die samenwerkingsverbanden achteraf wel goed beoordeeld?",
                                  "Is een ngo een goede partner voor een bedrijf?",
                                  "Wanneer past een filantropische samenwerking het best?"])
def test_a_question_about_partnerships_in_general_is_no_request_for_the_check(text):
    # It asks whether partnerships fit or are assessed, but about no partnership of the asker's own.
    message = classified(text, RANKING)
    IntentWordsFilter().process([message])
    assert message.get("intent")["name"] == "ask_forms"


@pytest.mark.parametrize("text, kept", [
    ("Bij wie kan ik terecht als ik ons contract met een bedrijf wil laten checken?", False),
    ("Is er een checklist voor een samenwerkingsovereenkomst?", False),
    ("Kan ik de afspraken laten toetsen door een jurist?", False),
    ("Wat doe je als er protest komt tegen onze samenwerking?", False),
    ("Kun je onze samenwerking checken?", True), ("wil onze samenwerking laten toetsen", True),
    ("ik wil de partnerschapstest", True),
    # A plain noun names it about a partnership or to be done; 'zo'n check' of a sponsor asks for advice.
    ("Een garage wil ons sponsoren. Hoe pakken we zo'n check aan, wat doen we als eerste?", False),
    ("test", False), ("is dit een test?", False),
    ("ik wil een scan van ons partnerschap", True), ("kan ik de test doen", True), ("start de test", True),
])
def test_the_check_is_asked_for_by_its_name_or_about_a_partnership(text, kept):
    # 'checken' a contract is a question for the factsheets; a checklist is no check; the noun names it.
    message = classified(text, RANKING)
    IntentWordsFilter().process([message])
    assert (message.get("intent")["name"] == "start_assessment") is kept


def test_other_intents_pass_untouched():
    ranking = [{"name": "ask_risks", "confidence": 0.9}, {"name": "start_assessment", "confidence": 0.05}]
    message = classified("Wat zijn de risico's voor ons?", ranking)
    IntentWordsFilter().process([message])
    assert message.get("intent")["name"] == "ask_risks" and len(message.get("intent_ranking")) == 2


@pytest.mark.parametrize("text", ["bestaat dat nog?", "Bedankt! Wat is een convenant?", "Is dat alles?",
                                  "ok, en wanneer stopte het WNF?", "Wat is de laatste?"])
def test_a_question_is_no_farewell_thanks_or_ok(text):
    ranking = [{"name": "goodbye", "confidence": 0.58}, {"name": "ask_example", "confidence": 0.08},
               {"name": "thanks", "confidence": 0.05}, {"name": "acknowledge", "confidence": 0.04}]
    message = classified(text, ranking)
    IntentWordsFilter().process([message])
    assert message.get("intent") == {"name": "ask_example", "confidence": 0.08}
    assert [r["name"] for r in message.get("intent_ranking")] == ["ask_example"]


@pytest.mark.parametrize("text", ["tot ziens", "bedankt!", "ok", "top, dankjewel", "dat was het, tot ziens"])
def test_closing_words_keep_their_intent(text):
    message = classified(text, [{"name": "goodbye", "confidence": 0.9}, {"name": "ask_risks", "confidence": 0.05}])
    IntentWordsFilter().process([message])
    assert message.get("intent")["name"] == "goodbye"


@pytest.mark.parametrize("text", ["Kun je dat toelichten?", "Hoe weet je dat?", "Can you explain that?",
                                  "Wat vind je daarvan?"])
def test_a_message_about_what_was_said_is_not_about_the_bot(text):
    ranking = [{"name": "capabilities", "confidence": 0.91}, {"name": "bot_challenge", "confidence": 0.05},
               {"name": "ask_more_info", "confidence": 0.02}]
    message = classified(text, ranking)
    IntentWordsFilter().process([message])
    assert message.get("intent")["name"] == "ask_more_info"


def training_examples(intent):
    import glob

    import yaml

    for path in sorted(glob.glob("data/nlu/*.yml")):
        for item in yaml.safe_load(open(path, encoding="utf-8")).get("nlu") or []:
            if item.get("intent") == intent:
                return [line.lstrip("- ").strip() for line in item["examples"].splitlines() if line.strip()]
    return []


@pytest.mark.parametrize("intent", ["start_assessment", "capabilities", "bot_challenge", "goodbye", "thanks",
                                    "acknowledge"])
def test_every_training_example_fits_its_own_intent(intent):
    # Every start_assessment example names the check (requests_fit_check); no closing example is a question.
    texts = training_examples(intent)
    assert texts and all(intent_fits(intent, t) for t in texts), [t for t in texts if not intent_fits(intent, t)]


@pytest.mark.parametrize("text, kept", [
    ("wat moeten de medewerkers van de supermarkt nou eigenlijk doen", False),
    ("Wat kunnen bedrijven en ngo's samen doen?", False),
    ("wat kun je allemaal?", True), ("geef me een overzicht van de onderwerpen", True), ("help", True),
])
def test_what_others_can_do_is_no_question_about_the_bot(text, kept):
    ranking = [{"name": "capabilities", "confidence": 0.6}, {"name": "ask_forms", "confidence": 0.2}]
    message = classified(text, ranking)
    IntentWordsFilter().process([message])
    assert (message.get("intent")["name"] == "capabilities") is kept
