"""With more factsheets than today's two, a question about partnerships in general is still answered from them:
a factsheet about one case of it answers what names that case."""
import shutil
from pathlib import Path

import pytest

from actions.answering import Answerer, Question, render
from core.settings import FACTSHEETS_DIR
from knowledge import build, load_index

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "vrijwilligerswerk-factsheet.txt"
# A case of partnership in a page shape of its own: a table whose rows are named by common words.
CASE = """# Matchfunding: samen geld ophalen

Bij matchfunding verdubbelt een fonds of bedrijf elke euro die een ngo bij het publiek ophaalt.

## Voordelen

Voor de ngo:

- De ngo haalt meer op en bereikt nieuwe donateurs.
- De ngo krijgt een partner die geld en aandacht meebrengt.

## Wie doet wat?

| Partij | Inbreng | Belang |
|---|---|---|
| Bedrijf | geld voor de verdubbeling | zichtbaarheid |
| Ngo | de campagne en de donateurs | meer inkomsten |

## Meer weten?

Denkt u aan een eerste actie? Vraag het Fondsenloket.

- Contactpersoon: Sam de Jong, adviseur
- E-mail: sam@fondsenloket.example
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("factsheets")
    shutil.copytree(FACTSHEETS_DIR, folder, dirs_exist_ok=True)
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    (folder / "matchfunding.md").write_text(CASE, encoding="utf-8")
    db = folder.parent / "kb.db"
    build(folder, db)
    return Answerer(load_index(db))


def test_a_general_topic_question_is_answered_from_the_factsheet_whose_title_it_touches(answerer):
    reply = render(answerer.answer(Question("Wat zijn de voordelen voor een ngo?", "ask_benefits", 0.95)))
    assert "Partnerschappen tussen ngo's en bedrijven" in reply.text.splitlines()[-1], reply.text


def test_the_case_answers_when_the_question_names_it(answerer):
    reply = render(answerer.answer(Question("Wat zijn de voordelen van matchfunding?", "ask_benefits", 0.95)))
    assert "Matchfunding" in reply.text.splitlines()[-1], reply.text


def test_table_rows_named_by_common_words_are_no_concepts_a_question_names(answerer):
    reply = render(answerer.answer(Question("Welke succesfactoren zijn er voor samenwerking tussen ngo's en "
                                            "bedrijven?", "ask_success_factors", 0.95)))
    assert "Commitment" in reply.text and "Inbreng" not in reply.text, reply.text


@pytest.mark.parametrize("text", ["Wat is 2 plus 2?", "15 x 3", "hoeveel is 10 gedeeld door 4?"])
def test_a_sum_is_off_topic_whatever_a_factsheet_says_plus_or_a_number(answerer, text):
    answer = answerer.answer(Question(text, "ask_definition", 0.6))
    assert answer.kind == "out_of_scope" and "Bron:" not in render(answer).text


@pytest.mark.parametrize("text,kind", [
    # The NLU reads a question on a subject only a later factsheet has as off-topic; the bot says it has no
    # answer, not that the subject is not its own.
    ("Hoe lang duurt een matchfunding-campagne gemiddeld?", "decline"),
    # A name only the factsheets know ('Kauri', on MVO Vlaanderen's page) is the bot's subject too.
    ("Hoeveel medewerkers heeft Kauri?", "decline"),
    ("Wat is de hoofdstad van Duitsland?", "out_of_scope"),
    ("Hoe wordt het weer dit weekend?", "out_of_scope"),
])
def test_an_unanswered_question_on_a_factsheets_subject_is_not_called_off_topic(answerer, text, kind):
    answer = answerer.answer(Question(text, "out_of_scope", 0.9, out_of_scope=0.9))
    assert answer.kind == kind and "Bron:" not in render(answer).text, render(answer).text


@pytest.mark.parametrize("text", ["Bij wie kan ik terecht met vragen over matchfunding?",
                                  "Wie kan ik mailen over matchfunding?"])
def test_whom_to_turn_to_is_the_contact_of_the_factsheet_about_it(answerer, text):
    # Its contact details share no word with the question: what it is about finds the factsheet.
    reply = render(answerer.answer(Question(text, "ask_finding_partner", 0.9)))
    assert "sam@fondsenloket.example" in reply.text and "Matchfunding" in reply.text.splitlines()[-1], reply.text


def test_a_way_of_getting_in_touch_that_no_factsheet_gives_is_declined(answerer):
    # NCDO's factsheet gives an e-mail address and a web address, no phone number.
    assert "@ncdo.nl" in render(answerer.answer(Question("Wat is het mailadres van NCDO?"))).text
    assert not answerer.answer(Question("Wat is het telefoonnummer van NCDO?")).grounded


def test_contact_details_come_as_their_block(answerer):
    # The e-mail line ranks first; the block names whom it reaches too.
    reply = render(answerer.answer(Question("Wat is het e-mailadres van het Fondsenloket?")))
    assert "sam@fondsenloket.example" in reply.text and "Sam de Jong" in reply.text, reply.text
