"""The kind of an unattributed statement (statistic, causal, prediction, comparison, event or
other): what a fact-checker would check in it. An attributed statement is a quote whatever its
content; claims.py decides that before asking here."""

from __future__ import annotations

import re

from claims.extraction.prefilter import literal_prefiltered
from claims.extraction.records import ClaimKind

# The one statistic that needs no digit (classify looks for it alone in digitless statements).
_STATISTIC_WORDS = r"\b(?:half|double|twice|triple)\b"
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
    r"plans? to|planned to|forecasts?|predicts?|predicted|projected to|is to|are to|"
    # A date still to come or an intention: "the election is expected on 5 May", "Nintendo is
    # planning to release an adapter", "he intends to move abroad", "is ready to commit".
    r"(?:is|are) (?:expected|scheduled|due) (?:on|in|at|by|next|later|this)|"
    r"(?:is|are) (?:planning|preparing|ready|hoping|aiming|bidding) to|intends? to)\b",
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


# Every date pattern and every numeric statistic needs a digit; most statements have none, and
# one scan for a digit costs a tenth of either pattern's.
_DIGIT = re.compile(r"\d")
_WORD_STATISTIC = re.compile(_STATISTIC_WORDS, re.IGNORECASE)
# Speed only: these searches run where the text holds one of the pattern's literal prefixes.
_CAUSAL, _PREDICTION, _WORD_STATISTIC = map(
    literal_prefiltered, (_CAUSAL, _PREDICTION, _WORD_STATISTIC)
)


def classify(statement: str) -> ClaimKind:
    """The kind of an unattributed statement: what a fact-checker would check in it.

    A quantity (a percentage, money, a count in thousands or millions) makes a statistic; then
    a cause, a forecast, a comparison; then a past happening is an event, and a state of
    affairs, definition or finding is other. A bare small number ("three years", "in 2004")
    does not make a statistic.
    """
    if _DIGIT.search(statement):
        statistic = _STRONG_STATISTIC.search(_MONTH_DAY.sub(" ", statement))
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
    return ClaimKind.EVENT if _is_past(statement) else ClaimKind.OTHER


# A quantity, not just a number: "24%", "$35bn", "1.5 million", "26,000".
_STRONG_STATISTIC = re.compile(
    r"(?<![\d.,])\d{1,15}(?:[.,]\d{1,6})? ?(?:%|per ?cent|percent)|[$£€¥] ?\d"
    r"|(?<![\d.,])\d{1,15}(?:\.\d{1,6})? ?(?:million|billion|trillion|bn|m|k|thousand|hundred|yen|"
    r"euros?|dollars|pounds)\b|(?<![\d.,])\d{1,3}(?:,\d{3}){1,5}(?![\d,])"
    # An age, a score or a vote is the checkable core too: "is 74 years old", "a 25-year-old",
    # "a 2-0 defeat", "voted by 229 to 206".
    r"|\b\d{1,3} years? old\b|\b(?:is|was|aged|turned|turns) \d{1,3}\b(?! ?(?:years?|%|per))"
    r"|(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])"
    r"|\bby \d{1,4} (?:votes )?to \d{1,4}\b",
    re.IGNORECASE,
)


def _is_past(statement: str) -> bool:
    """Something happened: the first verb group is in the past, the present perfect ("UFJ has
    withdrawn its offer") or the progressive ("Hollywood is clamping down"). A present state
    ("Apple uses AAC", "the posters are fitted with a port") is not."""
    group = _VERB_GROUP.search(statement)
    if group is None:
        return False
    return group.lastgroup in {"perfect", "progressive", "past"}


# Adverbs that may sit inside a verb group: "has already won", "is now targeting".
_GROUP_ADVERB = r"(?:(?:\w+ly|already|now|also|just|still|not|never|since|again|currently) )"
_PARTICIPLE = (
    r"(?:\w{2,}ed|\w{2,}(?:en|wn|orn)|been|lost|won|took|held|sent|made|left|begun|met|come|gone|given|"
    r"fallen|risen|hit|told|become|broken|fought|struck|led|paid|sold|bought|built|run|seen|"
    r"found|kept|shot|said|put|set|cut|quit|had|done|won|spent|brought|thought|got|read)"
)
# The first verb group decides, so a later "is" in a relative clause does not.
_VERB_GROUP = re.compile(
    rf"\b(?:(?P<perfect>(?:has|have|had|'s|’s) {_GROUP_ADVERB}{{0,2}}{_PARTICIPLE})|"
    rf"(?P<progressive>(?:is|are|am|was|were) {_GROUP_ADVERB}{{0,2}}"
    r"(?:being \w+|(?!(?:\w*thing|morning|evening|during|king|ring|string|spring)\b)\w{2,}ing))|"
    r"(?P<present>(?:is|are|am|has|have|remains?|includes?|means?|owns?|holds?|says|believes?|"
    r"runs?|needs?|wants?|faces?|plays?|makes?|does|do|can|lives?|uses?|aims?|tells?|hosts?|"
    r"contains?|employs?|provides?|allows?|requires?|costs?|consists?|depends?|belongs?|"
    r"represents?|operates?|sells?|offers?)\b)|"
    r"(?P<past>was|were|did|\w{3,}ed|lost|won|took|held|sent|made|left|began|met|came|went|"
    r"gave|fell|rose|hit|told|became|broke|fought|struck|led|paid|sold|bought|built|ran|saw|"
    r"found|kept|shot|said|put|set|cut|quit)\b)",
    re.IGNORECASE,
)
