"""Building the knowledge base: tables, labels, concepts, idempotence, new factsheets."""
import shutil
import time

import sqlite_utils

from core.settings import FACTSHEETS_DIR
from knowledge import KnowledgeBase, build


def rows(path, table):
    return list(sqlite_utils.Database(str(path))[table].rows)


def test_tables_and_counts(kb_path):
    db = sqlite_utils.Database(str(kb_path))
    assert {"factsheets", "passages", "concepts", "passages_fts", "concepts_fts"} <= set(db.table_names())
    titles = {r["id"]: r["title"] for r in db["factsheets"].rows}
    assert titles == {
        "ncdo-partnerschappen-ngos-bedrijven": "NCDO-factsheet Partnerschappen tussen ngo's en bedrijven",
        "mvo-vlaanderen-samenwerkingsverbanden": "MVO Vlaanderen: Samenwerkingsverbanden",
    }
    assert db["passages"].count >= 20


def test_rebuild_is_idempotent_and_fast(tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    started = time.perf_counter()
    build(FACTSHEETS_DIR, first)
    assert time.perf_counter() - started < 5
    build(FACTSHEETS_DIR, second)
    for table in ("factsheets", "passages", "concepts"):
        assert rows(first, table) == rows(second, table)
    # Rebuilding over an existing file replaces it with the same rows.
    build(FACTSHEETS_DIR, first)
    assert rows(first, "passages") == rows(second, "passages")


def test_topic_labels(kb):
    passages = kb.passages()

    def topics_of(start):
        return next(p.topics for p in passages if p.text.startswith(start))

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


def test_concepts(kb):
    forms = [c.name for c in kb.concepts("samenwerkingsvorm")]
    assert forms[:12] == [
        "Cause related marketing", "Co-branding en/of shared product", "Inzamelen van middelen",
        "Employee involvement", "Opleiding en bewustmaking van een extern publiek", "Thematische ontmoetingen",
        "Mecenaat", "Sponsoring", "Opleiding en bewustmaking van het bedrijfspersoneel", "Audit",
        "Verantwoorde commerciële praktijken", "Levering van specifieke, deskundige competenties"]
    assert forms[12:] == ["Filantropische vorm", "Transactionele vorm", "Geïntegreerde vorm"]
    assert [c.name for c in kb.concepts("succesfactor")] == [
        "Commitment", "Communicatie", "Coördinatie", "Gedeelde verwachtingen en accountability"]
    assert [c.name for c in kb.concepts("route")] == ["Issue-route", "Kans-route"]
    crm = kb.concept("mvo-vlaanderen-samenwerkingsverbanden:cause-related-marketing")
    assert crm.example == "Douwe Egberts en de Voedselbanken" and "Voorbeeld" not in crm.definition
    assert crm.section == "Vormen van samenwerking"
    assert kb.concept("mvo-vlaanderen-samenwerkingsverbanden:employee-involvement").aliases == [
        "werknemers-vrijwilligerswerk"]
    assert "verschillende sectoren" in kb.concept("ncdo-partnerschappen-ngos-bedrijven:cross-sectoraal-partnerschap").definition


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
    kb = KnowledgeBase(tmp_path / "kb.db")
    hit = kb.search("Wat is social return on investment?")[0]
    assert hit.factsheet_title == "Social return on investment" and "maatschappelijke waarde" in hit.text
    risk = kb.search("risico sroi", topic="risico's")[0]
    assert risk.section == "Risico's" and "meetbare effecten" in risk.text


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
    hits = KnowledgeBase(tmp_path / "kb.db").search("vrijwilligerswerk stichting")
    assert hits and "stichting" in hits[0].text
