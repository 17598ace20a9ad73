"""The topic menu's questions: derived from the knowledge base, each one answered."""
import shutil
from pathlib import Path

import pytest

from actions.answering import MAX_REPLY_CHARS, Answerer, Question, render
from actions.faq import faq_questions, with_faq
from core.settings import FACTSHEETS_DIR
from knowledge import build, load_index
from knowledge.taxonomy import MENU

MENU_INTENTS = [t.intent for t in MENU]
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "vrijwilligerswerk-factsheet.txt"


def menu_choice(answerer, intent):
    question = Question("/" + intent, intent, 1.0)
    return with_faq(answerer, question, answerer.answer(question))


@pytest.mark.parametrize("intent", MENU_INTENTS)
def test_each_menu_question_gets_its_own_grounded_answer(answerer, intent):
    overview = menu_choice(answerer, intent)
    questions = [b["payload"] for b in overview.buttons if not b["payload"].startswith("/")]
    assert questions, "topic %s offers no questions" % intent
    bodies = {"\n".join(overview.lines)}
    for text in questions:
        answer = answerer.answer(Question(text, intent, 0.9))
        assert answer.grounded, text
        body = "\n".join(answer.lines)
        assert body not in bodies, "%r repeats an earlier answer" % text
        bodies.add(body)


@pytest.mark.parametrize("intent", MENU_INTENTS)
def test_menu_reply_with_its_buttons_stays_within_the_reply_limit(answerer, intent):
    reply = render(menu_choice(answerer, intent))
    assert len(reply.text) + sum(len(b["title"]) + 1 for b in reply.buttons) <= MAX_REPLY_CHARS
    assert reply.text.count("\nBron: ") == 1


def test_audience_questions_only_where_the_factsheets_address_that_audience(answerer):
    assert "Wat zijn de voordelen voor ngo's?" in faq_questions(answerer, "voordelen")
    assert not any("voor ngo's" in q for q in faq_questions(answerer, "risico's"))


def test_a_list_topic_asks_about_its_two_most_alike_items(answerer):
    assert "Wat is het verschil tussen mecenaat en sponsoring?" in faq_questions(answerer, "samenwerkingsvormen")


def test_typed_questions_get_no_menu(answerer):
    question = Question("Wat zijn de voordelen?", "ask_benefits", 0.95)
    answer = with_faq(answerer, question, answerer.answer(question))
    assert not any(b["payload"] == "Wat zijn de voordelen voor ngo's?" for b in answer.buttons)


def test_a_new_factsheet_brings_its_own_questions(tmp_path):
    folder = tmp_path / "factsheets"
    shutil.copytree(FACTSHEETS_DIR, folder)
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    build(folder, tmp_path / "kb.db")
    answerer = Answerer(load_index(tmp_path / "kb.db"))
    forms = faq_questions(answerer, "samenwerkingsvormen")
    assert any("Werknemersvrijwilligerswerk" in q for q in forms), forms
