"""Web pages saved as HTML: the article's text, shaped as parse.py reads Markdown, and nothing around it."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from knowledge import factsheet_files, read_factsheet
from knowledge.html import html_to_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
MARKDOWN = Path(__file__).resolve().parents[1] / "eval" / "factsheets" / "sponsorovereenkomst.md"


def passages(factsheet):
    return [(p.section, p.kind, p.text) for p in factsheet.passages()]


@pytest.mark.parametrize("landmarks", [True, False])
def test_a_saved_page_reads_as_its_markdown_version(landmarks, tmp_path):
    # The same factsheet as a web page, with <main>/<article> and (as many sites) without: menus, search, cookie
    # dialog, breadcrumbs, byline, share line, side bar and footer around it; a table; links.
    page = (FIXTURES / "sponsorovereenkomst.html").read_text(encoding="utf-8")
    if not landmarks:
        page = page.replace('<main id="content">', '<div id="content">').replace("</main>", "</div>")
        page = page.replace('<article class="post">', '<div class="entry">').replace("</article>", "</div>")
        assert "<main" not in page and "<article" not in page
    (tmp_path / "sponsorovereenkomst.html").write_text(page, encoding="utf-8")
    html = read_factsheet(tmp_path / "sponsorovereenkomst.html")
    markdown = read_factsheet(MARKDOWN)
    assert html.title == markdown.title
    assert passages(html) == passages(markdown)
    text = "\n".join(p.text for p in html.passages())
    for furniture in ("Kennisbank", "cookies", "Facebook", "Lees ook", "Disclaimer", "dataLayer", "Zoek"):
        assert furniture not in text


def test_html_shapes():
    text = html_to_text(
        "<html><head><title>Over ons \u2013 Stichting X</title><style>p {color: red}</style></head><body>"
        "<div hidden>verborgen</div><p>Wij helpen:<ul><li><p>eerst kijken<li>dan <a href='https://x.nl/a'>doen</a>"
        "</ul><script>var a = 1;</script><p>Mail <a href='mailto:info@x.nl'>info@x.nl</a>"
        "<table><tr><th>Vorm</th><th>Tegenprestatie</th></tr><tr><td>Gift</td><td>Nee</td></tr></table>"
        "<div role='navigation'>Home Over ons</div></body></html>")
    assert text.startswith("# Over ons\n")          # no <h1>: the page title without the site's name
    assert "Wij helpen:\n- eerst kijken\n- dan doen (https://x.nl/a)" in text
    assert "Mail info@x.nl" in text and "info@x.nl (mailto" not in text
    assert "| Vorm | Tegenprestatie |\n|---|---|\n| Gift | Nee |" in text
    for hidden in ("verborgen", "color", "var a", "Home"):
        assert hidden not in text
    # A table without <th>: its first row names the columns all the same.
    assert "| Vorm | Prijs |\n|---|---|\n| Gift | 0 |" in html_to_text(
        "<table><tr><td>Vorm</td><td>Prijs</td></tr><tr><td>Gift</td><td>0</td></tr></table>")


SIDE_BAR_PAGE = """<html><body><main><article><h1>Partnerscreening</h1>
<p>Een ngo toetst een bedrijf voordat het partner wordt.</p></article>
<aside class="sidebar">
  <section><h2>Lees ook</h2><ul><li><a href="/a"><strong>Vijf clausules</strong></a><p>Waar je op let.</p></li></ul>
  </section>
  <section><h2>Vragen over screening?</h2>
    <p><strong>Joost van der Meulen</strong><br>Adviseur integriteit</p>
    <p>E-mail: <a href="mailto:j@kennisplein.example">j@kennisplein.example</a><br>Telefoon: 030 760 42 18</p>
  </section>
  <section><h2>Nieuwsbrief</h2><p>Schrijf je in voor onze nieuwsbrief.</p></section>
</aside></main>
<footer><p>Kennisplein<br>Postbus 1<br>Telefoon: 030 111 22 33</p></footer></body></html>"""


def test_of_a_side_bar_only_its_contact_box_is_kept_as_one_block(tmp_path):
    # Its teasers and sign-up are not the article's; its box with a name, role, e-mail and number is, under its
    # heading, not split into headings by the <br>s and <p>s the site set it in. The footer stays out.
    (tmp_path / "screening.html").write_text(SIDE_BAR_PAGE, encoding="utf-8")
    found = passages(read_factsheet(tmp_path / "screening.html"))
    assert found[-1][0] == "Vragen over screening?"
    assert found[-1][2].startswith("Joost van der Meulen Adviseur integriteit E-mail: j@kennisplein.example")
    assert "030 760 42 18" in found[-1][2]
    text = "\n".join(t for _, _, t in found)
    for left_out in ("Vijf clausules", "nieuwsbrief", "Postbus", "030 111 22 33"):
        assert left_out not in text


def test_an_aside_inside_the_article_is_the_articles_own_box():
    # A case or fact box the article sets in an <aside> is its text; the side bar beside the article is not.
    text = html_to_text("""<main><article><h1>Een partnerschap afsluiten</h1><p>Spreek een termijn af.</p>
<aside class="case"><h3>Praktijkvoorbeeld</h3><p>De brouwerij haalde 240.000 euro op.</p></aside></article>
<aside class="sidebar"><h2>Lees ook</h2><p>Vijf clausules</p></aside></main>""")
    assert "### Praktijkvoorbeeld\n\nDe brouwerij haalde 240.000 euro op." in text
    assert "Vijf clausules" not in text


def test_a_newsletter_sign_up_and_share_buttons_named_so_by_class_are_left_out_but_comments_stay():
    text = html_to_text("""<main><article><h1>Afscheid nemen</h1><p>Spreek een termijn af.</p></article>
<div class="share-buttons"><a href="/x">LinkedIn</a> <a href="/y">E-mail</a></div>
<section class="comments"><p>Goede vraag. Stuur een ingebrekestelling met een termijn van 14 dagen.</p></section>
<section class="newsletter"><h2>Blijf op de hoogte</h2><p>Ontvang elke maand tips in je mailbox.</p></section></main>""")
    assert "Spreek een termijn af." in text and "14 dagen" in text
    for left_out in ("LinkedIn", "Blijf op de hoogte", "mailbox"):
        assert left_out not in text


def test_a_line_break_goes_on_in_the_same_block():
    assert "Eerste regel\nTweede regel\n" in html_to_text("<p>Eerste regel<br>Tweede regel</p>")
    assert "| Naam | Adres |\n|---|---|\n| Kantoor | Straat 1 Utrecht |" in html_to_text(
        "<table><tr><th>Naam</th><th>Adres</th></tr><tr><td>Kantoor</td><td>Straat 1<br>Utrecht</td></tr></table>")


def test_html_factsheets_are_found_next_to_the_others(tmp_path):
    (tmp_path / "pagina.html").write_text("<h1>Titel</h1><p>Tekst.</p>", encoding="utf-8")
    (tmp_path / "notities.odt").write_bytes(b"")
    assert [p.name for p in factsheet_files(tmp_path)] == ["pagina.html"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<li>", "</ul>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "<h2>",
                                 "</h2>", "<nav>", "</nav>", "<a href='https://x.nl'>", "</a>", "<script>", "&amp;",
                                 "<main>", "</article>", "<br>", "<aside>", "</aside>", "tekst ", "Wat? ", "\n",
                                 "&#0;"])))
def test_any_markup_gives_text_and_never_raises(pieces):
    text = html_to_text("".join(pieces))
    assert isinstance(text, str) and "<" not in text   # no tag comes through as text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_text(raw):
    assert isinstance(html_to_text(raw), str)
