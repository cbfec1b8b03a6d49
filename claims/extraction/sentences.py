"""Sentence splitting with character offsets.

A single compiled regex finds every place a sentence could end (terminal punctuation, any
closing quotes or brackets, then whitespace); a few set look-ups on the word before and the word
after decide whether it does. Newlines are hard boundaries. This is several times faster than
pySBD's rewrite-the-text-many-times approach and scores at least as well on the Golden Rules and
GUM Wikinews sets (see ``benchmarks/sentences.py``).
"""

from __future__ import annotations

import re

from claims.extraction.records import Sentence


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Titles and similar words that are followed by a name, so a period after them never ends a
# sentence ("Mr. Smith", "Gen. Mattis", "Mt. Fuji", "St. Michael's").
PREPOSITIVE = _wordset(
    """
    adm attys brig capt cmdr col cpl det dr drs gen gov insp lt maj mr mrs ms mssrs messrs mt
    pres prof pvt rep reps rev sen sens sgt st supt hon msgr fr sfc pfc cdr ens amb
    vs v e.g i.e cf viz approx ca
    """
)

# Abbreviations that precede a number ("No. 5", "p. 55", "Art. 3", "N°. 1026").
NUMBER_ABBREVIATIONS = _wordset("no nos nr n° p pp art ext vol vols fig figs ch sec op")

# Abbreviations that may or may not end a sentence ("Briggs & Co. It closed" vs "Co. at noon",
# "the U.S. How about you?" vs "the U.S. Government"). They end one only when the next word is a
# typical sentence opener. Common English words ("is", "me", "may") are deliberately left out:
# a sentence ending in them is far more likely than the abbreviation.
AMBIGUOUS = _wordset(
    """
    co corp inc ltd llc plc bros jr sr esq etc al dept univ assn est inst intl natl govt
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    ala ariz ark calif colo conn fla ga ill ind kan kans ky mass md mich minn miss mo mont neb
    nebr nev okla ore pa penn tenn tex va vt wash wis wisc wyo
    ave blvd rd hwy ft mt mtn bldg hosp
    a.m p.m u.s u.k e.u u.n u.s.a d.c ph.d
    """
)

# Words that typically open a sentence; after an ambiguous abbreviation they signal a boundary.
SENTENCE_STARTERS = _wordset(
    """
    A An The It He She They We I You This That These Those There Here His Her Its Their Our My
    Your In On At But And Or So Yet However Meanwhile Also Then When Where What Why How Who
    Which While If After Before Since Although Though As For With Without Many Most Some All
    Both Each Every No Not Nor One Two Three Being Did Does Do Is Are Was Were Has Have Had
    Millions More Police Officials
    """
)

_OPENERS = "\"'“‘«([{"
_DASHES = "—–-"
_CLOSERS = "\"'”’»)]}“‘"

# Terminal punctuation run, optional closers, then whitespace or end of text. The run covers
# "?!", "!!", "...", "…", "!…", and spaced ellipses ". . . ." (a space-separated run of dots).
# A curly opening quote attached after the period ('decision.“ However') is a misused closer.
# A candidate starts only where a run starts and no two parts of it can match the same mark:
# otherwise a long run that fails at its end ("!!!…!a") is retried from each of its marks, and
# each try splits the run every possible way (cubic time in its length). The "no mark before"
# test sits after the first mark (a two-character lookbehind) so that the pattern opens with a
# character set, which lets ``re`` skip to the next mark instead of trying every position.
_CANDIDATE = re.compile(
    r"(?:[!?‽…](?<![.!?‽…][!?‽…])[.!?‽…]*|\.(?<![.!?‽…]\.)(?: ?\.)*(?:[!?‽…][.!?‽…]*)?)"
    r"[\"'”’»)\]}“‘]*(?=\s|$)"
)
_LINE = re.compile(r"[^\n]+")
# "U.S", "Ph.D", and initials joined by an ampersand as some papers write them: "S.&P", "A.&M".
_MULTI_PERIOD = re.compile(r"(?:[A-Za-z]\.&?)+[A-Za-z]")
# List enumerators at the start of a chunk: "1.)", "1)", "1.", "a.", bullets.
_LIST_MARKER = re.compile(r"(?:(\d{1,3})\.?\)|(\d{1,3})\.|([a-z])\.)(?=\s)")
_BULLETS = "•⁃▪◦‣"


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start - offset : s.end - offset] == s.text`` for
    each one (``offset``: where ``text`` starts in the document the offsets point into)."""
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        for start, end in _list_items(text, line.start(), line.end()):
            _split_chunk(text, start, end, sentences, offset)
    return sentences


def split_text(text: str) -> list[str]:
    """Sentences as strings, for the evaluation helpers and quick use."""
    return [sentence.text for sentence in split_sentences(text)]


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an inline list ("1) first 2) second", "• a • b") into items.

    Only a chunk that begins with an enumerator is cut, and only before the next enumerator in
    sequence (1 then 2, a then b), so a stray "2." inside ordinary prose is never a boundary.
    """
    while start < end and text[start].isspace():
        start += 1
    if start >= end:
        return []
    first = text[start]
    if first in _BULLETS:
        cuts = [start] + [i for i in range(start + 1, end) if text[i] in _BULLETS]
        return [(a, b) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]
    match = _LIST_MARKER.match(text, start, end)
    if not match:
        return [(start, end)]
    kind, value = _marker_value(match)
    pattern = _marker_pattern(match)
    cuts = [start]
    position = match.end()
    while True:
        value += 1
        expected = str(value) if kind == "number" else chr(value)
        following = re.compile(r"(?<=\s)" + pattern.replace("V", re.escape(expected)) + r"(?=\s)")
        found = following.search(text, position, end)
        if not found:
            break
        cuts.append(found.start())
        position = found.end()
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]


def _marker_value(match: re.Match[str]) -> tuple[str, int]:
    number = match.group(1) or match.group(2)
    if number:
        return "number", int(number)
    return "letter", ord(match.group(3))


def _marker_pattern(match: re.Match[str]) -> str:
    marker = match.group(0)
    if marker.endswith(".)"):
        return r"V\.\)"
    if marker.endswith(")"):
        return r"V\)"
    return r"V\."


def _split_chunk(text: str, start: int, end: int, out: list[Sentence], offset: int) -> None:
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        boundary = _boundary(text, match, sentence_start, end)
        if boundary is None:
            continue
        cut, next_start = boundary
        _emit(text, sentence_start, cut, out, offset)
        sentence_start = next_start
    _emit(text, sentence_start, end, out, offset)


def _emit(text: str, start: int, end: int, out: list[Sentence], offset: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(text=text[start:end], start=start + offset, end=end + offset))


def _boundary(
    text: str, match: re.Match[str], sentence_start: int, chunk_end: int
) -> tuple[int, int] | None:
    """Where the sentence ends and the next begins, or None when this is not a boundary."""
    punct_start, punct_end = match.start(), match.end()
    # Next word: skip whitespace and opening quotes/brackets.
    nxt = punct_end
    while nxt < chunk_end and text[nxt].isspace():
        nxt += 1
    if nxt >= chunk_end:
        return None  # end of chunk: the caller emits the tail
    probe = nxt
    while probe < chunk_end and text[probe] in _OPENERS:
        probe += 1
    first = text[probe] if probe < chunk_end else ""
    if first in _DASHES:
        # "''Hail, Caesar!'' -- a movie set for release": a dash and a lower-case word go on.
        after_dash = probe
        while after_dash < chunk_end and text[after_dash] in _DASHES:
            after_dash += 1
        if text[after_dash : after_dash + 1] == " ":
            first = text[after_dash + 1 : after_dash + 2]
    if first.islower():
        return None  # "Yahoo! in", "co. at noon", '"This is great." she said'
    punct = text[punct_start:punct_end].rstrip(_CLOSERS)

    # The word before the punctuation (without opening quotes/brackets).
    word_start = punct_start
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:punct_start].lstrip(_OPENERS)

    if punct[0] in "!?‽" or punct[0] == "…" or "!" in punct or "?" in punct:
        return punct_end, nxt

    if text[punct_start - 1 : punct_start] in "[(" and punct_start > sentence_start:
        return None  # an omission inside brackets: "stairways [...]"
    if punct.startswith(".") and len(punct) > 1:
        return _ellipsis_boundary(text, punct_start, punct_end, punct, word, nxt)

    # A single period.
    if not word:
        return punct_end, nxt
    if _is_enumerator(word.lstrip(_BULLETS)) and _opens_sentence(text, sentence_start, word_start):
        return None  # "1. The first item"
    # 'Prisoner Cell Block H." Labour had': a quote closes after the period, so the period
    # ends the quoted sentence; an initial or an abbreviation is never quoted alone.
    quote_closes = punct_end > punct_start + 1 and text[punct_start + 1] in "\"”’'»"
    if quote_closes and word.lower() not in PREPOSITIVE:
        return punct_end, nxt
    if _is_abbreviation_before(text, word, word_start, first, nxt, chunk_end):
        return None
    return punct_end, nxt


def _ellipsis_boundary(
    text: str, punct_start: int, punct_end: int, punct: str, word: str, nxt: int
) -> tuple[int, int] | None:
    dots = punct.count(".")
    spaced = " " in punct
    if not spaced:
        # "that.... She" and "paused... Then": an attached ellipsis before a capital ends it.
        return punct_end, nxt
    if word and dots >= 4:
        # "compounds. . . . The": the period ends the sentence, the ellipsis opens the next.
        return punct_start + 1, punct_start + 2
    if dots >= 4:
        return punct_end, nxt  # "with a period . . . . Next"
    return None  # ". . . I didn't mean it": a spaced three-dot ellipsis is an omission


def _is_enumerator(word: str) -> bool:
    return word.isdigit() or (len(word) == 1 and word.isalpha())


def _is_abbreviation_before(
    text: str, word: str, word_start: int, first: str, nxt: int, chunk_end: int
) -> bool:
    lowered = word.lower()
    if lowered in PREPOSITIVE:
        return True
    if first.isdigit() and lowered in NUMBER_ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():
        if word == "I":
            # "you and I. Did" ends; "Albert I. Jones" does not. Only the previous word is
            # looked at: copying all the text before it made a run of "I." quadratic.
            return _previous_word_capitalised(text, word_start)
        if word.isupper():
            return True  # an initial: "Jonas E. Smith", "J. R. R. Tolkien"
        return not _next_word_starts_sentence(text, nxt, chunk_end)
    if lowered in AMBIGUOUS or _MULTI_PERIOD.fullmatch(word):
        return not _next_word_starts_sentence(text, nxt, chunk_end)
    return False


def _next_word_starts_sentence(text: str, nxt: int, chunk_end: int) -> bool:
    probe = nxt
    while probe < chunk_end and text[probe] in _OPENERS:
        probe += 1
    stop = probe
    while stop < chunk_end and (text[stop].isalpha()):
        stop += 1
    return text[probe:stop] in SENTENCE_STARTERS


def _previous_word_capitalised(text: str, word_start: int) -> bool:
    end = word_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start < end and text[start].isupper()


def _opens_sentence(text: str, sentence_start: int, word_start: int) -> bool:
    """Only bullets and spaces before ``word_start``: scanned back, not copied (a run of "I."
    that never ends a sentence made copying the sentence so far quadratic)."""
    position = word_start
    while position > sentence_start and text[position - 1] in _BULLETS + " ":
        position -= 1
    return position == sentence_start
