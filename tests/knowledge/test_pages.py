"""Factsheets shaped like web pages and Markdown: the article is kept, the page around it is not."""
from knowledge import parse_text
from knowledge.pages import inline_markdown, is_furniture_line, markdown_to_text, text_tables

WEB_PAGE = """Naar hoofdinhoud
Home | Over ons | Kennisbank | Contact

Vrijwilligerswijzer

Home > Kennisbank > Vrijwilligers

Vrijwilligers werven via bedrijven

Gepubliceerd op 12 maart 2024
Door Sanne de Boer

Steeds meer stichtingen werven vrijwilligers via bedrijven. Dat vraagt een goede voorbereiding.

Lees ook: Zo schrijf je een vacature voor vrijwilligers

Wat werkt?
Een vaste contactpersoon bij het bedrijf maakt het verschil. Door samenwerking bereik je meer mensen.

Meer weten? Vraag naar Piet Jansen.

Wij gebruiken cookies om deze website te verbeteren.
Delen: Facebook Twitter LinkedIn

Vrijwilligers behouden
Tips om vrijwilligers langer aan je te binden, van onboarding tot bedankje...

Terug naar boven
"""

MARKDOWN = """# Sponsoring in het kort

Bij **sponsoring** krijgt de sponsor een *tegenprestatie*, zie [de gids](https://example.org/gids).

## Vormen

| Vorm | Tegenprestatie? | Motief |
|---|---|---|
| Sponsoring | Ja | Imago |
| Gift | Nee | Betrokkenheid |

> **Tip:** leg afspraken schriftelijk vast.

- Eerste punt
- Tweede punt
"""


def all_text(factsheet):
    return "\\n".join(p.text for p in factsheet.passages())


def test_web_page_keeps_the_article_and_drops_the_page_around_it():
    fs = parse_text(WEB_PAGE, source_file="vrijwilligers.txt")
    assert fs.title == "Vrijwilligers werven via bedrijven"
    text = all_text(fs)
    assert "vaste contactpersoon" in text and "Door samenwerking bereik je meer mensen." in text
    assert "Vraag naar Piet Jansen" in text  # a contact teaser is content: who to ask
    # A teaser for another article is what the page shows a reader: kept apart, under 'Lees meer'.
    assert [s.heading for s in fs.sections] == ["Inleiding", "Wat werkt?", "Lees meer"]
    assert [e.text for e in fs.sections[-1].elements] == [
        "Vrijwilligers behouden. Tips om vrijwilligers langer aan je te binden, van onboarding tot bedankje..."]
    for furniture in ("Kennisbank", "Gepubliceerd", "Sanne de Boer", "Lees ook", "cookies", "LinkedIn",
                      "Terug naar boven", "hoofdinhoud", "Vrijwilligerswijzer"):
        assert furniture not in text, furniture


def test_a_wrapped_line_that_starts_like_a_byline_is_text():
    fs = parse_text("Titel\n\nHet WNF stopte de samenwerking nadat Essent was overgenomen\n"
                    "door het energieconcern RWE. Dat was in 2009.\n", source_file="t.txt")
    assert "door het energieconcern RWE" in all_text(fs)


def test_markdown_becomes_plain_text_with_headings_lists_and_tables():
    fs = parse_text(MARKDOWN, source_file="sponsoring.md")
    assert fs.title == "Sponsoring in het kort" and [s.heading for s in fs.sections] == ["Inleiding", "Vormen"]
    text = all_text(fs)
    assert "Bij sponsoring krijgt de sponsor een tegenprestatie, zie de gids (https://example.org/gids)." in text
    assert "- Sponsoring: Tegenprestatie: Ja; Motief: Imago." in text
    assert "Tip: leg afspraken schriftelijk vast." in text and "**" not in text and "|" not in text


def test_markdown_helpers():
    assert inline_markdown("**a** en __b__ en *c*") == "a en b en c"
    title, body = markdown_to_text("# T\n\n## Kop\ntekst")
    assert title == "T" and "Kop" in body and "#" not in body
    assert is_furniture_line("Home > Nieuws > Artikel") and not is_furniture_line("Kosten > baten.")


def test_a_pdf_without_a_title_line_is_named_after_its_file():
    fs = parse_text("In deze tijd van groeiende aandacht voor maatschap-\npelijke vraagstukken werken\n"
                    "organisaties samen.\n", source_file="partnerschappen-in-de-zorg.txt")
    assert fs.title == "Partnerschappen in de zorg"
    assert all_text(fs).startswith("In deze tijd van groeiende aandacht voor maatschappelijke")


WIKI_PAGE = """Naar navigatie springen   Naar zoeken springen
KennisWiki - over samenwerking tussen goede doelen en bedrijven
Hoofdpagina | Recente wijzigingen | Willekeurige pagina | Hulp
Artikel   Overleg                     Lezen   Bewerken   Geschiedenis

Matchfunding

Matchfunding is een vorm van financiering waarbij een fonds elke gedoneerde
euro verdubbelt.[1] De term werd rond 2012 populair.[2]

Geschiedenis[bewerken]
De eerste Nederlandse regeling startte in 2013 bij een cultuurfonds.[1]

 Jaar  | Regeling          | Bijdrage
 ------+-------------------+-------------
 2013  | Cultuurfonds      | 1 op 1
 2016  | Provinciefonds    | tot 5.000 euro

Referenties
1. ^ Jansen (2014), 'Matchfunding in Nederland'.
2. ^ Een krantenartikel uit 2012.

Deze pagina is voor het laatst bewerkt op 14 maart 2024 om 10:12.
Privacybeleid | Over KennisWiki | Disclaimers
"""


def test_a_wiki_page_keeps_its_article_under_the_title_it_is_saved_by():
    fs = parse_text(WIKI_PAGE, source_file="matchfunding.txt")
    assert fs.title == "Matchfunding"
    text = "\n".join(p.text for p in fs.passages())
    assert "KennisWiki" not in text and "Overleg" not in text and "laatst bewerkt" not in text
    assert "[1]" not in text and "[bewerken]" not in text and "^" not in text
    assert [s.heading for s in fs.sections] == ["Inleiding", "Geschiedenis", "Referenties"]
    assert "- 2016: Regeling: Provinciefonds; Bijdrage: tot 5.000 euro." in text


def test_a_table_drawn_with_bars_becomes_items_and_a_menu_line_stays_a_line():
    rows = ["Jaar | Plaats | Deelnemers", "2019 | Utrecht | 40", "2020 | Gent | 55"]
    assert text_tables(rows)[1:-1] == ["- 2019: Plaats: Utrecht; Deelnemers: 40.", "- 2020: Plaats: Gent; Deelnemers: 55."]
    menu = ["Home | Over ons | Contact", "Welkom op onze site."]
    assert text_tables(menu) == menu
    assert is_furniture_line("Artikel   Overleg   Lezen   Bewerken")
    assert not is_furniture_line("2016   Textiel   5 jaar")
    # A byline's separators are not words: the line is as short as its parts.
    assert is_furniture_line("Gepubliceerd op 12 maart 2025 \u00b7 Door Marloes Hengeveld \u00b7 Leestijd: 7 minuten")
    # ... nor are they needed when the page set each part in its own element.
    assert is_furniture_line("Door Marloes Hengeveld 12 maart 2025 Leestijd: 7 minuten")
    assert is_furniture_line("Door Marloes Hengeveld op 12 maart 2025")
    assert is_furniture_line("Door Marloes Hengeveld 12-03-2025")
    assert not is_furniture_line("Door Shell 14 procent minder uitstoot")


PDF_TEXT = """               SAMENWERKEN MET SCHOLEN
     Een handreiking voor bedrijven

INHOUD
1. Waarom scholen? ........................................ 2
2. Hoe begin je? ........................................... 3

Handreiking Scholen | pagina 1
1. Waarom scholen?
Scholen zoeken stageplaatsen, gastlessen en opdrachten voor hun
leerlingen. Een bedrijf vindt er toekomstige medewerkers en laat
zien wat het vak inhoudt. Beide partijen winnen er dus bij.\u00b9
______________________________
\u00b9 Onderzoek van 2021.
Handreiking Scholen | pagina 2
2. Hoe begin je?
Begin klein, met een gastles of een bedrijfsbezoek, en bouw de
samenwerking daarna stap voor stap uit. Spreek vooraf af wie het
aanspreekpunt is, en wat beide partijen van elkaar verwachten.
- Bel de stagecoordinator.
- Maak een afspraak.
Handreiking Scholen | pagina 3
"""


def test_a_pdf_brochure_loses_its_running_lines_and_contents_and_keeps_numbered_headings():
    fs = parse_text(PDF_TEXT, source_file="scholen.txt")
    assert fs.title == "Samenwerken met scholen"
    assert [s.heading for s in fs.sections][-2:] == ["Waarom scholen?", "Hoe begin je?"]
    text = "\n".join(p.text for p in fs.passages())
    assert "pagina" not in text and "....." not in text and "___" not in text
    # The footnote below the ruling line is a paragraph of its own, not the end of the one above it, without its mark.
    assert [p.text for p in fs.passages() if p.section == "Waarom scholen?"][-1] == "Onderzoek van 2021."
    assert [p.kind for p in fs.passages() if p.section == "Hoe begin je?"] == ["paragraph", "list"]


def test_a_news_page_is_titled_by_its_headline_under_a_menu_of_spaced_and_barred_items():
    page = ("Home | Over ons | Projecten | Contact\n"
            "Zoeken                                   Doneer | Inloggen\n\n"
            "Home > Nieuws > Bedrijfsleven en goede doelen werken samen aan schone stranden\n\n"
            "Strandpaviljoens en Stichting Schone Kust gaan samen de strijd aan met zwerfafval op het strand\n\n"
            "Vijftig strandpaviljoens zetten deze zomer inzamelbakken neer. De stichting haalt het afval op.\n")
    fs = parse_text(page, source_file="nieuws-stranden.txt")
    assert fs.title == ("Strandpaviljoens en Stichting Schone Kust gaan samen de strijd aan met zwerfafval "
                        "op het strand")
    text = all_text(fs)
    assert "Zoeken" not in text and "Home" not in text and "Vijftig strandpaviljoens" in text


def test_a_single_line_without_a_full_stop_is_text_not_a_title():
    fs = parse_text("Het WNF stopte de samenwerking nadat Essent was overgenomen door RWE\n", source_file="t.txt")
    assert "Het WNF stopte" in all_text(fs)


def test_a_long_question_on_its_own_line_heads_a_faq_answer():
    fs = parse_text("Productdonaties\n\nBedrijven geven spullen weg. Dat helpt.\n\n"
                    "Wat doen we met gedoneerde laptops aan het einde van hun levensduur?\n\n"
                    "Spreek af wie verantwoordelijk is voor recycling.\n", source_file="p.txt")
    sections = {p.section: p.text for p in fs.passages()}
    assert "recycling" in sections["Wat doen we met gedoneerde laptops aan het einde van hun levensduur?"]


def test_a_contact_box_keeps_its_heading_and_the_name_in_its_text():
    fs = parse_text("Social Return\n\nGemeenten vragen een tegenprestatie. Dat heet Social Return.\n\nCONTACT\n\n"
                    "Sanne Hoekstra\nAdviseur Social Return\nStichting Brug naar Werk\n"
                    "E-mail: s.hoekstra@brugnaarwerk.nl\n", source_file="s.txt")
    contact = [p for p in fs.passages() if "brugnaarwerk" in p.text]
    assert contact and contact[0].section.lower() == "contact" and "Sanne Hoekstra" in contact[0].text


def test_a_table_set_in_columns_by_spaces_becomes_items_with_wrapped_cells_joined():
    rows = ["Keurmerk        Sinds   Producten",
            "Max Havelaar /  1988    koffie, bananen,",
            "Fairtrade               cacao",
            "FSC             1993    hout, papier",
            "                        en karton",
            "UTZ (nu Rainfor-1997    koffie"]
    # The last line runs across a column's start: the table has ended.
    assert text_tables(rows) == ["", "- Max Havelaar / Fairtrade: Sinds: 1988; Producten: koffie, bananen, cacao.",
                                 "- FSC: Sinds: 1993; Producten: hout, papier en karton.", "",
                                 "UTZ (nu Rainfor-1997    koffie"]
    aligned = ["Indicator          2023    2024", "Gemeenten          3       11", "Bereikte ouderen   1.950   3.400",
               "Vrijwilligersuren  -       2.600"]
    assert text_tables(aligned)[1:-1] == ["- Gemeenten: 2023: 3; 2024: 11.", "- Bereikte ouderen: 2023: 1.950; 2024: 3.400.",
                                          "- Vrijwilligersuren: 2024: 2.600."]


def test_a_table_with_tabs_becomes_items_and_key_values_or_prose_stay_lines():
    tabbed = ["Vorm\tRisico\tDuur", "Datathon\tMiddel\t1-3 dagen", "Open data\tHoog\t6-12 maanden"]
    assert text_tables(tabbed)[1:-1] == ["- Datathon: Risico: Middel; Duur: 1-3 dagen.",
                                         "- Open data: Risico: Hoog; Duur: 6-12 maanden."]
    key_values = ["Start programma:      september 2021", "Jongeren per jaar:    48", "Kosten:               6.400 euro"]
    assert text_tables(key_values) == key_values
    prose = ["Een bedrijf dat  meedoet krijgt veel terug.", "De ngo kent de doelgroep goed en  weet wat werkt.",
             "Samen bereiken ze meer dan alleen."]
    assert text_tables(prose) == prose
