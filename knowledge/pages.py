"""Factsheets shaped like web pages and Markdown: reduce them to the plain text parse.py reads.

Pure functions over lines. The rules are about the shapes pages come in, not about any one
page: Markdown markup (headings, emphasis, links, tables, quotes), and the furniture around an
article on a web page (menus and breadcrumbs, date and author lines, share and cookie lines,
"Lees ook:" lines); truncated teasers for other articles are recognised here (`is_teaser_block`) and kept
apart by parse.py.
"""
import re
from typing import Dict, List, Optional, Tuple

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

# Lines that are page furniture wherever they stand.
# (its last crumb may be the article's whole title: 'Home > Kennisbank > Matchfunding met een bedrijf als co-financier')
_BREADCRUMB = re.compile(r"^\s*[^|>›»]{1,40}(\s+[|>›»/]\s+[^|>›»]{1,40}){1,}\s+[|>›»/]\s+[^|>›»]{1,100}\s*$")
_BYLINE_NAME = re.compile(   # case matters: 'Door Fatima El Amrani', not 'Door samenwerking ...'
    r"^\s*(Door|door|By|by)\s+[A-Z][\w.'-]*(\s+(van|de|der|den|ter|el|al|bin|[A-Z][\w.'-]*)){0,4}"
    # ... then a separator, or a date or label the page set in its own element ('Door X 14 maart 2024 Leestijd: 7')
    r"(\s*[,|·\u2013-].*|"
    r"\s+(\d{1,2}\s+[a-z]+\.?\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|op\s+\d{1,2}|leestijd|gepubliceerd|geplaatst|"
    r"bijgewerkt)\b.*)?$")
_BYLINE_LABEL = re.compile(
    r"^\s*(auteur|geschreven door|gepubliceerd( op)?|geplaatst( op)?|laatst (bijgewerkt|gewijzigd)( op)?|"
    r"bijgewerkt op|datum|leestijd|posted( on)?|published( on)?|updated( on)?)\s*[:\d]", re.I)
_DATE_LINE = re.compile(
    r"^\s*(\w+dag\s+)?\d{1,2}[\s\-/.]+(\d{1,2}|januari|februari|maart|april|mei|juni|juli|augustus|september|"
    r"oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.?[\s\-/.]+\d{2,4}\b.{0,40}$", re.I)
_WIDGET = re.compile(
    r"^\s*(deel (dit|deze)|delen\s*:|share\b|volg ons|print\b|cookie|wij gebruiken cookies|deze (web)?site gebruikt "
    r"cookies|accepteer|schrijf (je|u) in|meld (je|u) aan voor|abonneer|inschrijven voor|nieuwsbrief|"
    r"privacy(verklaring|beleid)|terug naar (boven|overzicht)|naar boven|tags?\s*:|categorie(ën)?\s*:|"
    r"deze pagina is (voor het )?laatst (bewerkt|gewijzigd)|de tekst is beschikbaar onder|this page was last edited)",
    re.I)
# A menu laid out with spaces or bars: 'Artikel   Overleg   Lezen   Bewerken', 'Zoeken     Doneer | Inloggen'.
_MENU_ITEMS = re.compile(r"\s{3,}|\s[|\u00b7]\s")
_SKIP_LINK = re.compile(r"^\s*(naar|ga (direct )?naar|direct naar|spring naar|skip to|jump to)\b.{0,30}\b(hoofd)?"
                        r"(inhoud|content|navigatie|menu|zoeken|main)\b", re.I)
_INLINE_TEASER = re.compile(r"^\s*(lees (ook|meer)|bekijk ook|zie ook|meer lezen|gerelateerd)\s*:", re.I)
# A line of a table of contents: dot leaders up to a page number ('2. Een korte geschiedenis ...... 2').
_CONTENTS_LINE = re.compile(r"(\.\s?){4,}\s*\d{1,3}$")
_SHARE_WORDS = {"facebook", "twitter", "linkedin", "whatsapp", "e-mail", "email", "x", "instagram", "delen", "print"}


def markdown_to_text(raw: str) -> Tuple[Optional[str], str]:
    """(title from the first `# heading`, or None; the text with Markdown markup turned into plain text)."""
    title = None
    out: List[str] = []
    lines = raw.split("\n")
    i = 0
    in_code = False
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("```"):
            in_code = not in_code
            i += 1
            continue
        if in_code or _MD_RULE.match(line):
            i += 1
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            text = inline_markdown(heading.group(2))
            if heading.group(1) == "#" and title is None:
                title = text
            else:
                out += ["", text, ""]   # a heading stands alone, as in a PDF
            i += 1
            continue
        if _TABLE_ROW.match(line) and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            rows, i = _table(lines, i)
            out += ["", *rows, ""]
            continue
        out.append(inline_markdown(_MD_QUOTE.sub("", line)))
        i += 1
    return title, "\n".join(out)


def markdown_table(rows: List[List[str]]) -> List[str]:
    """Rows of cells (from a web page or a Word document) as a Markdown table, its first row naming the columns,
    so that they are read like a Markdown factsheet's table (each further row an item)."""
    rows = [[" ".join(c.replace("|", "/").split()) for c in row] for row in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    return ["", "| %s |" % " | ".join(rows[0]), "|%s|" % "|".join("---" for _ in rows[0]),
            *("| %s |" % " | ".join(r) for r in rows[1:]), ""]


def _table(lines: List[str], start: int) -> Tuple[List[str], int]:
    """A Markdown table as list items: 'first cell: header: cell; header: cell'."""
    header = [inline_markdown(c.strip()) for c in lines[start].strip().strip("|").split("|")]
    rows, i = [], start + 2
    while i < len(lines) and _TABLE_ROW.match(lines[i]):
        rows.append([inline_markdown(c.strip()) for c in lines[i].strip().strip("|").split("|")])
        i += 1
    return table_items(header, rows), i


def table_items(header: List[str], rows: List[List[str]]) -> List[str]:
    """Table rows as list items, each naming its cells by their column: '- 1983: Campagne: X; Opbrengst: Y.'"""
    items = []
    for cells in rows:
        rest = ["%s: %s" % (h.rstrip("?"), c) for h, c in zip(header[1:], cells[1:]) if c not in ("", "-", "\u2013")]
        items.append("- %s: %s." % (cells[0], "; ".join(rest)) if rest else "- " + cells[0])
    return items


def text_tables(lines: List[str]) -> List[str]:
    """Tables in plain text (a page, slide deck or PDF copied as text), read like a Markdown table: the first row
    names the columns, every further row becomes a list item. Cells may be parted by '|' (a run of at least two
    rows with the same number of cells, with a ruling line under the first, or three rows without), by tabs (three
    rows with the same number of cells), or set in columns by spaces (_aligned_table)."""
    out: List[str] = []
    i = 0
    while i < len(lines):
        table = _bar_table(lines, i) or _tab_table(lines, i) or _aligned_table(lines, i)
        if table:
            header, rows, i = table
            out += ["", *table_items(header, rows), ""]
        else:
            out.append(lines[i])
            i += 1
    return out


def _bar_table(lines: List[str], i: int) -> Optional[Tuple[List[str], List[List[str]], int]]:
    run, j = [], i
    while j < len(lines) and (_text_cells(lines[j]) or (run and _TEXT_RULE.match(lines[j]))):
        if not _TEXT_RULE.match(lines[j]):
            run.append(_text_cells(lines[j]))
        j += 1
    ruled = j > i + 1 and any(_TEXT_RULE.match(line) for line in lines[i:j])
    if len(run) >= (2 if ruled else 3) and len({len(r) for r in run}) == 1:
        return run[0], run[1:], j
    return None


def _tab_table(lines: List[str], i: int) -> Optional[Tuple[List[str], List[List[str]], int]]:
    run, j = [], i
    while j < len(lines) and "\t" in lines[j] and lines[j].strip():
        run.append([c.strip() for c in re.split(r"\t+", lines[j].strip())])
        j += 1
    if len(run) >= 3 and len({len(r) for r in run}) == 1 and len(run[0]) >= 2 and run[0][0] \
            and not run[0][0].endswith(":"):
        return run[0], run[1:], j
    return None


def _aligned_table(lines: List[str], i: int) -> Optional[Tuple[List[str], List[List[str]], int]]:
    """Cells set in columns by runs of spaces, as a PDF's text layer or a plain-text export draws a table. The
    header line fixes where the columns start; a row belongs when no word runs across a column's start; a row
    whose first cell is blank, or that has a blank cell under a row whose cell breaks off, continues the cells of
    the row above (cells wrapped over lines). Key-value lines
    ('Start programma:      september 2021') are no table: their first cells name, not a column header."""
    header_line = lines[i]
    if not header_line.strip():
        return None
    starts = [len(header_line) - len(header_line.lstrip())] + [m.end() for m in _GAP.finditer(header_line.rstrip())]
    if len(starts) < 2:
        return None
    header = _cut(header_line, starts)
    if any(not cell or cell.endswith(":") for cell in header):
        return None
    rows: List[List[str]] = []
    j = i + 1
    while j < len(lines) and lines[j].strip() and _fits_columns(lines[j], starts):
        cells = _cut(lines[j], starts)
        # A row with a blank cell under a row with a cell broken off ('koffie, bananen,', 'Rainfor-') goes on with it.
        goes_on = rows and not all(cells) and any(_BROKEN_OFF.search(c) for c in rows[-1])
        if cells[0] and not goes_on:
            if sum(1 for c in cells if c) < 2:
                break
            rows.append(cells)
        elif rows:
            rows[-1] = [_join_wrapped(a, b) for a, b in zip(rows[-1], cells)]
        else:
            break
        j += 1
    if len(rows) >= 2 and (len(starts) >= 3 or len(rows) >= 3):
        return header, rows, j
    return None


_BROKEN_OFF = re.compile(r"(?:\w-|,| /)$")
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
_TEXT_RULE = re.compile(r"^\s*[|+]?\s*:?[-=]{3,}[-=+|: ]*$")


def _text_cells(line: str) -> List[str]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 and cells[0] and sum(1 for c in cells if c) >= 2 else []


def _fits_columns(line: str, starts: List[int]) -> bool:
    if "  " not in line.strip() and not line.startswith("  "):
        return False   # a line of running text, not cells
    return all(b >= len(line) or line[b - 1] == " " for b in starts[1:]) and not line[:starts[0]].strip()


def _cut(line: str, starts: List[int]) -> List[str]:
    ends = starts[1:] + [len(line)]
    return [" ".join(line[a:b].split()) for a, b in zip(starts, ends)]


def _join_wrapped(above: str, below: str) -> str:
    if not below:
        return above
    if not above:
        return below
    if re.search(r"[a-zà-ÿ]-$", above) and below[:1].islower():
        return above[:-1] + below   # 'Rainfor-' + 'est Alliance)'
    return above + " " + below


def inline_markdown(text: str) -> str:
    """Emphasis and links as plain text: '**sponsor**' -> 'sponsor', '[site](https://x.nl)' -> 'site (https://x.nl)'."""
    text = _MD_LINK.sub(lambda m: "%s (%s)" % (m.group(1), m.group(2)) if m.group(1) else m.group(2), text)
    previous = None
    while previous != text:
        previous = text
        text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return text.replace("`", "")


def drop_furniture_lines(lines: List[str]) -> List[str]:
    """The lines without page furniture. Only a line that stands on its own is judged: a line of
    hard-wrapped running text ('door het energieconcern RWE.') is never furniture."""
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        before = lines[i - 1].strip() if i > 0 else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        # Running text goes on in lower case, or after a hyphen; a page's furniture starts a line of its own.
        alone = stripped[:1].isupper() and not before.endswith("-") and not after[:1].islower()
        if not (alone and is_furniture_line(line)) and not _CONTENTS_LINE.search(stripped):
            out.append(line)
    return out


def drop_running_lines(lines: List[str]) -> List[str]:
    """The lines with a PDF's running headers and footers blanked: a short line that comes back on every page, the
    same but for its page number ('Factsheet Keurmerken | pagina 3'), or word for word three times or more.
    A list intro ('Voor de ngo:') or a sentence may come back too, and is kept."""
    def key(line: str) -> str:
        return " ".join(re.sub(r"\d+", "#", line.lower()).split())

    counts: Dict[str, int] = {}
    for line in lines:
        if _may_run(line):
            counts[key(line)] = counts.get(key(line), 0) + 1
    # A blank line where one stood: it is a page break (a sentence broken by it is rejoined later). A numbered
    # heading that comes back once is the table of contents naming it ('2. Vormen van pro bono'), not furniture.
    return ["" if _may_run(line) and (counts[key(line)] >= 3 or (
        counts[key(line)] >= 2 and any(ch.isdigit() for ch in line) and not _NUMBERED_LINE.match(line)))
        else line for line in lines]


def _may_run(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= 12 and not stripped.endswith((":", ".", "?", "!", ";", ",")) \
        and not _DASH_ITEM.match(stripped)


_DASH_ITEM = re.compile(r"^[-\u2013*\u2022\u25aa]\s")
_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}[.)]\s+\S")


def is_furniture_line(line: str) -> bool:
    """A line that belongs to the page around the article, not to the article."""
    stripped = line.strip()
    if not stripped:
        return False
    # Separators between a byline's parts ('12 maart 2025 · Door ... · Leestijd: 7 minuten') are not words.
    words = [w for w in stripped.split() if w.strip("|\u00b7\u2022\u2013-/")]
    if _BREADCRUMB.match(stripped) and len(words) <= 16:
        return True
    if (_BYLINE_NAME.match(stripped) or _BYLINE_LABEL.match(stripped) or _DATE_LINE.match(stripped)) \
            and len(words) <= 12:
        return True
    if _WIDGET.match(stripped) and len(words) <= 20:
        return True
    if _INLINE_TEASER.match(stripped) or (_SKIP_LINK.match(stripped) and len(words) <= 6):
        return True
    if len(words) >= 2 and all(w.strip("|·•,").lower() in _SHARE_WORDS for w in words if w.strip("|·•,")):
        return True
    # Items set apart by wide spaces or bars: 'Zoeken        Doneer | Inloggen'.
    items = _MENU_ITEMS.split(stripped)
    # Numbers in such a line make it a table row ('2016   Textiel   5 jaar'), which is content.
    return len(items) >= 3 and all(len(item.split()) <= 3 and item[:1].isupper() for item in items) \
        and not any(ch.isdigit() for ch in stripped)


def is_teaser_block(block: List[str]) -> bool:
    """A truncated intro to another article: a short block that breaks off with '...'."""
    text = " ".join(line.strip() for line in block)
    return text.endswith(("...", "\u2026")) and len(text) < 600


def is_menu_block(block: List[str]) -> bool:
    """Navigation: several one- to three-word lines with no sentence among them, or one line of items
    separated by '|' or '·'."""
    if len(block) == 1:
        parts = re.split(r"\s[|·•]\s", block[0].strip())
        return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)
    return len(block) >= 3 and all(len(line.split()) <= 3 and not line.rstrip().endswith((".", ":", ";", ","))
                                   for line in block)
