"""Who said it: direct-quote and reported-speech attribution.

Works sentence by sentence over one article, in order, because attribution leans on context:
a bare quoted sentence after an attributed one belongs to the same speaker, "he said" means the
last named speaker, and "Pashinyan" later in the story is the "Armenian Prime Minister Nikol
Pashinyan" introduced earlier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from claims.extraction.records import Sentence


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


SAY_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|explained|noted|notes|warned|warns|"
    r"claimed|claims|claim|argued|argues|insisted|insists|declared|wrote|writes|tweeted|posted|"
    r"announced|asserted|maintained|stressed|emphasi[sz]ed|replied|responded|continued|remarked|"
    r"acknowledged|admitted|commented|alleged|revealed|confirmed|denied|reported)"
)
# Words that link a sentence to the one before it and add nothing to what is claimed; stripped
# from statements and from speaker phrases ("Previously Armenian officials had claimed ...").
DISCOURSE_OPENER = re.compile(
    r"^(?:(?:but|and|so|yet|still|however|meanwhile|moreover|furthermore|in addition|additionally|"
    r"also|indeed|in any case|in fact|anyway|nevertheless|nonetheless|of course|overall|now|"
    r"besides|thus|therefore|hence|consequently|likewise|similarly|previously|instead|"
    r"at the same time|on the other hand|in other words|as a result)\b,?\s+)+",
    re.IGNORECASE,
)
PRONOUNS = frozenset({"he", "she", "they", "we"})

# Words that describe a person's role rather than name them; stripped from the claimant and
# kept as the description ("Armenian Prime Minister Nikol Pashinyan").
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "deputy",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "secretary",
        "general",
        "chancellor",
        "premier",
        "governor",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "congressman",
        "congresswoman",
        "mayor",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "press",
        "chief",
        "head",
        "leader",
        "director",
        "administrator",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "cfo",
        "founder",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "bishop",
        "archbishop",
        "judge",
        "justice",
        "attorney",
        "lawyer",
        "commander",
        "colonel",
        "gen.",
        "lt.",
        "col.",
        "capt.",
        "major",
        "captain",
        "sergeant",
        "officer",
        "official",
        "officials",
        "analyst",
        "professor",
        "prof.",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sir",
        "lord",
        "lady",
        "dame",
        "former",
        "acting",
        "interim",
        "state",
        "national",
        "federal",
        "foreign-affairs",
        "kremlin",
        "white",
        "house",
        "pentagon",
        "party",
        "opposition",
        "member",
        "mp",
        "minister's",
        "senior",
        "top",
        "aide",
        "adviser",
        "advisor",
        "economist",
        "expert",
        "researcher",
        "scientist",
        "author",
        "editor",
        "reporter",
        "correspondent",
    ]
)

_OPEN_QUOTES = "“„«"
_CLOSE_QUOTES = "”»"
_STRAIGHT = '"'
# Only these characters move the quote state: the scan visits them, not every character.
_QUOTE_MARK = re.compile("[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES + _STRAIGHT) + "]")

# A speaker phrase: "Nikol Pashinyan", "the economist Ian Ross", "chairman and chief executive
# Richard Parsons", or a pronoun resolved later.
_WHO = (
    r"(?P<who>(?:the\s+)?[A-Z][\w.'’\- ]{0,80}?"
    r"|(?:the\s+)?(?:[a-z]+\s+){1,5}[A-Z][\w.'’\- ]{0,60}?"
    r"|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)"
)
# After a quote: '…," Armenian Prime Minister Nikol Pashinyan told a briefing.' / '…," he said.'
_POST_WHO_SAYS = re.compile(rf"^[\s,.:;—–-]*{_WHO}\s+(?:has\s+|had\s+)?{SAY_VERBS}\b")
# After a quote: '…," said Jane Doe, a spokeswoman.'
_POST_SAYS_WHO = re.compile(rf"^[\s,.:;—–-]*{SAY_VERBS}\s+(?P<who>[A-Z][^,.;:]{{0,80}})")
# After a quote or a claim: '…," according to a statement by Dmitry Peskov.'
_ACCORDING_TO = re.compile(r"\baccording to\s+(?P<who>[^,.;:]{2,90})", re.IGNORECASE)
# Before a quote: 'X said: "…"', 'X told reporters: "…"', 'X said, "…"'.
_PRE_WHO_SAYS = re.compile(
    rf"^(?:[A-Z]\w*,?\s+)??{_WHO}\s+(?:has\s+|had\s+)?{SAY_VERBS}\b[^:]*?(?:[:,]|\bthat)?\s*$"
)
# Before a quote, any verb: 'Pashinyan addressed this head-on in his Tuesday comments: "…"'.
_PRE_SUBJECT_COLON = re.compile(
    r"^(?P<who>(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*)\s+[a-z].*:\s*$"
)
# Before a quote: 'The Kremlin responded to ... by saying, "…"'.
_PRE_SUBJECT_BY_SAYING = re.compile(
    r"^(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*)\s+[a-z].*\bby saying,?\s*$"
)

# Reported speech without quote marks.
_REPORTED_THAT = re.compile(
    rf"^(?P<who>[A-Z][\w.'’\- ]{{0,80}}?)\s+(?:has\s+|had\s+|have\s+)?{SAY_VERBS}"
    rf"(?:\s+[\w,'’-]+){{0,8}}?\s+that\s+(?P<content>.+)$"
)
_REPORTED_DIRECT = re.compile(
    r"^(?P<who>[A-Z][\w.'’\- ]{0,80}?)\s+(?:said|says|told reporters|claimed|claims|warned)"
    r"\s+(?P<content>(?!that\b)[A-Za-z].+)$"
)
_TRAILING_WHO_SAYS = re.compile(
    rf"^(?P<content>.+?),\s+{_WHO}\s+(?:has\s+)?{SAY_VERBS}(?:\s+[^,]{{0,60}})?[.!]?$"
)
_TRAILING_SAYS_WHO = re.compile(
    rf"^(?P<content>.+?),\s+{SAY_VERBS}\s+(?P<who>[A-Z][^,.;:]{{0,80}})(?:,[^,]*)?[.!]?$"
)
_LEADING_ACCORDING = re.compile(r"^[Aa]ccording to\s+(?P<who>[^,]{2,90}),\s+(?P<content>.+)$")
_TRAILING_ACCORDING = re.compile(
    r"^(?P<content>.+?),?\s+according to\s+(?P<who>[^,.;:]{2,90})[.!]?$"
)

# "a statement by Dmitry Peskov", "a spokesman for the Kremlin" -> the part after by/for/from.
_SOURCE_OF = re.compile(
    r"^(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:statement|report|post|tweet|interview|comments?|"
    r"remarks|spokes(?:man|woman|person)|message|letter|release|transcript)\s+(?:by|from|of|for)\s+",
    re.IGNORECASE,
)
# First words that show the regex caught a clause opener, not a speaker ("In a statement ...").
_NOT_A_SPEAKER = _wordset(
    "it this that there which who i you in on at after before asked when if as for speaking "
    "writing earlier later last then also while since during"
)
_MIN_QUOTE_WORDS = 4  # shorter quoted spans are names or scare quotes: dubbed the “X” exercises
# The speaker patterns backtrack in polynomial time on the text they see; no news sentence with
# a speaker is this long, and a longer "sentence" (a page without punctuation) is left alone.
_MAX_ATTRIBUTED_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    description: str | None


@dataclass(frozen=True, slots=True)
class Attributed:
    """One sentence after attribution: what is claimed, by whom, and whether verbatim."""

    sentence: Sentence
    content: str
    speaker: Speaker | None
    is_quote: bool


@dataclass(slots=True)
class _QuoteState:
    starts_inside: bool
    ends_inside: bool
    spans: list[tuple[int, int]]  # quoted text within the sentence, marks excluded


def attribute(sentences: Sequence[Sentence], paragraph_of: Sequence[int]) -> list[Attributed]:
    """Attribute every sentence; ``paragraph_of[i]`` is the paragraph index of sentence i."""
    states = _quote_states(sentences, paragraph_of)
    article = " ".join(sentence.text for sentence in sentences)
    known: dict[str, Speaker] = {}  # surname and full name -> speaker, for later short mentions
    last_person: Speaker | None = None
    results: list[Attributed | None] = [None] * len(sentences)
    pending: list[int] = []  # bare quoted sentences waiting for a speaker later in the quote

    for i, (sentence, state) in enumerate(zip(sentences, states, strict=True)):
        text = sentence.text
        quoted = " ".join(text[a:b].strip() for a, b in state.spans).strip()
        frame = _frame(text, state.spans)
        substantive = len(quoted.split()) >= _MIN_QUOTE_WORDS
        speaker: Speaker | None = None
        is_quote = False
        content = text

        if substantive:
            raw = _speaker_around_quote(text, state.spans)
            if raw is not None:
                speaker = _resolve(raw, known, last_person, article)
            if speaker is not None:
                is_quote, content = True, quoted
            elif _is_bare(frame):
                is_quote, content = True, quoted
                previous = results[i - 1] if i else None
                if state.starts_inside and pending and pending[-1] == i - 1:
                    pass  # continuation of a quote that is still waiting for its speaker
                elif previous is not None and previous.is_quote and previous.speaker is not None:
                    # "X said. "Second sentence."": the next bare quote is the same speaker.
                    if paragraph_of[i - 1] == paragraph_of[i] or state.starts_inside:
                        speaker = previous.speaker
                elif i and state.starts_inside and results[i - 1] is not None:
                    speaker = results[i - 1].speaker
        else:
            reported = _reported_speech(text)
            if reported is not None:
                raw, content = reported
                speaker = _resolve(raw, known, last_person, article)
                if speaker is None:
                    content = text

        if is_quote and speaker is None and state.ends_inside:
            pending.append(i)
        elif speaker is not None and pending:
            # '"First sentence. Second one," she said.': the speaker reaches back.
            for j in pending:
                previous = results[j]
                if previous is not None:
                    results[j] = Attributed(previous.sentence, previous.content, speaker, True)
            pending.clear()
        elif not state.starts_inside:
            pending.clear()

        if speaker is None and not is_quote:
            # "Finance Minister Karen Lee announced ...": a titled person named as the subject
            # is who a later "she said" refers to.
            introduced = _introduced_person(text)
            if introduced is not None:
                _remember(introduced, known)
                last_person = introduced
        if speaker is not None:
            _remember(speaker, known)
            # "he said" points back to a named speaker, not to "Armenian officials".
            if all(word[:1].isupper() for word in speaker.name.split()):
                last_person = speaker
        results[i] = Attributed(sentence, content, speaker, is_quote)
    return [r for r in results if r is not None]


def _quote_states(sentences: Sequence[Sentence], paragraph_of: Sequence[int]) -> list[_QuoteState]:
    """Track double-quote nesting across the sentences of each paragraph.

    Curly quotes say which way they face; a straight quote toggles. State resets at every
    paragraph, because news style re-opens a quote at each paragraph it continues into.
    """
    states: list[_QuoteState] = []
    inside = False
    current_paragraph = -1
    for sentence, paragraph in zip(sentences, paragraph_of, strict=True):
        if paragraph != current_paragraph:
            inside, current_paragraph = False, paragraph
        text = sentence.text
        starts_inside = inside
        spans: list[tuple[int, int]] = []
        open_at = 0 if inside else -1
        for mark in _QUOTE_MARK.finditer(text):
            index, char = mark.start(), mark.group()
            if char in _OPEN_QUOTES or (char == _STRAIGHT and not inside):
                inside, open_at = True, index + 1
            elif (char in _CLOSE_QUOTES or char == _STRAIGHT) and inside:
                spans.append((open_at, index))
                inside = False
        if inside:
            spans.append((open_at, len(text)))
        states.append(_QuoteState(starts_inside, inside, spans))
    return states


def _frame(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the quoted parts blanked out."""
    pieces: list[str] = []
    cursor = 0
    for a, b in spans:
        pieces.append(text[cursor:a])
        pieces.append(" Q ")
        cursor = b
    pieces.append(text[cursor:])
    return "".join(pieces)


def _is_bare(frame: str) -> bool:
    return not re.sub(r"[\sQ\"“”„«».,!?;:—–-]+", "", frame)


def _speaker_around_quote(text: str, spans: list[tuple[int, int]]) -> str | None:
    if len(text) > _MAX_ATTRIBUTED_CHARS:
        return None
    first_open, last_close = spans[0][0], spans[-1][1]
    after = text[last_close + 1 :] if last_close < len(text) else ""
    before = text[: max(first_open - 1, 0)]
    # Between two quoted pieces: '"First," he said, "second."'
    middles = [text[b + 1 : a - 1] for (_, b), (a, _) in pairwise(spans)]
    for piece in [after, *middles]:
        for pattern in (_ACCORDING_TO, _POST_SAYS_WHO, _POST_WHO_SAYS):
            match = pattern.search(piece) if pattern is _ACCORDING_TO else pattern.match(piece)
            if match:
                return match.group("who")
    before = before.rstrip()
    for pattern in (_PRE_WHO_SAYS, _PRE_SUBJECT_BY_SAYING, _PRE_SUBJECT_COLON):
        match = pattern.match(before)
        if match:
            return match.group("who")
    return None


def _reported_speech(text: str) -> tuple[str, str] | None:
    """(speaker phrase, content) for reported speech without quote marks, else None."""
    if len(text) > _MAX_ATTRIBUTED_CHARS:
        return None
    for pattern in (
        _LEADING_ACCORDING,
        _TRAILING_ACCORDING,
        _REPORTED_THAT,
        _TRAILING_SAYS_WHO,
        _TRAILING_WHO_SAYS,
        _REPORTED_DIRECT,
    ):
        match = pattern.match(text)
        if match and len(match.group("content").split()) >= 3:
            return match.group("who"), match.group("content")
    return None


def _full_name(surname: str, article: str) -> str | None:
    for match in re.finditer(rf"\b([A-Z][\w'’-]+)\s+{re.escape(surname)}\b", article):
        first = match.group(1)
        if first.lower() not in TITLE_WORDS and first not in _SENTENCE_OPENERS:
            return f"{first} {surname}"
    return None


_SENTENCE_OPENERS = _wordset("The A An In On At But And When If As After Before While")


def _resolve(
    raw: str, known: dict[str, Speaker], last_person: Speaker | None, article: str = ""
) -> Speaker | None:
    phrase = raw.strip(" ,.:;'\"“”")
    phrase = _SOURCE_OF.sub("", DISCOURSE_OPENER.sub("", phrase))
    words = phrase.split()
    if not words or len(words) > 9:
        return None
    if words[0].lower() in PRONOUNS:
        return last_person  # "he said", "she also told", "they added"
    if words[0].lower() in _NOT_A_SPEAKER:
        return None
    if not any(word[:1].isupper() for word in words[1:]) and words[0].lower() in {"the", "a", "an"}:
        return None  # "the company said": nobody a fact-checker could name
    speaker = split_title(phrase)
    if speaker is None:
        return None
    if " " not in speaker.name and speaker.name not in known and article:
        # "Mr Blair said": use the full name the article gave earlier ("Tony Blair").
        full = _full_name(speaker.name, article)
        if full is not None:
            speaker = Speaker(name=full, description=speaker.description)
    remembered = known.get(speaker.name)
    if remembered is not None and (speaker.description is None or " " not in speaker.name):
        return remembered
    return speaker


def split_title(phrase: str) -> Speaker | None:
    """Split a speaker phrase into name and description.

    "Armenian Prime Minister Nikol Pashinyan" -> "Nikol Pashinyan", "Armenian Prime Minister".

    The name is the run of capitalised non-title words at the end of the phrase; what comes
    before it is the description. A phrase with no such run ("the Kremlin", "Armenian
    officials") is the claimant as a whole, minus a leading article.
    """
    words = phrase.replace("’s ", "'s ").split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return None
    # Drop a trailing appositive such as ", a spokeswoman" already cut by the regexes; then
    # walk back over capitalised words that are not titles.
    end = len(words)
    start = end
    while start > 0:
        word = words[start - 1]
        bare = word.strip(",.")
        if not bare[:1].isupper() or bare.lower() in TITLE_WORDS or bare.endswith("'s"):
            break
        start -= 1
    if start == end:
        # No personal name: an organisation or group speaks ("Kremlin", "Armenian officials").
        return Speaker(name=" ".join(words).strip(",."), description=None)
    name = " ".join(words[start:end]).strip(",.")
    description = " ".join(words[:start]).strip(",. ") or None
    has_title = any(w.lower().strip(",.") in TITLE_WORDS for w in words[:start])
    if description is not None and not has_title and not description[:1].isupper():
        # "officials in Moscow": no title and no capitalised lead, so keep the phrase whole.
        return Speaker(name=" ".join(words).strip(",."), description=None)
    return Speaker(name=name, description=description)


_LEADING_CAPITALS = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){2,7}")


def _introduced_person(text: str) -> Speaker | None:
    match = _LEADING_CAPITALS.match(text)
    if not match:
        return None
    speaker = split_title(match.group(0).strip())
    if speaker is None or speaker.description is None or len(speaker.name.split()) < 2:
        return None
    return speaker


def _remember(speaker: Speaker, known: dict[str, Speaker]) -> None:
    known.setdefault(speaker.name, speaker)
    parts = speaker.name.split()
    if len(parts) >= 2:
        known.setdefault(parts[-1], speaker)
