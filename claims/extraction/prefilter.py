"""A cheap substring test in front of a word-list regex: ``search`` without the scan where it
cannot match.

A pattern such as ``\\b(?:should|must|ought to)\\b`` (case-insensitive) is tried by ``re`` at every
position of the text; asking first whether the lower-cased text contains "should", "must" or
"ought to" at all costs a few substring searches in C, and most sentences contain none. The
literal prefixes are read from the compiled pattern itself, so they follow any edit to it; a
pattern whose matches need not start with a literal (``\\d``, ``\\w{3,}``) is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser re compiles with; named sre_parse before Python 3.11
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_MAX_PREFIXES = 200
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)


def _heads(items: Any) -> tuple[set[str], bool] | None:
    """(prefixes every match of ``items`` starts with, whether ``items`` is all literal), or
    None when some match can start with no literal at all."""
    prefixes = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # \b, ^, $, lookahead and lookbehind consume nothing
        if op is _sre.LITERAL:
            prefixes = {p + chr(av) for p in prefixes}
            continue
        inner = None
        if op is _sre.SUBPATTERN and not av[1] and not av[2]:  # (?:...) or (...), no flag change
            inner = _heads(av[3])
        elif op is _sre.BRANCH:
            inner = _branch_heads(av[1])
        if inner is None:
            break
        tails, complete = inner
        prefixes = {p + t for p in prefixes for t in tails}
        if not complete or len(prefixes) > _MAX_PREFIXES:
            break
    else:
        return prefixes, True
    if "" in prefixes:
        return None
    return prefixes, False


def _branch_heads(branches: Any) -> tuple[set[str], bool] | None:
    found: set[str] = set()
    complete = True
    for branch in branches:
        heads = _heads(branch)
        if heads is None:
            return None
        found |= heads[0]
        complete = complete and heads[1]
    return found, complete


# Up to this many prefixes are tested one substring search each; more, by one regex scan.
_CONTAINS_MAX = 12


def _trie_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern that matches exactly where one of ``words`` occurs: the words as a trie
    ("is (?:due|to)"), which ``re`` tries character by character instead of word by word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def alternatives(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + alternatives(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        # A word ends here and longer ones go on: the shorter one alone is enough to match.
        return "" if "" in node else body

    return re.compile(alternatives(trie))


class LiteralPrefiltered:
    """``pattern`` with a ``search`` that first checks for one of its literal prefixes.

    Only ``search`` and ``sub`` are filtered (every other attribute is the pattern's own), and
    only on ASCII text: there, case-insensitive matching is ASCII case folding, which
    ``str.lower`` does.
    """

    def __init__(self, pattern: re.Pattern[str], prefixes: frozenset[str]) -> None:
        self.pattern = pattern
        self.prefixes = prefixes
        self._fold = bool(pattern.flags & re.IGNORECASE)
        # Many prefixes ("is expected to", "are expected to", ...): one scan for any of them,
        # with their shared beginnings factored out, beats a substring test per prefix.
        self._finder = _trie_pattern(prefixes) if len(prefixes) > _CONTAINS_MAX else None

    def _absent(self, text: str) -> bool:
        """Whether ``text`` (ASCII) holds none of the prefixes, so the pattern cannot match."""
        folded = text.lower() if self._fold else text
        if self._finder is not None:
            return self._finder.search(folded) is None
        return not any(map(folded.__contains__, self.prefixes))

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        if not args and text.isascii() and self._absent(text):
            return None
        return self.pattern.search(text, *args)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        """``pattern.sub``; where no match is possible, the text unchanged."""
        if text.isascii() and self._absent(text):
            return text
        return self.pattern.sub(repl, text, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def literal_prefiltered(pattern: re.Pattern[str]) -> re.Pattern[str] | LiteralPrefiltered:
    """``pattern`` behind a literal-prefix test, or ``pattern`` itself when it has no usable
    prefixes (a match may start with a non-literal, or the prefixes are not all ASCII)."""
    if pattern.flags & re.VERBOSE or not isinstance(pattern.pattern, str):
        return pattern
    try:
        heads = _heads(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # any parser difference: no prefilter, never a wrong one
        return pattern
    if heads is None:
        return pattern
    prefixes = heads[0]
    if not prefixes or "" in prefixes or not all(p.isascii() for p in prefixes):
        return pattern
    if pattern.flags & re.IGNORECASE:
        prefixes = {p.lower() for p in prefixes}
    # A prefix that contains another is found only where the other is: test the shorter alone.
    prefixes = {p for p in prefixes if not any(q != p and q in p for q in prefixes)}
    return LiteralPrefiltered(pattern, frozenset(prefixes))
