"""Building the knowledge base: tables, units, embeddings, labels, concepts, idempotence, new factsheets."""
import shutil
import time

import sqlite_utils

import pytest

from core.settings import FACTSHEETS_DIR
from knowledge import KnowledgeBaseOutdated, build, load_index


def rows(path, table):
    return list(sqlite_utils.Database(str(path))[table].rows)


def test_tables_and_counts(kb_path):
    db = sqlite_utils.Database(str(kb_path))
    assert {"factsheets", "passages", "units", "concepts", "vectors", "meta", "passages_fts", "units_fts",
            "concepts_fts"} <= set(db.table_names())
    titles = {r["id"]: r["title"] for r in db["factsheets"].rows}
    assert titles == {
        "ncdo-partnerschappen-ngos-bedrijven": "NCDO-factsheet Partnerschappen tussen ngo's en bedrijven",
        "mvo-vlaanderen-samenwerkingsverbanden": "MVO Vlaanderen: Samenwerkingsverbanden",
    }
    assert db["passages"].count >= 20 and db["units"].count >= 80
    # Every unit and passage has its sentence embedding, made by the encoder the meta table names.
    assert db["vectors"].count >= db["units"].count + db["passages"].count
    assert db["vectors"].count_where("id like ?", ["%#1"]) > 0  # sentences of multi-sentence items
    assert dict(db.execute("select key, value from meta").fetchall())["embedding_model"] == "e5-small"


def test_rebuild_is_idempotent_and_fast(tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    build(FACTSHEETS_DIR, first)
    started = time.perf_counter()
    counts = build(FACTSHEETS_DIR, second)
    # Unchanged text is not embedded again (the embedding cache), so a rebuild takes a moment.
    assert time.perf_counter() - started < 3 and counts["embedding_seconds"] < 1
    for table in ("factsheets", "passages", "units", "concepts", "vectors"):
        assert rows(first, table) == rows(second, table)
    # Rebuilding over an existing file replaces it with the same rows.
    build(FACTSHEETS_DIR, first)
    assert rows(first, "passages") == rows(second, "passages")


def test_topic_labels(index):
    def topics_of(start):
        return next(p.topics for p in index.passages if p.text.startswith(start))

    assert "risico's" in topics_of("Reputatieschade is een van de")
    assert "voordelen" in topics_of("Er zijn verschillende redenen voor ngo")
    assert "samenwerkingsvormen" in topics_of("Die samenwerking kan op verschillende")
    assert "samenwerkingsvormen" in topics_of("Harvard-professor James Austin")
    assert "succesfactoren" in topics_of("De belangrijkste factoren voor het succes")
    assert "partner vinden" in topics_of("Het Partnerships Resource Centre")
    assert "contact" in topics_of("Op www.ncdo.nl/weten")
    assert "definitie" in topics_of("In deze tijd van groeiende")
    assert "cijfers" in topics_of("Gemiddeld zijn grote Nederlandse")
    assert "initiatieven" in topics_of("Een aandachtspunt bij de samenwerking")
    assert "bronnen" in topics_of("- Geerardyn Aagje")
    assert "risico's" not in topics_of("Die samenwerking kan op verschillende")


def test_units_are_sentences_and_list_items(index):
    austin = next(p for p in index.passages if p.text.startswith("Harvard-professor James Austin"))
    assert [u.kind for u in austin.units] == ["intro", "item", "item", "item"]
    risks = next(p for p in index.passages if p.text.startswith("Reputatieschade"))
    assert all(u.kind == "sentence" for u in risks.units) and len(risks.units) >= 3
    assert risks.units[1].previous is risks.units[0] and risks.units[0].next is risks.units[1]


def test_concepts(index):
    names = [c.name for c in index.concepts]
    assert names[:3] == ["Cause related marketing", "Co-branding en/of shared product", "Inzamelen van middelen"]
    for name in ("Mecenaat", "Sponsoring", "Audit", "Filantropische vorm", "Transactionele vorm", "Geïntegreerde vorm",
                 "Commitment", "Communicatie", "Coördinatie", "Gedeelde verwachtingen en accountability",
                 "Issue-route", "Kans-route", "Cross-sectoraal partnerschap"):
        assert name in names
    crm = index.concept_named("cause related marketing")
    assert crm.example == "Douwe Egberts en de Voedselbanken" and "Voorbeeld" not in crm.definition
    assert crm.unit.passage.section == "Vormen van samenwerking" and crm.unit.text.startswith("Cause related")
    assert index.concept_named("werknemers-vrijwilligerswerk").name == "Employee involvement"
    assert "verschillende sectoren" in index.concept_named("cross-sectoraal partnerschap").definition


def test_a_sentence_that_says_what_something_is_not_or_opens_with_an_adverb_defines_nothing():
    from knowledge.concepts import sentence_concept

    assert sentence_concept("Sponsoring is het geven van geld in ruil voor een tegenprestatie.").name == "Sponsoring"
    assert sentence_concept("Een keurmerk is een herkenbaar bewijs van controle.").name == "Keurmerk"
    assert sentence_concept("Een convenant is het middel om afspraken vast te leggen.").name == "Convenant"
    for sentence in ("Gratis betekent niet vrijblijvend.", "Juridisch is het geen contract, wel een belofte.",
                     "Verder is het verstandig om een erkend goed doel te kiezen.",
                     "Tegelijk is het een van de meest zakelijke vormen van samenwerking."):
        assert sentence_concept(sentence) is None, sentence


def test_a_sentence_naming_what_it_describes_in_brackets_defines_that_name():
    from knowledge.concepts import sentence_concept

    named = sentence_concept("Voorkom dat vrijwilligers het werk van betaalde krachten overnemen (verdringing).")
    assert named.name == "Verdringing" and "betaalde krachten" in named.definition
    assert sentence_concept("Elke campagne heeft een einddatum en een maximum (het 'plafond').").name == "Plafond"
    # An aside, an example list or a short label is no name for the sentence.
    for sentence in ("Dat doen we samen met andere bedrijven in de regio (zie kader).",
                     "Wij werken met boeren in twee landen (Kenia en Oeganda).", "Het gaat om bedrijven (mkb)."):
        assert sentence_concept(sentence) is None, sentence


def test_new_plain_factsheet_is_included_and_searchable(tmp_path):
    folder = tmp_path / "factsheets"
    shutil.copytree(FACTSHEETS_DIR, folder)
    (folder / "social-return.txt").write_text(
        "Social return on investment\n\n"
        "Social return on investment (SROI) is een methode om de maatschappelijke waarde van een project "
        "in geld uit te drukken. Gemeenten vragen steeds vaker om SROI bij aanbestedingen.\n\n"
        "Risico's\nEen risico van SROI is dat alleen meetbare effecten tellen.\n", encoding="utf-8")
    counts = build(folder, tmp_path / "kb.db")
    assert counts["factsheets"] == 3
    index = load_index(tmp_path / "kb.db")
    best = index.search(index.analyse("Wat is social return on investment?"))[0]
    assert best.passage.title == "Social return on investment" and "maatschappelijke waarde" in best.unit.text
    risk = index.search(index.analyse("Wat is een risico van SROI?"))[0]
    assert risk.passage.section == "Risico's" and "meetbare effecten" in risk.unit.text


def test_pdf_factsheet(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder = tmp_path / "factsheets"
    folder.mkdir()
    fig = plt.figure(figsize=(8.27, 11.69))
    lines = ["Vrijwilligerswerk via bedrijven", "", "Bedrijven kunnen werknemers een dag vrij geven",
             "voor vrijwilligerswerk bij een stichting in de buurt."]
    for i, line in enumerate(lines):
        fig.text(0.1, 0.9 - i * 0.03, line, fontsize=12)
    fig.savefig(folder / "vrijwilligers.pdf")
    plt.close(fig)
    build(folder, tmp_path / "kb.db")
    index = load_index(tmp_path / "kb.db")
    assert "stichting" in index.search(index.analyse("vrijwilligerswerk stichting"))[0].unit.text


def test_an_outdated_knowledge_base_asks_for_a_rebuild(tmp_path):
    old = sqlite_utils.Database(str(tmp_path / "old.db"))
    old["passages"].insert({"id": "x", "text": "oud"})
    old.close()
    with pytest.raises(KnowledgeBaseOutdated, match="make kb"):
        load_index(tmp_path / "old.db")
