"""The taxonomy is the one place topics are defined: domain.yml, the rules and the menus must agree with it."""
from pathlib import Path

import pytest
import yaml

from knowledge.taxonomy import AUDIENCES, BY_INTENT, FIT_CHECK_BUTTON, MENU, SYNONYMS, TOPICS, synonyms_of

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RULES = [rule for f in sorted((ROOT / "data" / "rules").glob("*.yml"))
         for rule in yaml.safe_load(f.read_text(encoding="utf-8"))["rules"]]
MENU_RESPONSES = ("utter_greet", "utter_capabilities", "utter_topic_menu")


def rule_intents(rule):
    intents = []
    for step in rule["steps"]:
        if "intent" in step:
            intents.append(step["intent"])
        for alternative in step.get("or", []):
            intents.append(alternative["intent"])
    return intents


def test_every_topic_intent_is_in_the_domain():
    assert set(BY_INTENT) <= set(DOMAIN["intents"])


@pytest.mark.parametrize("response", MENU_RESPONSES)
def test_menus_are_the_taxonomy_menu(response):
    [variant] = DOMAIN["responses"][response]
    expected = [{"title": t.title, "payload": t.payload} for t in MENU] + [FIT_CHECK_BUTTON]
    assert variant["buttons"] == expected


def test_every_topic_intent_is_answered_by_the_knowledge_action():
    answered = {i for rule in RULES if rule["steps"][-1] == {"action": "action_answer_question"}
                for i in rule_intents(rule)}
    assert set(BY_INTENT) <= answered


def test_a_topic_question_during_the_fit_check_is_answered_and_the_check_resumes():
    [rule] = [r for r in RULES if "knowledge question in the middle" in r["rule"]]
    assert set(rule_intents(rule)) >= set(BY_INTENT)


def test_topic_questions_never_fill_a_fit_check_answer():
    for name, slot in DOMAIN["slots"].items():
        for mapping in slot.get("mappings", []):
            if mapping.get("type") == "from_text":
                assert set(BY_INTENT) <= set(mapping["not_intent"]), name


def test_taxonomy_words_are_lemmas_and_groups_are_symmetric():
    from knowledge.lemmas import lemma

    for topic in TOPICS:
        for word in topic.synonyms:
            assert word == word.lower() and " " not in word, (topic.key, word)
        assert topic.question.endswith(("?", "."))
    for word, others in SYNONYMS.items():
        for other in others:
            assert word in SYNONYMS[other]
    assert "risico" in synonyms_of("nadeel") and lemma("nadelen") == "nadeel"
    assert set(AUDIENCES) == {"ngo", "bedrijf"}
