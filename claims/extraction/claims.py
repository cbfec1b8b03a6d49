"""From attributed sentences to candidate statements: phrasing, splitting, filtering, kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.attribution import DISCOURSE_OPENER as _DISCOURSE_OPENER
from claims.extraction.attribution import Attributed
from claims.extraction.records import ClaimKind

_EDGE_QUOTES = "\"'“”‘’„«» "

# Coordinators that may join two stand-alone clauses.
_COMPOUND = re.compile(r"(?:,\s+(?:but|and|while|whereas|yet)\s+|;\s+(?:and\s+|but\s+)?)")
_SUBJECT_START = re.compile(
    r"^(?:(?:he|she|it|they|we|i|you|there|this|that|these|those)\b|"
    r"(?:the|a|an|its|their|his|her|our|my|some|many|most|all|no)\s+\w+|[A-Z][\w'’-]*)",
)
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|shall|should|does|"
    r"did|do|won't|can't|isn't|aren't|wasn't|weren't|hasn't|haven't|didn't|doesn't|"
    r"\w+ed|\w{3,}s|lost|won|took|held|sent|made|left|began|met|came|went|gave|fell|rose|hit|"
    r"told|became|broke|fought|struck|led|said|paid|sold|bought|built|ran|saw|found|kept)\b",
    re.IGNORECASE,
)

_FIRST_PERSON_FEELING = re.compile(
    r"^(?:i|we)(?:'m|’m|'re|’re| am| are)?\s+(?:really\s+|very\s+|so\s+|deeply\s+)?"
    r"(?:think|feel|felt|believe|hope|wish|love|like|hate|want|fear|worry|am happy|am glad|"
    r"am sad|am proud|am delighted|am disappointed|happy|glad|sad|proud|delighted|"
    r"disappointed|honou?red|excited|thrilled|grateful|thankful|sorry|pleased)\b",
    re.IGNORECASE,
)
# Calls to action left over from page furniture: "Read the full report."
_IMPERATIVE = re.compile(
    r"^(?:read|click|tap|watch|see|follow|sign up|subscribe|share|download|listen|contact|visit)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(r"^(?:in my (?:opinion|view)|personally|i think|we think)\b", re.IGNORECASE)

# The one statistic that needs no digit (classify looks for it alone in digitless statements).
_STATISTIC_WORDS = r"\b(?:half|double|twice|triple)\b"
# (?<!\d): a number is tried from its first digit only (classify asks whether there is a match,
# and one from a later digit implies one from the first); from every digit, a long run of
# digits took quadratic time.
_STATISTIC = re.compile(
    r"(?:(?<!\d)\d+(?:[.,]\d+)?\s*(?:%|per\s?cent|percent)|[$£€¥]\s?\d|(?<!\d)\d+(?:\.\d+)?\s*(?:million|billion|"
    rf"trillion|bn|m|k|thousand|hundred)\b|\b\d{{1,3}}(?:,\d{{3}})+\b|{_STATISTIC_WORDS}"
    r"|\b(?!(?:1[89]|20)\d{2}\b)\d+(?:\.\d+)?\b)",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|-\d{4}\b",
    re.IGNORECASE,
)
_CAUSAL = re.compile(
    r"\b(?:because|led to|leads? to|leading to|caus(?:e|es|ed|ing)|due to|as a result of|"
    r"results? in|resulted in|thanks to|owing to|therefore|triggered|blamed for|"
    r"contributed to|responsible for)\b",
    re.IGNORECASE,
)
_PREDICTION = re.compile(
    r"\b(?:will|won't|shall|(?:is|are|was|were) (?:expected|set|likely|due|poised|going) to|"
    r"plans? to|planned to|forecasts?|predicts?|predicted|projected to|is to|are to)\b",
    re.IGNORECASE,
)
_SUPERLATIVE_FALSE = frozenset(
    [
        "interest",
        "west",
        "east",
        "test",
        "rest",
        "best-known",
        "latest",
        "protest",
        "suggest",
        "forest",
        "arrest",
        "request",
        "honest",
        "modest",
        "contest",
        "harvest",
        "manifest",
        "earnest",
        "invest",
        "digest",
        "nest",
        "guest",
        "chest",
        "quest",
        "pest",
        "vest",
        "attest",
        "detest",
        "arrest",
        "priest",
        "conquest",
        "behest",
        "midwest",
        "northwest",
        "southwest",
        "northeast",
        "southeast",
        "inquest",
        "unrest",
    ]
)
_COMPARISON = re.compile(
    r"\b(?:than|most|the least|compared (?:with|to)|versus|outnumber\w*|best|worst)\b"
    r"|\b\w{3,}est\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(?:\w{3,}ed|lost|won|took|held|sent|made|left|began|met|came|went|gave|fell|rose|hit|"
    r"told|became|broke|fought|struck|led|paid|sold|bought|built|ran|saw|found|kept|shot|"
    r"killed|signed|announced|launched|attacked|invaded)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Statement:
    """A candidate before scoring: the stand-alone text and where it came from."""

    text: str
    source: Attributed
    kind: ClaimKind


def statements_from(attributed: Attributed) -> list[Statement]:
    """Zero or more stand-alone statements for one attributed sentence."""
    content = attributed.content.strip()
    # A direct quote is checked as said: splitting it would put words in the speaker's mouth.
    parts = [content] if attributed.is_quote else split_compound(content)
    statements = []
    for part in parts:
        if part.rstrip(' "”').endswith(":"):
            continue  # an introducer such as "... reviews tense relations as follows:"
        text = phrase_statement(part)
        if not is_checkable(text):
            continue
        kind = ClaimKind.QUOTE if attributed.is_quote else classify(text)
        statements.append(Statement(text=text, source=attributed, kind=kind))
    return statements


def phrase_statement(text: str) -> str:
    """Strip discourse openers and quote marks; finish with a full stop and a capital."""
    text = text.strip().strip(_EDGE_QUOTES).strip()
    text = _DISCOURSE_OPENER.sub("", text)
    text = text.strip().strip(_EDGE_QUOTES).strip()
    text = text.rstrip(",;:—–- ")
    if not text:
        return ""
    if text[-1] not in ".!?…":
        text += "."
    return text[0].upper() + text[1:]


def split_compound(text: str) -> list[str]:
    """Split at ", but" / ", and" / ";" when both halves are clauses that stand alone."""
    parts: list[str] = []
    cut = 0
    for match in _COMPOUND.finditer(text):
        left, right = text[cut : match.start()], text[match.end() :]
        # "X said that A, and that B": B depends on the reporting verb, it does not stand alone.
        dependent = right.lstrip().lower().startswith("that ")
        if _is_clause(left) and _is_clause(right) and not _correlative(left) and not dependent:
            parts.append(left)
            cut = match.end()
    parts.append(text[cut:])
    return parts


def _is_clause(text: str) -> bool:
    words = text.strip().split()
    if len(words) < 4:
        return False
    head = " ".join(words[:7])
    return bool(_SUBJECT_START.match(text.strip())) and bool(_FINITE_VERB.search(head))


def _correlative(left: str) -> bool:
    # "not only X, but Y" and "both X and Y" are one claim, not two.
    return bool(re.search(r"\b(?:not only|both|either|neither|between)\b", left, re.IGNORECASE))


def is_checkable(statement: str) -> bool:
    words = statement.split()
    if len(words) < 4:
        return False
    if statement.endswith("?"):
        return False
    if _IMPERATIVE.match(statement):
        return False
    if _FIRST_PERSON_FEELING.match(statement) or _OPINION.match(statement):
        return False
    # A headline or name list has no lowercase word at all.
    return any(word[:1].islower() for word in words[1:])


# Every date pattern and every numeric statistic needs a digit; most statements have none, and
# one scan for a digit costs a tenth of either pattern's.
_DIGIT = re.compile(r"\d")
_WORD_STATISTIC = re.compile(_STATISTIC_WORDS, re.IGNORECASE)


def classify(statement: str) -> ClaimKind:
    if _DIGIT.search(statement):
        statistic = _STATISTIC.search(_MONTH_DAY.sub(" ", statement))
    else:
        statistic = _WORD_STATISTIC.search(statement)
    if statistic:
        return ClaimKind.STATISTIC
    if _CAUSAL.search(statement):
        return ClaimKind.CAUSAL
    if _PREDICTION.search(statement):
        return ClaimKind.PREDICTION
    if any(
        match.group(0).lower() not in _SUPERLATIVE_FALSE
        for match in _COMPARISON.finditer(statement)
    ):
        return ClaimKind.COMPARISON
    if _EVENT.search(statement):
        return ClaimKind.EVENT
    return ClaimKind.OTHER
