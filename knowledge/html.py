"""A web page saved as HTML, reduced to the Markdown-shaped text that parse.py reads.

Staff save a public page ('Opslaan als...') and drop it in with the other factsheets. What
matters is kept by its tags, not by any one site's layout: the article (`<main>`/`<article>`
when the page has one), its headings, paragraphs, list items and table rows. Scripts, styles,
navigation, page header and footer, side bars (but for a contact box in one) and forms are left
out; what furniture is left in running text (breadcrumbs, share lines) is dropped later by
pages.py, and teasers for other articles are set apart by parse.py, as for any page.
"""
import re
from html.parser import HTMLParser
from typing import List, Optional

from .pages import markdown_table
from .text import holds_contact_details

# Elements whose content is never article text.
_SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "form", "button",
            "select", "iframe", "object", "canvas", "dialog"}
# Landmarks and pop-ups that are not the article: menus, page header and footer, search, cookie dialogs.
_SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
# Blocks a page's class or id names as around the article: a newsletter sign-up, share buttons. (Readers' comments
# stay: an author's reply there may answer what the article leaves open.)
_AROUND = re.compile(r"^(newsletter\w*|nieuwsbrief\w*|subscribe\w*|sign-?up|share|share[-_]\w+|social[-_]share\w*)$",
                     re.I)
# A side bar is read apart: of its blocks only one with contact details ('Vragen over ...? Joost ..., Telefoon:
# ...') is the article's; its teasers, tag clouds and newsletter sign-ups are not. An <aside> inside the
# <article> is the article's own box (a case, a fact box) and reads as its text.
_SIDE = "aside"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that end a line of text.
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "ul", "ol", "dl", "dt", "dd", "table", "tr",
           "figure", "figcaption", "pre", "address", "details", "summary", "body", "hr"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


class _PageText(HTMLParser):
    def __init__(self, only_article: bool):
        super().__init__(convert_charrefs=True)
        self.only_article = only_article
        self.article_depth = 0      # inside <main>/<article> (when the page has one)
        self.skip_depth = 0         # inside an element that is never article text
        self.title: Optional[str] = None
        self.in_title = False
        self.lines: List[str] = []  # finished lines: '# heading', '- item', paragraph text, '' between blocks
        self.current: List[str] = []
        self.prefix = ""            # what the line being collected starts with ('## ', '- ')
        self.open: List[tuple] = []  # the open elements: (tag, whether its content is left out, whether a side bar)
        self.cells: Optional[List[str]] = None   # the cells of the table row being read
        self.rows: List[List[str]] = []   # the rows of the table being read
        self.href = ""              # the link being read, and where its text starts
        self.link_start = 0
        self.sides: List[int] = []  # where the lines of each open side bar start

    # --- collecting ---------------------------------------------------------
    def _inside(self, tag: str) -> bool:
        """Whether an element of this tag is open around the one being read."""
        return any(t == tag for t, _, _ in self.open)

    def _taking(self) -> bool:
        return self.skip_depth == 0 and (not self.only_article or self.article_depth > 0)

    def _end_line(self, prefix: Optional[str] = None) -> None:
        """Finish the line being collected; the next one starts with prefix (an empty line keeps its own:
        '<li><p>text</p></li>' is still an item)."""
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if not text:
            self.current = []
            if prefix is not None:
                self.prefix = prefix
            return
        if self.prefix.startswith("#"):
            self.lines += ["", self.prefix + text, ""]
        else:
            self.lines.append(self.prefix + text)
            if not self.prefix:
                self.lines.append("")   # a paragraph stands alone
        self.current = []
        self.prefix = prefix or ""

    def _break_line(self) -> None:
        """<br>: a new line in the same block ('Joost van der Meulen<br>Adviseur ...' is one box, as a
        hard-wrapped paragraph is one paragraph); in a table cell, a space."""
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if self.cells is not None or not text:
            self.current.append(" ")
        elif self.prefix.startswith("#"):
            self._end_line()
        else:
            self.lines.append(self.prefix + text)
            self.current = []
            self.prefix = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        role = (attributes.get("role") or "").lower()
        names = (attributes.get("class") or "").split() + (attributes.get("id") or "").split()
        skipped = tag in _SKIPPED or role in _SKIPPED_ROLES or any(_AROUND.match(n) for n in names) or (
            "hidden" in attributes or "display:none" in (attributes.get("style") or "").replace(" ", ""))
        # (An <aside> inside the <article> is the article's own box: read as its text, not as a side bar.)
        side = not skipped and (tag == _SIDE or role == "complementary") and not self._inside("article")
        if tag not in _VOID:
            self.open.append((tag, skipped, side))
            self.skip_depth += skipped
        if skipped:
            return
        if side:
            self._end_line()
            self.sides.append(len(self.lines))
        if tag in ("main", "article"):
            self.article_depth += 1
        if tag == "title":
            self.in_title = True
            return
        if not self._taking():
            return
        if tag in _HEADINGS:
            self._end_line("#" * _HEADINGS[tag] + " ")
        elif tag == "li":
            if self.lines and self.lines[-1] == "" and not self.current:
                self.lines.pop()   # a list follows its intro without a blank line, as parse.py expects
            self._end_line("- ")
        elif tag == "tr":
            self._end_line()
            self.cells = []
        elif tag in ("th", "td") and self.cells is not None:
            self.current = []   # only what is inside a cell is the cell's
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_start = len(self.current)
        elif tag == "br":
            self._break_line()
        elif tag in _BLOCKS:
            self._end_line()

    def handle_endtag(self, tag):
        # Close up to the element that ends (pages leave <p> and <li> unclosed).
        if not any(t == tag for t, _, _ in self.open):
            return
        while self.open:
            t, skipped, side = self.open.pop()
            self.skip_depth -= skipped
            if side:
                self._end_side()
            if t == tag:
                break
        if tag in _SKIPPED:
            return
        if tag == "title":
            self.in_title = False
            return
        if self._taking():
            if tag in ("td", "th") and self.cells is not None:
                self._end_cell()
            elif tag == "tr" and self.cells is not None:
                self.current = []
                self.rows.append(self.cells)
                self.cells = None
            elif tag == "a" and self.href.startswith(("http://", "https://")):
                text = "".join(self.current[self.link_start:])
                if self.href not in text:
                    self.current.append(" (%s)" % self.href)   # as a Markdown link reads: the address counts
                self.href = ""
            elif tag in _HEADINGS or tag == "li" or tag in _BLOCKS:
                self._end_line()
                if tag == "table":
                    self._end_table()
                if tag in ("ul", "ol", "table"):
                    self.lines.append("")
        if tag in ("main", "article"):
            self.article_depth = max(0, self.article_depth - 1)

    def _end_side(self) -> None:
        """Keep of the side bar that ends only its boxes (from one heading to the next) with contact details,
        each as one block under its heading: its name, role and address lines are one box, whatever elements
        the site set them in."""
        self._end_line()
        start = self.sides.pop()
        boxes: List[List[str]] = [[]]
        for line in self.lines[start:]:
            if line.startswith("#"):
                boxes.append([line, ""])
            elif line:
                boxes[-1].append(line)
        self.lines[start:] = [line for box in boxes if holds_contact_details("\n".join(box)) for line in box + [""]]

    def _end_table(self) -> None:
        self.lines += markdown_table(self.rows)
        self.rows = []

    def _end_cell(self) -> None:
        self.cells.append(_SPACES.sub(" ", "".join(self.current)).strip())
        self.current = []

    def handle_data(self, data):
        if self.in_title:
            self.title = _SPACES.sub(" ", (self.title or "") + data).strip()
        elif self._taking():
            self.current.append(data)

    def text(self) -> str:
        self._end_line()
        self._end_table()   # a table the page never closed
        lines = self.lines
        if self.title and not any(line.startswith("# ") for line in lines):
            # No <h1>: the page's <title>, less the site's name after a separator ('Titel | Site').
            lines = ["# " + re.split(r"\s+[|\u2013\u2014-]\s+", self.title)[0], ""] + lines
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def html_to_text(raw: str) -> str:
    """The article of a web page as Markdown-shaped text: '# Title', '## Heading', paragraphs, '- item'."""
    # Only the article when the page marks one; if that is empty, the page keeps its text elsewhere.
    has_article = bool(re.search(r"<(main|article)\b", raw, re.I))
    for only_article in ([True, False] if has_article else [False]):
        parser = _PageText(only_article)
        parser.feed(raw)
        parser.close()
        text = parser.text()
        if text.strip("#\n "):
            break
    return text
