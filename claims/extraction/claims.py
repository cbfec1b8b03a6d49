"""From attributed sentences to candidate statements: phrasing, splitting, filtering, kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from claims.extraction.attribution import DISCOURSE_OPENER as _DISCOURSE_OPENER
from claims.extraction.attribution import Attributed
from claims.extraction.prefilter import literal_prefiltered
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
    r"(?:think|feel|felt|believe|hope|wish|love|like|hate|want|fear|worry|enjoy|enjoyed|adore|"
    r"miss|can't wait|cannot wait|am happy|am glad|"
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
# A record that nothing was said ("A spokesman for Apple declined to comment", "The club would
# not comment on the report"): there is nothing in it to check.
NO_COMMENT = re.compile(
    r"\b(?:declined|refused|would not|wouldn't|would not immediately|could not be reached)"
    r"(?: to)? (?:comment|be drawn|be reached for comment)\b",
    re.IGNORECASE,
)

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
_EVENT = re.compile(
    r"\b(?:\w{3,}ed|lost|won|took|held|sent|made|left|began|met|came|went|gave|fell|rose|hit|"
    r"told|became|broke|fought|struck|led|paid|sold|bought|built|ran|saw|found|kept|shot|"
    r"killed|signed|announced|launched|attacked|invaded)\b",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Statement:
    """A candidate before scoring: the stand-alone text and where it came from."""

    text: str
    source: Attributed
    kind: ClaimKind


def statements_from(attributed: Attributed, *, published: date | None = None) -> list[Statement]:
    """Zero or more stand-alone statements for one attributed sentence.

    ``published`` (the article's date) resolves relative dates; without it they stay as written.
    """
    content = attributed.content.strip()
    # A direct quote is checked as said: splitting it would put words in the speaker's mouth.
    parts = [content] if attributed.is_quote else split_compound(content)
    statements = []
    for index, part in enumerate(parts):
        if part.rstrip(' "”').endswith(":"):
            continue  # an introducer such as "... reviews tense relations as follows:"
        text = phrase_statement(part)
        if not is_checkable(text):
            continue
        referent = attributed.speaker if attributed.speaker is not None else attributed.referent
        if index == 0 or attributed.speaker is not None:
            text = resolve_reference(text, referent, is_quote=attributed.is_quote)
        if published is not None:
            text = resolve_dates(text, published)
        # A statement someone made, verbatim or reported, is a quote (the README's taxonomy).
        kind = ClaimKind.QUOTE if attributed.speaker is not None else classify(text)
        statements.append(Statement(text=text, source=attributed, kind=kind))
    if attributed.aside:
        # What the sentence says in its own voice beside the attributed words (attribution.py).
        own = replace(
            attributed,
            content=attributed.aside,
            speaker=None,
            is_quote=False,
            stance=None,
            referent=attributed.speaker,
            aside=None,
        )
        statements.extend(statements_from(own, published=published))
    return statements


# A leading subject pronoun and the verbs after which a name can take its place without
# changing the verb: "He had won ..." -> "Gordon Brown had won ...".
_LEADING_PRONOUN = re.compile(
    r"^(?P<pronoun>He|She|His|Her|It|Its|They|Their)\b(?P<rest>\s.*)$", re.S
)
_FIRST_PERSON_LEAD = re.compile(
    r"^(?P<pronoun>I|We)(?P<verb>\s+(?:(?:have|had|will|would|did|can|could|was|were|am|'m|’m|"
    r"'ve|’ve)\b|\w+ed\b))(?P<rest>.*)$",
    re.S,
)
_FIRST_PERSON_LATER = re.compile(r"\b(?:I|me|my|mine|we|us|our|ours)\b")
_PERSON_PRONOUNS = frozenset({"He", "She", "His", "Her"})
_GROUP_LEADS = frozenset({"It", "Its", "They", "Their"})


def resolve_reference(text: str, referent, *, is_quote: bool) -> str:
    """Replace a leading back-reference with the name it points to, when that is certain.

    "He had won ..." -> "Gordon Brown had won ..." (``referent`` is the person the attribution
    found: the speaker of reported speech, or the last person named for a narrative sentence);
    a quote's leading "I"/"We" becomes its speaker when nothing else in it is first person.
    Anything less certain keeps the sentence's own words.
    """
    if referent is None:
        return text
    name = referent.name
    person = _is_person_name(name)
    match = _FIRST_PERSON_LEAD.match(text)
    if is_quote and _FIRST_PERSON_LATER.search(text):
        if match is None or _FIRST_PERSON_LATER.search(match.group("rest")):
            # "I lost because of the things I did": rewriting every pronoun would guess the
            # speaker's gender; the speaker's own words, framed, stand alone.
            return f'{name} said: "{text}"'
        if (match.group("pronoun") == "I") != person:
            return f'{name} said: "{text}"'
        verb = match.group("verb").strip()
        verb = {"have": "has", "'ve": "has", "’ve": "has", "am": "is", "'m": "is", "’m": "is"}.get(
            verb, "was" if verb == "were" else verb
        )
        return f"{name} {verb}{match.group('rest')}"
    match = _LEADING_PRONOUN.match(text)
    if not match:
        return text
    pronoun = match.group("pronoun")
    if (pronoun in _PERSON_PRONOUNS) != person:
        return text
    if pronoun in _GROUP_LEADS and is_quote:
        return text  # inside a quote "it" may be anything the speaker talked about
    if pronoun in {"They", "Their"} and not name.endswith("s"):
        return text  # "they" for a singular name is not the name: keep the words
    if pronoun in {"His", "Her", "Its", "Their"}:
        return f"{name}'s{match.group('rest')}"
    return f"{name}{match.group('rest')}"


# Words that point back to something earlier in the article: a statement that opens with one
# does not stand alone ("It was irrelevant", "They would fund free care").
_BACK_REFERENCE = _words(
    "he she they it this these those his her its their we i our us them him that such both"
)


_DEMONSTRATIVES = _words("this that these those such both")
_AUXILIARIES = _words("is was are were has had have will would could can may might must")


def frame_back_reference(text: str, speaker: str, *, is_quote: bool) -> str:
    """A speaker's statement that still opens with a back-reference the rules could not resolve
    keeps its saying frame instead: 'It was irrelevant whether ...' (said by Christopher Leslie)
    -> 'Christopher Leslie said it was irrelevant whether ...'; a quote keeps its words inside
    the frame: 'Tony Blair said: "I would never attack him."'. Nothing is guessed."""
    first = re.match(r"([A-Za-z]+)\s*(\w*)", text)
    if first is None or first.group(1).lower() not in _BACK_REFERENCE:
        return text
    if first.group(1).lower() in _DEMONSTRATIVES and first.group(2).lower() not in _AUXILIARIES:
        return text  # "These exercises will not take place": the speaker named them
    if is_quote:
        return f'{speaker} said: "{text}"'
    lead = text if first.group(1) == "I" else text[0].lower() + text[1:]
    return f"{speaker} said {lead}"


def _is_person_name(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.isupper() and len(w) > 1 for w in words)
    )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DATE = re.compile(
    r"\b(?:(?:(?P<lead>on|last|this|next) )?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?![’']s)(?! \d)(?!,? [A-Z][a-z]{1,9} \d)|(?P<day>yesterday|today)|"
    r"(?P<year>(?:last|this|next) year))\b",
)
# After these a date needs no "on" / "in" of its own: "since yesterday", "until next year".
_DATE_PREPOSITIONS = _words("since from until till by in of for than to before after")
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|is due|are due|plans? to|next)\b")


def resolve_dates(text: str, published: date) -> str:
    """'on Tuesday' -> 'on 24 November 2026', 'last year' -> 'in 2025', against ``published``.

    A weekday is the last such day on or before the publication date, or the next one after
    it when the statement speaks of the future ("will", "is due").
    """
    future = bool(_FUTURE.search(text))

    def replace(match: re.Match) -> str:
        before = text[max(match.start() - 12, 0) : match.start()].split()
        bare = bool(before) and before[-1].lower() in _DATE_PREPOSITIONS
        if match.group("weekday"):
            target = _WEEKDAYS.index(match.group("weekday").lower())
            delta = (published.weekday() - target) % 7
            ahead = future or match.group("lead") == "next"
            day = published + timedelta(days=(7 - delta) % 7 if ahead else -delta)
            return _format(day) if bare else f"on {_format(day)}"
        if match.group("day"):
            offset = -1 if match.group("day") == "yesterday" else 0
            day = published + timedelta(days=offset)
            return _format(day) if bare else f"on {_format(day)}"
        step = {"last": -1, "this": 0, "next": 1}[match.group("year").split()[0]]
        return str(published.year + step) if bare else f"in {published.year + step}"

    return _RELATIVE_DATE.sub(replace, text)


def _format(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


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
    return _balance_quotes(text[0].upper() + text[1:])


def _balance_quotes(text: str) -> str:
    """Close a quote left open by the cut ('dismissed the plan as "desperate.'), drop a closing
    mark whose opening was cut away."""
    if text.count('"') % 2:
        first = text.index('"')
        closer = first > 0 and text[first - 1] in ",.!?…"
        # '…was defeated," added the 30-year-old.': the opening mark was in an earlier
        # sentence, so it goes back at the start; otherwise the cut lost the closing mark.
        text = f'"{text}' if closer else text + '"'
    opened, closed = text.count("“"), text.count("”")
    if opened > closed:
        text += "”" * (opened - closed)
    elif closed > opened:  # the first closing marks lose their openings: one pass, not one each
        text = "".join(text.split("”", closed - opened))
    return text


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


# Longer sentences that mention a refusal to comment usually state something else as well.
_NO_COMMENT_WORDS = 12


def is_checkable(statement: str) -> bool:
    """Whether a statement can hold a checkable claim at all: not a fragment, question, call to
    action, first-person feeling or opinion opener, headline, or a bare refusal to comment."""
    words = statement.split()
    if len(words) < 4:
        return False
    if statement.endswith("?"):
        return False
    if _IMPERATIVE.match(statement):
        return False
    if _FIRST_PERSON_FEELING.match(statement) or _OPINION.match(statement):
        return False
    if NO_COMMENT.search(statement) and len(words) <= _NO_COMMENT_WORDS:
        return False
    # A headline or name list has no lowercase word at all.
    return any(word[:1].islower() for word in words[1:])


# Every date pattern and every numeric statistic needs a digit; most statements have none, and
# one scan for a digit costs a tenth of either pattern's.
_DIGIT = re.compile(r"\d")
_WORD_STATISTIC = re.compile(_STATISTIC_WORDS, re.IGNORECASE)
# Speed only: these searches run where the text holds one of the pattern's literal prefixes.
_CAUSAL, _PREDICTION, _WORD_STATISTIC, _FUTURE = map(
    literal_prefiltered, (_CAUSAL, _PREDICTION, _WORD_STATISTIC, _FUTURE)
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
