"""News calibration: which scored candidates become claims, on news prose.

The check-worthiness models were trained and thresholded on debate transcripts. On news their
score separates claims from opinion poorly, so the pipeline combines it with a few features of
the candidate (numbers, names, first person, modals, evaluative words, reported speech) in a
logistic regression fitted on annotated news (``training/news_calibration.py``, which writes
``models/news_calibration.json``; figures in ``models/MODEL_CARD.md``). Weights are plain numbers
in JSON: no pickle, nothing downloaded. A scorer whose version the file does not list is used
as is, with its own threshold.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from claims.extraction.claims import NO_COMMENT


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CALIBRATION_FILE = Path(__file__).resolve().parent / "models" / "news_calibration.json"
LEXICON_FILE = Path(__file__).resolve().parent / "models" / "opinion_lexicon.json"

FEATURES = (
    "score_logit",
    "digit",
    "statistic",
    "names",
    "first_person_singular",
    "first_person_plural",
    "second_person",
    "normative_modal",
    "speculative",
    "evaluative",
    "cognition",
    "direct_quote",
    "reported",
    "past_tense",
    "length",
    "back_reference",
    "time_expression",
    "question_or_exclamation",
    # Marks of opinion and rhetoric beyond the first set (issue 13, second pass).
    "judgement",
    "intensifier",
    "generic_person",
    "hedge",
    "exhortation",
    "conditional",
    "no_comment",
    "stance_verb",
    "verbless",
    "framed_quote",
    # The same marks inside a direct quote: a speaker's opinion is the commonest leak.
    "quote_x_evaluative",
    "quote_x_judgement",
    "quote_x_intensifier",
    "quote_x_generic_person",
    "quote_x_hedge",
    "quote_x_exhortation",
    "quote_x_checkable",
    # General opinion lexicons (``training/opinion_lexicon.py``) and marks of feeling and
    # characterisation (issue 13, third pass).
    "subjectivity",
    "feeling",
    "scare_quote",
)

# Signs the fit (training/news_calibration.py) holds the weights to: a mark of opinion or
# rhetoric ("we", "you", a modal, a judging word ...) never raises the probability that a
# candidate is a claim, and checkable content (a number, a name, a date, the scorer's own score)
# never lowers it. Thirty articles are few: without the bounds some marks came out with the
# wrong sign, learnt from a handful of sentences (a verbless fragment of a claim sentence).
# "I" is left free: first-person testimony ("I lost because ...") is often a claim, and holding
# its weight at 0 cost recall and not-claim rate out of fold (0.422 against 0.404 at recall 0.90).
# Marks of opinion or feeling (``is_opinion``): first or second person, a normative or
# speculative modal, an evaluative or judging word, a verb of thinking, an intensifier, a generic
# "anyone"/"nobody", a hedge, an exhortation, a condition, a question or exclamation.
OPINION_MARKS = (
    "first_person_singular",
    "first_person_plural",
    "second_person",
    "normative_modal",
    "speculative",
    "evaluative",
    "cognition",
    "question_or_exclamation",
    "judgement",
    "intensifier",
    "generic_person",
    "hedge",
    "exhortation",
    "conditional",
    "feeling",
)
NON_POSITIVE = (frozenset(OPINION_MARKS) - {"first_person_singular"}) | {
    "subjectivity",
    "scare_quote",
    "no_comment",
    "stance_verb",
    "verbless",
    "quote_x_evaluative",
    "quote_x_judgement",
    "quote_x_intensifier",
    "quote_x_generic_person",
    "quote_x_hedge",
    "quote_x_exhortation",
}
NON_NEGATIVE = frozenset(
    {"score_logit", "digit", "statistic", "names", "time_expression", "quote_x_checkable"}
)


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d.,]*")
_STATISTIC = re.compile(
    r"\d\s*(?:%|per\s?cent|percent)|[$£€¥]\s?\d|\d\s*(?:million|billion|trillion|bn|m)\b",
    re.IGNORECASE,
)
_FIRST_SINGULAR = _words("i i'm i’m me my mine myself i've i’ve i'd i’d i'll i’ll")
_FIRST_PLURAL = _words("we we're we’re us our ours ourselves we've we’ve we'll we’ll")
_SECOND = _words("you you're you’re your yours you've you’ve you'll you’ll")
# Marks that are single words or pairs of words are looked up in the statement's lower-cased
# words and word pairs: a set lookup costs a fraction of a case-insensitive regex alternation.
_NORMATIVE = _words("should must gotta")
_NORMATIVE_PAIRS = frozenset(["ought to", "need to", "needs to", "have to", "has to", "got to"])
_SPECULATIVE = _words("may might could would perhaps maybe hopefully hope hopes possibly probably")
_EVALUATIVE = _words("""
    great good best wonderful fantastic amazing brilliant excellent superb terrible awful
    horrible shame outrageous disgraceful nice lovely happy glad sad proud delighted
    disappointed disappointing pleased excited thrilled honoured honored grateful sorry
    incredible unbelievable fun enjoy enjoyed love loved hate hated special important vital
    exciting hard tough difficult easy bitter sweet wrong right fair unfair ridiculous
    fascinating interesting impressive remarkable strong weak real true huge massive
    """)
_COGNITION = _words(
    "think thinks thought believe believes feel feels felt want wants wanted wish wishes "
    "know knows guess suppose reckon sure convinced"
)
_BACK_REFERENCE = _words("he she they it this that these those his her its their such there")
_TIME = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june "
    "july august september october november december yesterday"
)
_TIME_PAIRS = frozenset(["last year", "last week", "last month"])
_PAST = re.compile(r"\b\w{3,}ed\b|\b(?:was|were|had|did|said|won|lost|took|made|went|came)\b")
# Words that pass judgement (praise, blame, verdicts on worth or sense), beyond ``_EVALUATIVE``:
# a general list, not drawn from any one article.
_JUDGEMENT = _words("""
    shame shameful mistake mistakes disaster disastrous scandal scandalous absurd nonsense rubbish
    pathetic genius legend legendary iconic talented talent magnificent extraordinary tremendous
    terrific dreadful appalling shocking indictment failure failures wise unwise foolish naive
    arrogant careless reckless stupid silly crazy perfect beautiful ugly dangerous desperate
    upset upsetting hurt hurts worried worrying afraid hopeful optimistic pessimistic confident
    cruel evil generous hero heroes villain boring dull bland credible relevant irrelevant
    appropriate inappropriate unnecessary necessary bureaucratic better worse
    worst brilliant best-known fantastic liar careful bigger biggest greatest finest
    """)
_INTENSIFIER = _words(
    "really very so too simply definitely absolutely totally completely quite extremely truly "
    "always never ever even"
)
_GENERIC_PERSON = _words(
    "anyone anybody everyone everybody nobody no-one someone somebody everything nothing anything "
    "whoever"
)
_HEDGE = _words("hopefully")
_HEDGE_PAIRS = frozenset(
    [
        "i hope",
        "we hope",
        "i'm sure",
        "am sure",
        "it seems",
        "seems to",
        "appears to",
        "i guess",
        "i suppose",
        "i reckon",
        "i feel",
        "i felt",
        "i think",
        "we think",
        "i believe",
        "we believe",
    ]
)
_EXHORTATION = _words("let's mustn't shouldn't")
_EXHORTATION_PAIRS = frozenset(
    [
        "let us",
        "we need",
        "we must",
        "we've got",
        "you need",
        "you can",
        "you should",
        "we should",
        "should have",
        "must not",
    ]
)
_CONDITIONAL = _words("if unless whether either whatever whichever")
# "declined to comment", "would not comment": a record that nothing was said (the pattern is the
# candidate filter's, claims.py; here it also marks longer sentences that mention it).
_NO_COMMENT_WORDS = _words("comment drawn")
# Reactions reported without content: "hailed the conviction", "deplored the infighting".
_STANCE_VERB = _words(
    "hailed deplored condemned praised welcomed welcomes urged urges slammed lambasted applauded "
    "blasted lauded decried denounced lamented mocked ridiculed derided dubbed scoffed branded "
    "joked quipped complained criticised criticized attacked accused"
)
# Feelings, the speaker's own or reported ("I really enjoy it", "he felt 'great'", "it hurts"):
# a state of mind, not something a reader can check.
_FEELING = _words(
    "feel feels felt feeling love loved loves hate hated hates enjoy enjoyed enjoys excited "
    "excites upset hurts hurt proud fed-up"
)
# A short quoted fragment inside the writer's or a reported sentence ('hailed the conviction as
# "a major boost"', 'said he felt "great"'): a characterisation borrowed from a speaker.
_SCARE_QUOTE = re.compile(r'["“]([^"“”\n]{1,40})["”]')
# A clause has a finite verb; "Too safe and too cheap." has none. (A plural noun passes for a
# verb here: the mark is for fragments, and errs towards none.)
_FINITE = _words(
    "is are was were am be been has have had will would can could may might must shall should "
    "does did do"
)
_FINITE_ENDINGS = ("ed", "s", "n't", "'re", "'ve", "'ll", "'d", "'m")
# A quote kept verbatim behind its saying frame ('Tony Blair said: "I would never ..."'): the
# frame is for the reader. Its "said" and the speaker's name are no evidence of a claim (a frame
# lifted the debate-trained scorer's score of "Armenia is our close ally" from 0.05 to 0.38), so
# the scorer and the features read the quoted words alone, and ``framed`` records the frame.
_FRAME = re.compile(r'^[^"“”\n]{1,120}? said: ["“](?P<content>.+?)["”]?$', re.S)


# Sympathy, condolence and well-wishing ("thoughts and prayers", "God bless", "good luck to"):
# a gesture, nothing to check. General English formulae, not drawn from any one article.
_SYMPATHY = _words(
    "pray praying prayer prayers condolence condolences sympathies bless blessings "
    "heartbroken heartbreaking heartfelt mourn mourning grieving saddened"
)
_SYMPATHY_PAIRS = frozenset(
    [
        "good luck",
        "best wishes",
        "well wishes",
        "get well",
        "rest in",
        "our thoughts",
        "my thoughts",
        "thoughts are",
        "thoughts go",
        "hearts go",
        "hearts are",
        "god bless",
        "happy birthday",
        "thank you",
        "congratulations to",
    ]
)
# Calls to action and rallying cries ("it's time to stand up to ...", "enough is enough").
_CALL_PAIRS = frozenset(
    [
        "it's time",
        "is time",
        "enough is",
        "stand up",
        "speak up",
        "speak out",
        "rise up",
        "wake up",
        "join us",
        "join me",
        "fight back",
        "act now",
    ]
)
# Stated preferences and wishes ("I'd like the committee to see it", "we would rather wait").
_PREFERENCE = _words("prefer prefers preferred rather")
_PREFERENCE_PAIRS = frozenset(
    ["would like", "i'd like", "we'd like", "would love", "i'd love", "would prefer"]
)
# Emotional reactions reported or characterised ("X was shocked", "voters are furious"): a state
# of mind or a mood, not an event a reader can check.
_REACTION = _words("""
    shocked stunned outraged furious angry angered enraged incensed livid irate baffled bemused
    puzzled dismayed horrified horrifying appalled disgusted amused frustrated frustration
    alarmed skittish galvanized galvanised resent resents resented rankles rankled speechless
    thrilled elated overjoyed delighted ecstatic devastated distraught anxious nervous
    jittery fearful relieved embarrassed humiliated indignant exasperated
    """)


_PAIR_STARTS = frozenset(
    pair.split(" ")[0]
    for pair in _NORMATIVE_PAIRS
    | _TIME_PAIRS
    | _HEDGE_PAIRS
    | _EXHORTATION_PAIRS
    | _SYMPATHY_PAIRS
    | _CALL_PAIRS
    | _PREFERENCE_PAIRS
)


def scored_text(statement: str) -> str:
    """What the scorer and the features read of a stored statement: a first-person quote's own
    words without its saying frame; any other statement as it is."""
    # Speed only: the pattern cannot match without its literal " said: " (most statements).
    match = _FRAME.match(statement) if " said: " in statement else None
    return match.group("content") if match else statement


def features(statement: str, *, score: float, is_quote: bool, has_speaker: bool) -> list[float]:
    """The feature vector of one candidate (the statement as stored, frame included; ``score``
    the scorer's score of its ``scored_text``), in ``FEATURES`` order."""
    framed = statement
    statement = scored_text(statement)
    words = _WORD.findall(statement[:2000])
    lower = [w.lower().replace("’", "'") for w in words]
    vocabulary = set(lower)
    # Only the word pairs some pair mark starts with: the marks look for nothing else.
    pairs = (
        {f"{a} {b}" for a, b in pairwise(lower) if a in _PAIR_STARTS}
        if not _PAIR_STARTS.isdisjoint(vocabulary)
        else set()
    )
    clipped = min(max(score, 1e-4), 1 - 1e-4)
    # (lower[i] is words[i].lower() with "’" as "'": the same test, as _FIRST_SINGULAR holds
    # both spellings of each word.)
    names = sum(
        1
        for w, low in zip(words[1:], lower[1:], strict=True)
        if w[:1].isupper() and low not in _FIRST_SINGULAR
    )
    digit = bool(_DIGIT.search(statement))
    quote = float(is_quote and has_speaker)
    evaluative = min(len(_EVALUATIVE.intersection(vocabulary)), 2) / 2
    judgement = min(len(_JUDGEMENT.intersection(vocabulary)), 2) / 2
    intensifier = min(len(_INTENSIFIER.intersection(vocabulary)), 2) / 2
    generic = float(not _GENERIC_PERSON.isdisjoint(vocabulary))
    hedge = float(not (_HEDGE.isdisjoint(vocabulary) and _HEDGE_PAIRS.isdisjoint(pairs)))
    exhortation = float(
        not (_EXHORTATION.isdisjoint(vocabulary) and _EXHORTATION_PAIRS.isdisjoint(pairs))
        or not _CALL_PAIRS.isdisjoint(pairs)
        or (
            "have" in vocabulary
            and any(
                a in ("we", "you") and b == "have" and c == "to"
                for a, b, c in zip(lower, lower[1:], lower[2:], strict=False)
            )
        )
    )
    time = not (_TIME.isdisjoint(vocabulary) and _TIME_PAIRS.isdisjoint(pairs)) or (
        digit
        and any(
            len(w) >= 4 and w[:2] in ("19", "20") and w[2:4].isdigit() and not w[4:5].isdigit()
            for w in vocabulary
        )
    )
    checkable = float(digit or time or names >= 2)
    lexicon = subjectivity_lexicon()
    subjectivity = max((lexicon.get(w, 0.0) for w in lower), default=0.0)
    scare_quote = not is_quote and any(
        len(m.group(1).split()) <= 5 for m in _SCARE_QUOTE.finditer(statement)
    )
    return [
        math.log(clipped / (1 - clipped)),
        float(digit),
        float(digit and bool(_STATISTIC.search(statement))),
        min(names, 4) / 4,
        float(not _FIRST_SINGULAR.isdisjoint(vocabulary)),
        float(not _FIRST_PLURAL.isdisjoint(vocabulary)),
        float(not _SECOND.isdisjoint(vocabulary)),
        float(not (_NORMATIVE.isdisjoint(vocabulary) and _NORMATIVE_PAIRS.isdisjoint(pairs))),
        float(not _SPECULATIVE.isdisjoint(vocabulary)),
        evaluative,
        float(
            not _COGNITION.isdisjoint(vocabulary)
            or not (_PREFERENCE.isdisjoint(vocabulary) and _PREFERENCE_PAIRS.isdisjoint(pairs))
        ),
        quote,
        float(has_speaker and not is_quote),
        float(bool(_PAST.search(statement))),
        min(len(words), 60) / 60,
        float(bool(lower) and lower[0] in _BACK_REFERENCE),
        float(time),
        # A question mark anywhere, the frame's quoted words included ('"But why?" she asked').
        float("?" in framed or statement.rstrip().endswith("!")),
        judgement,
        intensifier,
        generic,
        hedge,
        exhortation,
        float(not _CONDITIONAL.isdisjoint(vocabulary)),
        float(not _NO_COMMENT_WORDS.isdisjoint(vocabulary) and bool(NO_COMMENT.search(statement))),
        float(not _STANCE_VERB.isdisjoint(vocabulary)),
        float(
            _FINITE.isdisjoint(vocabulary)
            and not any(len(w) > 2 and w.endswith(_FINITE_ENDINGS) for w in lower)
        ),
        float(framed is not statement),
        quote * evaluative,
        quote * judgement,
        quote * intensifier,
        quote * generic,
        quote * hedge,
        quote * exhortation,
        quote * checkable,
        subjectivity,
        float(
            not _FEELING.isdisjoint(vocabulary)
            or not (_SYMPATHY.isdisjoint(vocabulary) and _SYMPATHY_PAIRS.isdisjoint(pairs))
            or not _REACTION.isdisjoint(vocabulary)
        ),
        float(scare_quote),
    ]


@cache
def subjectivity_lexicon(path: Path = LEXICON_FILE) -> dict[str, float]:
    """Word -> subjectivity, 0 (objective: "annual", "British") to 1 (subjective: "wonderful"),
    from Pattern's general English lexicon (``training/opinion_lexicon.py``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {word: float(value) for word, value in data["subjectivity"].items()}


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic regression over ``features`` for one scorer version."""

    version: str
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, vector: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@cache
def calibrations(path: Path = CALIBRATION_FILE) -> dict[str, Calibration]:
    """Scorer version -> its news calibration; empty when the file is absent."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    if tuple(manifest["features"]) != FEATURES:
        raise ValueError(f"{path}: its features differ from this code's; retrain it")
    return {
        scorer_version: Calibration(
            version=entry["version"],
            weights=tuple(float(w) for w in entry["weights"]),
            bias=float(entry["bias"]),
            threshold=float(entry["threshold"]),
        )
        for scorer_version, entry in manifest["scorers"].items()
    }


def for_scorer(scorer_version: str) -> Calibration | None:
    return calibrations().get(scorer_version)


_OPINION_FEATURES = tuple(FEATURES.index(name) for name in OPINION_MARKS)


def is_opinion(vector: list[float]) -> bool:
    """The candidate carries a mark of opinion or feeling: first or second person, a normative
    or speculative modal, an evaluative or judging word, an intensifier, a verb of thinking, a
    hedge, an exhortation, a condition, a generic "anyone"/"nobody", a question or exclamation."""
    return any(vector[index] for index in _OPINION_FEATURES)
