"""End to end over the REST channel: real servers, real model, real knowledge base."""
import uuid

import pytest

pytestmark = pytest.mark.e2e


def sender():
    return "e2e-" + uuid.uuid4().hex[:8]


@pytest.mark.parametrize("question,expected,source", [
    ("Wat is sponsoring?", "naamsvermelding", "Bron: MVO Vlaanderen: Samenwerkingsverbanden \u2013 Vormen van samenwerking"),
    ("Welke risico's loop je bij een partnerschap?", "Reputatieschade", "Bron: NCDO-factsheet"),
    ("Welke succesfactoren zijn er?", "Commitment", "\u2013 De succesfactoren voor cross-sectorale samenwerking"),
    ("Hoe vaak mislukken partnerschappen tussen bedrijven?", "helft", "Bron: NCDO-factsheet"),
])
def test_knowledge_answers_carry_their_source(bot, question, expected, source):
    text = bot.text(sender(), question)
    assert expected in text and source in text and len(text) <= 1000


def test_follow_up_in_one_conversation(bot):
    me = sender()
    bot.text(me, "Welke voordelen heeft een bedrijf van een partnerschap?")
    assert "netwerken" in bot.text(me, "En voor ngo's?")


def test_example_follow_up(bot):
    me = sender()
    bot.text(me, "Wat is cause related marketing?")
    assert "Douwe Egberts" in bot.text(me, "Geef eens een voorbeeld")


def test_out_of_scope_and_chit_chat_cite_nothing(bot):
    for message in ("Hoe laat vertrekt de trein naar Utrecht?", "hallo", "bedankt", "wat kan je?"):
        assert "Bron:" not in bot.text(sender(), message)
    assert "[Voordelen]" in bot.text(sender(), "wat kan je?")


def test_buttons_are_sent_and_their_payloads_work(bot):
    me = sender()
    replies = bot.send(me, "Welke vormen van samenwerking beschrijft MVO Vlaanderen?")
    buttons = [b for r in replies for b in r.get("buttons") or []]
    sponsoring = next(b for b in buttons if b["title"] == "Sponsoring")
    assert "naamsvermelding" in bot.text(me, sponsoring["payload"])


def test_fit_check_completes_and_is_stored(bot, servers):
    from actions.storage import assessments
    from core.records import hash_conversation

    me = sender()
    assert "Vraag 1 van 8" in bot.text(me, "Ik wil een fit check doen")
    assert "Vraag 2 van 8" in bot.text(me, "ja")
    interrupted = bot.text(me, "wat bedoel je met commitment?")
    assert "Vraag 2 van 8" in interrupted.split("Bron:")[1]  # answered with a source, then asked again
    assert "ja, deels of nee" in bot.text(me, "banaan")
    for number, answer in enumerate(("deels", "3", "ja", "een beetje", "nee", "yes"), start=3):
        assert "Vraag %d van 8" % number in bot.text(me, answer)
    result = bot.text(me, "ja")
    assert "Score: " in result and "/100" in result and "Aanbevolen vorm van samenwerking" in result
    rows = [r for r in assessments() if r["conversation"] == hash_conversation(me)]
    assert len(rows) == 1 and rows[0]["channel"] == "rest" and 0 <= rows[0]["score"] <= 100


def test_a_long_conversation_keeps_its_fit_check_follow_ups_and_history(bot, servers):
    """Far beyond the working window (bot/tracker_window.py): cuts fall before and inside the fit check."""
    import json
    import urllib.request

    from actions.storage import assessments
    from core.records import hash_conversation

    me = sender()
    questions = ["Wat is sponsoring?", "Wat is mecenaat?", "Welke risico's loop je bij een partnerschap?",
                 "Welke succesfactoren zijn er?", "Hoe vind ik een partner?", "Wat is filantropie?",
                 "Hoeveel partnerschappen mislukken?", "Wat is cause related marketing?"]
    for question in questions:
        assert "Bron:" in bot.text(me, question)
    assert "Vraag 1 van 8" in bot.text(me, "Ik wil een fit check doen")
    answers = ["ja", "deels", "3", "ja", "een beetje", "nee", "yes"]
    for number, answer in enumerate(answers[:4], start=2):
        assert "Vraag %d van 8" % number in bot.text(me, answer)
    assert "Vraag 5 van 8" in bot.text(me, "wat bedoel je met commitment?").split("Bron:")[1]
    for answer in answers[4:]:
        bot.text(me, answer)
    assert "Score: " in bot.text(me, "ja")
    assert len([r for r in assessments() if r["conversation"] == hash_conversation(me)]) == 1
    bot.text(me, "Welke voordelen heeft een bedrijf van een partnerschap?")
    assert "netwerken" in bot.text(me, "En voor ngo's?")
    bot.text(me, "Wat is cause related marketing?")
    assert "Douwe Egberts" in bot.text(me, "Geef eens een voorbeeld")
    url = "http://127.0.0.1:%d/webchat/history?sender=%s" % (servers.port, me)
    with urllib.request.urlopen(url, timeout=30) as response:
        said = [m["text"] for m in json.loads(response.read())["messages"] if m["role"] == "user"]
    assert said[:len(questions)] == questions and said[-1] == "Geef eens een voorbeeld"  # the whole session


def test_fit_check_stop_stores_nothing(bot):
    from actions.storage import assessments
    from core.records import hash_conversation

    me = sender()
    bot.text(me, "fit check")
    bot.text(me, "ja")
    assert "gestopt" in bot.text(me, "annuleer")
    assert not [r for r in assessments() if r["conversation"] == hash_conversation(me)]


def test_every_message_is_in_the_question_log(bot):
    import time

    from core.records import hash_conversation, open_db

    me = sender()
    for message in ("hallo", "Wat is mecenaat?", "Hoe laat vertrekt de trein naar Parijs?", "mail me: x@y.nl"):
        bot.text(me, message)
    time.sleep(0.5)
    rows = list(open_db()["questions"].rows_where("conversation = ?", [hash_conversation(me)], order_by="id"))
    assert [r["outcome"] for r in rows[:3]] == ["chit-chat", "answered", "out-of-scope"]
    # The reference is the unit the answer rests on: the 'Mecenaat: ...' item of MVO Vlaanderen's list of forms.
    assert rows[1]["reference"].startswith("mvo-vlaanderen-samenwerkingsverbanden:") and 0 < rows[1]["confidence"] <= 1
    assert rows[3]["question"] == "mail me: [e-mail]" and all(r["channel"] == "rest" for r in rows)


def test_faq_menu_browses_to_answers_without_typing(bot):
    """'help' shows the topics; each topic shows its questions; each question is answered with a source."""
    me = sender()
    topics = [b for r in bot.send(me, "help") for b in r.get("buttons") or []
              if b["payload"] != "/start_assessment"]
    assert len(topics) >= 5
    asked = 0
    for topic in topics:
        replies = bot.send(me, topic["payload"])
        assert "Bron:" in " ".join(r.get("text") or "" for r in replies), topic
        questions = [b for r in replies for b in r.get("buttons") or [] if not b["payload"].startswith("/")]
        assert questions, "topic %s offers no questions" % topic["title"]
        for question in questions:
            assert "Bron:" in bot.text(me, question["payload"]), question
            asked += 1
    assert asked >= 8
