"""Drop repeated paragraphs (syndicated copies, a page that embeds the article twice)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from claims.extraction.normalise import loose_key

# Near-exact: at least this similar after folding punctuation. High on purpose: two genuinely
# different paragraphs that share most words ("X rose 5%" / "X rose 6%") must both survive.
NEAR_DUPLICATE_RATIO = 0.97
# Below this length a near match is more likely a coincidence than a repeat.
NEAR_DUPLICATE_MIN_CHARS = 60


def dedupe_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Keep the first appearance of each paragraph; exact and near-exact repeats are dropped."""
    kept: list[str] = []
    seen_keys: set[str] = set()
    long_keys: list[tuple[str, list[str]]] = []  # each long key kept, with its numbers
    for paragraph in paragraphs:
        key = loose_key(paragraph)
        if key in seen_keys:
            continue
        if len(key) >= NEAR_DUPLICATE_MIN_CHARS:
            numbers = _numbers(key)
            if _near_any(key, numbers, long_keys):
                continue
            long_keys.append((key, numbers))
        seen_keys.add(key)
        kept.append(paragraph)
    return kept


_DIGITS = re.compile(r"\d+")
# Every ASCII character but the digits, as a space: what is left to split is the digit runs.
_ASCII_DIGITS_ONLY = bytes(code if 48 <= code <= 57 else 32 for code in range(256))


def _numbers(key: str) -> list[str]:
    """``_DIGITS.findall(key)`` for a ``loose_key`` (letters and digits only)."""
    if key.isalpha():
        return []  # no digit at all
    if key.isascii():
        # One C pass instead of the regex tried at every character; ASCII \d is 0-9.
        return key.encode("ascii").translate(_ASCII_DIGITS_ONLY).decode("ascii").split()
    return _DIGITS.findall(key)


def _near_any(key: str, numbers: list[str], others: list[tuple[str, list[str]]]) -> bool:
    for other, other_numbers in others:
        # A different number is a different fact ("rose 5%" / "rose 6%"), however similar.
        if other_numbers != numbers:
            continue
        # Cheap length filter before the quadratic comparison.
        if abs(len(other) - len(key)) > len(key) * (1 - NEAR_DUPLICATE_RATIO) * 2:
            continue
        matcher = SequenceMatcher(None, key, other, autojunk=False)
        if (
            matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO
            and matcher.ratio() >= NEAR_DUPLICATE_RATIO
        ):
            return True
    return False
