"""The kind of an unattributed statement (statistic, causal, prediction, comparison, event or
other): what a fact-checker would check in it. An attributed statement is a quote whatever its
content; claims.py decides that before asking here."""

from __future__ import annotations

import re

from claims.extraction.prefilter import literal_prefiltered
from claims.extraction.records import ClaimKind


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The one statistic that needs no digit (classify looks for it alone in digitless statements).
# "twice as many", "half of all", "doubled", "four percentage points": not "scored twice",
# "the second half" or "double Olympic champion".
_STATISTIC_WORDS = (
    r"\b(?:half|double|twice|triple) (?:of|the|a|an|as|that|their|its|his|her|our|this|these)\b"
    r"|\b(?:doubled|tripled|halved)\b"
    # A margin in points: "plus or minus six percentage points".
    r"|\bpercentage points?\b"
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
    r"contributed to|responsible for|"
    # A cause in the passive or a push: "stocks rose, helped by strong results", "the index was
    # held back by oil", "the inquiry was sparked by a leak", "the results helped lift shares".
    r"(?:helped|held back|sparked|fuell?ed|driven|dragged down|weighed down|hurt|boosted) "
    r"(?:(?:largely|partly|mainly|mostly|in part) )?by|helped (?:to )?(?:lift|push|drive|boost))\b",
    re.IGNORECASE,
)
# "due to" before a verb is a schedule, not a cause: "the cards are due to be issued",
# "Due to enter service in 2006, the A380 ...". After "is", "was" or at the start it takes a
# verb unless a determiner, a name or an -ing word follows ("was due to the strike").
_DUE_TO_VERBS = _words(
    "be take start begin go launch meet face end open close visit stand run make have come "
    "attend appear play return announce speak hold sign publish release expire enter arrive "
    "leave finish resume vote decide report give hear host join complete"
)
_BEFORE_SCHEDULE = _words("is are was were be been being now also still originally")
_NOT_A_VERB = _words(
    "the a an its his her their this that these those our my your some high low poor"
)
_PREDICTION = re.compile(
    # "will" as a verb, not the noun ("against their will", "the free will of voters").
    r"\b(?:(?<!their )(?<!his )(?<!her )(?<!its )(?<!own )(?<!free )(?<!the )(?<!good )will|"
    r"won't|shall|"
    # A conditional or planned outcome ("the bill would have to be rushed through", "people
    # would choose how their budget is spent"), not a past one that did not happen ("would
    # have won").
    r"would(?! have (?!to\b)| (?:like|love|prefer|rather|not be drawn|not say)\b)|"
    # An expectation or plan, with adverbs inside: "is now set to replace", "is also planning
    # to release", "is said to be ready to make a bid", "is forecast to grow".
    r"(?:is|are|was|were|be|been) (?:(?:\w+ly|now|also|still|not|already|again) ){0,2}"
    r"(?:expected|set|likely|unlikely|due|poised|going|scheduled|planning|preparing|ready|"
    r"hoping|aiming|bidding|forecast|about) to|"
    # "plans to" as a verb, not the noun ("criticised the government's plans to change").
    r"(?<!'s )(?<!the )(?<!its )(?<!their )(?<!his )(?<!her )plans? to|planned to|"
    r"predicts?|predicted|projected to|is to|are to|"
    # "forecast" as a verb ("economists forecast a rise"), not the noun ("ahead of forecasts").
    r"forecasts? (?:that|an?|growth|\d)|"
    # A date still to come or an intention: "the election is expected on 5 May", "he intends
    # to move abroad", "Greene aims to win a fourth title", "Keegan is set for a boost".
    r"(?:is|are) (?:expected|scheduled|due) (?:on|in|at|by|next|later|this)|"
    r"(?:intends?|hopes?|vows?|pledges?|(?<!a )promises?) to|(?:is|are) set for|"
    # "the campaign is expecting to air an ad", "a film set for release in May", "most of the
    # candidates figure to drop out".
    r"(?:is|are) (?:\w+ly )?expecting to|set for (?:release|launch|publication)|"
    r"(?<!\d )figures? to)\b",
    re.IGNORECASE,
)
# An aim is an intention ("Maurice Greene aims to win a fourth title") unless a thing holds it:
# "the campaign aims to cut assaults", "It aims to combat terrorism" tell what the thing is for,
# a description (other), unless a time to come makes it a plan ("aims to cut waste by 2010").
_AIM = re.compile(r"\baims? to\b", re.IGNORECASE)
_THING_OPENERS = _words("the this these those its it a an")
_SUBJECT_ADVERBS = _words("now also still already again currently")
# A time still to come: with a present tense it tells a fixture or a plan ("Arsenal and
# Manchester United meet at Highbury on Tuesday", "Rusedski plays Federer later on Wednesday").
_TIME_TO_COME = re.compile(
    r"\b(?:(?:on|this|next|by) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"next (?:week|month|year|season|summer|spring|autumn|winter|weekend)|"
    r"later (?:this|today|tonight|in the)|tomorrow|tonight|"
    r"this (?:weekend|summer|autumn|winter|spring|coming))\b",
    re.IGNORECASE,
)
# A month with no year: "take place in Helsinki in August", "runs the label from January".
# It tells a time to come only in a statement with no past verb ("the programme introduced in
# January", "In November, the Act meant a ban").
_MONTH_TO_COME = re.compile(
    r"(?<!earlier )\b(?:(?:in|from|until|by) (?:early |late |mid-)?|on \d{1,2}(?:st|nd|rd|th)? )"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b(?!,? \d)",
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
    r"\b(?:than|most|the least|compared (?:with|to)|versus|outnumber\w*|best|worst|first)\b"
    r"|\b\w{3,}est\b",
    re.IGNORECASE,
)
# A comparison stated as such: a comparative with "than" ("far more common than", "spends
# less on defence than"), not "rather than", "other than" or a bare "more than 30".
_THAN = re.compile(
    r"\b(?:more|less|fewer|better|worse|different|"
    r"(?!(?:rather|other|further|never|ever|under|over|after|later|either|neither|whether|"
    r"together|number|member|per|sooner|longer)\b)\w{2,}er)"
    r"(?: [\w'’-]{1,30}){0,4}? than\b(?! ?\d)",
    re.IGNORECASE,
)
# A comparison stated without "than" or a superlative: a level against its history ("is at a
# 44-year low", "a record high"), a lead in the polls ("Cruz leads Trump in polls", "is leading
# in the polls") or a verb that outdoes ("was badly outspent by", "outpolled his rival").
_RANKED = re.compile(
    r"\b(?:\d{1,3}-(?:year|month|week|day|decade)|record|all-time) (?:low|high)s?\b"
    r"|\b(?:leads?|leading|trails?|trailing)(?: [\w.'’-]{1,30}){0,4}? in (?:the |\w+ )?polls?\b"
    r"|\bout(?:spent|spends?|spending|paced|polled|raised|performed|numbered|scored|sold)\b",
    re.IGNORECASE,
)
# A comparison by a comparative without "than": "Chevron fared slightly better", "the results
# beat analysts' expectations", "voters seem less engaged", "are not as engaged as those in".
_OUTDONE = re.compile(
    r"\b(?:fared|fares|fare|did|does|performed|performs) (?:\w+ly )?(?:better|worse)\b"
    r"|\b(?:beat|beats|missed|misses|topped|exceeded|fell short of|ahead of|behind) "
    r"(?:the |[\w]+['’] |[A-Z]{2,5} )?"
    r"(?:expectations|forecasts|estimates)\b"
    r"|\bas (?!(?:well|soon|long|much|many|far|good|part|such|usual|ever|yet)\b)[a-z]{3,20}ed "
    r"as (?:those|that|the|in|a|an|its|his|her|their)\b",
    re.IGNORECASE,
)
# Speed only: every _RANKED match holds one of these.
_RANKED_HINTS = ("low", "LOW", "igh", "IGH", "oll", "OLL", "ut", "UT")
_COPULAS = _words("is are was were be been being become becomes became remain remains remained as")
_STATED, _DESCRIBED = "stated", "described"
_RANKING_FIRST = re.compile(r"(?:\bthe|['’]s|\b(?:its|his|her|their|our)) $", re.IGNORECASE)


def _comparison(statement: str) -> str | None:
    """_STATED when the statement compares: "than", "compared with", or a superlative (or
    "first") after a copula ("UFJ is Japan's fourth-largest bank", "will be the world's first
    biometric ID cards", "remain the most common cause"); _DESCRIBED when a superlative only
    describes a thing ("would create the world's biggest bank", "topped a list of the weirdest
    mishaps"); None without either. "best-known", "most of" and a statement-initial "Most"
    compare nothing."""
    if "than" in statement and _THAN.search(statement):
        return _STATED
    described = False
    for match in _COMPARISON.finditer(statement):
        word = match.group(0).lower()
        following = statement[match.end() : match.end() + 7].lower()
        if word == "than" or word in _SUPERLATIVE_FALSE or following.startswith("-known"):
            continue
        # "first" ranks only as "the first", "Japan's first", "its first": "were first
        # launched" is an adverb and "first-person" a compound.
        if word == "first" and (
            following.startswith("-") or not _RANKING_FIRST.search(statement, 0, match.start())
        ):
            continue
        if word.startswith(("compared", "versus", "outnumber")):
            return _STATED
        if word == "most" and (match.start() == 0 or following.startswith(" of ")):
            continue
        before = statement[: match.start()].rsplit(",", 1)[-1].split()[-5:]
        if any(w.lower() in _COPULAS for w in before):
            return _STATED
        described = described or word != "first"
    return _DESCRIBED if described else None


def _is_causal(statement: str) -> bool:
    return any(
        not (match.group(0).lower() == "due to" and _scheduled(statement, match))
        for match in _CAUSAL.finditer(statement)
    )


def _scheduled(statement: str, due_to: re.Match[str]) -> bool:
    before = statement[: due_to.start()].split()[-1:]
    after = statement[due_to.end() :].split()[:1]
    following = after[0].strip(",.;:") if after else ""
    if following in _DUE_TO_VERBS:
        return True
    opens = not before or before[0].lower() in _BEFORE_SCHEDULE
    return (
        opens
        and following[:1].islower()
        and following not in _NOT_A_VERB
        and not following.endswith("ing")
    )


# Every date pattern and every numeric statistic needs a digit; most statements have none, and
# one scan for a digit costs a tenth of either pattern's.
_DIGIT = re.compile(r"\d")
_WORD_STATISTIC = re.compile(_STATISTIC_WORDS, re.IGNORECASE)


def classify(statement: str) -> ClaimKind:
    """The kind of an unattributed statement: what a fact-checker would check in it.

    A quantity (a percentage, money, a count in thousands or millions, a hedged or counted
    number) makes a statistic; then a comparison stated as such ("is Japan's fourth-largest
    bank", "more common than"); then a cause, a forecast (a future form, an intention, or a
    present tense with a day to come: "Arsenal meet Chelsea on Tuesday"); then a happening in
    the past is an event, even with a superlative that only describes ("topped a list of the
    weirdest mishaps"); a remaining superlative makes a comparison; and a state of affairs,
    definition or finding is other. A bare small number ("three years", "in 2004") does not
    make a statistic.
    """
    # A comparison named as such outranks the figures it compares: "the rate is at a 30-year
    # low of 4.1%", "growth of 6% was ahead of forecasts".
    if _OUTDONE.search(statement) or (
        any(hint in statement for hint in _RANKED_HINTS) and _RANKED.search(statement)
    ):
        return ClaimKind.COMPARISON
    if _DIGIT.search(statement):
        bare = _MONTH_DAY.sub(" ", statement)
        if "%" in bare or "per" in bare.lower():  # speed only: limits and bounds are percentages
            bare = _LIMIT.sub(" ", bare)
            if _OBLIGATION.search(bare):
                bare = _BOUND.sub(" ", bare)
        statistic = _STRONG_STATISTIC.search(bare) or _COUNTED.search(bare) or _measured(statement)
    else:
        statistic = None
    if (
        statistic
        or _WORD_STATISTIC.search(statement)
        or _STANDING_MOVED.search(statement)
        or _HEDGED_NUMBER.search(statement)
        or (_SERIES_WORDS.search(statement) and _IN_A_SERIES.search(statement))
    ):
        # A figure someone expects is a forecast: "Games are expected to cost between £19 and
        # £29" (what "were expected to" reached is not).
        return ClaimKind.PREDICTION if _FORECAST.search(statement) else ClaimKind.STATISTIC
    comparison = _comparison(statement)
    if comparison == _STATED:
        return ClaimKind.COMPARISON
    group, at = _first_verb_group(statement)
    if _is_prediction(statement, group, at):
        return ClaimKind.PREDICTION
    if _DURATION.search(statement):
        return ClaimKind.STATISTIC
    if _is_causal(statement):
        return ClaimKind.CAUSAL
    past = group in {"perfect", "progressive", "past"} and not (
        group == "past" and _PAST_STATE.match(statement, at)
    )
    if comparison == _DESCRIBED and not past:
        return ClaimKind.COMPARISON
    if not past and (headline := _HEADLINE_PRESENT.match(statement)) and at >= headline.end():
        return ClaimKind.EVENT
    return ClaimKind.EVENT if past else ClaimKind.OTHER


# A named subject and an act in the present, the way a headline or a summary tells what
# happened: "Mayor Ortiz demands a recount", "Prime Minister Vale meets the strikers".
_HEADLINE_PRESENT = re.compile(
    r"(?:[A-Z][\w.'’-]{0,30} ){1,5}(?:demands|laments|talks|urges|calls|warns|slams|rejects|"
    r"backs|unveils|launches|announces|seeks|blasts|critici[sz]es|defends|denies|admits|"
    r"accuses|attacks|meets|visits|signs|wins|loses|quits|resigns|condemns|welcomes|praises)\b"
)


# A movement in a measured standing is a figure even without a number: "whose poll numbers
# have fallen", "has seen a rise in her standing", "the index closed the week down slightly".
_STANDING_MOVED = re.compile(
    r"\b(?:rise|fall|drop|surge|jump|slide|dip|decline|increase|gain|bump|slump) in "
    r"(?:\w{1,20} ){0,2}(?:standing|numbers|ratings?|support|polls?|polling|approval)\b"
    r"|\b(?:numbers|ratings|standing|approval|polling) (?:have |has |had )?(?:\w{1,20}ly )?"
    r"(?:rose|risen|fell|fallen|dropped|climbed|slipped|surged|jumped|declined|slumped|sagged)\b"
    r"|\bclosed (?:the (?:week|day|month|year|session) )?(?:\w{1,20}ly )?"
    r"(?:up|down|higher|lower)\b",
    re.IGNORECASE,
)
# A quantity, not just a number: "24%", "$35bn", "1.5 million", "26,000".
_STRONG_STATISTIC = re.compile(
    r"(?<![\d.,])\d{1,15}(?:[.,]\d{1,6})? ?(?:%|per ?cent|percent)|[$£€¥] ?\d"
    r"|(?<![\d.,])\d{1,15}(?:\.\d{1,6})? ?(?:million|billion|trillion|bn|k|thousand|hundred|yen|"
    r"euros?|dollars|pounds)\b|(?<![\d.,])\d{1,3}(?:,\d{3}){1,5}(?![\d,])"
    # "m" is millions, but a race distance after "Olympic", "men's" or "4x" or before "final",
    # "title" or "hurdles" is the name of an event: "lost his Olympic 100m title".
    r"|(?<![\d.,x])(?<!Olympic )(?<!men's )(?<!over )\d{1,15}(?:\.\d{1,6})? ?m\b"
    r"(?! (?:final|finals|title|relay|hurdles|hurdler|sprint|sprinter|race|record|freestyle|"
    r"backstroke|breaststroke|butterfly|medley|heats?|semi-final|champion|gold|silver|bronze|"
    r"event|indoor|outdoor|world)\b)"
    # An age or a vote is the checkable core too: "is 74 years old", "voted by 229 to 206". A
    # match score is not: "Arsenal lost 2-0 at Old Trafford" reports the match, an event.
    r"|\b\d{1,3} years? old\b|\b(?:is|was|aged|turned|turns) \d{1,3}\b(?! ?(?:years?|%|per))"
    r"|\bby \d{1,4} (?:votes )?to \d{1,4}\b|\b(?:is|was|are|were) an? \d{1,3}-year-old\b",
    re.IGNORECASE,
)
# A figure that names a rule's limit is not the statement's quantity: "has broken the 3% deficit
# ceiling" (a target is a figure someone set, still checked as one: "has a 7% growth target");
# nor is a bound a rule sets ("member states must keep deficits below 3%"): the rule
# is what a fact-checker would check.
_LIMIT = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{1,2})? ?(?:%|per ?cent)(?: [a-z-]{2,20}){0,2} "
    r"(?:ceiling|limit|cap|threshold)s?\b",
    re.IGNORECASE,
)
_OBLIGATION = re.compile(
    r"\b(?:must|should|ought to|(?:has|have) to|(?:is|are) (?:required|obliged) to)\b",
    re.IGNORECASE,
)
_BOUND = re.compile(
    r"\b(?:below|under|within|above|beneath) (?:the )?\d{1,3}(?:\.\d{1,2})? ?(?:%|per ?cent)",
    re.IGNORECASE,
)
# How long something went on, the length being what the statement tells: "the case lasted seven
# days", "the repairs took 18 months". Only with "lasted" or "took": after "for" or "spent" the
# stay or the ban is usually the news ("was banned for two years", "spent three days at a
# training camp").
_DURATION = re.compile(
    r"\b(?:lasted|lasts|took|takes) (?:(?:nearly|almost|more than|just|only|about|around) )?"
    r"(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty) (?:(?:full|whole|long) )?"
    r"(?:years|months|weeks|days|hours|minutes|seconds|seasons|decades)\b",
    re.IGNORECASE,
)


# A measured decimal ("in 9.87 seconds", "105.6 yen"), not a version ("Windows 3.1") or a
# time ("at 12.30 am"). Searched in the statement as written: _MONTH_DAY takes "9.87" for a time.
# An expectation in the present tense, which outranks the figure it expects.
_FORECAST = re.compile(
    r"\b(?:is|are) (?:(?:\w+ly|now|also|still) )?(?:expected|likely|forecast|projected) to\b",
    re.IGNORECASE,
)
_MEASURED = re.compile(r"(?<![\d.,])\d{1,6}\.\d{1,6} (?!(?:am|pm|a\.m)\b)[a-z]")
# A place in a series is a figure: "for the third year in a row", "Brown's ninth since 1997".
_ORDINAL = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d{1,3}(?:st|nd|rd|th))"
)
_IN_A_SERIES = re.compile(
    rf"\b{_ORDINAL} (?:(?:successive|consecutive|straight) \w+|\w+ (?:in a row|running))\b"
    rf"|['’]s {_ORDINAL} since\b",
    re.IGNORECASE,
)
# Speed only: _IN_A_SERIES runs where one of these words is.
_SERIES_WORDS = re.compile(
    r"\b(?:row|running|successive|consecutive|straight|since)\b", re.IGNORECASE
)
# A count of things, the number being what the statement tells: "The IMF has 184 members",
# "has filed 100 lawsuits", "polled 110 impartial critics". Not a year, a duration, a name's
# number ("the 12 eurozone countries", "the top 10", "Under-21 players") or a single digit.
_COUNTED = re.compile(
    r"(?<![\w.,£$€¥-])(?<!the )(?<!The )(?<!top )(?<!within )(?!(?:1[89]|20)\d\d\b)\d{2,4} "
    r"(?!(?:years|months|weeks|days|hours|minutes|seconds|decades|times|per)\b)"
    r"(?:[A-Za-z]{2,20} ){0,2}?(?:[a-z]{2,20}s|people)\b"
)
# A hedged number or one spelled out with its scale: "About 130 games are in development",
# "has missed nearly three full seasons", "an estimated one million seafarers".
_HEDGED_NUMBER = re.compile(
    r"\b(?:(?:about|around|approximately|roughly|nearly|almost|more than|fewer than|less than|"
    r"up to|at least|an estimated|just under|just over) "
    r"(?:\d(?!\d* ?(?:GMT|BST|am|pm)\b)|(?<!about )(?<!around )"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundreds|thousands|dozens|a (?:dozen|hundred|thousand|million|billion))"
    r"\b)|(?:one|two|three|four|five|six|seven|eight|nine|ten|several|a) "
    r"(?:million|billion|trillion)\b)",
    re.IGNORECASE,
)


def _measured(statement: str) -> bool:
    for match in _MEASURED.finditer(statement):
        before = statement[: match.start()].split()[-1:]
        if not before or not (before[0][:1].isupper() or before[0].lower() == "version"):
            return True
    return False


def _is_past(statement: str) -> bool:
    """Something happened: the first verb group is in the past, the present perfect ("UFJ has
    withdrawn its offer") or the progressive ("Hollywood is clamping down"). A present state
    ("Apple uses AAC", "the posters are fitted with a port") is not."""
    return _first_verb_group(statement) in {"perfect", "progressive", "past"}


def _first_verb_group(statement: str) -> tuple[str | None, int]:
    """The tense of the statement's first verb group ("perfect", "progressive" for "is/are
    ...ing", "present", "past") and where it starts, or (None, len). A capitalised word is a
    name, not a verb ("Manchester United", "Ted"); a participle that opens the statement heads
    a clause before the subject ("Sited at busy stations, the posters are fitted ...") and an
    -ed word after a determiner is an adjective ("A shortened bill would ..."): neither is the
    main verb. "was ...ing" is past; "must not have had" is a condition, not a
    happening."""
    for group in _VERB_GROUP.finditer(statement):
        tense, words = group.lastgroup, group.group(0).lower()
        start = group.start()
        if tense == "past" and (
            group.group(0)[:1].isupper()
            or _DETERMINER_BEFORE.search(statement, 0, start)
            or _SUBORDINATOR_OPENING.match(statement, 0, start)
            # "Elderly and disabled people would choose ...": a past form joined by "and" to
            # the first word of the statement or of its main clause is coordinated with a
            # modifier, not a main verb (in "Redford knows this and started a channel" it is).
            or _MODIFIER_PAIR.fullmatch(statement, 0, start)
        ):
            continue
        if tense == "present" and statement[:start].endswith("to "):
            continue  # an infinitive: "the decision to sell Stam came ..."
        if tense == "past" and _BE_BEFORE.search(statement, 0, start):
            if statement[:start].rstrip().lower().endswith("being"):
                continue  # "Despite being arrested and bailed, Buhecha was caught again"
            tense = "present"  # a passive infinitive: "must still be ratified", "to be hit"
        elif tense == "progressive" and words.startswith(("was", "were")):
            tense = "past"
        elif tense == "perfect" and (
            _MODAL_BEFORE.search(statement, 0, start)
            or (
                words.endswith(("been", "included", "become"))
                and not _PARTICIPLE_NEXT.match(statement, group.end())
            )
        ):
            tense = "present"  # a state: "has been ahead of forecasts", "hits have included"
        return tense, start
    return None, len(statement)


# A state in the past told as background, not a happening: "Buhecha was previously a
# distributor", "the speech was not a policy statement", "the quote was actually a line from".
_PAST_STATE = re.compile(
    r"(?:was|were) (?:previously|formerly|once|long|not|never|actually|originally) "
    r"(?:a|an|the|part of)\b",
    re.IGNORECASE,
)
_MODIFIER_PAIR = re.compile(r"(?:[^,]{1,80}, )?[\w'’-]{1,30} (?:and|or) ", re.IGNORECASE)
# "a shortened bill", "the revised convention": an -ed word after a determiner is an adjective.
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|our|this|these|those|my|your)|['’]s) $", re.IGNORECASE
)
# "When interrogated with a phone, the posters ...": a participle right after an opening
# subordinator has no subject of its own.
_SUBORDINATOR_OPENING = re.compile(
    r"(?:when|if|once|after|before|although|though|while|unless|until|as|since|where) $",
    re.IGNORECASE,
)
_BE_BEFORE = re.compile(r"\b(?:be|being)(?: (?:\w+ly|still|not|also|then|now))? $", re.IGNORECASE)
_MODAL_BEFORE = re.compile(
    r"\b(?:must|may|might|could|should|would|can|will)(?: not| never)? $", re.IGNORECASE
)


def _is_prediction(statement: str, group: str | None, at: int) -> bool:
    """A future form, a plan or an intention; "would" only where no past verb comes first (in
    "a court agreed that lawyers would be allowed access" the court's decision happened); a
    time to come with a present tense and no past verb ("Arsenal meet United on Tuesday", not
    "It has been a strange week for M&S, which on Tuesday received a statement")."""
    for match in _PREDICTION.finditer(statement):
        would = match.group(0).lower().startswith("would")
        if not would or group not in _PAST:
            return True
        # "would" before the main verb is the statement's own condition ("Elderly people would
        # choose how their budget was spent"), unless it reports what someone once said ("Despite
        # saying he would retire, Jay-Z has released an album": the release happened).
        if match.start() < at and not _SAYING_BEFORE.search(
            statement, max(0, match.start() - 60), match.start()
        ):
            return True
    if _IF_THEN_MAYBE.match(statement):
        return True  # "If a May election is called, there could be as little as 18 days"
    aim = _AIM.search(statement)
    if aim is not None and (not _held_by_a_thing(statement, aim.start()) or _time_ahead(statement)):
        return True
    return (
        group in {None, "present", "progressive"}
        and bool(_TIME_TO_COME.search(statement) or _MONTH_TO_COME.search(statement))
        and not _SCORE.search(statement)
        and not any(
            g.lastgroup in _PAST
            and not (g.group(0).lower() in _EXPECTING and statement.startswith(" to ", g.end()))
            for g in _VERB_GROUP.finditer(statement, at + 1)
        )
    )


def _held_by_a_thing(statement: str, at: int) -> bool:
    """The subject before ``at`` is a thing, not a named person or organisation: it opens with a
    determiner or "it" ("The revised convention", "In particular it") or ends in a common noun
    ("Transport for London's night-safety campaign")."""
    clause = statement[:at]
    for mark in ",;:":
        clause = clause.rsplit(mark, 1)[-1]
    words = [
        w for w in clause.split() if w.lower() not in _SUBJECT_ADVERBS and not w.endswith("ly")
    ]
    return not words or words[0].lower() in _THING_OPENERS or words[-1][:1].islower()


def _time_ahead(statement: str) -> bool:
    return bool(
        _TIME_TO_COME.search(statement)
        or _MONTH_TO_COME.search(statement)
        or _BY_YEAR.search(statement)
    )


# An opening condition and a possible outcome: "If the bill fails, ministers could resign".
_IF_THEN_MAYBE = re.compile(
    r"(?:but |and )?if [^,;:]{1,150}, [^;:]{0,80}?\b(?:could|might|may)\b", re.IGNORECASE
)
# "aims to cut emissions by 2010", "before 2008".
_BY_YEAR = re.compile(r"\b(?:by|before|until) (?:the end of )?(?:19|20)\d\d\b", re.IGNORECASE)
# A saying word just before a "would": "saying he would retire", "promised that it would".
_SAYING_BEFORE = re.compile(
    r"\b(?:saying|said|says|promising|promised|insisting|insisted|claiming|claimed|announcing|"
    r"announced|warning|warned|vowing|vowed)(?: that)?(?: [\w'’-]{1,30}){0,2} $",
    re.IGNORECASE,
)


# A match score tells a match that was played: "Egypt beat Belgium 4-0 on Wednesday".
_SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")
# These participles before "to" describe a noun ("a meeting expected to take place next
# month"): no past verb.
_EXPECTING = _words("expected scheduled planned intended designed")


_PAST = frozenset({"perfect", "past"})


# Adverbs that may sit inside a verb group: "has already won", "is now targeting".
_GROUP_ADVERB = r"(?:(?:\w+ly|already|now|also|just|still|not|never|since|again|currently) )"
_PARTICIPLE = (
    r"(?:\w{2,}ed|\w{2,}(?:en|wn|orn)|been|lost|won|took|held|sent|made|left|begun|met|come|gone|given|"
    r"fallen|risen|hit|told|become|broken|fought|struck|led|paid|sold|bought|built|run|seen|"
    r"found|kept|shot|said|put|set|cut|quit|had|done|won|spent|brought|thought|got|read)"
)
# The first verb group decides, so a later "is" in a relative clause does not.
_VERB_GROUP = re.compile(
    rf"\b(?:(?P<perfect>(?:has|have|had|'s|’s) {_GROUP_ADVERB}{{0,2}}{_PARTICIPLE}\b)|"
    rf"(?P<progressive>(?:is|are|am|was|were) {_GROUP_ADVERB}{{0,2}}"
    r"(?:being \w+|(?!(?:\w*thing|morning|evening|during|king|ring|string|spring)\b)\w{2,}ing\b))|"
    r"(?P<present>(?:is|are|am|has|have|remains?|includes?|means?|owns?|holds?|says|believes?|"
    r"runs?|needs?|wants?|faces?|plays?|makes?|does|do|can|lives?|uses?|aims?|tells?|hosts?|"
    r"contains?|employs?|provides?|allows?|requires?|costs?|consists?|depends?|belongs?|"
    r"represents?|operates?|sells?|offers?)\b)|"
    r"(?P<past>was|were|did|had|"
    # "died", "used"; not "need", "indeed" or "succeed".
    r"(?!(?:n|f|s|sp|br|bl|w|d|h|gr|st|cr|tw|ind|proc|exc|succ)eed\b)\w{2,}ed|lost|won|took|held|sent|made|left|began|met|came|went|"
    r"gave|fell|rose|hit|told|became|broke|fought|struck|led|paid|sold|bought|built|ran|saw|"
    r"found|kept|shot|said|put|set|cut|quit|caught|tore|meant|wrote|spoke|chose|drove|grew|"
    r"threw|drew|flew|knew|thought|brought|taught|felt|heard|stood|understood|sat|sought|froze|"
    r"rode|rang|sang|sank|shook|slept|spent|stole|stuck|swore|swept|swam|woke|wore|withdrew|"
    r"overtook|underwent|oversaw|arose|bore|dealt|dug|fed|fled|got|hung|shrank|wept|forgot)\b)",
    re.IGNORECASE,
)
# A participle after "has been": a passive happening ("has been published"), not a state.
_PARTICIPLE_NEXT = re.compile(
    rf" (?:{_GROUP_ADVERB}{{0,2}})(?:{_PARTICIPLE}|\w+ing)\b", re.IGNORECASE
)


# Speed only: these searches run where the text holds one of the pattern's literal prefixes.
(
    _CAUSAL,
    _PREDICTION,
    _WORD_STATISTIC,
    _HEDGED_NUMBER,
    _TIME_TO_COME,
    _MONTH_TO_COME,
    _AIM,
    _DURATION,
    _BY_YEAR,
    _RANKED,
    _STANDING_MOVED,
    _OUTDONE,
) = map(
    literal_prefiltered,
    (
        _CAUSAL,
        _PREDICTION,
        _WORD_STATISTIC,
        _HEDGED_NUMBER,
        _TIME_TO_COME,
        _MONTH_TO_COME,
        _AIM,
        _DURATION,
        _BY_YEAR,
        _RANKED,
        _STANDING_MOVED,
        _OUTDONE,
    ),
)
