"""Cleaning of raw factsheet text: pure functions, no database, no Rasa.

Factsheets arrive as text extracted from PDFs or copied from web pages. The
functions here repair what extraction broke: glyph debris, footnote markers,
words hyphenated across line breaks and hard-wrapped lines.
"""
import re
import unicodedata

# Characters that PDF extraction leaves where a bullet glyph stood.
BULLET_GLYPHS = "\ufffd\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7\u25a0\u25a1\uf0b7\uf0a7\u2610\u2611\u2612"
_BULLET_RE = re.compile(r"^\s*[%s]+(?:\s*[%s]+)*\s*" % (BULLET_GLYPHS, BULLET_GLYPHS))
_DASH_BULLET_RE = re.compile(r"^\s*[-\u2013*]\s+(?=\S)")
# A checklist's box, ticked or not, as text: '[ ] Doelen zijn omschreven', '- [x] ...' (Markdown task lists).
_CHECKBOX_RE = re.compile(r"^\s*\[[ xX\u2713\u2714]\]\s+(?=\S)")
_NUMBERED_RE = re.compile(r"^\s*(\d{1,2})[.)]\s*[%s]*\s*(?=\S)" % BULLET_GLYPHS)

_CHAR_MAP = {
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00ad": "",  # soft hyphen
}
_CHAR_TABLE = str.maketrans(_CHAR_MAP)

# Footnote markers: digits glued to a sentence end (`organisaties.1`) or to a
# lower-case word (`partners10`, `samenwerking2:`), or standing alone after a
# sentence at the end of a line (`ondernemen. 6`).
# A quote or bracket counts only when it closes something (`'merk'2`): after an opening quote a number is
# content ('1 pak = 1 vaccin').
_FOOTNOTE_AFTER_PUNCT = re.compile(
    r"(?:(?<=[a-z\u00e0-\u00ff][.;:,!?])|(?<=[^\s'\"(]['\")][.;:,!?]))\d{1,2}(?=\s|$)")
_FOOTNOTE_AFTER_WORD = re.compile(r"(?:(?<=[a-z\u00e0-\u00ff])|(?<=[^\s'\"(]['\")]))\d{1,2}(?=[\s.,;:!?)]|$)")
# Markers of web pages and PDFs wherever they stand: `[3]`, `[noot 2]`, superscript digits (`premie\u00b9`),
# a wiki's edit links and remarks (`[bewerken]`, `[bron?]`), Markdown's `[^1]`.
_FOOTNOTE_BRACKETED = re.compile(
    r"\s?\[(?:\d{1,3}|[a-z]|noot \d{1,3}|note \d{1,3}|(?:bron )?bewerken(?: \| brontekst bewerken)?|"
    r"edit(?: source)?|bron\?|bron nodig|citation needed)\]|"
    # Markdown's footnotes: the reference ('verwachten.[^1]') and the note's own label ('[^1]: Dit is ...').
    r"\s?\[\^[\w-]{1,12}\]:?", re.I)
_SUPERSCRIPT_DIGITS = "[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
_FOOTNOTE_SUPERSCRIPT = re.compile(r"(?<=\S)(?<! m)(?<!\dm)(?<!km)(?<!cm)" + _SUPERSCRIPT_DIGITS)
# A footnote's text at the foot of a page, after its superscript number ('\u00b3 AVG: Algemene verordening ...').
FOOTNOTE_TEXT = re.compile(r"^\s*" + _SUPERSCRIPT_DIGITS + r"\s+(?=\S)")
_FOOTNOTE_LONE = re.compile(r"(?<=[.!?'\"])\s+\d{1,2}\s*$")

# A hyphen at the end of a line that splits a word: the next line goes on in lower case.
_SUSPENDED_COMPOUND_NEXT = {"en", "of", "tot", "and", "or"}

TERMINAL_PUNCT = ".!?;:"


def normalise_chars(text: str) -> str:
    """Unify line ends, spaces, quotes; compose accents (NFC). Tabs stay: they part a table's cells."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_CHAR_TABLE)
    return "\n".join(line.rstrip() for line in text.split("\n"))


# Ways of getting in touch written in a text. (A Dutch phone number has ten digits, however grouped: '030 - 234 56
# 78', '088-0424242', '+31 6 12345678'.)
EMAIL = r"[\w.+-]+@[\w-]+\.\w+"
PHONE = r"(?:\+31|\b0)(?:[ \-\u2013.]{0,3}\d){9}\b"
WEB = r"\bwww\.\S+|https?://\S+"
_PERSONAL_CONTACT = re.compile("|".join((EMAIL, PHONE)))


def holds_contact_details(text: str) -> bool:
    """Whether text gives an e-mail address or a telephone number (a web address alone is any link)."""
    return bool(_PERSONAL_CONTACT.search(text))


def _unless_in_address(m):
    # `www.site.nl/page2` and `info2@org.nl` keep their digits.
    start = m.string.rfind(" ", 0, m.start()) + 1
    end = m.string.find(" ", m.end())
    token = m.string[start:end if end >= 0 else len(m.string)]
    return m.group(0) if ("/" in token or "@" in token or "www" in token) else ""


def strip_footnotes(line: str) -> str:
    """Remove footnote reference numbers from one line of text."""
    line = _FOOTNOTE_SUPERSCRIPT.sub("", _FOOTNOTE_BRACKETED.sub("", line))
    line = _FOOTNOTE_LONE.sub("", line)
    line = _FOOTNOTE_AFTER_PUNCT.sub(_unless_in_address, line)
    return _FOOTNOTE_AFTER_WORD.sub(_unless_in_address, line)


def list_marker(line: str):
    """Return (kind, number, rest) when the line starts a list item, else None.

    kind is "numbered" or "bullet"; broken glyphs such as U+FFFD count as bullets.
    """
    m = _NUMBERED_RE.match(line)
    if m:
        return "numbered", int(m.group(1)), _BACK_LINK.sub("", line[m.end():].strip())
    m = _BULLET_RE.match(line) or _DASH_BULLET_RE.match(line) or _CHECKBOX_RE.match(line)
    if m:
        rest = _CHECKBOX_RE.sub("", line[m.end():])
        return "bullet", None, _BACK_LINK.sub("", rest.strip())
    return None


# A wiki reference's link back to where it is cited: '1. ^ Varadarajan (1988) ...'.
_BACK_LINK = re.compile(r"^[\^\u2191]+(?:\s*[a-z]\b)*\s*")


def strip_glyphs(text: str) -> str:
    """Remove stray bullet glyphs left inside a line."""
    return re.sub("[%s]" % BULLET_GLYPHS, "", text)


def first_letter(text: str) -> str:
    """The first letter or digit of text, skipping quotes, brackets and glyphs."""
    for ch in text:
        if ch.isalnum():
            return ch
    return ""


def starts_lower(text: str) -> bool:
    ch = first_letter(text)
    return bool(ch) and ch.islower()


def ends_sentence(text: str) -> bool:
    text = text.rstrip(" \"')")
    return bool(text) and text[-1] in TERMINAL_PUNCT


def hyphenated_words(text: str) -> frozenset:
    """The words a text writes with a hyphen inside a line ('cause-related', 'e-mail'): evidence that such a
    word, split at its hyphen across a line end, keeps the hyphen."""
    return frozenset(fold(w) for w in _HYPHENATED.findall(text))


_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def unwrap(lines, hyphenated: frozenset = frozenset()) -> str:
    """Join hard-wrapped lines into running text, rejoining hyphenated words.

    `maatschap-` + `pelijke` becomes `maatschappelijke`; a suspended compound
    such as `omgevings-` + `en risicoanalyse` keeps its hyphen and space; a word
    the text writes with a hyphen elsewhere (`hyphenated`) keeps its hyphen.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        next_word = line.split(" ", 1)[0].lower()
        if (out.endswith("-") and len(out) > 1 and out[-2].isalpha()
                and starts_lower(line) and next_word not in _SUSPENDED_COMPOUND_NEXT):
            whole = fold(out.rsplit(" ", 1)[-1] + next_word.strip(".,;:!?)'\""))
            out = (out if whole in hyphenated else out[:-1]) + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and first_letter(line).isupper():
            out = out + line  # a compound with a name: 'Noord-' + 'Brabantse'
        else:
            out = out + " " + line
    return re.sub(r"\s{2,}", " ", out).strip()


_ABBREVIATIONS = ("bijv", "bv", "o.a", "e.d", "enz", "nr", "ca", "dhr", "mevr", "vs", "etc", "i.e", "e.g", "m.b.t", "t.o.v", "o.m")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')]*\s+(?=[\"'(]?[A-Z\u00c0-\u00dd0-9])")


def split_sentences(text: str):
    """Split running text into sentences; keeps URLs, e-mail addresses and abbreviations whole."""
    parts, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start:m.start()].rstrip("\"')")
        last_word = before.rsplit(" ", 1)[-1].lower().rstrip(".")
        if last_word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
            continue
        parts.append(text[start:m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Coördinatie' -> 'coordinatie'."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "x"


def truncate(text: str, limit: int) -> str:
    """Cut text at a word boundary so that it is at most limit characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "\u2026"
