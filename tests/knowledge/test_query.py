"""How a question becomes search terms (knowledge/query.py): which of its words say what it is about."""
import pytest

from knowledge.query import Vocabulary, analyse, bag_of, gives_kind, spelled_out, term_match


def words(text):
    return [t.word for t in analyse(text).terms]


@pytest.mark.parametrize("framed, plain", [
    ("Klopt het dat het publiek ngo's meer gelooft dan bedrijven?", "Het publiek gelooft ngo's meer dan bedrijven?"),
    ("Is het waar dat Kauri is opgeheven?", "Kauri is opgeheven?"),
    ("Maakt het uit of het doel bij onze missie past?", "Het doel past bij onze missie?"),
    ("Weet jij of er prijzen voor partnerschappen zijn?", "Er zijn prijzen voor partnerschappen?"),
    ("Kun je me vertellen of het WNF nog met Essent werkt?", "Het WNF werkt nog met Essent?"),
])
def test_a_framing_clause_adds_no_search_words(framed, plain):
    assert sorted(words(framed)) == sorted(words(plain))


def test_a_question_that_starts_with_kan_keeps_its_words():
    assert "ngo" in words("Kan een ngo een bedrijf uitdagen?")
    assert "uitdagen" in words("Kan een ngo een bedrijf uitdagen?")


def test_modal_verbs_and_fillers_are_not_search_words():
    assert words("Waarom zou een ngo nou eigenlijk met een bedrijf willen samenwerken?") == [
        "ngo", "bedrijf", "samenwerken"]
    # 'dienen' is 'moeten' in formal Dutch ('dient te worden'), and in 'Waarvoor dient ...?' asks what for.
    assert words("Waarvoor dient een reputatieclausule?") == ["reputatieclausule"]
    # Fillers that ask for more than one ('zoal', 'allemaal') say nothing about what.
    assert words("Welke redenen zijn er zoal?") == ["redenen"]
    assert words("Wat hoort er allemaal in een exitclausule?") == ["hoort", "exitclausule"]
    assert words("Wanneer dient de ngo het contract op te zeggen?") == words("Wanneer moet de ngo het contract op te zeggen?")


@pytest.mark.parametrize("question, plain", [
    ("Hoelang loopt een sponsorcontract meestal?", "Hoe lang loopt een sponsorcontract meestal?"),
    ("In hoeverre helpt een keurmerk?", "Helpt een keurmerk?"),
    ("Waar komt het geld vandaan?", "Waar komt het geld?"),
    ("Waar gaat de opbrengst naartoe?", "Waar gaat de opbrengst?"),
    ("Hoe vaak evalueren de partners?", "Evalueren de partners?"),
    ("Hoe duur is een screening?", "Is een screening?"),
])
def test_question_words_and_the_measure_asked_for_are_not_search_words(question, plain):
    assert words(question) == words(plain)


def test_a_question_word_carries_its_general_synonyms():
    term = next(t for t in analyse("Wat vinden de klanten ervan?").terms if t.word == "klanten")
    assert {"afnemer", "consument"} <= term.synonyms


@pytest.mark.parametrize("word, related", [
    ("beoordeeld", "beoordeling"), ("geëvalueerd", "evaluatie"), ("evaluatie", "evalueren"),
    ("investering", "investeren"), ("certificeren", "certificering"), ("begeleiden", "begeleiding"),
])
def test_a_verb_and_the_noun_made_from_it_find_each_other(word, related):
    term = analyse(word).terms[0]
    assert related in term.synonyms
    assert term_match(term, bag_of("Dat is de %s." % related)) > 0


def test_a_derivation_dutch_does_not_know_is_not_made():
    from knowledge.query import derived_words

    assert derived_words({"koning"}) == set() and derived_words({"woning"}) == set()


def test_function_words_of_closed_classes_are_no_search_words():
    # A preposition places or attributes, a pronominal adverb points back: neither names what is asked about,
    # and as words the factsheets lack they would weigh most of all.
    words = [t.word for t in analyse("Wat heeft een bedrijf eraan, volgens MVO Vlaanderen, tijdens een crisis?").terms]
    assert words == ["bedrijf", "mvo", "vlaanderen", "crisis"]


@pytest.mark.parametrize("text,named", [
    ("Zijn er naast commitment en communicatie nog andere dingen die een samenwerking laten slagen?",
     "commitment en communicatie"),
    ("Welke andere vormen zijn er behalve sponsoring?", "sponsoring"),
    ("Zijn er behalve reputatieschade nog meer risico's?", "reputatieschade"),
    ("Wat doet een bedrijf naast geld geven?", ""), ("Welke bedrijven werken samen met andere organisaties?", ""),
])
def test_a_question_for_the_others_names_what_it_knows(text, named):
    from knowledge.query import besides_named

    assert besides_named(text) == named


def test_a_document_number_is_no_year():
    assert not gives_kind("time", "Zelfbedachte logo's zijn dan verboden (Richtlijn (EU) 2024/825).")
    assert gives_kind("time", "Vanaf 27 september 2026 mogen bedrijven dat niet meer.")
    assert gives_kind("time", "Dat gold in het seizoen 2019/2020.")


def test_a_number_in_digits_finds_it_in_words_and_back():
    digits, words = analyse("een teamdag met 20 collega's").terms[1], analyse("twintig personen").terms[0]
    assert term_match(digits, bag_of("een teamdag voor twintig personen")) > 0
    assert term_match(words, bag_of("voor 20 personen")) > 0
    assert term_match(digits, bag_of("voor 30 personen")) == 0


def test_the_general_synonym_table_holds_single_lowercase_lemmas():
    from knowledge.taxonomy import GENERAL_SYNONYM_GROUPS

    assert len(GENERAL_SYNONYM_GROUPS) > 100
    assert all(len(group) >= 2 for group in GENERAL_SYNONYM_GROUPS)
    assert all(word == word.lower() and " " not in word for group in GENERAL_SYNONYM_GROUPS for word in group)


def test_hedges_are_not_search_words():
    assert words("wat was Kauri ook alweer") == ["kauri"]
    assert words("Worden partnerschappen een beetje goed geëvalueerd?") == ["partnerschappen", "geevalueerd"]


@pytest.mark.parametrize("text, verb", [
    ("Wat levert een partnerschap op?", "opleveren"),
    ("Waarom werken ngo's samen met bedrijven?", "samenwerken"),      # a prepositional phrase after the particle
    ("De ngo werkt samen met het bedrijf.", "samenwerken"),
    ("Hoe begin je om een partnerschap op te zetten?", "opzetten"),   # split by 'te', anywhere in the sentence
    ("Bedrijven besluiten vaak om samen te werken met een ngo.", "samenwerken"),
    ("Het bedrijf besloot om de oude dozen weg te zetten.", "wegzetten"),   # 'zetten' whose lemma reads 'zet'
    ("Wat levert het een ngo op als werknemers maandelijks doneren?", "opleveren"),   # a clause follows
    ("Wat krijgt een bedrijf terug, omdat het sponsort?", "terugkrijgen"),
    ("Hoe werken ze samen met een ngo, en wat levert dat op?", "opleveren"),
    # A plural verb is its infinitive, whatever noun the dictionary reads it as ('vallen' -> 'val').
    ("Hoeveel bedrijven vallen er af bij een screening?", "afvallen"),
    ("Waarom kloppen ngo's steeds vaker aan bij bedrijven?", "aankloppen"),
    ("Hoe zetten we dat op?", "opzetten"),
])
def test_a_separable_verb_is_one_word(text, verb):
    assert words(text).count(verb) == 1
    assert not {"op", "samen", "weg", "af", "aan"} & set(words(text))


def test_a_particle_that_closes_waar_belongs_to_it():
    # 'Waar begin je mee?' asks 'waarmee': no verb 'meebeginnen', and 'mee' is no word of what is asked.
    from knowledge.query import separable_pairs

    assert separable_pairs("We willen een partner zoeken. Waar begin je dan het best mee?") == []
    assert words("We willen een partner zoeken. Waar begin je dan het best mee?") == ["partner", "zoeken", "begin"]


def test_a_conjunction_is_no_verb_of_a_particle():
    assert "open" not in words("Hoe werken ze samen met een ngo, en wat levert dat op?")


def test_each_fixed_expression_is_listed_once():
    # A second row for the same words and verb would only fire when the verb is written twice.
    from knowledge.taxonomy import IDIOMS

    keys = [(idiom.core, idiom.verb) for idiom in IDIOMS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("text, plain, literal", [
    ("Met welke ngo zijn jullie in zee gegaan?", "samenwerken", "zee"),
    ("Waarom trok het WNF de stekker eruit?", "stoppen", "stekker"),
    ("Hoe vaak loopt zo'n samenwerking op niets uit?", "mislukken", "niets"),
    ("Wie moet er over de brug komen?", "betalen", "brug"),
])
def test_a_fixed_expression_is_read_in_plain_words(text, plain, literal):
    assert plain in words(text) and literal not in words(text)


def test_a_literal_sentence_keeps_its_words():
    assert "zee" in words("Ligt Essent aan zee?")
    assert analyse("Ligt Essent aan zee?").embedded == ""


def test_the_sentence_encoder_reads_a_fixed_expression_in_plain_words_where_it_stands():
    asked = analyse("Wat kan er misgaan als je als ngo met een bedrijf in zee gaat?")
    assert asked.embedded == "Wat kan er misgaan als je als ngo met een bedrijf samenwerken?"
    assert analyse("Waarom trok het WNF de stekker eruit, en wanneer?").embedded == "Waarom stoppen het WNF, en wanneer?"


def test_a_superlative_asks_which_one_not_what_it_is():
    from knowledge.query import question_kind

    query = analyse("Wat is het grootste risico van een partnerschap?")
    assert query.kind == "rank" and query.subject == ""
    assert question_kind("Wat is cause related marketing?") == "definition"


@pytest.mark.parametrize("question,kind", [
    ("En wat is een maatschappelijke stage dan?", "definition"),
    ("Maar waarom dan?", "reason"),
    ("en, wie betaalt dat?", "person"),
    ("En voor welke branches?", "list"),
    ("En voor bedrijven?", "yesno"),      # no question word: nothing to strip
    ("Encouragement?", "yesno"),          # 'en' only as a word of its own
])
def test_a_conjunction_before_the_question_word_does_not_change_what_is_asked(question, kind):
    from knowledge.query import question_kind

    assert question_kind(question) == kind


@pytest.mark.parametrize("question, stands_for_forms", [
    ("Welke soorten indicatoren zijn er?", False),
    ("Met wat voor soort bedrijven kunnen we beter niet in zee gaan?", False),
    ("Welk type samenwerking past bij ons?", True),
    ("Welke soorten zijn er?", True),
])
def test_a_word_for_a_kind_stands_for_forms_of_collaboration_only_about_a_partnership(question, stands_for_forms):
    kind_word = analyse(question).terms[0]
    assert ("samenwerkingsvorm" in kind_word.synonyms) is stands_for_forms


@pytest.mark.parametrize("question", ["Who should I contact about pro bono?", "How do I get in touch with NCDO?",
                                      "Who can I reach out to about screening a partner?"])
def test_an_english_question_for_whom_to_contact_asks_for_contact_details(question):
    from knowledge.query import question_kind

    assert question_kind(question) == "contact"
    assert question_kind("Who founded Akkerwerk?") == "person"


@pytest.mark.parametrize("question, kind", [
    ("Als een bedrijf in opspraak raakt, wat doe je dan?", "other"),
    ("Wanneer een partner stopt, wie betaalt dan de kosten?", "person"),
    ("stel dat onze sponsor negatief in het nieuws komt, wat moeten we dan doen?", "other"),
    ("Wanneer begon de samenwerking?", "time"),
    # A statement before the question in the same sentence.
    ("Het contract is afgelopen, hoe snel moet het logo weg?", "count"),
    ("Sponsoring gericht op kinderen, waar moet ik op letten?", "other"),
    ("We hebben geld over, welke opties zijn er?", "list"),
    # The price: a relative clause after a comma reads as the question ('yesno' would be right here).
    ("Mag een bedrijf geld geven, wat dan aftrekbaar is?", "other"),
    ("Kan een ngo, zoals een stichting, een bedrijf adviseren?", "yesno"),
])
def test_a_condition_before_the_question_leaves_the_main_clause_to_say_what_is_asked(question, kind):
    from knowledge.query import question_kind

    assert question_kind(question) == kind
    assert "stel" not in words(question)


def test_a_sentence_that_only_mentions_the_items_asked_for():
    from knowledge.query import only_mentions

    asked = "In welke steden zitten de centra?"
    assert only_mentions(asked, "Het netwerk heeft centra in diverse steden in Vlaanderen.")
    assert only_mentions("Wat zijn die vijf regels?", "Het convenant noemt vijf regels voor leveranciers.")
    assert not only_mentions(asked, "Het netwerk heeft centra in drie steden: Gent, Leuven en Brussel.")
    assert not only_mentions(asked, "Er zijn centra in Gent en Leuven.")
    assert not only_mentions("Wat is een centrum?", "Het netwerk heeft centra in diverse steden.")


def test_a_sentence_about_another_country():
    from knowledge.query import other_place

    assert other_place("Hoeveel ngo's steunen Belgische bedrijven?", "Grote Nederlandse bedrijven steunen 20 ngo's.")
    assert other_place("How many NGOs do German companies support?", "Nederlandse bedrijven steunen 20 ngo's.")
    assert not other_place("Hoeveel ngo's steunen Vlaamse bedrijven?", "In België steunen bedrijven 12 ngo's.")
    assert not other_place("Hoeveel ngo's steunen bedrijven?", "Grote Nederlandse bedrijven steunen 20 ngo's.")
    assert not other_place("Hoeveel ngo's steunen Belgische bedrijven?", "Grote bedrijven steunen 20 ngo's.")


@pytest.mark.parametrize("typed, meant", [
    ("kun je een vb geven", "kun je een voorbeeld geven"),
    ("Kosten i.v.m. btw?", "Kosten in verband met btw?"),
    ("Welke risico's zijn er o.a.?", "Welke risico's zijn er onder andere?"),
    ("bijv. Oxfam", "bijvoorbeeld Oxfam"),
    ("wat zijn de risicos in zon partnerschap?", "wat zijn de risicos in zo'n partnerschap?"),
    ("Zon actie, werkt dat?", "Zo'n actie, werkt dat?"),
])
def test_chat_abbreviations_are_spelled_out(typed, meant):
    assert spelled_out(typed) == meant


@pytest.mark.parametrize("text", ["Kan een bv met een stichting samenwerken?", "om te beginnen", "Max Havelaar",
                                  "Zie www.vb.nl", "Wat is een ivmo?", "Helpt de zon bij groene energie?",
                                  "Kan het ook op zon?"])
def test_words_names_and_addresses_are_no_abbreviations(text):
    assert spelled_out(text) == text


def test_a_superlative_is_no_search_word():
    # 'grootste' would find 'grote bedrijven' by its plain adjective; the question asks which risk comes first.
    assert words("Wat is het grootste risico van een partnerschap?") == ["risico", "partnerschap"]
    assert words("Wat is de belangrijkste succesfactor?") == ["succesfactor"]
    assert "groot" in analyse("Welke bedrijven zijn groot?").terms[1].forms


def test_short_forms_of_function_words_are_no_search_words():
    assert words("Wat is een plafond bij zo'n actie voor z'n bedrijf?") == ["plafond", "actie", "bedrijf"]


def test_a_hyphenated_word_the_factsheets_never_write_is_its_words():
    vocabulary = Vocabulary({"pampers", "unicef", "actie", "e-mail"})
    assert [t.word for t in analyse("die pampers-unicef actie", vocabulary).terms] == ["pampers", "unicef", "actie"]
    assert [t.word for t in analyse("hun e-mail", vocabulary).terms] == ["e-mail"]


def test_a_word_spelt_with_sound_alike_letters_finds_the_factsheets_word():
    vocabulary = Vocabulary({"actie", "product", "bijdrage"})
    assert vocabulary.corrections("aktie") == ["actie"] and vocabulary.corrections("produkt") == ["product"]
    assert vocabulary.corrections("beidrage") == ["bijdrage"]


def test_a_reason_sentence_is_recognised_by_any_causal_connective_not_only_omdat():
    # 'immers', 'namelijk', 'dus', 'leidt tot' give a reason as much as 'omdat' does.
    for sentence in ("Studies wijzen immers uit dat ngo's het meest vertrouwd worden.",
                     "Dat ligt namelijk aan de bedrijfscultuur.",
                     "Een gedeeld doel leidt tot meer betrokkenheid.",
                     "Het bedrijf stopte wegens de kosten."):
        assert gives_kind("reason", sentence), sentence
    assert not gives_kind("reason", "Het WNF werkte samen met Essent.")


def test_how_to_go_about_it_is_the_asking_not_what_is_asked_about():
    words = lambda q: [t.word for t in analyse(q).terms]
    assert words("Hoe pak je bedrijfsvrijwilligerswerk als organisatie het beste aan?") == [
        "bedrijfsvrijwilligerswerk", "organisatie"]
    assert "vinden" in words("Hoe pak ik het aan om een geschikte ngo te vinden?")
    assert not {"pak", "pakken", "aanpakken"} & set(words("Hoe pakken we dat aan?"))
    assert words("Hoe ga je daarbij te werk?") == []   # "daarbij" points back: a pronominal adverb
    # A packet is a word of its own.
    assert "pak" in words("Wat kost een pak koffie aan de kassa?")


def test_a_fixed_expression_in_a_factsheet_also_holds_its_plain_words():
    from knowledge.lemmas import lemma, lemma_text
    from knowledge.query import bag_of

    text = "Een supermarkt en een stichting slaan de handen ineen tegen eenzaamheid."
    assert "samenwerken" in bag_of(text).full and lemma("samenwerken") in lemma_text(text).split()
    # The question in plain words finds it.
    query = analyse("Met welke stichting werkt de supermarkt samen?")
    assert any(term_match(t, bag_of(text)) for t in query.terms if t.word == "samenwerken")


@pytest.mark.parametrize("sentence, answers", [
    ("Neem binnen vier weken na de gunning contact op met de gemeente.", True),
    ("Rapporteer elk half jaar in de monitor.", True),
    ("De eindverantwoording volgt uiterlijk drie maanden na afloop.", True),
    ("De inloop is op dinsdag en donderdag open.", True),
    ("Het WNF stopte in 2009.", True),
    ("Dat is voor het bedrijf een goede zaak.", False),
    ("Er zijn vele jaren van overleg aan voorafgegaan.", False),
])
def test_a_when_question_is_answered_by_a_span_or_a_moment_too(sentence, answers):
    assert gives_kind("time", sentence) is answers


@pytest.mark.parametrize("sentence, measure, answers", [
    ("Bel 030 - 234 56 78 (dinsdag).", "phone", True), ("Telefoon: 088-0424242", "phone", True),
    ("Telefoon: +31 6 12345678", "", True), ("Mail naar info@voorbeeld.nl.", "phone", False),
    ("Mail naar info@voorbeeld.nl.", "email", True), ("Zie www.voorbeeld.nl.", "web", True),
    ("In 2024 deden 300 bedrijven mee.", "", False),
])
def test_contact_details_and_the_way_asked_for(sentence, measure, answers):
    assert gives_kind("contact", sentence, measure) is answers


def test_a_request_for_contact_details_searches_for_what_it_is_about():
    # The asking ('bij wie kan ik terecht', 'telefoonnummer') says what kind of answer, not what about.
    query = analyse("Bij wie kan ik terecht met vragen over pro bono? Graag een telefoonnummer.")
    assert query.kind == "contact" and query.measure == "phone"
    assert [t.word for t in query.terms] == ["pro", "bono"]
    assert [t.word for t in analyse("Wat is het mailadres?").terms] == ["mailadres"]   # nothing else to ask
    assert analyse("Bij wie kan ik terecht? Graag mail of telefoonnummer.").measure == ""   # either will do
