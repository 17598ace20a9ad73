from knowledge.text import (
    fold, hyphenated_words, list_marker, normalise_chars, split_sentences, strip_footnotes, truncate, unwrap,
)


def test_hyphenated_words_are_rejoined():
    assert unwrap(["aandacht voor maatschap-", "pelijke vraagstukken"]) == "aandacht voor maatschappelijke vraagstukken"


def test_hyphen_with_trailing_space_is_rejoined():
    assert unwrap(["centrum voor inter- ", "nationale samenwerking"]) == "centrum voor internationale samenwerking"


def test_suspended_compound_keeps_its_hyphen():
    assert unwrap(["een omgevings-", "en risicoanalyse"]) == "een omgevings- en risicoanalyse"


def test_hyphen_before_capital_is_kept():
    assert unwrap(["de Noord-", "Brabantse partners"]) == "de Noord-Brabantse partners"


def test_lines_are_unwrapped_into_one_sentence():
    assert unwrap(["Een cross-sectoraal partnerschap ", "houdt in, dat organisaties"]) == \
        "Een cross-sectoraal partnerschap houdt in, dat organisaties"


def test_footnote_after_sentence_end():
    assert strip_footnotes("met ngo's of publieke organisaties.1") == "met ngo's of publieke organisaties."


def test_footnote_glued_to_word():
    assert strip_footnotes("succes van partners10 en") == "succes van partners en"
    assert strip_footnotes("drie vormen van samenwerking2: ") == "drie vormen van samenwerking: "
    assert strip_footnotes("bedrijven van Europa8, zou") == "bedrijven van Europa, zou"


def test_lone_footnote_at_line_end():
    assert strip_footnotes("maatschappelijk verantwoord ondernemen. 6") == "maatschappelijk verantwoord ondernemen."


def test_numbers_that_are_content_stay():
    line = "in 2009 zijn 20 partnerschappen en 7 principes, E-5 Mode, CO2 en www.site.nl/pagina2"
    assert strip_footnotes(line) == line


def test_markers_of_web_pages_and_pdfs_go():
    assert strip_footnotes("verbonden.[2] De term[1][3] ontstond") == "verbonden. De term ontstond"
    assert strip_footnotes("Definitie en afbakening[bewerken]") == "Definitie en afbakening"
    assert strip_footnotes("een premie\u00b9 voor boeren\u00b2, zegt [noot 4] men") == "een premie voor boeren, zegt men"


def test_a_number_after_an_opening_quote_or_a_unit_is_content():
    for line in ["de formule '1 pak = 1 vaccin' werkt", "een kantoor van 200 m\u00b2 en 3 km\u00b2", "(3 jaar)"]:
        assert strip_footnotes(line) == line
    assert strip_footnotes("zo heet het 'merk'2 daar") == "zo heet het 'merk' daar"


def test_a_word_the_text_writes_with_a_hyphen_keeps_it_across_a_line_end():
    seen = hyphenated_words("Cause-related marketing is geen e-mail.\nMaar ook niet maatschap-\npelijk.")
    assert seen == {"cause-related", "e-mail"}
    assert unwrap(["van filantropie. Cause-", "related marketing en maatschap-", "pelijk"], seen) == \
        "van filantropie. Cause-related marketing en maatschappelijk"


def test_a_wiki_references_back_link_is_no_text():
    assert list_marker("1. ^ Varadarajan & Menon (1988)") == ("numbered", 1, "Varadarajan & Menon (1988)")
    assert list_marker("\u2022 ^ a b Jansen, 2019") == ("bullet", None, "Jansen, 2019")


def test_broken_bullet_glyphs_are_list_markers():
    assert list_marker("\ufffd\ufffd \ufffdCommitment: de mate") == ("bullet", None, "Commitment: de mate")
    assert list_marker(" \u2022 hogere credibiliteit") == ("bullet", None, "hogere credibiliteit")
    assert list_marker("1. \ufffdDe filantropische vorm") == ("numbered", 1, "De filantropische vorm")
    assert list_marker("Gewone zin zonder opsomming") is None


def test_a_checklists_boxes_are_list_markers():
    # Markdown task lists ('- [ ] ...'), boxes typed as text at a line's start, and box glyphs.
    assert list_marker("- [ ] Doelen zijn omschreven") == ("bullet", None, "Doelen zijn omschreven")
    assert list_marker("* [x] Tekenbevoegdheid gecontroleerd") == ("bullet", None, "Tekenbevoegdheid gecontroleerd")
    assert list_marker("[ ] Is er een klachtenprocedure?") == ("bullet", None, "Is er een klachtenprocedure?")
    assert list_marker("\u2610 Weet u wat het kost?") == ("bullet", None, "Weet u wat het kost?")
    assert list_marker("[1] Jansen, 2019") is None


def test_markdown_footnotes_go():
    assert strip_footnotes("wat partijen mochten verwachten.[^1] Staan er") == "wat partijen mochten verwachten. Staan er"
    assert strip_footnotes("[^noot-2]: Dit is het Haviltex-criterium.").strip() == "Dit is het Haviltex-criterium."


def test_characters_are_normalised():
    assert normalise_chars("ngo\u2019s\u00a0en \u2018merk\u2019  \r\n") == "ngo's en 'merk'\n"


def test_sentences_keep_addresses_and_abbreviations():
    text = "Kijk op www.ncdo.nl/weten voor meer. Mail naar info@ncdo.nl. Dit is bijv. handig. Klaar?"
    assert split_sentences(text) == [
        "Kijk op www.ncdo.nl/weten voor meer.", "Mail naar info@ncdo.nl.", "Dit is bijv. handig.", "Klaar?"]


def test_fold_and_truncate():
    assert fold("Coördinatie GEÏNTEGREERD") == "coordinatie geintegreerd"
    assert truncate("een twee drie vier", 12) == "een twee\u2026"
    assert len(truncate("x" * 50 + " y", 20)) <= 20
