"""Staff answers (knowledge/curated.py): stored in the records, matched by meaning, used without retraining."""
import numpy as np
import pytest

from actions.answering import Answerer, Question, render
from knowledge.curated import (CuratedAnswerError, CuratedAnswers, CuratedIndex, import_csv, load_answers,
                               remove_answer, save_answer, to_csv, version)

NGO_COUNT = "In Nederland zijn ruim 10.000 goede doelen met een ANBI-status actief."


def test_an_answer_is_stored_replaced_in_its_thread_and_removed(fresh_data_dir):
    first = save_answer("Hoeveel ngo's zijn er in Nederland?", "Ongeveer 9.000.", "Anna", ["Hoeveel goede doelen?"],
                        thread="C1:1.0")
    before = version()
    again = save_answer("Hoeveel ngo's zijn er in Nederland?", NGO_COUNT, "Bram", thread="C1:1.0")
    [stored] = load_answers()
    assert again == first and stored.answer == NGO_COUNT and stored.author == "Bram"
    assert version() != before
    assert stored.source.startswith("Antwoord van NCDO (Bram, 20")
    assert remove_answer(thread="C1:1.0") and load_answers() == [] and not remove_answer(thread="C1:1.0")
    with pytest.raises(CuratedAnswerError):
        save_answer("Een vraag zonder antwoord?", "  ", "Anna")


def test_a_trainer_edits_the_exported_file_and_imports_it(fresh_data_dir):
    save_answer("Hoeveel ngo's zijn er in Nederland?", "Ongeveer 9.000.", "Anna", ["Hoeveel goede doelen?"])
    exported = to_csv(load_answers())
    edited = exported.replace("Ongeveer 9.000.", NGO_COUNT) + ',Is er subsidie voor partnerschappen?,,"Nee, niet bij NCDO.",Cor,\n'
    assert import_csv(edited) == (1, 1)
    answers = load_answers()
    assert [a.answer for a in answers] == [NGO_COUNT, "Nee, niet bij NCDO."]
    assert answers[0].wordings == ["Hoeveel goede doelen?"]
    with pytest.raises(CuratedAnswerError):
        import_csv("vraag,tekst\nx,y\n")


def fake_embed(texts):
    """Bag of words over a tiny vocabulary: enough to test the matching logic without a model."""
    vocabulary = ["ngo", "nederland", "hoeveel", "subsidie", "risico", "partner", "goede", "doelen"]
    rows = []
    for text in texts:
        words = text.lower().replace("'", " ").replace("?", " ").split()
        v = np.array([sum(w.startswith(t) for w in words) for t in vocabulary], dtype=float) + 1e-9
        rows.append(v / np.linalg.norm(v))
    return np.array(rows)


def test_the_index_matches_a_stored_question_and_nothing_else():
    from knowledge.curated import CuratedAnswer

    a = CuratedAnswer(1, "Hoeveel ngo's zijn er in Nederland?", NGO_COUNT, "Anna", "2026-11-23T10:00:00+00:00")
    index = CuratedIndex([a], fake_embed)
    assert index.match("Hoeveel ngo's telt Nederland?")[0] is a
    assert index.match("Wat zijn de risico's van een partner?") is None
    assert CuratedIndex([], fake_embed).match("Hoeveel ngo's?") is None


def test_the_bot_answers_with_the_staff_text_and_keeps_its_other_answers(fresh_data_dir, index):
    """With the real paraphrase encoder: a stored question and a paraphrase get the staff answer with its
    source; questions the factsheets answer keep their answers."""
    curated = CuratedAnswers()
    answerer = Answerer(index, curated=curated)
    question = "Hoeveel ngo's zijn er in Nederland?"
    assert not answerer.answer(Question(question, "ask_statistics")).kind == "curated"
    save_answer(question, NGO_COUNT, "Anna", ["Hoeveel goede doelen zijn er in Nederland?"])
    curated.reload()   # a running bot notices within RELOAD_SECONDS
    for asked in (question, "Hoeveel goede doelen telt Nederland?"):
        reply = render(answerer.answer(Question(asked, "ask_statistics"))).text
        assert NGO_COUNT in reply and "Bron: Antwoord van NCDO (Anna, 20" in reply, reply
    for other in ("Wat zijn de risico's van een partnerschap?", "Wat is cause related marketing?",
                  "Hoe vind ik een geschikte partner?"):
        answer = answerer.answer(Question(other, "ask_risks"))
        assert answer.kind != "curated", other
    remove_answer(load_answers()[0].id)
    curated.reload()
    assert answerer.answer(Question(question, "ask_statistics")).kind != "curated"


def test_a_loose_staff_match_must_share_the_questions_distinctive_words(fresh_data_dir, index):
    """Close in meaning but about another thing: the training is not the broker's hourly rate."""
    curated = CuratedAnswers()
    answerer = Answerer(index, curated=curated)
    save_answer("Hoeveel kost een partnership broker per uur?", "Een partnership broker rekent meestal 75 tot 125 "
                "euro per uur.", "Anna")
    curated.reload()
    training = answerer.answer(Question("Hoeveel kost de Partnership Brokers Training?", "ask_statistics"))
    assert training.kind != "curated"
    rate = answerer.answer(Question("Wat rekent een partnership broker per uur?", "ask_statistics"))
    assert rate.kind == "curated"
