"""Text clean-up before anything else looks at an article, and the comparison key for matching.

The cleaned text keeps the author's punctuation (curly quotes stay curly): it is what claim
offsets point into and what a fact-checker quotes. Only ``comparison_key`` folds quote and dash
styles, for dedupe and for matching the same statement across articles.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# uncurl_quotes=False: the verbatim sentence must keep the publisher's quote marks.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

# A line of only these characters, with no HTML entity, is one ftfy leaves as it is: printable
# ASCII, tab and "£" (alone it encodes to a UTF-8 continuation byte in every charmap ftfy tries,
# so it cannot be part of mojibake; it is the most frequent non-ASCII character in UK news). The
# entity pattern is ftfy's own (chardata.HTML_ENTITY_RE). Two searches, the second only where
# there is a "&": one alternation of both is tried branch by branch at every character (4x slower).
_FTFY_TOUCHES = re.compile(r"[^\t\n\x20-\x7e£]")
_HTML_ENTITY = re.compile(r"&#?[0-9A-Za-z]{1,24};")


def _untouched(text: str) -> bool:
    """Whether ftfy would leave ``text`` as it is: it holds only the characters above and no
    HTML entity."""
    return not (_FTFY_TOUCHES.search(text) or ("&" in text and _HTML_ENTITY.search(text)))


def fix_text(text: str) -> str:
    """``ftfy.fix_text(text, _FTFY)``, without running ftfy on the lines it would leave unchanged.

    ftfy fixes each line on its own (``fix_and_explain`` per segment ending at "\\n"); the one
    thing a line passes on to the next is that a "<" turns HTML unescaping off for the rest of the
    text, which this loop does the same way. Most news lines are plain ASCII: they are copied.
    """
    if _untouched(text):
        return text
    if len(text) > _FTFY.max_decode_length:
        return ftfy.fix_text(text, _FTFY)  # ftfy would also cut long lines: let it
    config = _FTFY
    out: list[str] = []
    position = 0
    while position < len(text):
        end = text.find("\n", position) + 1 or len(text)
        segment = text[position:end]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        if not _untouched(segment):
            segment = ftfy.fix_and_explain(segment, config).text
        out.append(segment)
        position = end
    return "".join(out)


# Invisible characters that break word matching: zero-width space/joiners, word joiner, BOM,
# soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
# Non-breaking and typographic spaces become plain spaces.
_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v\f",
    ),
    " ",
)
_ASCII_SPACES = re.compile("[\t\v\f]")  # the ASCII keys of _SPACES; _INVISIBLE has none
_RUNS_OF_SPACES = re.compile(r" {2,}")

_QUOTE_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
    }
)


def replacements(table: dict[int, str | None]) -> tuple[tuple[str, str], ...]:
    """A ``str.translate`` table as (character, replacement) pairs for ``replace_each``."""
    pairs = tuple((chr(code), replacement or "") for code, replacement in table.items())
    if any(char in replacement for char, _ in pairs for _, replacement in pairs):
        raise ValueError("a replacement holds a character the table maps: use str.translate")
    return pairs


def replace_each(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate(table)`` for ``pairs = replacements(table)``, one ``str.replace`` per
    character present. On text with any non-ASCII character ``translate`` looks every character
    up in the table's dict (about 1 ms a 3,000-character article); a few dozen ``in`` scans and
    the odd replace cost microseconds. Same result: no replacement holds a mapped character, so
    the order of the replacements does not matter."""
    for char, replacement in pairs:
        if char in text:
            text = text.replace(char, replacement)
    return text


_INVISIBLE_AND_SPACES = replacements({**_INVISIBLE, **_SPACES})
_QUOTE_FOLD_PAIRS = replacements(_QUOTE_FOLD)
_KEY_EDGES = "\"' .,;:!?"


def normalise_text(text: str) -> str:
    """Drop markup tags, fix mojibake, compose Unicode, drop invisible characters and tidy
    whitespace.

    Returns paragraphs joined by "\\n": one per line as web extractors and feeds write them, with
    hard-wrapped lines joined back (see ``unwrap_lines``).
    """
    if "<" in text:
        text = strip_markup(text)
    text = fix_text(text)
    text = unicodedata.normalize("NFC", text)
    if not text.isascii() or _ASCII_SPACES.search(text):
        # text.translate(_INVISIBLE).translate(_SPACES)
        text = replace_each(text, _INVISIBLE_AND_SPACES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n")
    # Runs of spaces never span a newline: one substitution over the text, only where there is
    # a double space, is the one per line.
    if "  " in text:
        text = _RUNS_OF_SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(unwrap_lines(lines))


# An HTML or XML tag left in plain text by a scraper: "<tweet id="7" author="@x">", "</tweet>",
# "<br/>", "<tweet/>", or a comment. Attributes must have values: "if a<b and c>d" is no tag.
# Each attribute starts after a space with a name character that its value cannot end with a
# space, so the attribute loop cannot split one stretch of text two ways.
_MARKUP_TAG = re.compile(
    r"<!--[^<>]{0,500}?-->"
    r"|</?[A-Za-z][\w:-]{0,30}"
    r"(?:\s{1,5}[A-Za-z_:][\w:.-]{0,40}\s?=\s?(?:\"[^\"<>\n]{0,500}\"|'[^'<>\n]{0,500}'"
    r"|[^\s\"'<>=`]{1,200})){0,20}"
    r"\s?/?>"
)
_ENDS_SENTENCE = ".!?"
_CLOSING_QUOTES = "\"'”’)"
_GLUED_AFTER = ".,;:!?)]”’"
_PUNCTUATION = ".,;:!?"


def cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the (start, end) ``spans`` (sorted, not overlapping), the words on either
    side joined as the author would have: by a space between two words, by nothing before a
    space or punctuation; a full stop right after a cut is dropped when the text before the cut
    already ends its sentence ("appreciated!</tweet>." -> "appreciated!").

    Linear in the length of ``text``: the pieces kept are joined once, and only their last few
    characters are looked at (a text of thousands of tags is no quadratic copy)."""
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        if start > position:
            pieces.append(text[position:start])
        position = end
        if (
            _last_char(pieces, skip=_CLOSING_QUOTES) in _ENDS_SENTENCE
            and text.startswith(".", position)
            and not text.startswith("..", position)
        ):
            position += 1
        after = text[position : position + 1]
        if after and after in _PUNCTUATION:
            _drop_trailing_spaces(pieces)  # "now. -H <cut>." -> "now. -H."
        last = _last_char(pieces)
        if last and after and not (last.isspace() or after.isspace() or after in _GLUED_AFTER):
            pieces.append(" ")
    pieces.append(text[position:])
    return "".join(pieces)


_SKIPPED_CLOSERS = 3  # "sheep.”</tweet>." looks past one closer; never a long run


def _last_char(pieces: list[str], skip: str = "") -> str:
    """The last character of ``"".join(pieces)`` that is not one of up to three ``skip``
    characters at its end, or "" (an empty string is in every string: callers test it)."""
    skipped = 0
    for piece in reversed(pieces):
        for char in reversed(piece):
            if char in skip and skipped < _SKIPPED_CLOSERS:
                skipped += 1
                continue
            return char
        if skipped >= _SKIPPED_CLOSERS:
            break
    return ""


def _drop_trailing_spaces(pieces: list[str]) -> None:
    while pieces:
        stripped = pieces[-1].rstrip(" ")
        if stripped:
            pieces[-1] = stripped
            return
        pieces.pop()


def strip_markup(text: str) -> str:
    """``text`` without HTML or XML tags; the text between an opening and a closing tag is kept
    ("<tweet id="1">Vote today.</tweet>" -> "Vote today.")."""
    spans = [match.span() for match in _MARKUP_TAG.finditer(text)]
    return cut_spans(text, spans) if spans else text


# A line that ends like this ends its paragraph (or is a heading, a byline, a list item).
_ENDS_PARAGRAPH = re.compile(r"""[.!?:;"'”’)\]…]$""")
_WRAPPED_WIDTH = 40


def unwrap_lines(lines: list[str]) -> list[str]:
    """Paragraphs from lines, joining hard-wrapped ones (wire copy, e-mail, plain-text exports).

    A line is continued by the next when it stops mid-sentence: no closing punctuation, and
    either it is long (a wrapped line, not a heading or a byline) or the next line starts in
    lower case. Blank lines end a paragraph; otherwise every line is one, as web extractors and
    feeds write them.
    """
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        if joinable and (len(paragraphs[-1]) >= _WRAPPED_WIDTH or line[0].islower()):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        joinable = not _ENDS_PARAGRAPH.search(line)
    return paragraphs


def comparison_key(text: str) -> str:
    """A key under which two spellings of the same statement are equal.

    Folds straight/curly quotes, dash variants, "…" vs "...", case and whitespace, and ignores
    quote marks and punctuation at either end ("'X.'" and "X" match).
    """
    if not text.isascii() or "`" in text:  # the only ASCII character the fold maps is "`"
        text = replace_each(text, _QUOTE_FOLD_PAIRS)  # text.translate(_QUOTE_FOLD)
    if not text.isascii():  # ASCII is its own NFKC form
        text = unicodedata.normalize("NFKC", text)
    # _WHITESPACE.sub(" ", text), but for the space or none at either end, which the strip
    # below removes anyway: str.split and the pattern's \s agree on what is whitespace.
    text = " ".join(text.split()).casefold()
    return text.strip(_KEY_EDGES)


_NON_WORD = re.compile(r"[\W_]+")
# The ASCII characters _NON_WORD matches: all but letters and digits.
_ASCII_NON_WORD = bytes(code for code in range(128) if not chr(code).isalnum())


def loose_key(text: str) -> str:
    """Letters and digits only: catches repeats that differ in any punctuation or spacing."""
    # ``_NON_WORD.sub("", comparison_key(text))``, without the steps of comparison_key whose
    # work the final cut undoes: collapsing whitespace and stripping quotes and punctuation at
    # the edges only ever touch characters that are not letters or digits (casefold maps none
    # of them to one), and the cut removes every such character anyway.
    if text.isascii():
        # The same for ASCII at a tenth of the cost: NFKC and the fold change nothing the cut
        # keeps, casefold is lower, and bytes.translate deletes what _NON_WORD matches.
        return text.encode("ascii").translate(None, _ASCII_NON_WORD).decode("ascii").lower()
    text = replace_each(text, _QUOTE_FOLD_PAIRS)  # text.translate(_QUOTE_FOLD)
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
