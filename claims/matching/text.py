"""Text handling for matching: what a query keeps, the words BM25 counts, numbers and names.

Plain Python: no Django, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
# The byline a pasted tweet ends with: "— Name (@handle) January 6, 2020" (trailing spaces and a
# closing quote are stripped before it is looked for: no two open-ended repeats side by side).
_TWEET_BYLINE_DATE = re.compile(
    r"\)\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s\d{1,2},\s\d{4}$"
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_HASHTAG = re.compile(r"#(\w+)")
_SPACES = re.compile(r"\s+")


def clean_query(text: str) -> str:
    """The words of a pasted post: links and the tweet's date dropped, hashtags split into words.

    "#DefundTheCBC" becomes "Defund The CBC": an encoder and BM25 both know the words, not the tag.
    """
    text = _URL.sub(" ", text)
    text = _TWEET_BYLINE_DATE.sub(")", text.rstrip(' \t\n"'))
    text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    return _SPACES.sub(" ", text).strip()


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOPWORDS = """
    a an and are as at be been being but by can could did do does for from had has have he
    her his i if in into is it its itself me my no not of on or our she so than that the
    their them then there these they this those to too was we were what when where which who
    whom why will with would you your rt via amp"""
STOPWORDS = frozenset(_STOPWORDS.split())


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A light suffix strip, enough that "vaccines"/"vaccine" and "banned"/"bans" meet."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words: the terms BM25 and term overlap count."""
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(%|percent|per cent))?")


_DIGIT = re.compile(r"\d")


def numbers(text: str) -> set[str]:
    """Numbers as written, commas dropped: "10,000" and "10000" are one number."""
    if not _DIGIT.search(text):
        return set()  # most statements: skip the scan with a look-behind at every position
    return {m.group(1).replace(",", "") for m in _NUMBER.finditer(text)}


_NAME = re.compile(r"\b[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+)*")


def names(text: str) -> set[str]:
    """Capitalised words that are not a sentence's first word: people, places, organisations."""
    found: set[str] = set()
    for match in _NAME.finditer(text):
        at = match.start() - 1
        while at >= 0 and text[at].isspace():
            at -= 1
        words = match.group(0).split()
        if at < 0 or text[at] in ".!?\"'(:":
            # A sentence's first word is capitalised anyway: keep the rest of the run.
            words = words[1:]
        found.update(w.lower() for w in words if w.lower() not in STOPWORDS)
    return found


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Share of ``a``'s distinct items found in ``b`` (0 when ``a`` is empty)."""
    a_set = set(a)
    if not a_set:
        return 0.0
    return len(a_set & set(b)) / len(a_set)
