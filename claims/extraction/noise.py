"""Page furniture that is not part of the story.

Boilerplate lines are dropped; bylines and datelines are kept as metadata so that "By Jane Doe"
or "MOSCOW (AP) —" never turn into claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claims.extraction.normalise import cut_spans
from claims.extraction.prefilter import literal_prefiltered

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE = (
    rf"(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
    rf"\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)

# "Follow Pam Key on Twitter @pamkey", "Follow us on Facebook and Instagram for the latest news":
# the social sites and handles, and at most a short "for ..." after them ("Follow the rules on
# X, the company said" is a sentence).
_SOCIAL_SITES = r"(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|Mastodon|TikTok|LinkedIn|YouTube)"
_FOLLOW_US = (
    r"(?:You can )?Follow (?:@\w{1,30}|[\w.'’-]{1,30}(?: [\w.'’-]{1,30}){0,3})"
    rf" on {_SOCIAL_SITES}(?:(?:,| and| &) {_SOCIAL_SITES}){{0,5}}"
    r"(?:(?: at|:)? @\w{1,30})?(?: for (?:more|the latest|updates|news)\b[^.!?\n]{0,60})?[.!]?"
)

# "This article has been updated with comments from ...", "Correction: An earlier version of this
# story misstated ...": notes about the article, not the story.
_UPDATE_NOTE = (
    r"(?:(?:editor['’]?s note|update|correction|clarification)\s?[:—–-]\s?)?"
    r"(?:this (?:article|story|post|piece) (?:has been|was) (?:updated|corrected|amended)\b"
    r"|an earlier version of this (?:article|story|post|piece)\b).{0,300}"
)

# Whole lines that are boilerplate. Matched case-insensitively against the stripped line.
_BOILERPLATE = [
    r"loading(?:\.{3}|…)?",
    r"advertisement",
    r"(?:story|article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad)",
    r"(?:skip|jump) to (?:main )?content",
    r"(?:read|see) (?:more|also)\b.*",
    r"(?:related|more|also read|recommended|most read|trending)(?: (?:stories|articles|coverage|"
    r"content|reading))?\s*:.*",
    r"(?:sign up|subscribe)\b.{0,120}",
    r".{0,80}\bnewsletters?\b.{0,80}",
    r".{0,120}\bcookies?\b.{0,200}\b(?:accept|consent|policy|settings|preferences|use)\b.{0,120}",
    r"(?:©|\(c\)|copyright\b).*",
    r".{0,120}\ball rights reserved\b.{0,40}",
    r"(?:photo|image|picture|photograph|video|graphic)(?:\s+credit)?s?\s*(?::|by\b).{0,160}",
    r"\(?(?:ap|afp|reuters|getty images|epa|shutterstock)(?: photo)?(?:\s*/\s*[\w .'-]+)?\)?",
    r".{0,200}\((?:ap|afp|reuters|getty images?|epa)(?: photo)?(?:/[\w .'-]+)?\)",
    r"click here\b.{0,120}",
    r"(?:listen to|watch) (?:this|the) (?:article|story|video)\b.{0,80}",
]
_BOILERPLATE_RE = re.compile(r"^(?:" + "|".join(_BOILERPLATE) + r")$", re.IGNORECASE)
# "Follow Pam Key on Twitter @pamkey", "You can follow us on Facebook"; editor's update and
# correction notes about the article itself. Apart from the list above so that each pattern stays
# small enough for the ReDoS check to decide (bin/check-regexes).
_ARTICLE_NOTE_RE = re.compile(rf"^(?:{_FOLLOW_US}|{_UPDATE_NOTE})$", re.IGNORECASE)
# Every other pattern is bounded well under this many characters: a longer line can only be one
# of these three, and trying the rest on every paragraph of a story cost a tenth of extract().
_LONGEST_BOUNDED = 480
_LONG_BOILERPLATE_RE = re.compile(
    r"(?:read|see) (?:more|also)\b|(?:related|more|also read|recommended|most read|trending)"
    r"(?: (?:stories|articles|coverage|content|reading))?\s?:|(?:©|\(c\)|copyright\b)",
    re.IGNORECASE,
)
# A line made only of share buttons: "Share Facebook Twitter Email", "Print | Email".
_SOCIAL_WORDS = frozenset(
    [
        "share",
        "shares",
        "sharing",
        "this",
        "article",
        "story",
        "page",
        "on",
        "via",
        "tweet",
        "print",
        "email",
        "e-mail",
        "mail",
        "copy",
        "link",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "reddit",
        "pinterest",
        "telegram",
        "messenger",
        "flipboard",
        "comments",
        "comment",
        "save",
        "bookmark",
    ]
)
_SOCIAL_SPLIT = re.compile(r"[\s|·•,/]+")
_SOCIAL_WORD = re.compile(r"[^\s|·•,/]+")  # the pieces _SOCIAL_SPLIT leaves

# "Home > World > Europe": three or more short crumbs joined by an arrow-like separator. A crumb
# starts and ends with a non-space, so the spaces around a separator belong to it alone: when
# crumbs could take them too, a line that fails at its end tried every split (exponential).
_CRUMB = r"[^.!?>»›\s](?:[^.!?>»›]{0,38}[^.!?>»›\s])?"
_BREADCRUMB_RE = re.compile(rf"^{_CRUMB}(?:\s*[>»›]\s*{_CRUMB}){{2,}}$")

# Bylines: "By Jane Doe", "By Jane Doe, Reuters", "By Jane Doe and John Roe | CNN".
# Case-sensitive on purpose: "By the end of the year" is a sentence, not a byline.
# "and" needs spaces around it: inside a name ("Aand") it let every split of the name be tried.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|di|al|bin|la|le))*"
_BYLINE_RE = re.compile(
    rf"^[Bb][Yy]\s+(?P<byline>{_NAME}(?:\s*[,&]\s*{_NAME}|\s+and\s+{_NAME})*"
    rf"(?:\s*[,|–—-]\s*[\w .'’&-]{{1,60}})?)$"
)
# Stand-alone dateline lines: "Published 3 May 2023", "Updated: May 3, 2023 10:00 GMT", or a date.
_DATELINE_LINE_RE = re.compile(
    rf"^(?:(?:(?:first |last )?(?:published|updated|posted|modified)(?: on)?:?\s+.{{0,80}})|{_DATE}"
    rf"(?:\s*[,|·-]?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?)$",
    re.IGNORECASE,
)
# Dateline prefix of the first paragraph: "MOSCOW (AP) — ", "KYIV, Ukraine (Reuters) - ",
# "LONDON, May 3 (Reuters) - ". The city is in capitals, which keeps ordinary sentences out.
_DATELINE_PREFIX_RE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ ]{1,40}?)?"
    r"(?:,\s*" + _MONTH + r"\s+\d{1,2})?"
    r"(?P<agency>\s*\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa|Xinhua|TASS|Interfax)\))?)"
    r"\s*(?P<dash>[—–-]{1,2})\s+(?=[A-Z0-9\"“‘'])"
)

_DATELINE_PREFIX_MAX = 300


@dataclass(frozen=True, slots=True)
class Cleaned:
    paragraphs: tuple[str, ...]
    byline: str | None
    dateline: str | None
    # The name in the author's bio line an op-ed closes with, which is cut from the text.
    author: str | None = None


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > _LONGEST_BOUNDED:
        return bool(_LONG_BOILERPLATE_RE.match(stripped))
    if _BOILERPLATE_RE.match(stripped) or _ARTICLE_NOTE_RE.match(stripped):
        return True
    lowered = stripped.lower()
    first = _SOCIAL_WORD.search(lowered)
    if first is None or first.group() not in _SOCIAL_WORDS:
        # Not a line of share buttons: its first word is none. Most lines end here, unsplit.
        return stripped.count(" ") <= 12 and bool(_BREADCRUMB_RE.match(stripped))
    words = [w for w in _SOCIAL_SPLIT.split(lowered) if w]
    if (
        words
        and all(word in _SOCIAL_WORDS for word in words)
        and any(
            word in {"share", "tweet", "print", "email", "e-mail", "facebook", "twitter"}
            for word in words
        )
    ):
        return True
    return stripped.count(" ") <= 12 and bool(_BREADCRUMB_RE.match(stripped))


def byline_of(line: str) -> str | None:
    if len(line) > 120:
        return None
    match = _BYLINE_RE.match(line.strip())
    return match.group("byline").strip() if match else None


def dateline_of(line: str) -> str | None:
    stripped = line.strip()
    if len(stripped) <= 100 and _DATELINE_LINE_RE.match(stripped):
        return stripped
    return None


def split_dateline_prefix(paragraph: str) -> tuple[str | None, str]:
    """("MOSCOW (AP)", rest) for a paragraph that opens with a wire dateline, else (None, it)."""
    # A dateline is short: the pattern never sees more than its longest possible match.
    match = _DATELINE_PREFIX_RE.match(paragraph[:_DATELINE_PREFIX_MAX])
    if not match:
        return None, paragraph
    if match.group("dash") == "-" and not match.group("agency"):
        return None, paragraph  # "NATO - the alliance": a hyphen alone is too weak a signal
    dateline = match.group("dateline").strip()
    # A real dateline city is in capitals: "MOSCOW", "NEW YORK", not "The".
    city = dateline.split(",")[0].split("(")[0].strip()
    if not city.replace(" ", "").replace(".", "").replace("’", "").replace("'", "").isupper():
        return None, paragraph
    return dateline, paragraph[match.end() :]


def remove_noise(paragraphs: Iterable[str]) -> Cleaned:
    """Drop boilerplate paragraphs; move the first byline and dateline into metadata."""
    kept: list[str] = []
    byline: str | None = None
    dateline: str | None = None
    prefixed = False
    for paragraph in paragraphs:
        if is_boilerplate(paragraph):
            continue
        found_byline = byline_of(paragraph)
        if found_byline is not None:
            byline = byline or found_byline
            continue
        found_dateline = dateline_of(paragraph)
        if found_dateline is not None:
            dateline = dateline or found_dateline
            continue
        cut = cut_inline_noise(paragraph)
        if cut is not paragraph and (not cut or is_boilerplate(cut)):
            continue  # (an uncut paragraph was checked above)
        paragraph = cut
        if len(kept) < _DATELINE_PARAGRAPHS and not prefixed:
            # The first paragraph, or the second after a headline: "WASHINGTON — ...".
            prefix, paragraph = split_dateline_prefix(paragraph)
            if prefix is not None:
                dateline = dateline or prefix
                prefixed = True
        kept.append(paragraph)
    author = None
    if len(kept) >= _BIO_MIN_PARAGRAPHS and is_author_bio(kept[-1], kept[:-1]):
        bio = _BIO_RE.match(kept.pop())
        author = bio.group(0)[: bio.end("more")] if bio is not None else None
    return Cleaned(paragraphs=tuple(kept), byline=byline, dateline=dateline, author=author)


# A wire dateline opens the story: the first paragraph, or the second when the text starts with
# its headline.
_DATELINE_PARAGRAPHS = 2

# The author's bio an op-ed ends with: one sentence of a name, "is" and a role ("Mr. Phillips is
# Director of the Program on ...", "Jane Roe is the Republican governor of Ohio."). A person
# named only in the last paragraph, in this form, is the author: a story's own people are
# named before its last line.
_BIO_MIN_PARAGRAPHS = 3
_BIO_MAX_CHARS = 250
_BIO_RE = re.compile(
    r"^(?:(?P<title>Mr|Ms|Mrs|Dr|Prof)\.?\s)?(?P<name>[A-Z][a-z'’-]{1,25}|[A-Z]\.)"
    r"(?P<more>(?:\s(?:[A-Z][a-z'’-]{1,25}|[A-Z]\.)){0,3}),?\s"
    r"(?:is|was|has been|serves as)\s(?P<role>[^.!?]{3,200})\.$"
)
_BIO_ROLES = re.compile(
    r"\b(?:director|professor|author|governor|senator|representative|congress(?:man|woman)"
    r"|mayor|fellow|editor|writer|columnist|contributor|correspondent|journalist|president"
    r"|founder|co-founder|chair(?:man|woman)?|member|partner|executive|CEO|analyst|researcher"
    r"|lecturer|lawyer|attorney|economist|adviser|advisor|secretary|minister|ambassador"
    r"|candidate|scholar|historian|commentator|host|consultant|strategist)\b",
    re.IGNORECASE,
)
_NOT_A_NAME = frozenset({"The", "This", "That", "It", "He", "She", "They", "There", "A", "An"})


def is_author_bio(paragraph: str, before: Iterable[str]) -> bool:
    """Whether ``paragraph``, the last of an article whose other paragraphs are ``before``, is
    its author's bio line: a name none of them mentions, "is", and a role."""
    if len(paragraph) > _BIO_MAX_CHARS:
        return False
    match = _BIO_RE.match(paragraph)
    if match is None or not _BIO_ROLES.search(match.group("role")):
        return False
    names = [match.group("name"), *match.group("more").split()]
    if names[0] in _NOT_A_NAME or (len(names) < 2 and match.group("title") is None):
        return False  # "The board is ...", or one word with no "Mr.": not sure it is a person
    surname = names[-1]
    if len(surname) < 3:
        return False
    mention = re.compile(rf"\b{re.escape(surname)}\b")
    return not any(mention.search(text) for text in before)


# Page furniture flattened into running text by scrapers: cut out of the paragraph, the words
# around it kept. Each pattern is bounded (no unbounded repeat over a class its neighbour also
# matches), and a paragraph is scanned once per pattern.
_INLINE_NOISE = [
    re.compile(
        r"\b(?:story|article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad)\b"
        r"|\bcontinue reading (?:below|the main story)\b",
        re.IGNORECASE,
    ),
    # "Advertisement" alone between sentences, or at either end of the paragraph.
    re.compile(r"(?:^|(?<=[.!?\"”’]\s))Advertisement(?=\s+[A-Z\"“]|\s*$)"),
    # Link rails glued to the end of a statement: "... on Friday. More on Sports Team A wins".
    re.compile(
        r"(?:^|(?<=[.!?\"”]\s))(?:(?:More on|Trending Now) [A-Z][^.!?\n]{0,300}"
        r"|(?:Related|Read more|Read also|Also read|READ MORE)\s?:[^\n]{0,300})$"
    ),
    # Wire bylines with a time stamp: "IANS| Last Updated: Nov 28, 2026, 10:12 IST".
    re.compile(
        r"(?:^|(?<=\s))(?:[A-Z][\w&.]{1,20}\s?\|\s?)?Last Updated:? [A-Z][a-z]{2,8}\.? \d{1,2},? "
        r"\d{4}(?:,? \d{1,2}:\d{2}(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,4})?)?"
        r"(?: (?:Representational|File) (?:Image|Photo|Picture)\.?)?"
    ),
]
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TWEET_LINK = r"(?:https?://|(?<![\w.@/]))(?:t\.co|pic\.twitter\.com)/\w{1,40}"
_INLINE_NOISE += [
    # The signature an embedded tweet leaves in the text, with the links before it:
    # "https://t.co/Ab1 — Jane Doe (@janedoe) August 2, 2016".
    re.compile(
        rf"(?:\s?{_TWEET_LINK})*\s?[—–-]{{1,2}}\s?[A-Z][^()<>\n—–]{{0,60}}?\s\(@\w{{1,30}}\)\s"
        rf"(?:{_MONTH_NAME}\s\d{{1,2}},?\s\d{{4}}|\d{{1,2}}\s{_MONTH_NAME}\s\d{{4}})"
    ),
    # Tweet links left alone: "pic.twitter.com/Ab1", "https://t.co/Ab1".
    re.compile(_TWEET_LINK),
    # A tweet's sign-off after its last sentence, at the end of the paragraph: "... now. -H".
    re.compile(r"(?<=[.!?])\s[-–—]\s?[A-Z][a-z]{0,11}\.?$"),
    # "Follow Pam Key on Twitter @pamkey" glued to the end of a paragraph.
    re.compile(rf"(?:^|(?<=[.!?\"”]\s)){_FOLLOW_US}$"),
    # An update or correction note glued to the end of a paragraph.
    re.compile(
        r"(?:^|(?<=[.!?\"”]\s))(?:(?:Editor['’]?s [Nn]ote|UPDATE|Update|Correction|CORRECTION)"
        r"\s?[:—–-]\s?)?(?:This (?:article|story|post|piece) (?:has been|was) "
        r"(?:updated|corrected|amended)\b"
        r"|An earlier version of this (?:article|story|post|piece)\b)[^\n]{0,300}$"
    ),
]
# Speed only: a pattern whose matches start with literal words is not run where none occurs.
_INLINE_NOISE = [literal_prefiltered(pattern) for pattern in _INLINE_NOISE]
_SPACES = re.compile(r"[ \t]{2,}")
# Words one of the patterns above needs, in the same order: a paragraph without any of a
# pattern's words is not scanned by it (most paragraphs have none, and scanning them all was
# half the cost of removing noise). A pattern that only matches a short tail of the paragraph
# looks for its words in that many last characters of what is left of it (0: the whole paragraph).
_INLINE_NOISE_WORDS = (
    (("continue",), 0),
    (("advertisement",), 0),
    (("more on ", "trending now ", "related", "read more", "read also", "also read"), 0),
    (("last updated",), 0),
    (("@",), 0),
    (("/",), 0),  # (one character: searched faster than "t.co/" in non-ASCII text)
    (("-", "–", "—"), 18),
    (("follow ",), 0),
    (("updated", "corrected", "amended", "an earlier version"), 0),
)


def cut_inline_noise(paragraph: str) -> str:
    """The paragraph without ad and widget lines flattened into it."""
    cut = paragraph
    folded = paragraph.lower()
    for pattern, (words, tail) in zip(_INLINE_NOISE, _INLINE_NOISE_WORDS, strict=True):
        # (a tail is read from the text as cut so far: a cut link may have been after it)
        where = cut[-tail:].lower() if tail else folded
        for word in words:  # (a loop, not any() over a generator: most paragraphs have none)
            if word in where:
                spans = [match.span() for match in pattern.finditer(cut)]
                if spans:
                    cut = cut_spans(cut, spans)
                break
    if cut == paragraph:
        return paragraph
    return _SPACES.sub(" ", cut).strip()
