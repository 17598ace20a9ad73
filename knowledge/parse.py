"""Turn one raw factsheet into sections of clean paragraphs and list items.

Pure functions over text; see text.py for the line-level repairs. The rules
are written for any factsheet (PDF extraction or a copied web page), not for
the two we have: headings are recognised by shape, page furniture by a short
list of patterns.
"""
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from .errors import FactsheetError
from .pages import drop_furniture_lines, drop_running_lines, is_menu_block, is_teaser_block, markdown_to_text, text_tables
from .text import (
    FOOTNOTE_TEXT, ends_sentence, first_letter, fold, holds_contact_details, list_marker, normalise_chars, slugify,
    hyphenated_words, split_sentences, starts_lower, strip_footnotes, strip_glyphs, unwrap,
)

INTRO_HEADING = "Inleiding"
HEADLINE_WORDS = 18   # a page's title (a news headline) or a FAQ's question may be longer than a heading
HEADLINE_CHARS = 150
TITLE_LOOKAHEAD = 3   # heading-only blocks at the top of a page that may still hold its title
MAX_PASSAGE_CHARS = 650
SHORT_LINE = 0.6      # of the wrap width: a heading inside a block of text is this short,
COVER_LINE = 0.85     # ... a line of a cover this (not a full line of text that happens to end without a stop)

# Headings after which the rest of a page is teasers for other pages (see pages.py for single lines).
# What those teasers say is kept, under that heading, as the page shows it: a reader asks about it
# ('Wat is Mundo-b?'); retrieval lets it answer only a question that names what it is about.
FURNITURE_END = re.compile(
    r"^(lees (ook|meer)\b|meer (artikelen|nieuws|lezen)\b|gerelateerde? |related\b|terug naar boven|"
    r"reacties\b)[^:]*$", re.I)
_RULE = re.compile(r"^\s*([_=*\u2014\u2013-])\1{4,}\s*$")   # a ruling line
# Sections that are teasers for other pages, not content of this one.
FURNITURE_SECTION = re.compile(r"^(interview|advertentie|nieuws|delen)$", re.I)
RELATED_HEADING = "Lees meer"   # the section of teasers when the page gives them no heading


@dataclass
class Element:
    kind: str                 # "paragraph" or "item"
    text: str
    number: Optional[int] = None

    def render(self) -> str:
        if self.kind == "item":
            return "%d. %s" % (self.number, self.text) if self.number else "- " + self.text
        return self.text


@dataclass
class Section:
    heading: str
    elements: List[Element] = field(default_factory=list)


@dataclass
class Passage:
    section: str
    kind: str                 # "paragraph" or "list"
    text: str
    items: List[Element] = field(default_factory=list)
    intro: str = ""


@dataclass
class Factsheet:
    id: str
    title: str
    organisation: Optional[str]
    source_file: str
    sections: List[Section]

    def passages(self) -> List[Passage]:
        out = []
        for section in self.sections:
            out.extend(section_passages(section))
        return out


def split_front_matter(text: str):
    """Optional `---` block of `key: value` lines at the top of a factsheet."""
    meta = {}
    lines = text.lstrip("\n").split("\n")
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return meta, "\n".join(lines[i + 1:])
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip()
        raise FactsheetError("front matter opened with --- but never closed")
    return meta, text


def split_blocks(lines):
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def merge_broken_blocks(blocks):
    """Rejoin a sentence that a page or column break split into two blocks."""
    merged = []
    for block in blocks:
        if (merged and not ends_sentence(merged[-1][-1]) and starts_lower(block[0])
                and not list_marker(block[0]) and len(merged[-1]) + len(block) > 2):
            merged[-1] = merged[-1] + block
        else:
            merged.append(list(block))
    return merged


def split_inner_headings(blocks):
    """A PDF's text layer often has no blank line around a heading: a page comes out as one block. A line
    inside a block starts a new block when it stands as a heading between two pieces of text: a numbered
    heading ('2. Vormen van pro bono') that no numbered item is next to, or a short capitalised line without
    closing punctuation ('Voor het bedrijf') after a line that ends a sentence; and in both cases the line
    after it starts a sentence or an item, not a lower-case continuation."""
    # The width the text is wrapped at: most lines of running text come near it. (Not the median line: where a
    # page is one block, its short lines - headings, last lines of paragraphs - are many.)
    lengths = sorted(len(line.strip()) for block in blocks for line in block)
    width = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 80.0
    out = []
    for n, block in enumerate(blocks):
        current = [block[0]]
        # A cover is a stack of heading lines before the first sentence (series, title, subtitle, publisher):
        # each its own line, so that the title can be told from what stands around it.
        cover = n == 0
        for i, line in enumerate(block[1:-1], start=1):
            cover = cover and all(is_heading_text(x) and len(x.strip()) <= COVER_LINE * width
                                  for x in (block[i - 1], line))
            if cover or _inner_heading(block[i - 1], line, block[i + 1], width):
                out.append(current)
                current = []
            current.append(line)
        if len(block) > 1:
            current.append(block[-1])
        out.append(current)
    return out


def _inner_heading(before: str, line: str, after: str, width: float) -> bool:
    if starts_lower(after):
        return False   # (a line with an address, 'E-mail: info@...', is no heading text: see is_heading_text)
    marker = list_marker(line)
    if marker:
        return (marker[0] == "numbered" and (list_marker(before) or ("",))[0] != "numbered"
                and numbered_heading([line, after]) is not None)
    return ends_sentence(before) and is_heading_text(line) and len(line.strip()) <= SHORT_LINE * width


_ADDRESS_IN_LINE = re.compile(r"@|\bwww\.|https?://")


def typical_width(blocks) -> float:
    lengths = [len(line.strip()) for block in blocks if len(block) >= 3 for line in block]
    return statistics.median(lengths) if lengths else 80.0


def is_heading_text(line: str, allow_lower: bool = False, max_words: int = 10, max_chars: int = 80) -> bool:
    line = line.strip()
    words = line.split()
    if not words or len(words) > max_words or len(line) > max_chars or list_marker(line):
        return False
    letter = first_letter(line)
    if not letter or (letter.islower() and not allow_lower):
        return False
    if _ADDRESS_IN_LINE.search(line) or holds_contact_details(line):
        return False   # 'Telefoon: 030 760 42 18' on a line of its own is a line of a contact box
    return not line.rstrip("\"'").endswith((".", ",", ";", ":", "!"))


def is_caption(block) -> bool:
    """A lone lower-case word or two: an image caption or alt text left in a web page."""
    line = block[0].strip()
    return (len(block) == 1 and starts_lower(line) and len(line.split()) <= 3
            and not ends_sentence(line))


def numbered_heading(block) -> Optional[str]:
    """A numbered section heading ('2. Hoe werkt een keurmerk?') standing over text, without its number; None
    for a numbered list item, whose next line is another item, goes on in lower case or is set in."""
    marker = list_marker(block[0])
    if not marker or marker[0] != "numbered" or not is_heading_text(marker[2]):
        return None
    follows = block[1] if len(block) > 1 else ""
    if follows and ((list_marker(follows) or ("",))[0] == "numbered" or starts_lower(follows)
                    or follows[:1].isspace()):
        return None   # a bullet list under it is the section's content
    return marker[2]


def is_question_heading(line: str) -> bool:
    """A question on a line of its own, as a FAQ heads its answers: it may be longer than other headings ('Wat doen
    we met gedoneerde laptops aan het einde van hun levensduur?')."""
    return line.strip().endswith("?") and is_heading_text(line, max_words=HEADLINE_WORDS, max_chars=HEADLINE_CHARS)


def is_contact_box(block) -> bool:
    """A name over a few short lines with an address ('Sanne Hoekstra / Adviseur ... / E-mail: s.hoekstra@...'):
    the name is the box's first line, not a heading over it."""
    return 3 <= len(block) <= 8 and bool(_PERSON_NAME.match(block[0].strip())) \
        and any(_ADDRESS_IN_LINE.search(line) for line in block[1:]) and not any(ends_sentence(line) for line in block[:-1])


_PERSON_NAME = re.compile(r"^[A-Z][\w.'-]+(\s+(van|de|der|den|ter|ten|el|al|[A-Z][\w.'-]*)){1,4}$")


def split_heading(block, width):
    """Return (heading or None, remaining lines) for one block."""
    first = block[0].strip()
    short = 0.85 * width
    numbered = numbered_heading(block)
    if numbered:
        return numbered, block[1:]
    if len(block) == 1:
        return (first, []) if is_heading_text(first) or is_question_heading(first) else (None, block)
    # A line longer than most is a heading only over a list (a slide's title over its bullets).
    if not is_heading_text(first) or (len(first) > short and not list_marker(block[1])) or is_contact_box(block):
        return None, block
    follows = block[1].strip()
    if not starts_lower(follows) or list_marker(follows):
        return first, block[1:]
    if (len(block) >= 3 and is_heading_text(follows, allow_lower=True) and len(follows) <= short
            and (not starts_lower(block[2]) or list_marker(block[2]))):
        return unwrap([first, follows]), block[2:]
    return None, block


_LABEL_LINE = re.compile(r"^[A-Z][\w'-]*(?: [\w'-]+){0,2}:$")


def block_elements(lines, hyphenated: frozenset = frozenset()) -> List[Element]:
    """Paragraphs and list items of one block, with lines unwrapped (see `unwrap` for `hyphenated`)."""
    elements, kind, number, buf = [], "paragraph", None, []

    def flush():
        text = strip_glyphs(unwrap(buf, hyphenated)).strip()
        text = re.sub(r"\s+([,;:.])", r"\1", text)
        if text:
            elements.append(Element(kind, text, number))

    hanging = False   # the item's wrapped lines, or its marker, are indented: the margin is not the list's
    for line in lines:
        marker = list_marker(line)
        if marker:
            flush()
            kind, number, buf, hanging = "item", marker[1], [marker[2]], line[:1].isspace()
        elif kind == "item" and line[:1].isspace():
            hanging = True
            buf.append(line)
        elif kind == "item" and _LABEL_LINE.match(line):
            # 'Notities:' or 'Voor bedrijven:' on a line of its own after an item: what follows is not that item.
            flush()
            kind, number, buf, hanging = "paragraph", None, [line], False
        elif kind == "item" and hanging and ends_sentence(buf[-1]) and not starts_lower(line):
            # A line back at the margin after an indented item: the list has ended, a paragraph begins.
            flush()
            kind, number, buf, hanging = "paragraph", None, [line], False
        else:
            buf.append(line)
    flush()
    return elements


def parse_text(raw: str, source_file: str = "<text>", factsheet_id: Optional[str] = None,
               markdown: bool = False) -> Factsheet:
    meta, body = split_front_matter(normalise_chars(raw))
    md_title = None
    if markdown or Path(source_file).suffix.lower() == ".md" or re.match(r"\s*# \S", body):
        md_title, body = markdown_to_text(body)
    lines = [line.replace("\t", " ") for line in text_tables(drop_running_lines(body.split("\n")))]
    lines = drop_furniture_lines(lines)
    # A ruling line ('_____' above a PDF page's footnotes) parts what it stands between, as a blank line does.
    lines = ["" if _RULE.match(line) else strip_footnotes(line) for line in lines]
    # A footnote at the foot of a page ('³ AVG: Algemene verordening ...') stands apart from the text above it.
    lines = [part for line in lines for part in (("", FOOTNOTE_TEXT.sub("", line)) if FOOTNOTE_TEXT.match(line)
                                                  else (line,))]
    blocks = merge_broken_blocks(split_blocks(lines))
    width = typical_width(blocks)
    blocks = split_inner_headings(blocks)
    hyphenated = hyphenated_words(body)
    title = meta.get("title") or md_title
    blocks, found_title = _page_top(blocks, width, need_title=not title, file_name=Path(source_file).stem)
    organisation = meta.get("organisation") or meta.get("organisatie")
    title = title or found_title or _title_from_name(source_file)
    if not title:
        # A PDF's text with its cover left out, under a file name that is a code: name it after whose it is.
        organisation = organisation or own_organisation(body)
        title = "Factsheet van %s" % organisation if organisation else "Factsheet"
    if title.isupper():   # a cover's capitals: 'KEURMERKEN EN CERTIFICERING' -> 'Keurmerken en certificering'
        title = title[:1] + title[1:].lower()
    if not blocks:
        raise FactsheetError("%s is empty" % source_file)
    sections, related, page_ended = [Section(INTRO_HEADING)], Section(RELATED_HEADING), False
    for block in blocks:
        if is_teaser_block(block):
            related.elements.extend(teaser_elements(block, width, hyphenated))
            continue
        heading, rest = split_heading(block, width)
        if heading and FURNITURE_END.match(heading):
            if not page_ended and not related.elements:
                related.heading = heading
            page_ended = True
        if page_ended:
            continue   # after 'Lees meer', only the teasers are the page's own
        if heading:
            if fold(heading).rstrip("?") not in fold(title):
                sections.append(Section(heading))
        elif is_caption(block):
            continue
        sections[-1].elements.extend(block_elements(rest, hyphenated))
    drop_contents(sections)
    sections = [s for s in sections if s.elements and not FURNITURE_SECTION.match(s.heading)]
    if sections and related.elements:
        sections.append(related)
    if not sections:
        raise FactsheetError("%s has no text" % source_file)
    return Factsheet(
        id=factsheet_id or slugify(Path(source_file).stem),
        title=title,
        organisation=organisation,
        source_file=Path(source_file).name,
        sections=sections,
    )


CONTENTS_SHARE = 0.8   # of a list's items that are the document's own headings, for it to be its contents


def drop_contents(sections: List[Section]) -> None:
    """Drop a table of contents without page numbers ('In deze factsheet' over '1. Wat is pro bono?',
    '2. Vormen van pro bono', ...): a list of three or more items, nearly all of them headings of the
    document's other sections. It would answer a question with the heading that names its answer."""
    headings = [fold(s.heading).strip(" ?") for s in sections]
    for i, section in enumerate(sections):
        items = [e for e in section.elements if e.kind == "item"]
        others = set(headings[:i] + headings[i + 1:])
        named = [e for e in items if fold(e.text).strip(" ?") in others]
        if len(items) >= 3 and len(named) >= CONTENTS_SHARE * len(items):
            section.elements = [e for e in section.elements if e.kind != "item"]


def is_related_heading(heading: str) -> bool:
    """The heading of a page's teasers for other articles ('Lees meer over ...', 'Gerelateerde artikelen')."""
    return heading == RELATED_HEADING or bool(FURNITURE_END.match(heading))


def teaser_elements(block, width: float, hyphenated: frozenset = frozenset()) -> List[Element]:
    """A teaser as one paragraph: its article's title (when it stands above the text) as its first sentence."""
    heading, rest = split_heading(block, width)
    text = " ".join(e.text for e in block_elements(rest, hyphenated))
    if heading:
        text = "%s%s %s" % (heading, "" if heading.endswith(("?", "!")) else ".", text)
    return [Element("paragraph", text)]


def _page_top(blocks, width: float, need_title: bool, file_name: str = ""):
    """Drop what stands above the article (menus, captions) and, if asked, take its title:
    the first heading-like line. Returns (remaining blocks, title or None)."""
    blocks = list(blocks)
    while blocks and (is_menu_block(blocks[0]) or is_caption(blocks[0])):
        blocks.pop(0)
    if not need_title or not blocks:
        return blocks, None
    title, rest = split_heading(blocks[0], width)
    if not title and len(blocks) > 1 and is_headline(blocks[0]):
        title, rest = blocks[0][0].strip(), []
    if not title or title.endswith("-"):
        return blocks, None   # the text starts at once (a PDF page): no title line
    # A page saved under its own title ('cause-related-marketing.txt') names its site above it
    # ('PartnerWiki - kennisbank over ...'): the heading the file is named after is the title.
    named = set(slugify(file_name).split("-")) - {"x"}
    if named and len(named & set(slugify(title).split("-"))) >= 0.5 * len(named):
        return ([rest] if rest else []) + blocks[1:], title
    for i, block in enumerate(blocks[1:TITLE_LOOKAHEAD + 1], start=1):
        heading, after = split_heading(block, width)
        if heading is None:
            break
        words = set(slugify(heading).split("-"))
        if named and len(named & words) >= 0.5 * len(named) > len(named & set(slugify(title).split("-"))):
            return ([after] if after else []) + blocks[i + 1:], heading
        if after:
            break
    # A web page names its site before the article ('Partnerwijzer', then 'Impact meten in partnerschappen:
    # zo maak je resultaten zichtbaar'): a much longer heading before the first paragraph is the title.
    for i, block in enumerate(blocks[1:TITLE_LOOKAHEAD + 1], start=1):
        heading, after = split_heading(block, width)
        if heading is None:
            break
        if len(heading) > 1.5 * len(title) and (":" in heading or len(heading.split()) >= 4):
            return ([after] if after else []) + blocks[i + 1:], heading
        if after:
            break
    return ([rest] if rest else []) + blocks[1:], title


def is_headline(block) -> bool:
    """A news headline: a line on its own, longer than a section heading but no sentence ('Van Dalen
    Supermarkten en Stichting Zilverdraad slaan handen ineen tegen eenzaamheid onder ouderen')."""
    return len(block) == 1 and is_heading_text(block[0], max_words=HEADLINE_WORDS, max_chars=HEADLINE_CHARS)


def _title_from_name(source_file: str) -> Optional[str]:
    """'sponsoring-in-de-zorg.txt' -> 'Sponsoring in de zorg'; None for a name that is a number or a code
    ('003_31c1cb204b7b9b90.txt', as a download or a crawl names a file): it would name nothing to a reader."""
    words = re.sub(r"[_\-]+", " ", Path(source_file).stem).strip()
    if not any(re.fullmatch(r"[^\W\d_]{3,}", w) and not re.fullmatch(r"[0-9a-f]+", w, re.I) for w in words.split()):
        return None
    return words[:1].upper() + words[1:]


_ADDRESS = re.compile(r"(?:\bwww\.|@|https?://)([a-z0-9-]+)\.(?:nl|be|org|com|eu|net|info)\b", re.I)


def own_organisation(text: str) -> Optional[str]:
    """The organisation a text gives its own address for ('www.ncdo.nl', 'iemand@ncdo.nl'), written as the text
    writes its name ('NCDO'); None when no address names a word of the text."""
    names = [m.group(1) for m in _ADDRESS.finditer(text)]
    for name in sorted(set(names), key=lambda n: -names.count(n)):
        written = re.findall(r"\b(%s)\b" % re.escape(name), text, re.I)
        written = [w for w in written if not w.islower()]   # a name, not the address itself
        if written:
            return max(set(written), key=written.count)
    return None


def read_factsheet(path: Path) -> Factsheet:
    """Parse a .txt/.md factsheet, a web page saved as .html, a Word .docx, or the text layer of a .pdf."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        raw = pdf_text(path)
    elif path.suffix.lower() in (".html", ".htm"):
        from .html import html_to_text

        raw = html_to_text(path.read_text(encoding="utf-8", errors="replace"))
        return parse_text(raw, source_file=str(path), markdown=True)
    elif path.suffix.lower() == ".docx":
        from .docx import docx_text

        return parse_text(docx_text(path), source_file=str(path), markdown=True)
    else:
        raw = path.read_text(encoding="utf-8", errors="replace")
    return parse_text(raw, source_file=str(path))


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # only PDF factsheets need it

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise FactsheetError("cannot read PDF %s: %s" % (path.name, exc)) from exc
    title = (reader.metadata.title if reader.metadata else None) or ""
    text = "\n\n".join(pages)
    return ("---\ntitle: %s\n---\n" % title.strip() + text) if title.strip() else text


def section_passages(section: Section) -> List[Passage]:
    """Group a section's elements into passages: a list with its intro, or a paragraph chunk."""
    out, i, elements = [], 0, section.elements
    while i < len(elements):
        element = elements[i]
        intro = ""
        if element.kind == "paragraph" and element.text.endswith(":") and i + 1 < len(elements) \
                and elements[i + 1].kind == "item":
            # Earlier sentences of the intro paragraph stand as their own passage.
            sentences = split_sentences(element.text)
            intro = sentences[-1]
            if len(sentences) > 1:
                out.extend(paragraph_chunks(section.heading, " ".join(sentences[:-1])))
            i += 1
        if elements[i].kind == "item":
            items = []
            while i < len(elements) and elements[i].kind == "item":
                items.append(elements[i])
                i += 1
            text = "\n".join(([intro] if intro else []) + [it.render() for it in items])
            out.append(Passage(section.heading, "list", text, items, intro))
        else:
            out.extend(paragraph_chunks(section.heading, elements[i].text))
            i += 1
    return out


def paragraph_chunks(heading: str, text: str) -> List[Passage]:
    """Split a long paragraph at sentence ends into passages of similar size."""
    if len(text) <= MAX_PASSAGE_CHARS:
        return [Passage(heading, "paragraph", text)]
    sentences = split_sentences(text)
    parts = max(2, -(-len(text) // MAX_PASSAGE_CHARS))
    target = len(text) / parts
    chunks, current = [], []
    for sentence in sentences:
        if current and len(" ".join(current)) + len(sentence) / 2 > target:
            chunks.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        chunks.append(" ".join(current))
    return [Passage(heading, "paragraph", chunk) for chunk in chunks]
