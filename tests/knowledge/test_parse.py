"""Parsing the real factsheets and small fixtures."""
import pytest

from core.settings import FACTSHEETS_DIR
from knowledge import FactsheetError, parse_text, read_factsheet

NCDO = FACTSHEETS_DIR / "ncdo-partnerschappen-ngos-bedrijven.txt"
MVO = FACTSHEETS_DIR / "mvo-vlaanderen-samenwerkingsverbanden.txt"


@pytest.fixture(scope="module")
def ncdo():
    return read_factsheet(NCDO)


@pytest.fixture(scope="module")
def mvo():
    return read_factsheet(MVO)


def all_text(factsheet):
    return "\n".join(p.text for p in factsheet.passages())


def test_ncdo_sections(ncdo):
    assert [s.heading for s in ncdo.sections] == [
        "Inleiding", "Voordelen", "Risico's", "De succesfactoren voor cross-sectorale samenwerking",
        "De juiste match vinden", "Meer weten?"]
    assert ncdo.title.startswith("NCDO-factsheet") and ncdo.organisation == "NCDO"


def test_ncdo_text_is_clean(ncdo):
    text = all_text(ncdo)
    assert "maatschappelijke vraagstukken" in text
    assert "ngo-bedrijvenpartnerschap" in text
    assert "omgevings- en risicoanalyse" in text
    assert "internationale samenwerking" in text
    for debris in ("\ufffd", "maatschap-", "organisaties.1", "partners10", "samenwerking2", "Europa8", "-\n"):
        assert debris not in text


def test_sentence_split_by_a_page_break_is_rejoined(ncdo):
    assert "waarbij het bedrijf alleen optreedt als financier" in all_text(ncdo)
    assert "organisaties elkaar al 'gevonden' hebben" in all_text(ncdo)


def test_ncdo_lists(ncdo):
    lists = [p for p in ncdo.passages() if p.kind == "list"]
    austin, factors, routes = lists
    assert [i.number for i in austin.items] == [1, 2, 3]
    assert austin.intro.startswith("Harvard-professor James Austin")
    assert [i.text.split(":")[0] for i in factors.items] == [
        "Commitment", "Communicatie", "Coördinatie", "Gedeelde verwachtingen en accountability"]
    assert [i.text.split(",")[0] for i in routes.items] == ["De issue-route", "De kans-route"]


def test_ncdo_contact_block_is_complete(ncdo):
    contact = "\n".join(p.text for p in ncdo.passages() if p.section == "Meer weten?")
    for kept in ("www.ncdo.nl/weten", "Partnership Brokers Training", "Machtelt Oudenhuijzen",
                 "moudenhuijzen@ncdo.nl", "NCDO is het centrum voor burgerschap en internationale samenwerking",
                 "van Nederlanders te vergroten."):
        assert kept in contact


def test_mvo_sections_and_furniture(mvo):
    assert [s.heading for s in mvo.sections] == [
        "Samen bereik je meer", "Voordelen van samenwerking", "Vormen van samenwerking", "Bronnen",
        "Lees meer over samenwerkingsverbanden"]
    text = all_text(mvo)
    for furniture in ("groepsbespreking", "Interview", "Gevel Mundo-a", "bloedafname",
                      "Terug naar boven"):
        assert furniture not in text
    # The interview teasers, each whole, as the page shows them.
    teasers = [e.text for e in mvo.sections[-1].elements]
    assert len(teasers) == 5
    assert teasers[2].startswith("Mundo-b is een vreemde eend") and teasers[2].endswith("en Mundo...")
    assert teasers[4].startswith("Sirris is het collectief centrum")


def test_mvo_bullets_become_list_items(mvo):
    benefits, forms = [p for p in mvo.passages() if p.kind == "list"][:2]
    assert len(benefits.items) == 11 and benefits.items[0].text.startswith("hogere credibiliteit")
    assert len(forms.items) == 12
    assert forms.items[0].text.startswith("Cause related marketing:")
    assert forms.items[-1].text.startswith("Levering van specifieke, deskundige competenties:")
    assert all(line.startswith("- ") for line in forms.text.split("\n")[1:])


def test_plain_factsheet_takes_title_from_first_line():
    fs = parse_text("Samenwerken met scholen\n\nScholen en bedrijven werken samen aan stages.\n",
                    source_file="scholen.txt")
    assert fs.title == "Samenwerken met scholen" and fs.id == "scholen"
    assert fs.sections[0].elements[0].text == "Scholen en bedrijven werken samen aan stages."


def test_a_file_named_by_a_code_is_titled_after_whose_text_it_is():
    # As a crawl or a download names a PDF's text, its cover (the title) left out.
    text = NCDO.read_text(encoding="utf-8").split("---", 2)[2]   # the factsheet as it came, without front matter
    fs = parse_text(text, source_file="000_201cbeda9404dfe5.txt")
    assert fs.title == "Factsheet van NCDO" and fs.organisation == "NCDO"   # www.ncdo.nl, moudenhuijzen@ncdo.nl
    untitled = parse_text("de tekst begint meteen, zonder titel. Zie www.voorbeeld.nl.\n", source_file="7f3a9c2e11d0.txt")
    assert untitled.title == "Factsheet" and untitled.organisation is None
    # A file name of words still names it; a page's link to another site does not make that site its owner.
    named = parse_text("tekst zonder titel, zie www.belastingdienst.nl van de Belastingdienst.\n",
                       source_file="btw-en-sponsoring.txt")
    assert named.title == "Btw en sponsoring" and named.organisation is None


def test_headings_in_wrapped_pdf_text():
    raw = ("Titel\n\nDit is een lange eerste alinea die over meerdere regels\nloopt zoals in een pdf "
           "gebruikelijk is bij het\nextraheren van tekst uit kolommen.\n\nKansen \nEr zijn veel kansen "
           "voor bedrijven die\nsamenwerken met een goede partner in de\nregio.\n")
    fs = parse_text(raw)
    assert [s.heading for s in fs.sections] == ["Inleiding", "Kansen"]
    assert fs.sections[1].elements[0].text.startswith("Er zijn veel kansen voor bedrijven die samenwerken")


def test_a_line_with_a_number_or_an_address_of_its_own_is_no_heading():
    # A contact box set as one line per paragraph: 'Telefoon: 030 760 42 18' over the next line heads nothing.
    raw = ("Titel\n\nDe eerste alinea van de tekst.\n\nContact\n\nTelefoon: 030 760 42 18\n\n"
           "E-mail: info@x-voorbeeld.nl\n\nWij zijn op werkdagen bereikbaar.\n")
    fs = parse_text(raw)
    assert [s.heading for s in fs.sections] == ["Inleiding", "Contact"]
    assert [e.text for e in fs.sections[1].elements][:2] == ["Telefoon: 030 760 42 18", "E-mail: info@x-voorbeeld.nl"]


# A PDF's text layer as pypdf gives it: no blank line inside a page, a running header, a cover of heading lines,
# a table of contents without page numbers, sub-headings between lists, footnotes at the foot of the page.
PDF_PAGES = (
    "Kenniscentrum X \u00b7 Pro bono \u00b7 pagina 1 van 2\nFACTSHEET \u00b7 SAMENWERKING\nPro-bono werk\n"
    "Kennis om niet voor goede doelen\nKenniscentrum X\nIn het kort\n"
    "Steeds meer bedrijven zetten niet alleen geld, maar ook hun vakkennis in voor de\n"
    "samenleving. Een advocaat die kosteloos een stichting adviseert: dat heet pro bono.\n"
    "In deze factsheet\n1. Wat is pro bono?\n2. Wat levert het op?\n3. Risico\u2019s en valkuilen\n\n"
    "Kenniscentrum X \u00b7 Pro bono \u00b7 pagina 2 van 2\n1. Wat is pro bono?\n"
    "Bij pro-bono dienstverlening stelt een bedrijf of een individuele professional zijn\n"
    "vakkennis om niet\u00b9 beschikbaar aan een maatschappelijke organisatie, zoals een\n"
    "stichting, een vereniging of een ngo die anders een marktconform tarief betaalt.\n"
    "2. Wat levert het op?\nEen goed pro-bono project is waardevol voor alle betrokkenen, ook op de lange termijn.\n"
    "Voor de ngo\n\u2022 Toegang tot kennis die anders onbetaalbaar is, met een marktwaarde van\n"
    "duizenden euro\u2019s.\nVoor het bedrijf\n"
    "\u2022 Een sterkere band met de regio en een positief imago bij klanten.\n"
    "3. Risico\u2019s en valkuilen\nGratis betekent niet vrijblijvend: de opdracht kan ongemerkt groeien, en een\n"
    "betalende klant krijgt dan al snel voorrang boven de ngo die op het resultaat wacht.\n"
    "Meer weten?\nWilt u een pro-bono project starten? Neem dan contact op met het kenniscentrum.\n"
    "E-mail: info@x-voorbeeld.nl\nWebsite: www.x-voorbeeld.nl\n\u00b9 Om niet: zonder tegenprestatie.\n")


def test_a_pdf_text_layer_without_blank_lines_keeps_its_headings():
    fs = parse_text(PDF_PAGES, source_file="pro-bono-werk.pdf")
    assert fs.title == "Pro-bono werk"   # from the cover's stack of lines, the one the file is named after
    headings = [s.heading for s in fs.sections]
    # The contents list is gone (its entries are the headings below), its numbered headings are not running lines.
    assert headings == ["In het kort", "Wat is pro bono?", "Wat levert het op?", "Voor de ngo", "Voor het bedrijf",
                        "Risico's en valkuilen", "Meer weten?"]
    texts = [e.text for s in fs.sections for e in s.elements]
    assert "Toegang tot kennis die anders onbetaalbaar is, met een marktwaarde van duizenden euro's." in texts
    # A contact line is no heading; a footnote stands on its own, not run on into the text above it.
    assert any("E-mail: info@x-voorbeeld.nl" in t for t in texts)
    assert texts[-1] == "Om niet: zonder tegenprestatie."


def test_a_real_pdf_brochure_parses_into_its_sections():
    fs = read_factsheet(FACTSHEETS_DIR.parents[1] / "tests" / "eval" / "factsheets" / "pro-bono.pdf")
    assert fs.title == "Pro-bono dienstverlening"
    headings = [s.heading for s in fs.sections]
    for heading in ("Wat is pro bono?", "Vormen van pro bono", "Voor medewerkers", "Risico's en valkuilen",
                    "Tips voor een geslaagd project", "Meer weten?"):
        assert heading in headings
    assert "In deze factsheet" not in headings


def test_numbered_list_stays_a_list():
    fs = parse_text("T\n\nDrie stappen:\n1. Eerst kijken;\n2. Dan praten;\n3. Dan doen.\n")
    passage = fs.passages()[0]
    assert passage.kind == "list" and passage.text == "Drie stappen:\n1. Eerst kijken;\n2. Dan praten;\n3. Dan doen."


def test_a_line_back_at_the_margin_after_an_indented_item_starts_a_paragraph():
    fs = parse_text("T\n\nZes stappen:\n\u2013 risico's opsporen en\n  wegen;\n\u2013 schade herstellen als die\n"
                    "  toch is ontstaan.\nEen bedrijf hoeft niet alles tegelijk te\ndoen. Het begint bij de ernstigste.\n")
    elements = fs.sections[0].elements
    assert [e.kind for e in elements] == ["paragraph", "item", "item", "paragraph"]
    assert elements[2].text == "schade herstellen als die toch is ontstaan."
    assert elements[3].text.startswith("Een bedrijf hoeft niet alles tegelijk te doen.")
    # Items set in from the margin: a line at the margin after them is the next list's intro.
    fs = parse_text("T\n\nVoor het bedrijf:\n  * meer omzet;\n  * trots personeel.\nVoor de ngo:\n  * extra inkomsten.\n")
    assert [(p.intro, len(p.items)) for p in fs.passages()] == [("Voor het bedrijf:", 2), ("Voor de ngo:", 1)]
    # Items wrapped without indentation keep their lines.
    fs = parse_text("T\n\nTwee punten:\n- Eerst kijken wat er\nnodig is.\n- Dan praten.\n")
    assert [e.text for e in fs.sections[0].elements][1:] == ["Eerst kijken wat er nodig is.", "Dan praten."]


def test_a_slide_deck_keeps_its_slide_titles_and_its_notes_apart_from_the_bullets():
    deck = ("Dia 1\nDelen\nKennissessie | pagina 1\n\nDia 2\nWaarom delen?\n\u2022 Meer bereik\n"
            "\u2022 Kern: niet geld geven\nNotities:\nDe term raakte rond 2011 in gebruik, onder meer via een\n"
            "initiatief van de Verenigde Naties.\nKennissessie | pagina 2\n\nDia 3\n"
            "Risico's (2): anonimiseren is echt veel lastiger dan het lijkt\n"
            "\u2022 Pseudonimiseren is geen anonimiseren\n\u2022 Publiceer geen kleine groepen\nKennissessie | pagina 3\n")
    fs = parse_text(deck)
    assert [s.heading for s in fs.sections][-2:] == ["Waarom delen?",
                                                     "Risico's (2): anonimiseren is echt veel lastiger dan het lijkt"]
    why = fs.sections[-2].elements
    assert [e.kind for e in why] == ["item", "item", "paragraph"]
    assert why[1].text == "Kern: niet geld geven"
    assert why[2].text.startswith("Notities: De term raakte rond 2011")


def test_empty_factsheet_is_an_error():
    with pytest.raises(FactsheetError):
        parse_text("   \n\n")
