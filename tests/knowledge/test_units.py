"""The units an answer is made of."""
from knowledge import parse_text
from knowledge.units import passage_units, with_short_ones_joined


def test_a_sentence_of_a_few_words_goes_with_the_next():
    assert with_short_ones_joined(["Twee dingen.", "We hadden de boeren eerder moeten vragen.", "En dat is jammer."]) == [
        "Twee dingen. We hadden de boeren eerder moeten vragen.", "En dat is jammer."]
    assert with_short_ones_joined(["Nee.", "Zeker niet.", "De grootste botsing was in 2021."]) == [
        "Nee. Zeker niet. De grootste botsing was in 2021."]
    # The last one of a paragraph has nothing to go with.
    assert with_short_ones_joined(["Een gewone zin van genoeg woorden.", "Meer weten?"]) == [
        "Een gewone zin van genoeg woorden.", "Meer weten?"]


def test_an_interview_reply_opens_the_unit_of_what_it_says():
    fs = parse_text('T\n\nGing het altijd goed?\n\n"Nee, zeker niet. De grootste botsing was in 2021, over een claim op '
                    'de verpakking."\n')
    passage = fs.passages()[0]
    assert [u.text for u in passage_units(passage)] == [
        '"Nee, zeker niet. De grootste botsing was in 2021, over een claim op de verpakking."']
