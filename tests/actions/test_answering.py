"""The answering steps on the real knowledge base, without Rasa: understand, retrieve, compose, render."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from actions.answering import MAX_REPLY_CHARS, Answer, Context, Question, render
from actions.answering.render import fit_lines
from actions.answering.understand import Request, asks_arithmetic, audience_of, ordinal_of, refers_back, understand
from knowledge.query import analyse, definition_subject, gives_kind, is_english, question_kind

SOURCE_PREFIX = "\nBron: "


def ask(answerer, text, intent=None, confidence=1.0, context=None, **entities):
    return answerer.answer(Question(text, intent, confidence, entities, context or Context()))


def reply(answerer, text, intent=None, confidence=1.0, context=None, **entities):
    return render(ask(answerer, text, intent, confidence, context, **entities))


def reply_length(r):
    return len(r.text) + sum(len(b["title"]) + 1 for b in r.buttons)


def body(r):
    return r.text.split(SOURCE_PREFIX)[0]


# --- understand -------------------------------------------------------------------------------
@pytest.mark.parametrize("text,kind", [
    ("Hoeveel partnerschappen mislukken?", "count"), ("Met hoeveel ngo's werkt een bedrijf?", "count"),
    ("Wat kost een teamdag?", "count"), ("Wanneer stopte het WNF?", "time"), ("In welk jaar was dat?", "time"),
    ("Wie is Machtelt Oudenhuijzen?", "person"), ("Waarom werken bedrijven samen?", "reason"),
    ("Welke vormen zijn er?", "list"), ("Welke twee routes zijn er?", "list"), ("Wat zijn de voordelen?", "list"),
    ("Welke rol speelt de Partnership Verkiezing?", "other"), ("Wat is sponsoring?", "definition"),
    ("Wat zijn thematische ontmoetingen?", "definition"), ("Kan een ngo een product maken?", "yesno"),
    ("Hoe vind ik een partner?", "manner"), ("Wat is haar mailadres?", "contact"),
    ("Hoe kan ik NCDO bereiken?", "contact"), ("Voor welke andere branches zijn er convenanten?", "list"),
    ("Met welke bedrijven werkt Oxfam?", "list"), ("Bij welk netwerk hoort Kauri?", "other"),
    ("Een bedrijf vindt veel risico's in zijn keten. Waar moet het beginnen?", "other"),
    ("Ik twijfel. Hoeveel kost een teamdag?", "count"), ("Waardoor komt dat?", "reason"),
    ("Hoe komt het dat veel partnerschappen mislukken?", "reason"),
    ("Wat wordt er precies bedoeld met coördinatie?", "definition"), ("Wat verstaan ze onder co-branding?", "definition"),
    ("Wat moet ik me voorstellen bij de transactionele vorm?", "definition"),
    ("Wat is er eigenlijk met UTZ gebeurd?", "other"), ("Wat is er mis met het ad hoc karakter?", "other"),
    ("Wat zijn er voor vormen van samenwerking?", "list"),
    ("Vanaf wanneer mogen bedrijven geen eigen logo's meer gebruiken?", "time"),
    ("Via wie kan ik een partner vinden?", "person"), ("Om welke reden stopte het WNF?", "reason"),
    ("Welke zijn de risico's?", "list"), ("Welke rol speelt de overheid?", "other"),
    ("Bij wie kan ik terecht met vragen over pro bono?", "contact"),
    ("Waar kunnen we terecht voor advies?", "contact"),
    ("Met wie kan ik contact opnemen over de training?", "contact"),
])
def test_question_kinds(text, kind):
    assert question_kind(text) == kind


@pytest.mark.parametrize("text,subject", [
    ("Wat is sponsoring?", "sponsoring"), ("Wat houdt de geïntegreerde vorm in?", "geïntegreerde vorm"),
    ("Wat wordt bedoeld met coördinatie?", "coördinatie"), ("Leg de filantropische vorm eens uit", "filantropische vorm"),
    ("Wie is Machtelt Oudenhuijzen?", "Machtelt Oudenhuijzen"), ("Wat voor organisatie is NCDO?", "NCDO"),
    ("Wat bedoelen ze met een plafond bij zo'n actie?", "plafond"),
    ("Wat verstaat men onder cause-related marketing?", "cause-related marketing"),
    ("Wat moet ik verstaan onder een keurmerk?", "keurmerk"), ("Wat betekent het begrip co-branding?", "co-branding"),
    ("Wat wordt er precies bedoeld met coördinatie?", "coördinatie"), ("Wat moet ik met een bedrijf?", ""),
    ("Wie is de voorzitter van het convenant?", "voorzitter van het convenant"),
    ("Wat moet ik me voorstellen bij de transactionele vorm?", "transactionele vorm"),
    ("Wat is er eigenlijk met UTZ gebeurd?", ""), ("Wat houdt matchfunding eigenlijk in?", "matchfunding"),
    ("Wat is eigenlijk een keurmerk?", "keurmerk"), ("Wat is nou precies een PPP?", "PPP"),
])
def test_definition_subject(text, subject):
    assert definition_subject(text) == subject


@pytest.mark.parametrize("text,is_sum", [
    ("Wat is 2 plus 2?", True), ("15 x 3", True), ("2+2=", True), ("hoeveel is 10 gedeeld door 4?", True),
    ("Hoeveel is 20 procent van 50?", False), ("Wat gebeurde er in 2009?", False), ("1 pak = 1 vaccin", False),
    ("Wat is 2 plus 2? En wat zijn de voordelen?", False),
])
def test_a_sum_and_nothing_more(text, is_sum):
    assert asks_arithmetic(text) is is_sum


def test_understand_buttons_and_followups():
    assert understand(Question("/ask_risks", "ask_risks")).mode == "overview"
    concept = understand(Question('/ask_definition{"concept": "Sponsoring"}', "ask_definition"))
    assert (concept.mode, concept.concept) == ("concept", "Sponsoring")
    followup = understand(Question("En voor ngo's?", "inform_audience", context=Context(topic="voordelen")))
    assert followup.audience == "ngo" and "voordelen" in followup.text and followup.text.endswith("voor ngo's?")
    assert understand(Question("Wat is de tweede?", None, context=Context(listed=["a", "b"]))).ordinal == 2
    # An item answers what it is, not when: 'de eerste' here says which winkels open first.
    assert understand(Question("Wanneer gaan de eerste winkels open?", None,
                               context=Context(listed=["a", "b"]))).mode == "question"
    assert understand(Question("Geef eens een voorbeeld", "ask_example", context=Context(unit_id="x"))).mode == \
        "example"


def test_a_sure_intent_is_one_above_the_nlu_fallback_threshold():
    import yaml

    from actions.answering.understand import SURE_INTENT

    pipeline = yaml.safe_load(open("config.yml", encoding="utf-8"))["pipeline"]
    assert SURE_INTENT == next(c["threshold"] for c in pipeline if c["name"] == "FallbackClassifier")


def test_an_example_is_asked_in_words_or_by_a_sure_intent():
    from actions.answering.understand import in_full_words

    context = Context(unit_id="x", topic="initiatieven", previous="wat is kauri")
    # The likeliest of weak guesses under the NLU fallback is no request for an example.
    assert understand(Question("bestaat dat nog?", "ask_example", 0.08, context=context)).mode != "example"
    assert understand(Question("Geef een voorbeeld", "ask_example", 0.9, context=context)).mode == "example"
    assert understand(in_full_words(Question("kun je een vb geven", "nlu_fallback", 0.5, context=context))).mode \
        == "example"
    # Plural and English requests too; a word of its own asks about that thing instead.
    for text in ("Heb je voorbeelden?", "Can you give an example?"):
        assert understand(Question(text, "ask_example", 0.9, context=context)).mode == "example"
    assert understand(Question("Geef een voorbeeld van co-branding", "ask_example", 0.9, context=context)).mode \
        != "example"


def test_an_example_of_a_named_thing_is_its_own_example(answerer):
    for text in ("Geef eens een voorbeeld van cause related marketing",
                 "Can you give an example of cause related marketing?"):
        assert "Douwe Egberts" in reply(answerer, text, "ask_example", 0.95).text, text
    # Sponsoring's item gives no example: not the next item's (Douwe Egberts is cause related marketing's).
    assert "Douwe Egberts" not in reply(answerer, "Wat is een voorbeeld van sponsoring?", "ask_example", 0.95).text
    # Asked in other words than 'voorbeeld', the question is not a request for an example.
    assert not understand(Question("Wat deed Douwe Egberts met de Voedselbanken?", "ask_example", 0.95)).wants_example


def test_audience_and_ordinal_words():
    assert audience_of("Wat zijn de voordelen voor een bedrijf?") == "bedrijf"
    assert audience_of("voordelen voor goede doelen") == "ngo"
    assert audience_of("samenwerking met een ngo") is None  # 'met' does not say for whom
    assert ordinal_of("Wat is de tweede route?") == 2 and ordinal_of("en nummer 3?") == 3
    assert ordinal_of("Wat is een route?") is None
    assert ordinal_of("Wat is de laatste?") == -1 and ordinal_of("En de 2e?") == 2
    # Time and idioms are not list items.
    assert ordinal_of("Welke vormen zie je de laatste jaren?") is None
    assert ordinal_of("Wat doe je in de eerste plaats?") is None
    assert ordinal_of("Wat gebeurt er de eerste keer?") is None
    # Before an article or determiner it is a verb ('vieren').
    assert ordinal_of("In welk jaar vierde die organisatie een verjaardag?") is None
    assert ordinal_of("Wat is de vierde vorm?") == 4
    # After an indefinite article it means 'initial'.
    assert ordinal_of("Hoe groot moet zo'n eerste project zijn?") is None
    assert ordinal_of("Wie helpt bij een eerste campagne?") is None
    assert is_english("What are the risks of a partnership?") and not is_english("Wat zijn de risico's?")


# --- compose: the answer rests on its best sentence -------------------------------------------
def test_the_year_is_in_the_answer_with_the_sentence_it_leans_on(answerer):
    r = reply(answerer, "Wanneer beëindigde het Wereld Natuur Fonds de samenwerking met Essent?", "ask_risks", 0.9)
    assert "2009" in r.text and "RWE" in r.text
    assert body(r).startswith("Zaken als onethisch gedrag")  # 'Zo beëindigde ...' leans on it


def test_a_teaser_answers_what_it_says_and_nothing_it_leaves_out(answerer):
    r = reply(answerer, "Wat voor gebouw is Mundo-b?")
    assert "kantoorgebouw" in r.text and r.text.endswith("Lees meer over samenwerkingsverbanden")
    # The teaser names Mundo-b but says nothing of an owner: no answer from it.
    assert SOURCE_PREFIX not in reply(answerer, "Wie is de eigenaar van Mundo-b?").text
    # 'voor bedrijven' asks for the companies' side, but not from a sentence that lacks what is asked about.
    assert "Sirris" in body(reply(answerer, "Wat doet Sirris voor bedrijven?"))


def test_why_question_gets_the_reason(answerer):
    r = reply(answerer, "Waarom is het lastig voor een bedrijf en een ngo om samen te werken?", "ask_risks", 0.6)
    assert "bedrijfscultuur" in r.text and r.text.endswith("De succesfactoren voor cross-sectorale samenwerking")


def test_a_scene_set_before_a_broad_question_keeps_it_broad(answerer):
    # The sentence before the question says who asks; the question alone asks for the topic's overview.
    r = reply(answerer, "Ik werk bij een kleine ngo. Waarom zouden wij met bedrijven gaan samenwerken?",
              "ask_benefits", 0.99)
    assert "overheidsfinanciering" in r.text and "Voordelen" in r.text.splitlines()[-1]


def test_a_question_for_the_others_leaves_out_what_it_names(answerer):
    a = ask(answerer, "Zijn er naast commitment en communicatie nog andere dingen die een samenwerking laten slagen?",
            "ask_success_factors", 0.9)
    text = "\n".join(a.lines)
    assert a.kind == "list" and "Coördinatie" in text and "Commitment" not in text and "Communicatie" not in text
    text = "\n".join(ask(answerer, "Welke andere vormen zijn er behalve sponsoring?", "ask_forms", 0.9).lines)
    assert "Cause related marketing" in text and "Sponsoring" not in text


def test_definition_answers_with_the_defining_unit(answerer):
    a = ask(answerer, "Wat is sponsoring?", "ask_definition")
    assert a.kind == "unit" and "naamsvermelding" in a.lines[0] and a.concept_id.endswith(":sponsoring")
    assert a.source == "MVO Vlaanderen: Samenwerkingsverbanden \u2013 Vormen van samenwerking"
    assert "houdt in, dat organisaties" in reply(answerer, "Wat is een cross-sectoraal partnerschap?").text


def test_misspelt_words_are_corrected(answerer):
    assert "naamsvermelding" in reply(answerer, "wat is sponsering", "ask_definition").text


def test_list_question_gets_the_whole_list(answerer):
    a = ask(answerer, "Welke vormen van samenwerking onderscheidt James Austin?", "ask_forms")
    assert a.kind == "list" and len(a.listed) == 3
    for word in ("filantropische", "transactionele", "geïntegreerde"):
        assert word in "\n".join(a.lines).lower()
    assert [b["title"] for b in a.buttons] == ["Filantropische vorm", "Transactionele vorm", "Geïntegreerde vorm"]


def test_long_list_is_named_with_a_button_per_item(answerer):
    a = ask(answerer, "Welke samenwerkingsvormen noemt MVO Vlaanderen?", "ask_forms")
    assert a.kind == "list" and len(a.listed) == 12
    titles = [b["title"] for b in a.buttons]
    assert titles[:2] == ["Cause related marketing", "Co-branding en/of shared product"]
    assert a.buttons[7]["payload"] == '/ask_definition{"concept": "Sponsoring"}'
    assert reply_length(render(a)) <= MAX_REPLY_CHARS


def test_broad_topic_question_gets_the_topic_section(answerer):
    r = reply(answerer, "Welke risico's zijn er bij een partnerschap?", "ask_risks")
    assert body(r).startswith("Reputatieschade is een van de belangrijkste risico's")
    assert r.text.endswith("Risico's")
    # The section's prose is longer than an answer: each sentence that names a risk is in it, the example is not.
    assert "Daarnaast lopen partners risico, doordat zij geld en tijd" in body(r) and "RWE" not in body(r)


def test_a_separable_verb_asks_for_the_topic_its_joined_form_names(answerer, index):
    # 'levert ... op' is 'opleveren' (a benefit word): the verb as written is no second thing asked about.
    query = index.analyse("Wat levert een partnerschap een onderneming op?")
    assert [t.word for t in query.terms if t.split_off] == ["levert"]
    assert answerer._broad_topic(query, Request(text=query.text)) == "voordelen"


def test_a_question_for_one_number_gets_the_fact_not_the_topic_overview(answerer, index):
    def broad(text):
        return answerer._broad_topic(index.analyse(text), Request(text=text, topic="cijfers"))

    assert broad("Welke cijfers zijn er over partnerschappen?") == "cijfers"
    assert broad("Hoeveel partnerschappen zijn er?") is None   # every word names the topic, but it asks a number
    text = "Hoeveel partnerschappen hebben grote Nederlandse bedrijven gemiddeld?"
    a = ask(answerer, text, "ask_statistics")
    assert "20 partnerschappen" in a.lines[0] and len(a.lines) <= 2


def test_a_sentence_that_only_repeats_the_question_brings_the_one_after_it(answerer, index):
    from actions.answering.compose import echoes

    q = index.analyse("Wat is er mis met het ad hoc karakter van veel partnerschappen?")
    assert echoes(q, "Een aandachtspunt bij de samenwerking is het 'ad hoc' karakter van veel partnerschappen.")
    assert not echoes(q, "Veel partnerschappen worden niet geëvalueerd en afspraken worden niet vastgelegd.")
    assert not echoes(index.analyse("What is wrong with the ad hoc nature of partnerships?"),
                      "Een aandachtspunt is het 'ad hoc' karakter van veel partnerschappen.")
    a = ask(answerer, "Wat is er mis met het ad hoc karakter van veel partnerschappen?", "ask_success_factors")
    assert "ad hoc" in a.lines[0] and ("zonder duidelijke afspraken" in a.lines[0] or "lessons learned" in a.lines[0])


def test_a_list_shows_the_item_that_matched_whole(index):
    from actions.answering.compose import list_answer
    from knowledge.text import split_sentences

    for passage in (p for p in index.passages if p.kind == "list"):
        long_items = [u for u in passage.units if u.kind == "item" and len(split_sentences(u.text)) > 1]
        for item in long_items:
            shown = "\n".join(list_answer(index, passage, reference=item).lines)
            assert item.text.rstrip(";, ") in shown   # its second sentence may be what was asked
            others = [u for u in long_items if u is not item]
            assert all(u.text.rstrip(";, ") not in shown for u in others[:1]) or len(passage.units) <= 2
    assert any(p.kind == "list" for p in index.passages)


def test_audience_steers_the_answer(answerer):
    ngo = ask(answerer, "Wat zijn de voordelen voor een ngo?", "ask_benefits", audience="ngo")
    company = ask(answerer, "Wat zijn de voordelen voor een bedrijf?", "ask_benefits", audience="bedrijf")
    assert "netwerken" in "\n".join(ngo.lines) and ngo.audience == "ngo"
    assert any(w in "\n".join(company.lines) for w in ("imago", "merk", "reputatie", "license to operate"))


def test_pronouns_that_point_back():
    for text in ("Wat is haar mailadres?", "Wanneer bestond het 15 jaar?", "Wat deed hij daarna?", "Hoe werkt dat?",
                 "Wat kan ik ermee?", "Wat is dat voor vorm?", "Hoe kun je dat voorkomen?", "Waarin is het opgegaan?",
                 "Wanneer hield het zijn laatste bijeenkomst?"):
        assert refers_back(text), text
    for text in ("Wat is het verschil tussen sponsoring en mecenaat?", "Wat zijn de risico's?",
                 "Hoeveel partnerschappen mislukken?", "Wat levert het project op voor bedrijven?", "Wat is het doel?",
                 "Wat is het verschil?", "Het zijn er vijf, toch?"):
        assert not refers_back(text), text
    assert gives_kind("contact", "Mail naar moudenhuijzen@ncdo.nl.") and gives_kind("contact", "Zie www.ncdo.nl/weten")
    assert not gives_kind("contact", "Neem contact op met de organisatie.")


def test_a_count_question_for_a_duration_wants_a_time_measure():
    asked = analyse("Hoeveel tijd zijn we kwijt aan een teamdag voor twintig collega's?")
    assert asked.kind == "count" and asked.measure == "duration"
    assert gives_kind("count", "Een teamdag kost gemiddeld elf uur aan coördinatie.", asked.measure)
    assert not gives_kind("count", "De vergoeding ligt tussen de 250 en 750 euro.", asked.measure)
    assert gives_kind("count", "Het convenant liep van 2016 tot eind 2021.", analyse("Hoe lang liep het?").measure)
    plain = analyse("Hoeveel organisaties doen mee?")
    assert plain.measure == "" and gives_kind("count", "De vergoeding ligt tussen de 250 en 750 euro.", plain.measure)
    # A range of numbers counts; a number inside a name does not.
    assert gives_kind("count", "Doorlooptijd: 1-3 dagen (+ opvolging).", asked.measure)
    assert not gives_kind("count", "Sinds COVID-19 werken we anders.", plain.measure)


def test_a_pronoun_follow_up_is_answered_from_the_last_answers_section(answerer):
    first = ask(answerer, "Wat is Kauri?", "ask_definition")
    assert "Kauri" in first.lines[0]
    context = Context(previous="Wat is Kauri?", unit_id=first.reference)
    then = ask(answerer, "Wanneer bestond het 15 jaar?", "out_of_scope", context=context)
    assert then.grounded and "2012" in then.lines[0] and len(then.lines) == 1
    # Nothing in that section gives what is asked: the question goes the ordinary way (here: declined).
    # A number there is not enough: 'werknemers' is nowhere in that section.
    nothing = ask(answerer, "Hoeveel werknemers had het toen?", "ask_statistics", context=context)
    assert "Kauri" not in " ".join(nothing.lines)


def test_a_why_follow_up_is_answered_by_the_reason_near_the_last_answer(answerer):
    assert refers_back("Waarom was dat een probleem?") and refers_back("Waardoor komt dat?")
    assert gives_kind("reason", "Aangezien RWE tot de meest vervuilende bedrijven behoorde, stopte het WNF.")
    first = ask(answerer, "Hoeveel partnerschappen tussen bedrijven mislukken?", "ask_statistics")
    assert "helft" in first.lines[0]
    context = Context(previous="Hoeveel partnerschappen tussen bedrijven mislukken?", unit_id=first.reference)
    then = ask(answerer, "Waardoor komt dat?", "ask_risks", context=context)
    assert then.grounded and "bedrijfscultuur" in then.lines[0]
    # Without an answer before it there is nothing to point at: no reason is made up.
    alone = ask(answerer, "Waardoor komt dat?", "ask_risks")
    assert "bedrijfscultuur" not in " ".join(alone.lines)


def test_a_message_in_a_conversation_is_read_alone_and_with_the_question_before():
    from actions.answering.understand import other_reading

    before = Context(previous="Wat is Kauri?")
    def reading(text, context=before):
        q = Question(text, context=context)
        return other_reading(q, understand(q))

    # Read alone first; it leans on something, so with the question before too.
    assert reading("In welk jaar vierde die organisatie een verjaardag?").text.startswith("Wat is Kauri? In welk")
    # Read as a follow-up first; it has words of its own, so alone too.
    assert reading("En wat is cause related marketing?").text == "En wat is cause related marketing?"
    # No other reading: nothing before it, nothing of its own, or a pronoun that needs what was said.
    assert reading("In welk jaar vierde die organisatie een verjaardag?", Context()) is None
    assert reading("En voor ngo's?") is None and reading("Waarom?") is None
    assert reading("Bij welke organisatie werkt zij?") is None
    assert reading("Wat zijn de voordelen van sponsoring?") is None


def test_the_surer_reading_answers(answerer):
    first = ask(answerer, "Wat is Kauri?", "ask_definition")
    context = Context(previous="Wat is Kauri?", unit_id=first.reference)
    then = ask(answerer, "In welk jaar vierde die organisatie een verjaardag?", "ask_statistics", context=context)
    assert then.grounded and "2012" in then.lines[0]


def test_followups_use_the_context(answerer, index):
    ngo = ask(answerer, "En voor ngo's?", "inform_audience", context=Context(topic="voordelen"), audience="ngo")
    assert ngo.grounded and "netwerken" in "\n".join(ngo.lines)
    crm = index.concept_named("Cause related marketing")
    example = ask(answerer, "Geef eens een voorbeeld", "ask_example", context=Context(unit_id=crm.unit.id))
    assert "Douwe Egberts" in "\n".join(example.lines)
    routes = ask(answerer, "Welke twee routes zijn er om een partner te vinden?", "ask_partner_search")
    second = ask(answerer, "Wat is de tweede?", "ask_partner_search", context=Context(listed=routes.listed))
    assert "gevonden" in "\n".join(second.lines)
    third = ask(answerer, "Wat is de derde vorm van Austin?", "ask_forms")
    assert "gedeelde missie" in "\n".join(third.lines)


def test_english_question_is_answered_by_meaning(answerer):
    r = reply(answerer, "What is a cross-sector partnership?", "nlu_fallback", 0.3)
    assert "verschillende sectoren" in r.text and r.text.startswith("(I answer from Dutch factsheets.)")


def test_an_english_question_without_an_answer_hears_why_in_english(answerer):
    r = reply(answerer, "What is the capital of Germany?", "out_of_scope", 0.9)
    assert r.text.startswith("(I answer from Dutch factsheets, and they hold no reliable answer") and "Bron:" not in r.text
    assert not reply(answerer, "Wat is de hoofdstad van Duitsland?", "out_of_scope", 0.9).text.startswith("(")


@pytest.mark.parametrize("text,intent", [
    ("Wat is de hoofdstad van Duitsland?", "out_of_scope"),
    ("Hoe wordt het weer dit weekend?", "out_of_scope"),
    ("Hoeveel benen heeft een spin?", "ask_statistics"),
    ("qwertyuiop", "nlu_fallback"),
    ("Wat is 2 plus 2?", "ask_definition"),
    ("Hoeveel ngo's zijn er in België?", "ask_statistics"),
])
def test_no_confident_answer_cites_nothing(answerer, text, intent):
    a = ask(answerer, text, intent, 0.9)
    assert not a.grounded and a.kind in ("decline", "out_of_scope")
    assert "Bron:" not in render(a).text


def test_topic_button_gives_the_overview(answerer):
    r = reply(answerer, "/ask_risks", "ask_risks")
    assert "Reputatieschade" in r.text and r.text.endswith("Risico's")


def test_two_named_concepts_can_be_asked_one_after_the_other(answerer):
    first = ask(answerer, "Wat is mecenaat?", "ask_definition")
    second = ask(answerer, "Wat is sponsoring?", "ask_definition")
    assert "zonder dat daar prestatie" in first.lines[0] and "naamsvermelding" in second.lines[0]


# --- render: the one place of the source line --------------------------------------------------
def test_render_appends_one_source_line_and_fits():
    long = Answer(kind="unit", lines=["woord " * 400], source="Titel \u2013 Sectie")
    r = render(long)
    assert r.text.count("\nBron: ") == 1 and r.text.endswith("\nBron: Titel \u2013 Sectie")
    assert len(r.text) <= MAX_REPLY_CHARS
    assert "Bron:" not in render(Answer(kind="decline", lines=["Geen antwoord."])).text


def test_fit_lines_keeps_whole_lines_while_they_fit():
    assert fit_lines(["a" * 50, "b" * 50], 60) == "a" * 50
    assert fit_lines(["kort"], 60) == "kort"


INTENTS = ["ask_definition", "ask_benefits", "ask_risks", "ask_forms", "ask_success_factors", "ask_partner_search",
           "ask_example", "ask_statistics", "inform_audience", "out_of_scope", "nlu_fallback", "answer", None]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), intent=st.sampled_from(INTENTS))
def test_any_input_gives_a_bounded_reply_with_source_exactly_when_grounded(answerer, text, intent):
    a = ask(answerer, text, intent)
    r = render(a)
    assert 0 < reply_length(r) <= MAX_REPLY_CHARS
    assert ("Bron:" in r.text) == a.grounded
    if a.grounded:
        assert r.text.splitlines()[-1].startswith("Bron: ")


def test_a_question_asked_from_the_other_side():
    from actions.answering.understand import other_side

    assert other_side("Waarom zoeken ngo's samenwerking met bedrijven?") == "Waarom zoeken bedrijven samenwerking met ngo's?"
    assert other_side("Wat heeft een bedrijf aan een ngo?") == "Wat heeft een ngo aan een bedrijf?"
    assert other_side("Hoe vind je een goed doel als partner?") == "Hoe vind je een goed doel als partner?"


def test_the_other_side_follow_up_finds_its_sentence_in_the_section_that_answered(answerer):
    first = ask(answerer, "Waarom zoeken ngo's samenwerking met bedrijven?", "ask_benefits")
    context = Context(previous="Waarom zoeken ngo's samenwerking met bedrijven?", unit_id=first.reference)
    then = ask(answerer, "En voor bedrijven?", "inform_audience", context=context, audience="bedrijf")
    assert then.grounded and "Voor bedrijven" in then.lines[0], then.lines


def test_a_who_question_needs_an_answer_that_names_whom_it_asks_for(index):
    from actions.answering.answerer import names_whom

    query = index.analyse("Wie was de voorzitter van Kauri?")
    assert not names_whom(index, query, "Het Belgische duurzaamheidsnetwerk Kauri stimuleerde samenwerking.")
    assert names_whom(index, query, "Voorzitter van Kauri was An Peeters.")
    assert names_whom(index, index.analyse("Wie is Machtelt Oudenhuijzen?"),
                      "Neem contact op met Machtelt Oudenhuijzen via moudenhuijzen@ncdo.nl.")


def test_what_are_those_x_for_one_named_thing_is_its_definition(answerer):
    # 'Wat zijn die ...?' asks for a list ('Wat zijn die 7 principes?'), unless it names one defined thing.
    r = reply(answerer, "wat zijn die thematische ontmoetingen?", "ask_definition", 0.6)
    assert body(r).startswith("Thematische ontmoetingen:") and "standpunten" in r.text, r.text


def test_a_compound_of_a_common_word_and_a_topic_names_the_topic(answerer):
    # 'partnerschapsvormen' asks what 'vormen' asks: the overview of the forms, not a sentence on reasons.
    r = reply(answerer, "Welke partnerschapsvormen zijn er?", "ask_forms", 0.6)
    assert "redenen" not in r.text, r.text
    assert "Bron: MVO Vlaanderen: Samenwerkingsverbanden – Vormen van samenwerking" in r.text, r.text
