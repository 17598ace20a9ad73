"""A Word document (.docx), reduced to the Markdown-shaped text that parse.py reads.

Staff write factsheets in Word. A .docx file is a zip of XML: the body's paragraphs carry a
style (Title, Heading 1-6, in any language Word names them: 'Kop1', 'Titel') and list
numbering; tables are rows of cells. Only the standard library is used.
"""
import re
import zipfile
from pathlib import Path
from typing import List
from xml.etree import ElementTree

from .errors import FactsheetError
from .pages import markdown_table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word's built-in style ids, and their Dutch names ('Kop1', 'Titel', 'Lijstalinea').
_HEADING = re.compile(r"^(heading|kop)\s*([1-6])$", re.I)
_TITLE = re.compile(r"^(title|titel)$", re.I)
_LIST_STYLE = re.compile(r"^(list|lijst)", re.I)


def docx_text(path: Path) -> str:
    """The document as '# Title', '## Heading', paragraphs, '- item' and table rows."""
    try:
        with zipfile.ZipFile(str(path)) as archive:
            body = ElementTree.fromstring(archive.read("word/document.xml")).find(_W + "body")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise FactsheetError("cannot read Word document %s: %s" % (Path(path).name, exc)) from exc
    lines: List[str] = []
    for block in (body if body is not None else []):
        if block.tag == _W + "p":
            lines += _paragraph(block)
        elif block.tag == _W + "tbl":
            lines += _table(block)
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and lines[first].startswith("## ") and not any(line.startswith("# ") for line in lines):
        lines[first] = lines[first][1:]   # no Title style: the opening heading is the title
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _text(element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append(" ")
        elif node.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
    return re.sub(r"[ \t\u00a0]+", " ", "".join(parts)).strip()


def _paragraph(p) -> List[str]:
    text = _text(p)
    if not text:
        return []
    style_element = p.find("%spPr/%spStyle" % (_W, _W))
    style = (style_element.get(_W + "val") if style_element is not None else "") or ""
    numbered = p.find("%spPr/%snumPr" % (_W, _W)) is not None
    heading = _HEADING.match(style.replace(" ", ""))
    if _TITLE.match(style):
        return ["", "# " + text, ""]
    if heading:
        return ["", "#" * (int(heading.group(2)) + 1) + " " + text, ""]   # below the title
    if numbered or _LIST_STYLE.match(style):
        return ["- " + text.replace("\n", " ")]
    return ["", text, ""]   # a paragraph stands alone (not the last list item's continuation)


def _table(table) -> List[str]:
    return markdown_table([[_text(cell) for cell in row.findall(_W + "tc")] for row in table.findall(_W + "tr")])
