"""Word documents (.docx): paragraphs by style, lists, tables, runs split anywhere; read as Markdown would be."""
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from knowledge import FactsheetError, factsheet_files, read_factsheet

MARKDOWN = Path(__file__).resolve().parents[1] / "eval" / "factsheets" / "sponsorovereenkomst.md"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def runs(text: str) -> str:
    # Word splits a paragraph into runs wherever formatting or revision marks change, even inside a word.
    pieces = [text[i:i + 7] for i in range(0, len(text), 7)] or [""]
    return "".join('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % escape(p) for p in pieces)


def paragraph(text: str, style: str = "", numbered: bool = False) -> str:
    props = ('<w:pStyle w:val="%s"/>' % style if style else "") + (
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else "")
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % props if props else "", runs(text))


def table(rows) -> str:
    return "<w:tbl>%s</w:tbl>" % "".join(
        "<w:tr>%s</w:tr>" % "".join("<w:tc>%s</w:tc>" % paragraph(c) for c in row) for row in rows)


def write_docx(path: Path, body: str) -> Path:
    with zipfile.ZipFile(str(path), "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s'
                   '<w:sectPr/></w:body></w:document>' % (W, body))
    return path


def plain(md: str) -> str:
    """Inline Markdown as Word shows it: no emphasis marks, a link's address after its text."""
    md = re.sub(r"\*\*(.+?)\*\*", r"\1", md)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 (\2)", md)


def docx_from_markdown(md: str, title_style: str, heading_style: str) -> str:
    body, lines, i = [], md.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("# "):
            body.append(paragraph(line[2:], title_style))
        elif line.startswith("## "):
            body.append(paragraph(line[3:], heading_style))
        elif line.startswith("- "):
            body.append(paragraph(plain(line[2:]), numbered=True))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not set(lines[i]) <= set("|-: "):
                    rows.append([plain(c.strip()) for c in lines[i].strip().strip("|").split("|")])
                i += 1
            body.append(table(rows))
            continue
        elif line.startswith("> "):
            body.append(paragraph(plain(line[2:]), "Quote"))
        elif line.strip():
            body.append(paragraph(plain(line)))
        i += 1
    return "".join(body)


@pytest.mark.parametrize("title_style,heading_style", [("Title", "Heading1"), ("Titel", "Kop1")])
def test_a_word_document_reads_as_its_markdown_version(tmp_path, title_style, heading_style):
    md = MARKDOWN.read_text(encoding="utf-8")
    doc = read_factsheet(write_docx(tmp_path / "sponsorovereenkomst.docx",
                                    docx_from_markdown(md, title_style, heading_style)))
    expected = read_factsheet(MARKDOWN)
    assert doc.title == expected.title
    assert [(p.section, p.kind, p.text) for p in doc.passages()] == [
        (p.section, p.kind, p.text) for p in expected.passages()]


def test_without_a_title_style_the_opening_heading_is_the_title(tmp_path):
    body = paragraph("Matchfunding", "Heading1") + paragraph("Wat is het?", "Heading2") + paragraph(
        "Een fonds verdubbelt wat de crowd geeft.") + paragraph("Drie stappen:") + "".join(
        paragraph(s, "ListParagraph") for s in ("kiezen;", "werven;", "verantwoorden."))
    doc = read_factsheet(write_docx(tmp_path / "matchfunding.docx", body))
    assert doc.title == "Matchfunding"
    assert [(p.section, p.kind) for p in doc.passages()] == [("Wat is het?", "paragraph"), ("Wat is het?", "list")]
    assert doc.passages()[1].text == "Drie stappen:\n- kiezen;\n- werven;\n- verantwoorden."


def test_a_broken_word_file_is_a_factsheet_error(tmp_path):
    (tmp_path / "kapot.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FactsheetError):
        read_factsheet(tmp_path / "kapot.docx")
    assert [p.name for p in factsheet_files(tmp_path)] == ["kapot.docx"]
