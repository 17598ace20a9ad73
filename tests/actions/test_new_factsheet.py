"""A factsheet the NLU data has never seen is answerable after a rebuild, with no retraining."""
import shutil
from pathlib import Path

import pytest

from actions.answering import Answerer, Context, Question, render
from actions.answering.compose import definition_strength, named_concepts
from core.settings import FACTSHEETS_DIR
from knowledge import build, load_index
from knowledge.query import definition_subject

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "vrijwilligerswerk-factsheet.txt"
TITLE = "Werknemersvrijwilligerswerk: bedrijven en goede doelen"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("factsheets")
    shutil.copytree(FACTSHEETS_DIR, folder, dirs_exist_ok=True)
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    db = folder.parent / "kb.db"
    build(folder, db)
    return Answerer(load_index(db))


# Intents as the classifier, trained without this factsheet, might label them.
@pytest.mark.parametrize("question,intent,expected", [
    ("Wat is corporate volunteering?", "ask_definition", "vrijwilligerswerk"),
    ("Wat is een maatjesproject?", "nlu_fallback", "begeleidt een jongere"),
    ("Welke vormen van werknemersvrijwilligerswerk zijn er?", "ask_forms", "Teamdagen"),
    ("Wat levert vrijwilligerswerk door werknemers op?", "ask_benefits", "vaardigheden"),
    ("Hoeveel deelnemers zijn trotser op hun bedrijf?", "ask_statistics", "60 procent"),
    ("Wat zijn de valkuilen van een teamdag?", "ask_risks", "begeleidingstijd"),
])
def test_questions_about_the_new_factsheet(answerer, question, intent, expected):
    reply = render(answerer.answer(Question(question, intent, 0.6)))
    assert expected in reply.text, reply.text
    assert TITLE in reply.text.splitlines()[-1]


def test_old_knowledge_still_answers(answerer):
    assert "naamsvermelding" in render(answerer.answer(Question("Wat is sponsoring?", "ask_definition", 0.99))).text


def test_index_follows_a_rebuild(tmp_path):
    db = tmp_path / "kb.db"
    build(FACTSHEETS_DIR, db)
    before = load_index(db)
    folder = tmp_path / "factsheets"
    shutil.copytree(FACTSHEETS_DIR, folder)
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    build(folder, db)
    after = load_index(db)
    assert after is not before and len(after.passages) > len(before.passages)
    assert after.unit_vectors.shape[0] == len(after.units)


NEWS = """Buurtsupermarkt en Stichting Lichtpunt openen samen een leeshoek

Utrecht, 3 maart 2025

Supermarktketen Korenaar en Stichting Lichtpunt richten in tien winkels een leeshoek in waar
vrijwilligers buurtbewoners helpen met formulieren en brieven.

Eerste resultaten

In de eerste maanden kwamen ruim 300 bezoekers langs. "Wat me opviel, is dat mensen na een paar bezoeken
ook hun buren meenamen en hier makkelijker om hulp durven te vragen dan bij een loket van de gemeente,"
zegt Ingrid Vermeulen, directeur van Stichting Lichtpunt. De leeshoeken zijn op dinsdag en donderdag open.

Over Stichting Lichtpunt

Stichting Lichtpunt helpt sinds 2012 mensen die moeite hebben met lezen en schrijven. Lichtpunt wordt
betaald uit giften en bijdragen van bedrijven.

Meer informatie: Karel de Wit, woordvoerder Stichting Lichtpunt, pers@lichtpunt.nl
"""


def test_a_who_question_rests_on_the_sentence_that_names_the_role(tmp_path):
    # The press contact's line ranks first on the foundation's name; the director is named in a quote.
    # The answer rests on the sentence that holds the whole of 'directeur van Stichting Lichtpunt' and a
    # name, and the confidence is that sentence's: the NLU, which never saw this subject, finds it off-topic.
    folder = tmp_path / "factsheets"
    shutil.copytree(FACTSHEETS_DIR, folder)
    (folder / "nieuws-leeshoek.txt").write_text(NEWS, encoding="utf-8")
    build(folder, tmp_path / "kb.db")
    answerer = Answerer(load_index(tmp_path / "kb.db"))
    answer = answerer.answer(Question("Wie is de directeur van Stichting Lichtpunt?", "out_of_scope", 0.8,
                                      out_of_scope=0.8))
    assert answer is not None and answer.grounded
    assert "Ingrid Vermeulen" in render(answer).text
    assert answerer.last_features.subject == 1.0 and answerer.last_features.unit_coverage == 1.0


def index_of_one(tmp_path, name, text):
    """The index of a knowledge base built from this one factsheet."""
    folder = tmp_path / "factsheets"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    build(folder, tmp_path / "kb.db")
    return load_index(tmp_path / "kb.db")


LEESHOEK = """Leeshoeken in de supermarkt

Wat is een leeshoek?

Bij een leeshoek in de winkel helpen vrijwilligers van de stichting buurtbewoners met brieven: zo wordt hulp
vragen gewoon. Een leeshoek is een tafel in een winkel waar vrijwilligers helpen met formulieren.

Cijfers

Begeleide leeshoekbezoeken in 2024: 300.
"""


def test_a_defining_sentence_opens_with_the_subject_itself(tmp_path):
    # A colon after a whole clause ('Bij een leeshoek ... met brieven:') or after a compound of the subject
    # ('leeshoekbezoeken') does not make a definition; 'Een leeshoek is een ...' does.
    index = index_of_one(tmp_path, "leeshoek.txt", LEESHOEK)
    wanted = index.analyse(definition_subject("Wat houdt een leeshoek eigenlijk in?")).terms
    strength = {u.text.split()[1]: definition_strength(index, wanted, u, "definition") for u in index.units
                if u.text.startswith(("Bij een", "Een leeshoek", "Begeleide"))}
    assert strength["een"] == 0 and strength["leeshoekbezoeken"] == 0 and strength["leeshoek"] >= 2


DATA_SHARING = """Data delen met goede doelen

Inleiding

Bedrijven hebben gegevens die een goed doel kan gebruiken. Er zijn vier vormen van data delen.

Vorm 1: Data als schenking

Een bedrijf geeft een kopie van gegevens aan een goed doel.

Vorm 2: Open data

Het bedrijf publiceert gegevens voor iedereen:

• Voordeel: ook andere ngo's en onderzoekers kunnen ermee aan de slag
• Nadeel: minder zicht op hergebruik van de data

Privacy

Persoonsgegevens worden eerst geanonimiseerd.

Contact

Mail naar data@voorbeeld.example.
"""


def test_a_topic_word_before_a_colon_labels_a_field_it_names_no_concept(tmp_path):
    # 'Voordeel: ...' under one form of data sharing: 'Wat zijn de voordelen voor een ngo?' asks for the topic,
    # not for that one line as the definition of a thing called 'Voordeel'.
    index = index_of_one(tmp_path, "data-delen.txt", DATA_SHARING)
    assert index.concept_named("Voordeel") is not None   # the line still reads as 'name: definition'
    assert named_concepts(index, index.analyse("Wat zijn de voordelen voor een ngo?")) == []
    assert named_concepts(index, index.analyse("Welke nadelen heeft open data?")) == []


FORMS = """Bedrijfsvrijwilligerswerk

Vormen

Bedrijven zetten hun medewerkers op verschillende manieren in:

- Teamdagen: een afdeling helpt een dag bij een organisatie.
- Maatschappelijke stages: een werknemer werkt een aantal dagen tot enkele weken mee bij een organisatie.
- Pro bono: een medewerker zet zijn vakkennis om niet in.

Opbrengst

Medewerkers leren nieuwe vaardigheden en zijn trotser op hun werkgever.

Kosten

Begeleiding en voorbereiding kosten de ontvangende organisatie tijd.
"""
SCHOOL = """Leerwerkplekken voor jongeren

Veelgestelde vragen

Moet een scholier voor een maatschappelijke stage betaald worden?

Nee, een maatschappelijke stage is vrijwilligerswerk en daar hoort geen loon bij.

Wat is het verschil met een leerwerkplek?

Een maatschappelijke stage is iets anders: scholieren doen vrijwilligerswerk bij een organisatie.

Hoeveel leerbedrijven zijn er?

In de regio zijn ruim tweehonderd erkende leerbedrijven.

Wie betaalt de begeleiding?

De school en het leerbedrijf delen de kosten van de praktijkopleider.
"""


OTHER_SUBJECTS = "\n".join("%s\n\n%s\n" % pair for pair in [
    ("Subsidie", "Gemeenten geven soms subsidie voor een buurtproject."),
    ("Bestuur", "Het bestuur van een stichting bestaat uit minstens drie personen."),
    ("Fondsen", "Een vermogensfonds keert elk jaar een deel van zijn rendement uit."),
    ("Verzekering", "Vrijwilligers zijn vaak verzekerd via de gemeente."),
    ("Communicatie", "Een nieuwsbrief houdt donateurs op de hoogte."),
    ("Belasting", "Een gift aan een ANBI is onder voorwaarden aftrekbaar."),
])


def test_a_question_about_an_item_of_the_list_just_shown_is_answered_by_that_item(tmp_path):
    # 'Een maatschappelijke stage is iets anders: ...' in another factsheet defines the words better than the item
    # does, but the conversation has just shown the item.
    folder = tmp_path / "factsheets"
    folder.mkdir()
    (folder / "vrijwilligerswerk.txt").write_text(FORMS + "\n" + OTHER_SUBJECTS, encoding="utf-8")
    (folder / "leerwerkplekken.txt").write_text(SCHOOL, encoding="utf-8")
    build(folder, tmp_path / "kb.db")
    answerer = Answerer(load_index(tmp_path / "kb.db"))
    shown = answerer.answer(Question("Welke vormen van bedrijfsvrijwilligerswerk zijn er?", "ask_forms", 0.9))
    assert shown.listed
    context = Context(listed=shown.listed, unit_id=shown.reference,
                      previous="Welke vormen van bedrijfsvrijwilligerswerk zijn er?")
    reply = render(answerer.answer(Question("En wat is een maatschappelijke stage dan?", "ask_definition", 0.9,
                                            context=context)))
    assert "enkele weken" in reply.text, reply.text


GIVING = """Steun van bedrijven

Vormen van steun

- Sponsoring: een bedrijf geeft geld in ruil voor naamsvermelding.
- Mecenaat: een bedrijf geeft geld zonder tegenprestatie.
- Donatie: een eenmalige gift van een bedrijf of een particulier.

Jeugdactiviteiten

Bij sponsoring gericht op kinderen geldt de Kinder- en Jeugdreclamecode: reclame mag kinderen niet onder druk
zetten om iets te kopen.
"""
FUNDS = """Geld werven bij bedrijven

Vormen van geven

- Sponsoring: geld in ruil voor zichtbaarheid, zoals een logo op een shirt.
- Gift: geld zonder tegenprestatie.
- Schenking in natura: producten of diensten in plaats van geld.
"""


def test_one_name_two_factsheets_define_is_one_thing_named(tmp_path):
    # Both factsheets define 'Sponsoring': a question about sponsoring is not a comparison of two things named,
    # so it gets the sentence that answers it; what sponsoring is still gets both definitions.
    folder = tmp_path / "factsheets"
    folder.mkdir()
    (folder / "sponsoring.txt").write_text(GIVING + "\n" + OTHER_SUBJECTS, encoding="utf-8")
    (folder / "fondsen.txt").write_text(FUNDS + "\n" + SCHOOL, encoding="utf-8")
    build(folder, tmp_path / "kb.db")
    index = load_index(tmp_path / "kb.db")
    assert len(named_concepts(index, index.analyse("Sponsoring gericht op kinderen, waar moet ik op letten?"))) == 2
    answerer = Answerer(index, min_confidence=0.0)
    reply = render(answerer.answer(Question("Sponsoring gericht op kinderen, waar moet ik op letten?")))
    assert "Jeugdreclamecode" in reply.text, reply.text
    reply = render(answerer.answer(Question("Wat is sponsoring?")))
    assert "naamsvermelding" in reply.text and "zichtbaarheid" in reply.text, reply.text
