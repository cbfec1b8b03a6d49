"""Who said it: direct-quote and reported-speech attribution.

Works sentence by sentence over one article, in order, because attribution leans on context:
a bare quoted sentence after an attributed one belongs to the same speaker, "he said" means the
last named person, "Mr Brown" is the "Gordon Brown" named earlier and "the EC" the "European
Commission".

A sentence is attributed when a cue (a verb of saying or thinking, "according to", "quoted as
saying") has a speaker beside it: the noun phrase before the cue ("X said", "X, the IMF's
director, said", "with X saying"), or after it ("said X"). The cue lexicon is the most frequent
cue heads of PolNeAR's training split (``training/attribution_eval.py`` measures the result on
its dev split). A speaker phrase must look like one: a name, a pronoun, or a role or group noun
("police", "analysts", "a spokesman for Apple"), never a clause.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from claims.extraction.records import Sentence
from claims.extraction.sentences import SENTENCE_STARTERS


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Cues whose content is what the speaker asserts, so the frame can go and the speaker becomes
# the claimant ("X said that Y" -> "Y"). From PolNeAR train's most frequent cue heads.
NEUTRAL_CUES = _wordset(
    """
    said says say told tells tell added adds adding stated states explained explains noted notes
    noting wrote writes tweeted posted announced announces asserted maintained stressed
    emphasised emphasized replied responded continued remarked acknowledged acknowledges
    admitted admits commented confirmed confirms reported reports revealed reveals argued argues
    arguing claimed claims claim claiming insisted insists insist insisting declared warned
    warns warning concluded concludes suggested
    suggests believes believe believed thinks think thought recalled observed indicated
    disclosed conceded countered retorted
    riposted explaining saying stating telling reiterated promised pledged vowed warn argue admit
    insist explain note stress confirm reveal acknowledge suggest conclude signalled
    signaled
    joked quipped boasted contended contends alleged alleges mentioned found finds showed shows
    asserts assert asserting maintains contend contending observes reckons reckoned charges
    charged charging
    """
)
# Cues that carry the speaker's stance: the frame stays in the statement, because dropping it
# would invert or overstate what was said ("X denied that Y" is not "Y").
STANCE_CUES = _wordset(
    """
    denied denies denying rejected rejects dismissed dismisses doubted doubts refused refuses
    disputed disputes questioned criticised criticized criticising criticizing attacked
    attacking blamed blames welcomed welcomes praised condemned accused accusing urged urging
    complained complains highlighted described slated mocked derided hailed voiced defended
    expects expect expected forecast forecasts predicted predicts estimated estimates deny
    reject dismiss dispute criticise criticize describe accuse praise blame
    """
)
# Cue words learned from PolNeAR's train split (``training/attribution_cues.py``); those the
# lists above do not sort are read as stance cues, so the statement keeps their frame.
_LEARNED_CUES = frozenset(
    json.loads((Path(__file__).parent / "models" / "attribution_cues.json").read_text("utf-8"))[
        "cues"
    ]
)
# "called the rivalry "bitter and personal"": naming verbs are cues when a quote follows.
STANCE_CUES = (
    STANCE_CUES
    | (_LEARNED_CUES - NEUTRAL_CUES)
    | _wordset("called calls dubbed branded labelled labeled")
    # "ruled out a rise in fees": a refusal, whose frame the statement keeps.
    | frozenset({"ruled out", "rules out", "ruling out"})
)


def _trie_pattern(words: frozenset[str]) -> str:
    """One alternation of ``words`` as a prefix tree ("sa(?:id|y(?:ing|s)?)"): the regex
    engine then reads a word once instead of trying every cue at every word boundary. Matches
    exactly the plain alternation (its optional tails are greedy, as longest-first was)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")"


SAY_VERBS = _trie_pattern(NEUTRAL_CUES | STANCE_CUES)
# Every word a cue match can start its cue with (the auxiliaries before it are optional).
_CUE_HEADS = (
    NEUTRAL_CUES
    | STANCE_CUES
    # "went on to say": the cue after "went on to" is a head itself.
    | _wordset("quoted according point points pointed pointing went ruled rules ruling")
)
_LOWER_WORD = re.compile(r"[a-z]+")


def _cues(text: str) -> list[re.Match[str]]:
    """``list(_CUE.finditer(text))``, skipping the costly scan (tried at every word) where no
    word a cue can start with occurs: most sentences hold none."""
    if _CUE_HEADS.isdisjoint(_LOWER_WORD.findall(text.lower())):
        return []
    return list(_CUE.finditer(text))


_SAYING_WORDS = _wordset("said says told tells added adds insisted insists claimed claims")
_SAYING_PARTICIPLES = _wordset(
    "saying adding telling arguing insisting warning noting claiming explaining denying"
)
_PARTICIPLES = (
    _wordset(
        "saying adding telling arguing insisting warning noting claiming explaining denying "
        "accusing urging criticising criticizing attacking stating"
    )
    | {"pointing out"}
    | frozenset(w for w in STANCE_CUES if w.endswith("ing"))
)
# Auxiliaries and adverbs between a speaker and the cue: "X has also said", "X later told".
# One space after each word (the text is normalised), so a run of words splits one way only.
_AUX_WORDS = _wordset(
    "has have had also later earlier then previously again repeatedly once further recently "
    "publicly openly subsequently would will did does do not first reportedly quickly "
    "separately now still already privately initially originally"
)
# A day between the speaker and the cue: "The Times on Saturday wrote", "Trump Monday said".
_DAY_BEFORE_CUE = r"(?:(?:on )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day )"
# "went on to warn": read in the same prefix tree as the auxiliaries (a separate optional group
# before the cue was tried at every word, a tenth more time per scan).
_GOES_ON_TO = frozenset(f"{go} on to" for go in ("go", "goes", "went", "going"))
_AUX = f"(?:{_trie_pattern(_AUX_WORDS | _GOES_ON_TO)} |{_DAY_BEFORE_CUE}){{0,3}}"
_CUE = re.compile(
    rf"\b{_AUX}(?P<cue>(?:was |were )?quoted as saying|"
    rf"according to|(?:point|points|pointed|pointing) out|{SAY_VERBS})\b(?P<colon>:)?"
)
# Words that link a sentence to the one before it and add nothing to what is claimed; stripped
# from statements and from speaker phrases ("Previously Armenian officials had claimed ...").
DISCOURSE_OPENER = re.compile(
    r"^(?:(?:but|and|so|yet|still|however|meanwhile|moreover|furthermore|in addition|additionally|"
    r"also|indeed|in any case|in fact|anyway|nevertheless|nonetheless|of course|overall|now|"
    r"besides|thus|therefore|hence|consequently|likewise|similarly|previously|instead|"
    r"at the same time|on the other hand|in other words|as a result|separately)\b,?\s+)+",
    re.IGNORECASE,
)
PRONOUNS = frozenset({"he", "she", "they", "we"})
_GROUP_PRONOUNS = frozenset({"they", "it"})

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
        # US abbreviated titles: "Gov. Ann Reyes", "Atty. Gen.", "Sgt. Lee".
        "gov.",
        "sens.",
        "reps.",
        "atty.",
        "sgt.",
        "supt.",
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
        "singer",
        "actor",
        "actress",
        "comedian",
        "backbencher",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "coach",
        "manager",
    ]
)

# Hyphenated titles: "co-chairman", "vice-president", "secretary-general".
TITLE_WORDS = (
    TITLE_WORDS
    | frozenset(
        f"{prefix}-{word}"
        for word in TITLE_WORDS
        for prefix in ("co", "vice", "ex", "deputy", "acting")
    )
    | frozenset({"secretary-general", "commissioner", "shadow", "chancellor", "treasurer"})
)

# Role and group nouns that can be the head of a speaker phrase without a name: "police",
# "analysts", "the sentencing judge", "a spokesman for Apple".
GROUP_NOUNS = _wordset(
    """
    police analysts analyst economists economist experts expert officials official critics
    campaigners researchers scientists sources source spokesman spokeswoman spokesperson
    spokesmen judge judges prosecutors prosecutor lawyers lawyer doctors residents witnesses
    investigators ministers minister leaders observers commentators executives executive bosses
    boss unions union regulators regulator watchdog organisers organizers authorities
    government ministry department agency board committee council commission court
    manager coach chairman chief director president secretary-general governor mayor
    diplomats diplomat activists activist members member mps mp senators teachers students
    parents workers employees staff fans voters firefighters troops soldiers military army
    negotiators insiders traders dealers investors forecasters statisticians pollsters
    aides aide advisers adviser advisors advisor owner owners founder campaign star singer
    actor actress host producer striker midfielder defender goalkeeper player players boss
    group studios firms companies
    lawmakers legislators scholars academics historians strategists consultants lobbyists
    protesters demonstrators supporters opponents consumers customers shoppers users farmers
    officers detectives agents nurses physicians engineers auditors donors clients
    businessman businesswoman tycoon candidate nominee challenger incumbent
    """
)
# Campaign roles in US political copy: "Democratic presidential candidate Hillary Clinton said".
GROUP_NOUNS = GROUP_NOUNS | _wordset(
    "candidate candidates hopeful hopefuls nominee nominees contender contenders challenger "
    "incumbent frontrunner front-runner"
)
# Public bodies named by their function: "the budget office reported", "the bureau said", "the
# intelligence community has concluded".
GROUP_NOUNS = GROUP_NOUNS | _wordset("office bureau community")
# What an organisation speaks through: "Labour's new posters say ...".
_DOCUMENT_NOUNS = _wordset(
    """
    posters poster report reports study survey statement figures data poll polls website
    letter leaflet leaflets advert adverts adverts documents document research analysis
    forecasts forecast predictions figures manifesto polling results records estimates
    book lawsuit suit memoir autobiography article column blog e-mail email memo speech talk
    """
)
# Works that an article names with their author ("Robert Peston's new book", "Thomas Slattery
# filed the suit") and then lets speak ("The new book claims ...", "the lawsuit states").
_AUTHORED = _wordset(
    "book lawsuit suit report study survey paper memoir autobiography letter article column "
    "blog e-mail email memo research analysis complaint"
)
_SAME_WORK = {"suit": "lawsuit", "email": "e-mail"}
# The possessive and the work after it; who owns it is read from the words before (linear).
_POSSESSED_WORK = re.compile(
    r"['’]s\s(?:[a-z][\w-]*\s){0,2}?(?P<work>" + "|".join(sorted(_AUTHORED)) + r")\b"
)
_AUTHORING = re.compile(
    r"\b(?:filed|wrote|published|released|issued|commissioned|brought|lodged|produced|"
    r"penned|written|has written|compiled)\s(?:a|an|the|his|her|its|their)\s"
    r"(?:[a-z][\w-]*\s){0,2}?(?P<work>" + "|".join(sorted(_AUTHORED)) + r")\b"
)
# Heads that a desk reads as an organisation's voice: "a spokesman for Apple" is Apple speaking.
_SPOKES = _wordset("spokesman spokeswoman spokesperson spokesmen representative")
# Tokens that mark a capitalised run as an organisation, not a person (for "he"/"she").
_ORG_WORDS = _wordset(
    """
    Group Bank Party Commission Union Inc Ltd Corp Corporation Association Council Ministry
    Department Office University Institute Agency International Records Music Studios Company
    Committee Court Board Federation League Club Fund Organisation Organization Service Police
    Times News Post Journal BBC Reuters Government Parliament Congress Senate House Trust
    Foundation Authority Network Airlines Airways Holdings Financial Securities Capital Bureau
    Survey Centre Center Reserve Industry Industries Consortium Agency Co Plc PLC LLC Motors Systems
    United City Rovers Athletic Wanderers FC Town County Street Road
    """
)
_DETERMINERS = _wordset(
    "the a an its his her their many some several other most two three four five six one"
)
_CONNECTORS = _wordset("of for at from de van von da di al bin la le du del der & and")
_CLAUSE_WORDS = _wordset(
    "that after before when while since because as if although though and but with whereas "
    "where so once until whom which who whose than what how why nor or unless"
)
# Finite verbs and clause words that show a phrase is a clause, not a speaker.
_NOT_IN_SPEAKER = _wordset(
    """
    is are was were be been being has have had will would can could may might should must do
    does did it this there which who i you we me us him them not no
    """
)
# First words that show the walk caught a clause opener, not a speaker ("In a statement ...").
_NOT_A_SPEAKER = _wordset(
    "it this that there which who i you in on at after before asked when if as for to speaking "
    "writing earlier later last then also while since during what these those such"
)
# An introductory phrase before the subject: "In a lecture at the LSE, Irene Khan said ...".
_INTRO = _wordset(
    "in on at after before during despite speaking asked meeting following introducing "
    "writing addressing pressed interviewed last earlier later since under with without"
)
# Verbs that Breitbart-style copy puts before the speaker and a colon: "Stated Stone:".
_INVERTED_CUE_WORDS = _wordset(
    "Said Says Added Adds Continued Continues Stated States Explained Explains Noted Notes "
    "Wrote Writes Declared Insisted Concluded Recalled Warned Replied Responded"
)
_SENTENCE_OPENERS = (
    SENTENCE_STARTERS
    | {w.title() for w in _INTRO | _CLAUSE_WORDS}
    | _wordset("Under Despite Though Although Whilst Unless")
    | _INVERTED_CUE_WORDS  # "Continued Stone:" opens with a verb, not a name
)
# Lower-case particles inside personal names: "Rodrigo de Rato", "Ludwig van Beethoven".
_NAME_PARTICLES = _wordset("de van von da di al bin du del der la le")
_OPEN_QUOTES = "“„«"
_CLOSE_QUOTES = "”»"
_STRAIGHT = '"'
# Only these characters move the quote state: the scan visits them, not every character.
# Two apostrophes are a straight double quote in wire and archive copy: "''Yes,'' he said."
_DOUBLED = "''"
_QUOTE_MARK = re.compile(
    _DOUBLED + "|[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES + _STRAIGHT) + "]"
)
_QUOTED_PLACEHOLDER = "\u2063"  # stands in for a quoted span inside a frame; never in text

# After or before a quote: '…," according to a statement by Dmitry Peskov.'
_ACCORDING_TO = re.compile(r"\baccording to\s+(?P<who>[^,.;:]{2,90})", re.IGNORECASE)
# Before a quote, any verb: 'Pashinyan addressed this head-on in his Tuesday comments: "…"'.
_PRE_SUBJECT_COLON = re.compile(
    r"^(?P<who>(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*)\s+[a-z][^:]{0,200}:\s*$"
)
# Before a quote: 'The Kremlin responded to ... by saying, "…"'.
_PRE_SUBJECT_BY_SAYING = re.compile(
    r"^(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*)\s+[a-z].{0,200}?"
    r"\bby saying,?\s*$"
)
_LEADING_ACCORDING = re.compile(r"^[Aa]ccording to\s+(?P<who>[^,]{2,90}),\s+(?P<content>.+)$")
# What follows the last "according to": "Ernest Gellhorn, a law professor." -> "Ernest Gellhorn".

# "a statement by Dmitry Peskov", "a spokesman for the Kremlin" -> the part after by/for/from.
_SOURCE_OF = re.compile(
    r"^(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:statement|report|post|tweet|interview|comments?|"
    r"remarks|message|letter|release|transcript|research|study|survey|figures|data|analysis)\s+"
    r"(?:by|from|of|for)\s+",
    re.IGNORECASE,
)
# "a spokesman for Apple", "officials from the ministry": the role, then whom it speaks for.
_SPOKES_ROLES = _wordset(
    "spokesman spokeswoman spokesperson representative official officials source sources "
    "lawyer lawyers"
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
    """One sentence after attribution: what is claimed, by whom, and whether verbatim.

    ``stance`` is the cue when it carries the speaker's stance ("denied", "criticised"): the
    content then keeps the frame.
    """

    sentence: Sentence
    content: str
    speaker: Speaker | None
    is_quote: bool
    stance: str | None = None
    # Who a leading "He"/"She" (the last person named) or "It"/"They" (the last organisation)
    # of an unattributed sentence refers to; None when the sentence opens otherwise.
    referent: Speaker | None = None
    # What the sentence states in its own voice beside the attributed content, as a sentence
    # of its own: "Labour has since taken the designs off its website" in "Labour has since
    # taken the designs off its website, saying members preferred others". None when nothing.
    aside: str | None = None


@dataclass(slots=True)
class _QuoteState:
    starts_inside: bool
    ends_inside: bool
    spans: list[tuple[int, int]]  # quoted text within the sentence, marks excluded


@dataclass(slots=True)
class _Context:
    """What the article has said so far about who is who."""

    names: _NameIndex
    known: dict[str, Speaker] = field(default_factory=dict)
    last_person: Speaker | None = None
    people: list[Speaker] = field(default_factory=list)  # persons named so far, in order
    last_group: Speaker | None = None
    last_plural: Speaker | None = None  # the last group of people that spoke ("analysts")
    # An organisation that spoke through its spokesman since the last person named: the
    # "he" of "He also said ..." after "an M&S spokesman said ..." is the spokesman.
    spokes: Speaker | None = None
    authors: dict[str, Speaker] = field(default_factory=dict)  # "lawsuit" -> who filed it
    texts: tuple[str, ...] = ()  # the article's sentences


def attribute(sentences: Sequence[Sentence], paragraph_of: Sequence[int]) -> list[Attributed]:
    """Attribute every sentence; ``paragraph_of[i]`` is the paragraph index of sentence i."""
    states = _quote_states(sentences, paragraph_of)
    context = _Context(names=_NameIndex(sentences), texts=tuple(s.text for s in sentences))
    results: list[Attributed | None] = [None] * len(sentences)
    pending: list[int] = []  # bare quoted sentences waiting for a speaker later in the quote
    # (speaker, last paragraph of the passage) after a sentence that introduces a passage
    # with a colon: "Cruz continued:".
    block: tuple[Speaker, int] | None = None
    # "He says Apple is breaking the law" before the story names anyone: (sentence, pronoun,
    # what is said, stance) until the person is named a few sentences on.
    ahead: list[tuple[int, str, str, str | None]] = []
    transcript = _is_transcript(context.texts)
    # The quote's own speaker for a quoted sentence that cites a source of its own.
    quote_voice: dict[int, Speaker | None] = {}

    for i, (sentence, state) in enumerate(zip(sentences, states, strict=True)):
        text = sentence.text
        if context.spokes is not None and (not i or _speaker_of(results[i - 1]) != context.spokes):
            # The spokesman is "he" only in the sentence right after theirs: further on, "he"
            # is the person the story is about again.
            context.spokes = None
        quoted = " ".join(text[a:b].strip() for a, b in state.spans).strip()
        # The end of a quote that began in an earlier sentence ('Be careful," Trump said.')
        # is a quote whatever its length.
        substantive = any(
            len(text[a:b].split()) >= _MIN_QUOTE_WORDS or (a == 0 and state.starts_inside)
            for a, b in state.spans
        )
        if not substantive and _opens_running_quote(text, state):
            substantive = True  # 'Voss continued, “Yes. For ten years ...”'
        speaker: Speaker | None = None
        is_quote = cited_source = False
        content = text
        stance: str | None = None

        # A sentence wholly inside a quote that runs on from the sentence before: 'It's
        # untrue.' in '"The idea is wrong. It's untrue. I would never do it."'.
        running_on = state.starts_inside and not substantive and _is_bare(_frame(text, state.spans))
        if state.starts_inside and len(state.spans) == 1 and not _QUOTE_MARK.search(text):
            # A quote left open at a paragraph's end (news style) in text whose paragraphs
            # were run together: a sentence that reports a named person's words in the third
            # person is the story again, not the quote.
            narrated = _reported_speech(text)
            if narrated is not None and _named(narrated[0]):
                substantive = running_on = False
        if substantive or running_on:
            raw = None if running_on else _speaker_around_quote(text, state.spans)
            if raw is not None:
                speaker = _resolve(raw, context)
            if raw is not None:
                # '"…," he said.' with no one to resolve "he" to is still a quote: its words
                # are the content, without a claimant.
                is_quote, content = True, quoted
                stance = _stance_before_quote(text, state.spans)
                if stance is not None:
                    # 'X went on to criticise "reality programmes"': the quote is what the
                    # stance is about, not a claim alone; the sentence keeps its frame.
                    is_quote, content = False, text
            elif not _is_bare(_frame(text, state.spans)):
                # A mixed quote: 'X said the plan was "dead in the water".'
                reported = _reported_speech(text)
                if reported is not None:
                    raw, content, stance = reported
                    speaker = _resolve(raw, context)
                    if speaker is None or stance is not None:
                        content = text
            else:
                is_quote, content = True, quoted
                previous = _previous_worded(results, i)
                if previous is not None and previous.speaker is not None:
                    # 'X said: "First." "Second."': a bare quote right after an attributed
                    # sentence is the same speaker, inside one quote or in the next paragraph;
                    # any other sentence in between breaks it.
                    speaker = previous.speaker
                    if previous.sentence.start in quote_voice:
                        speaker = quote_voice[previous.sentence.start]
                cited = _trailing_according(quoted) if " according to " in quoted else None
                source = _resolve(cited[0], context) if cited is not None else None
                if source is not None:
                    # '"... The count was 699.57, according to the state party.' inside X's
                    # quote: the source the quote cites is the claimant; the quote goes on
                    # in X's voice after it.
                    quote_voice[sentence.start] = speaker
                    speaker, cited_source = source, True
        else:
            reported = _reported_speech(text)
            if reported is not None:
                raw, content, stance = reported
                speaker = _resolve(raw, context)
                if speaker is None and raw.lower() in {"he", "she"} and not context.people:
                    ahead.append((i, raw.lower(), content, stance))
                if speaker is None or stance is not None:
                    content = text
        label = _transcript_label(text) if transcript else None
        if label is not None:
            # 'CLINTON: I feel ...': the label names who speaks, to the paragraph's end.
            speaker = _resolve(label[0], context) if label[0] else None
            content, is_quote, stance = label[1], speaker is not None, None
            block = (speaker, paragraph_of[i]) if speaker is not None else None

        if is_quote and speaker is None and state.ends_inside:
            pending.append(i)
        elif speaker is not None and pending and state.starts_inside and not cited_source:
            # '"First sentence. Second one," she said.': the speaker reaches back, within the
            # quote that this sentence closes.
            for j in pending:
                previous = results[j]
                if previous is not None:
                    results[j] = Attributed(previous.sentence, previous.content, speaker, True)
            pending.clear()
        elif not state.starts_inside:
            pending.clear()

        if block is not None and paragraph_of[i] > block[1]:
            block = None
        if block is not None and speaker is None:
            # 'Cruz continued:' then the passage he said, with or without quote marks.
            speaker = block[0]
        if speaker is None and text.rstrip().endswith(":") and not state.spans:
            introducer = _introducer(text.rstrip()[:-1])
            if introducer is not None:
                resolved = _resolve(introducer, context)
                if resolved is not None:
                    last = i + 1 >= len(sentences) or paragraph_of[i + 1] != paragraph_of[i]
                    # Ends its paragraph: the next paragraph is the passage; else the rest of
                    # this one.
                    until = paragraph_of[i] + 1 if last else paragraph_of[i]
                    block = (resolved, until)
                    _remember(resolved, context)

        relative_aside = None
        if speaker is None and not is_quote and not state.spans:
            # "Apple uses AAC, which it says helps thwart piracy": the relative clause is the
            # subject's claim; the main clause is the story's.
            found = _said_in_relative_clause(text, context)
            if found is not None:
                speaker, content, relative_aside = found
        if speaker is None and not is_quote:
            # "Finance Minister Karen Lee announced ...": a person named as the subject is who
            # a later "she said" refers to.
            introduced = _introduced_person(text, context)
            if introduced is not None:
                _remember(introduced, context)
            else:
                _notice_subject(text, context)
        if speaker is not None:
            _remember(speaker, context)
        referent = None
        if speaker is None:
            lead = text.split(maxsplit=1)[0] if text.strip() else ""
            # Only a person: a narrative "It" is as often the weather or a deal as the last
            # organisation named ("It has been a strange week for M&S").
            if lead in {"He", "She", "His", "Her"}:
                referent = context.last_person
        if speaker is None and not state.spans and i and paragraph_of[i - 1] == paragraph_of[i]:
            # '"Will fares rise?" Ann Reyes asked.' split after the question mark: a sentence
            # that is only a frame gives its speaker to the quote just before it.
            framed = _frame_only_speaker(text, results[i - 1], context)
            if framed is not None:
                previous = results[i - 1]
                results[i - 1] = Attributed(previous.sentence, previous.content, framed, True)
                _remember(framed, context)
        _notice_authors(text, context)
        _notice_cited_work(text, context)
        _notice_ad(text, context)
        aside = relative_aside or (
            _own_voice(text, speaker, context.texts) if speaker is not None else None
        )
        results[i] = Attributed(sentence, content, speaker, is_quote, stance, referent, aside)
        if ahead:
            ahead = [entry for entry in ahead if i - entry[0] <= _CATAPHORA_REACH]
        if ahead and context.people:
            # A lead that opens on "he" names him within a few sentences: "A user of iTunes is
            # suing Apple. He says ... Californian Thomas Slattery filed the suit".
            person = context.people[0]
            for j, pronoun, said, cue in ahead:
                earlier = results[j]
                if earlier is not None and _gender_in(person, context.texts) in {pronoun, ""}:
                    content = said if cue is None else earlier.sentence.text
                    results[j] = Attributed(earlier.sentence, content, person, False, cue)
            ahead.clear()
    _sign_letters(results, paragraph_of)
    return [r for r in results if r is not None]


_MIN_SIGNATURES = 3  # a letters page or a page of readers' posts, not one name on its own line
_INVITED = _wordset("readers followers viewers listeners")


def _signature(text: str) -> str | None:
    """The signer of a line that is only a name ("Ann Reyes.") or a handle ("@ann_r."), else
    None."""
    words = text.strip().rstrip(".").split()
    if len(words) == 1 and words[0].startswith("@") and len(words[0]) > 2:
        return words[0]
    if 2 <= len(words) <= 4 and all(
        w[:1].isupper() and w[1:2].islower() and w[1:].replace(".", "").isalpha() for w in words
    ):
        return " ".join(words)
    return None


def _sign_letters(results: list[Attributed | None], paragraph_of: Sequence[int]) -> None:
    """Letters to the editor and readers' posts are signed at their end: a paragraph that is
    only a name or a handle gives that signer to the unattributed sentences of the paragraphs
    above it, back to the previous short line (a signature, a place, a section label such as
    "LETTERS.") or to the page's own invitation ("We asked our readers ..."). Only where the
    article holds several such signatures and ends on one (short lines that head prose are
    section headings)."""
    paragraphs: dict[int, list[int]] = {}
    for i, result in enumerate(results):
        if result is not None:
            paragraphs.setdefault(paragraph_of[i], []).append(i)
    signers = {
        p: _signature(results[members[0]].sentence.text)
        for p, members in paragraphs.items()
        if len(members) == 1
    }
    signers = {p: name for p, name in signers.items() if name}
    if len(signers) < _MIN_SIGNATURES:
        return
    order = sorted(paragraphs)
    last = max(signers)
    if any(
        len(" ".join(results[i].sentence.text for i in paragraphs[q]).split()) > 3
        for q in order
        if q > last
    ):
        return  # prose after the last one: the short lines are section headings, not signers
    for index, p in enumerate(order):
        if p not in signers:
            continue
        signer = Speaker(name=signers[p], description=None)
        for q in reversed(order[:index]):
            members = paragraphs[q]
            texts = [results[i].sentence.text for i in members]
            words = " ".join(texts).split()
            if (
                len(words) <= 3
                or words[:2] == ["We", "asked"]
                or not _INVITED.isdisjoint(w.lower() for w in words)
            ):
                break  # a short line, or the page's own question to its readers
            for i in members:
                result = results[i]
                if result.speaker is None:
                    results[i] = Attributed(result.sentence, result.content, signer, False)


_CATAPHORA_REACH = 3  # sentences after a leading "he" within which the story names him
_MAX_FRAME_WORDS = 8


def _frame_only_speaker(
    text: str, previous: Attributed | None, context: _Context
) -> Speaker | None:
    """The speaker of ``text`` when it is only a frame ("Ann Reyes asked.", "she said.") and
    the sentence before it is an unattributed quote ending on its closing mark."""
    if previous is None or previous.speaker is not None or not previous.is_quote:
        return None
    if previous.sentence.text.rstrip()[-1:] not in _CLOSE_QUOTES + _STRAIGHT:
        return None
    if len(text.split()) > _MAX_FRAME_WORDS or not text.rstrip().endswith("."):
        return None
    who = _cue_speaker(text, after_quote=True)
    if who is None:
        return None
    words = who.split()
    cue_words = [w.strip(",.").lower() for w in text.split()]
    if len(cue_words) - len(words) > 2:
        return None  # more than the cue and a time: "Barker said the fares rose."
    return _resolve(who, context)


def _gender_in(person: Speaker, texts: Sequence[str]) -> str:
    """ "he" or "she" as the person's description or the article's "Mr X" / "Mrs X" says,
    else ""."""
    known = _gender(person, default="")
    if known:
        return known
    surname = person.name.split()[-1]
    for text in texts:
        if surname in text:
            for honorific, gender in _HONORIFIC_GENDER.items():
                if (
                    f"{honorific.title()} {surname}" in text
                    or f"{honorific.title()}. {surname}" in text
                ):
                    return gender
    return ""


def _stance_before_quote(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The stance cue right before the first quote ('criticised "…"', 'called it "…"'), else
    None; a stance cue after the quote ('"…," he denied.') leaves the quote the speaker's."""
    before = text[: _before_mark(text, spans[0][0])]
    cues = _cues(before)
    if not cues:
        return None
    cue = cues[-1].group("cue")
    between = before[cues[-1].end() :].split()
    if (
        cue not in STANCE_CUES
        or cue in NEUTRAL_CUES
        or len(between) > 3
        or "that" in between
        # 'shouted: "…"', 'declaring, "…"': the quote is what was said, whole.
        or before.rstrip().endswith((":", ","))
        # 'Reminded that X called him "a disgrace", Wenger added: "…"': a saying too.
        or any(c.group("cue") in NEUTRAL_CUES for c in _cues(_frame(text, spans)))
    ):
        return None
    return cue


def _speaker_of(result: Attributed | None) -> Speaker | None:
    return result.speaker if result is not None else None


# "..., which it says helps thwart piracy", "..., who he believes was the only choice".
_RELATIVE_SAYING = re.compile(
    r"(?P<comma>,?) (?:which|who) (?P<pronoun>it|they|he|she) (?:says|said|claims|claimed|"
    r"believes|believed) (?P<rest>(?!to\b|the\b|a\b|an\b)[a-z]+\b[^;:\"“”]{4,300})$"
)


def _said_in_relative_clause(text: str, context: _Context) -> tuple[Speaker, str, str] | None:
    """(speaker, what the relative clause says they say, the main clause) for "The rivals use
    MP3 while Apple uses AAC, which it says helps thwart piracy", else None."""
    match = _RELATIVE_SAYING.search(text[:_MAX_ATTRIBUTED_CHARS])
    if match is None:
        return None
    main = text[: match.start()]
    words = main.split()
    stops = _TITLE_BLOCKERS | _CLAUSE_WORDS | _NOT_IN_SPEAKER | _PREPOSITIONS
    phrase: list[str] = []
    # The noun phrase the relative clause hangs on, read backwards: "large rural estates",
    # "the budget deficit", "AAC" (not "uses AAC": a lower-case word after a name is a verb).
    for index in range(len(words) - 1, max(len(words) - 6, 0) - 1, -1):
        word = words[index]
        previous = words[index - 1] if index else ""
        if word.lower() in stops or word != word.rstrip(",;:"):
            break
        if phrase and word[:1].islower() and previous[:1].isupper():
            break
        phrase.insert(0, word)
        if word.lower() in {"the", "a", "an"} or previous.lower() == "to":
            break
    if (
        not phrase
        or phrase[0].lower() in _DETERMINERS - {"the", "a", "an"}
        or phrase[0][:1].isdigit()
        # Without a comma the clause may hang on any noun before: only right after a
        # preposition is the noun it hangs on sure ("clamping down on file-sharers who ...").
        or (
            not match.group("comma")
            and len(words) > len(phrase)
            and words[-len(phrase) - 1].lower() not in _PREPOSITIONS | {"on", "to", "for", "of"}
        )
    ):
        return None
    # Who the pronoun is: the subject of the clause the relative clause ends, else the
    # sentence's subject, else the last one named.
    clause = re.split(r"\b(?:while|whereas|and|but)\b|, ", main)[-1]
    pronoun = match.group("pronoun")
    speaker = None
    for candidate in (_leading_subject(clause), _leading_subject(main)):
        if candidate and candidate.lower() not in PRONOUNS | _GROUP_PRONOUNS:
            speaker = _resolve(candidate, context)
            if speaker is not None:
                person = _is_person(speaker) or speaker.name in context.names.people
                if person == (pronoun in {"he", "she"}):
                    break
                speaker = None
    if speaker is None:
        speaker = _resolve(pronoun, context)
    if speaker is None or (
        # "Revenues were £4.3bn ..., which it said": a capital that only opens a sentence.
        len(speaker.name.split()) == 1 and speaker.name not in context.names.inside
    ):
        return None
    content = f"{' '.join(phrase)} {match.group('rest')}"
    return speaker, _as_sentence(content[:1].upper() + content[1:]), _as_sentence(main)


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
            if char == _DOUBLED:
                char = _STRAIGHT
            first = text[mark.end() : mark.end() + 1]
            if char == _STRAIGHT and inside and index == 0 and first.isalnum():
                # News style re-opens a quote at each paragraph or sentence it runs on to,
                # without closing the last one: '"First. "Second.' A straight mark before the
                # first word of a sentence opens a quote.
                spans.clear()
                inside = False
            if char in _OPEN_QUOTES or (char == _STRAIGHT and not inside):
                inside, open_at = True, mark.end()
            elif (char in _CLOSE_QUOTES or char == _STRAIGHT) and inside:
                spans.append((open_at, index))
                inside = False
        if inside:
            spans.append((open_at, len(text)))
        states.append(_QuoteState(starts_inside, inside, spans))
    return states


def _before_mark(text: str, start: int) -> int:
    """Where the quote mark that opens a quoted span starting at ``start`` begins."""
    if start <= 0:
        return 0
    return start - 2 if text[max(start - 2, 0) : start] == _DOUBLED else start - 1


def _after_mark(text: str, end: int) -> int:
    """Just after the quote mark that closes a quoted span ending at ``end``."""
    return min(end + (2 if text[end : end + 2] == _DOUBLED else 1), len(text))


def _frame(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with each quoted part replaced by one placeholder character."""
    pieces: list[str] = []
    cursor = 0
    for a, b in spans:
        pieces.append(text[cursor : max(_before_mark(text, a), cursor)])
        pieces.append(_QUOTED_PLACEHOLDER)
        cursor = _after_mark(text, b)
    pieces.append(text[cursor:])
    return "".join(pieces)


_BARE = re.compile(r"[\s\"“”„«».,!?;:—–\u2063-]+")


def _is_bare(frame: str) -> bool:
    return not _BARE.sub("", frame)


def _speaker_around_quote(text: str, spans: list[tuple[int, int]]) -> str | None:
    if len(text) > _MAX_ATTRIBUTED_CHARS:
        return None
    first_open, last_close = spans[0][0], spans[-1][1]
    after = text[_after_mark(text, last_close) :] if last_close < len(text) else ""
    before = text[: _before_mark(text, first_open)]
    # Between two quoted pieces: '"First," he said, "second."'
    middles = [
        text[_after_mark(text, b) : _before_mark(text, a)] for (_, b), (a, _) in pairwise(spans)
    ]
    for piece in [after, *middles]:
        match = _ACCORDING_TO.search(piece)
        if match and not _is_record(match.group("who")):
            return match.group("who")
        found = _cue_speaker(piece, after_quote=True)
        if found is not None:
            return found
    before = before.rstrip()
    found = _cue_speaker(before, after_quote=False)
    if found is not None:
        return found
    match = _ACCORDING_TO.search(before)
    if match and not _is_record(match.group("who")):
        # 'In the long run, according to the board, costs "will double by 2030."'
        return match.group("who")
    for pattern in (_PRE_SUBJECT_BY_SAYING, _PRE_SUBJECT_COLON):
        match = pattern.match(before)
        if match:
            return match.group("who")
    match = _NAME_COLON.match(before + " x")
    if match and _colon_speaker(match.group("who")):
        # 'Rep. Trey Gowdy (R-S.C.): "I have not heard ..."', 'Continued Stone: "..."'
        return _inverted_speaker(match.group("who")) or match.group("who")
    return None


# "Labour has since taken the designs off its website, saying ...", "Berlin welcomed the
# decision, with Hans Eichel saying ...": the main clause before a participle of saying.
_MAIN_BEFORE_SAYING = re.compile(
    r"^(?P<main>[^,;:\"“”]{12,300}),\s+(?:with\s+[^,;:\"“”]{2,80}\s+)?"
    r"(?:saying|adding|claiming|arguing|insisting|warning|noting|explaining|stating)\b"
)
# "Shalaby welcomed the apology and said ...": a deed, then a verb of saying.
_MAIN_BEFORE_AND_SAID = re.compile(
    r"^(?P<main>[^,;:\"“”]{12,300}?)\s+(?:and|but)\s+(?:also\s+)?"
    r"(?:said|says|added|told|warned|insisted|claimed)\b"
)
# "Although malfunctions remain the main cause, experts say ...": the conceded fact.
_CONCEDED = re.compile(r"^(?:Although|Though|While|Whilst)\s+(?P<clause>[^,;:\"“”]{12,300}),\s")
# "Jay-Z, who said he would make no more music, will become the company's president": the
# name, what the relative clause says the person said, then the sentence's own predicate.
_WHO_SAID = re.compile(
    r"^(?P<name>[A-Z][^,;:\"“”]{1,60}), who (?:has |had )?(?:also |previously |once )?"
    r"(?P<cue>said|says|claimed|claims|insisted|insists|argued|argues|warned|warns) "
    r"(?:that )?(?P<said>[a-z][^,;:\"“”]{8,200}), (?P<rest>[a-z][^;:\"“”]{8,})$"
)
# "Greg Rusedski, who takes on Roger Federer later on Wednesday, conceded that ...": a fact
# about the speaker between the name and the cue.
_WHO_BEFORE_CUE = re.compile(
    r"^(?P<name>[A-Z][^,;:\"“”]{1,60}), who (?P<clause>[a-z][^,;:\"“”]{8,200}), "
)
# "The judge in the case, which lasted seven days, said": a fact about the speaker's case.
_WHICH_BEFORE_CUE = re.compile(
    r"^[A-Z][a-z]* [a-z-]+ (?:in|of|at|for) (?P<ante>the [a-z-]+), which "
    r"(?P<clause>[a-z][^,;:\"“”]{6,150}), "
)
# "EADS - Airbus' majority owner - admitted": a description between dashes.
_DASHED_ROLE = re.compile(
    r"^(?P<name>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}) [-–—] (?P<role>[^-–—;:,\"“”]{3,60}?)"
    r" [-–—] "
)
# '…," added the 30-year-old.' / "The 21-year-old told ...": the speaker's age.
_AGE_FRAME = re.compile(
    r"\b(?:said|added|says|adds|told|admitted|insisted|explained|revealed|conceded) the "
    r"(?P<age>\d{1,3})-year-old\b|^[Tt]he (?P<age2>\d{1,3})-year-old (?:[a-z]+ )?(?:told|said|"
    r"added|admitted|insisted|explained|revealed|says|conceded)\b"
)
# '…," said Rachel Harker, spokeswoman for Hypertag which makes the posters.': a fact about
# the organisation the speaker speaks for.
_ORG_WHICH = re.compile(
    r"(?:for|of|at) (?P<org>(?:[A-Z][\w&.'’-]*\s){0,3}[A-Z][\w&.'’-]*),? which\s"
    r"(?P<clause>[a-z][^,;:\"“”]{8,200}?)[.!]?$"
)
# '…," said Greene, who races in Birmingham on Friday.': a fact about the speaker.
# The lookbehind starts a match only at a comma or at a run of spaces' first space (linear).
_SPEAKER_WHO = re.compile(r"(?:,|(?<!\s)\s)\s*who\s+(?P<clause>[a-z][^,;:\"“”]{8,200}?)[.!]?$")


def _own_voice(text: str, speaker: Speaker, texts: Sequence[str] = ()) -> str | None:
    """The part of an attributed sentence that the story states in its own voice, phrased as a
    sentence ("Greene races in Birmingham on Friday."), or None. Only frames whose own-voice
    part reads alone without rewriting: a main clause before ", saying", a deed before "and
    said", a clause conceded with "Although", a relative clause about a named speaker after
    the quote."""
    if len(text) > _MAX_ATTRIBUTED_CHARS:
        return None  # the patterns below backtrack polynomially on what they see
    # "Meanwhile, Egypt FA spokesman Methat Shalaby welcomed the apology and said ...": the
    # opener's comma is not where the main clause ends.
    opened = DISCOURSE_OPENER.sub("", text)
    for pattern in (_MAIN_BEFORE_SAYING, _MAIN_BEFORE_AND_SAID):
        match = pattern.match(opened)
        if match:
            main = DISCOURSE_OPENER.sub("", match.group("main")).strip()
            if (
                len(main.split()) >= 4
                and not main.split()[0].lower().endswith("ing")  # "Pinpointing areas ..."
                and _has_finite_verb(main)
                # "X added that ...": a saying of its own, not the story's voice.
                and not any(c.group("cue") in NEUTRAL_CUES for c in _CUE.finditer(main))
            ):
                return _as_sentence(main)
    match = _CONCEDED.match(text)
    if match:
        return _as_sentence(match.group("clause"))
    cue = next((c for c in _cues(text[:600]) if c.group("cue") not in _PARTICIPLES), None)
    if (
        cue is not None
        and (cue.group("cue") in _CORE_SAY | _BELIEF or _has_that(text[cue.end() :]))
        and not text[cue.end() :].lstrip()[:1].isdigit()
    ):
        # "There are 1.7m people needing care and ministers suggest ...": the first clause.
        left = text[: cue.start()].rstrip()
        found = _subject_before(left, participle=False, whole=text)
        main = _clause_before_speaker(left[: found[1]]) if found is not None else None
        if main is not None:
            return _as_sentence(main)
    closing = max(text.rfind("”"), text.rfind('"'))
    if closing > 0:
        match = _SPEAKER_WHO.search(text, closing)
        if (
            match
            and speaker.name[:1].isupper()
            and speaker.name.split()[-1] in text[closing : match.start() + 1]
        ):
            return _as_sentence(f"{speaker.name} {match.group('clause')}")
        match = _ORG_WHICH.search(text, closing)
        if match and speaker.name.split()[-1] in text[closing : match.start()]:
            return _as_sentence(f"{match.group('org')} {match.group('clause')}")
    return _about_speaker(opened, speaker, texts)


_DESCRIPTION_LEADS = _wordset("the a an itself himself herself its his her their one")


def _about_speaker(text: str, speaker: Speaker, texts: Sequence[str]) -> str | None:
    """What the frame says about the speaker in the story's own voice: a relative clause or a
    dashed description after the name, the role or age the frame names the speaker by, a
    second predicate of the speaker's ("He said he would retire, but has just released ...")."""
    surname = speaker.name.split()[-1]
    cue = _CUE.search(text[:600])
    if (
        cue is not None
        and cue.group("cue") in _SAY_THAT
        and 1 <= len(text[: cue.start()].split()) <= 4
        and _speaker_phrase(text[: cue.start()].split()) is not None
    ):
        tail = _subjectless_tail(_content_after(text[cue.end() :]))
        if tail is not None:
            return _as_sentence(f"{speaker.name} {tail[1]}")
    match = _WHO_SAID.match(text)
    if match and surname in match.group("name") and " and " not in match.group("name"):
        return _as_sentence(f"{speaker.name} {match.group('rest')}")
    match = _WHO_BEFORE_CUE.match(text)
    # Not "JP McManus and John Magnier, who own ...": the clause is about both.
    if match and surname in match.group("name") and " and " not in match.group("name"):
        rest = text[match.end() :]
        cue = _CUE.match(rest)
        if cue is not None and not _cues(match.group("clause")):
            return _as_sentence(f"{speaker.name} {match.group('clause')}")
    match = _WHICH_BEFORE_CUE.match(text)
    if match and _CUE.match(text[match.end() :]):
        # "The judge in the case, which lasted seven days, said": a fact about the case.
        return _as_sentence(f"{match.group('ante')} {match.group('clause')}")
    match = _DASHED_ROLE.match(text)
    if (
        match
        and match.group("name") == speaker.name
        and _CUE.match(text[match.end() :])
        # "Airbus' majority owner", "itself a target of a lawsuit"; not "aka Fatboy Slim".
        and (
            match.group("role").split()[0].lower() in _DESCRIPTION_LEADS
            or match.group("role").split()[0].endswith(("'", "'s", "’s", "’"))
        )
    ):
        return _as_sentence(f"{speaker.name} is {match.group('role')}")
    if _is_person(speaker) or " " in speaker.name:
        match = _AGE_FRAME.search(text)
        if match and speaker.name.split()[0] not in text:
            age = match.group("age") or match.group("age2")
            return _as_sentence(f"{speaker.name} is {age} years old")
        words = text.split()
        cue = _CUE.search(text)
        if cue is not None and words[:1] == ["The"] and surname not in text[: cue.start()]:
            role = text[: cue.start()].split()[1:]
            if (
                2 <= len(role) <= 5
                and role[-1].lower() in TITLE_WORDS | _PERSON_ROLES
                and role[-1].lower() not in _SPOKES
                and any(w[:1].isupper() for w in role[:-1])
                and all(w[:1].isupper() or w.lower() in TITLE_WORDS for w in role)
                # Only where the article says so beside the name: a role guessed for the last
                # person named is not a fact to state.
                and _modifiers_fit(role, speaker, texts)
            ):
                # "The Amnesty secretary-general said ...": who the speaker is.
                return _as_sentence(f"{speaker.name} is the {' '.join(role)}")
    return None


# Verbs of belief whose object is a clause: "... and analysts believe it may be linked to ...".
_BELIEF = _wordset(
    "believe believes believed think thinks thought suggest suggests suggested fear fears feared"
)
_SURE_AUXILIARIES = _wordset(
    "is are was were has have had will would could can may might must should does did"
)


def _sure_finite(clause: str) -> bool:
    """A finite verb for certain: an auxiliary, a past form, or "Labour sees ..." (a name, then
    a verb in -s, then a lower-case word). Word by word, so linear on any input."""
    words = [w.strip(",;:.!?") for w in clause.split()]
    for index, word in enumerate(words):
        if word in _SURE_AUXILIARIES or (len(word) >= 5 and word.isalpha() and word.endswith("ed")):
            return True
        if (
            0 < index < len(words) - 1
            and words[index - 1][:1].isupper()
            and word.isalpha()
            and word.islower()
            and word.endswith("s")
            and words[index + 1][:1].islower()
        ):
            return True
    return False


def _clause_before_speaker(prefix: str) -> str | None:
    """The clause before "and"/"but" that ends ``prefix`` (what comes before a speaker and its
    cue), when it reads as a clause of its own: "There are 1.7m people needing care in England
    and" -> "There are 1.7m people needing care in England"."""
    words = prefix.split()
    if len(words) < 5 or words[-1].lower() not in {"and", "but"}:
        return None
    main = DISCOURSE_OPENER.sub("", " ".join(words[:-1]).rstrip(",")).strip()
    if len(main.split()) < 4 or _QUOTE_MARK.search(main) or _cues(main):
        return None
    lowered = {w.lower().strip(",") for w in main.split()} - _prepositional_as(main)
    if (
        main.split()[0].lower() in _SUBORDINATORS | _INTRO
        # "suspended after the Commons standards and privileges committee said": the "and"
        # may join two nouns inside a subordinate clause.
        or lowered & (_SUBORDINATORS | _SUBORDINATE_SAYING)
        or not _sure_finite(main.split(maxsplit=1)[-1])
    ):
        return None
    return main


_CLAUSE_SUBJECTS = _wordset("he she they it we there i")


def _pronoun_clause(right: str) -> bool:
    """``right`` opens a clause with no "that": a subject pronoun, then an auxiliary ("they
    may have", "it was"): "Reyes wrote they may have leaked" reports words, not a work."""
    first = right.split(maxsplit=2)[:2]
    return (
        len(first) == 2 and first[0].lower() in _CLAUSE_SUBJECTS and first[1] in _SURE_AUXILIARIES
    )


_PASSIVE_LEADS = _wordset("is are was were been be am not being")
_PAST_ENDS = ("ed", "en", "wn")


def _prepositional_as(clause: str) -> frozenset[str]:
    """{"as"} when every "as" in ``clause`` follows a participle or "such" ("marked as
    classified", "known as", "such as"): a preposition, not a subordinate clause's opener."""
    words = [w.lower().strip(",") for w in clause.split()]
    spots = [i for i, w in enumerate(words) if w == "as"]
    if spots and all(
        i > 0
        and (
            words[i - 1] == "such"
            # "was marked as", "were not known as", "has been seen as": a passive participle
            or (i > 1 and words[i - 2] in _PASSIVE_LEADS and words[i - 1].endswith(_PAST_ENDS))
        )
        for i in spots
    ):
        return frozenset({"as"})
    return frozenset()


_FINITE = re.compile(r"\b(?:\w+ed|has|have|had|is|are|was|were|will|would|\w+s)\b")


def _has_finite_verb(clause: str) -> bool:
    """A rough test that a clause is one ("Labour has since taken ..."), not a bare phrase."""
    return bool(_FINITE.search(clause.split(maxsplit=1)[-1]))


def _as_sentence(clause: str) -> str:
    clause = clause.strip().rstrip(",;:")
    return clause[:1].upper() + clause[1:] + ("" if clause.endswith((".", "!", "?")) else ".")


def _named(phrase: str) -> bool:
    """A speaker phrase that names someone ("Egypt FA spokesman Methat Shalaby"), not "he"."""
    words = phrase.split()
    return bool(words) and words[-1][:1].isupper() and words[-1].lower() not in PRONOUNS


def _introducer(text: str) -> str | None:
    """The speaker of a sentence that introduces a passage: 'Cruz continued' (the colon
    dropped), 'Tom Ridge, a former secretary, put it', 'He told the Jewish Chronicle'."""
    if len(text.split()) > 25:
        return None
    found = _inverted_speaker(text) or _cue_speaker(text, after_quote=False)
    if found is not None:
        return found
    match = _PRE_SUBJECT_COLON.match(text + ":")
    return match.group("who") if match and not _introduces_text(text, match.group("who")) else None


_ASKED_FRAME = re.compile(
    r"^[\s,?!.—–-]*(?P<who>[A-Za-z][\w.'’-]*(?: [\w.'’-]+){0,5}) "
    r"(?:asked|asks|wondered|wonders|read|reads)[.!]?\s*$"
)


_ASKING = _wordset("asked asks wondered wonders")


def _cue_speaker(piece: str, *, after_quote: bool) -> str | None:
    """The speaker phrase beside a cue in the unquoted part of a sentence.

    After a quote the first cue counts ('…," she said, adding …'); before one, the last cue
    ('He told MPs on Monday: "…"'), and only when little follows it (a recipient, a time).
    """
    piece = piece[:400]  # a frame is a few words; bound the work on run-on text
    cues = list(_CUE.finditer(piece))
    if not cues:
        words = piece.strip(" ,?!.—–-").split(maxsplit=1)
        if after_quote and len(words) == 2 and words[0] in _ASKING:
            return _subject_after(f" {words[1]}")  # '"Why now?" asked Ann Reyes.'
        asked = _ASKED_FRAME.match(piece) if after_quote else None
        # '"Why now?" she asked.', '"...," the statement read.': verbs that are cues only as
        # the whole frame after a quote.
        return _speaker_phrase(asked.group("who").split()) if asked else None
    cue = cues[0] if after_quote else cues[-1]
    if cue.group("cue") == "according to":
        return None  # handled by _ACCORDING_TO
    left, right = piece[: cue.start()], piece[cue.end() :]
    if not after_quote and len(right.split()) > 8:
        return None
    if after_quote and not left.strip(" ,.;:—–-"):
        # '…," said Jane Doe, a spokeswoman.' / '…," added the M&S spokesman.'
        return _subject_after(right)
    verb = cue.group("cue")
    found = _subject_before(left, participle=verb in _PARTICIPLES, whole=piece, cue=verb)
    return found[0] if found else None


def _reported_speech(text: str) -> tuple[str, str, str | None] | None:
    """(speaker phrase, content, stance cue or None) for reported speech, else None."""
    found = _reported_speech_of_any(text)
    if found is not None and _possessive_determiner(found[0], text):
        return None
    return found


def _possessive_determiner(who: str, text: str) -> bool:
    """``who`` ends in a possessive that, in ``text``, is followed by the noun it owns
    ("Editor's note: ...", "Japan's central bank ended ... by announcing"): the noun phrase is
    the subject, the possessive alone names no speaker. "McDonald's said" and "Macy's, the
    retailer, said" keep theirs (a cue, an auxiliary or a comma follows)."""
    who = who.strip()
    if not who.endswith(("'s", "’s")):
        return False
    at = text.find(who)
    if at < 0:
        return False
    following = text[at + len(who) :].split(maxsplit=1)
    if not following or not following[0][:1].islower():
        return False
    word = following[0].strip(",.:;")
    if word in _CUE_HEADS and f"{word}s" in _CUE_HEADS:
        return True  # a bare form after a possessive is a noun: "Editor's note", "Ann's claim"
    return word not in _CUE_HEADS and word not in _AUX_WORDS


def _reported_speech_of_any(text: str) -> tuple[str, str, str | None] | None:
    if len(text) > _MAX_ATTRIBUTED_CHARS:
        return None
    match = _LEADING_ACCORDING.match(text)
    if match and len(match.group("content").split()) >= 3:
        return match.group("who"), match.group("content"), None
    found = _trailing_according(text) or _trailing_count(text)
    if found is not None:
        return found[0], found[1], None
    quoted = _quoted_object(text)
    if quoted is not None:
        # "Interfax quoted the minister as saying that ...": the one quoted speaks.
        return quoted
    passive = _passive_by(text)
    if passive is not None:
        return passive
    finding = _finding(text)
    if finding is not None:
        return finding
    match = _NAME_COLON.match(text)
    if match and _colon_speaker(match.group("who")) and len(match.group("content").split()) >= 3:
        # "Paul Ryan: FBI decision not to indict 'defies explanation'" (a headline or a
        # transcript line): the name, a colon, then what the person said.
        return match.group("who"), match.group("content"), None
    bounded = text[:600]
    cues = _cues(bounded)
    if not cues:
        return None
    if len(cues) > 1:
        last = cues[-1]
        frame = bounded[: last.start()].rstrip()
        comma = frame.rfind(", ")
        if (
            len(text[last.end() :].split()) <= 8
            and comma > 0
            and 1 <= len(frame[comma + 2 :].split()) <= 5
            and _speaker_phrase(frame[comma + 2 :].split()) is not None
            and last.group("cue") in _INVERTING | _CORE_SAY
        ):
            # "Homeowners now expect prices to rise, Mr Bannister said.": the closing frame
            # names who says the whole sentence.
            cues = [last, *cues[:-1]]
    for cue in cues:
        # "Berlin welcomed the ruling, with Hans Eichel saying the deficit would fall": the
        # speaker of the content is the one named in "with X saying", not the subject.
        if cue.group("cue") in _PARTICIPLES and cue.group("cue") in NEUTRAL_CUES:
            left = bounded[: cue.start()].rstrip()
            segment = left[_segment_start(left) :].split()
            if segment and segment[0].lower() == "with":
                who = _speaker_phrase(segment[1:])
                if who is not None:
                    return who, _content_after(text[cue.end() :]), None
    for cue in cues:
        verb = cue.group("cue")
        if verb == "according to":
            continue
        stance = verb if verb in STANCE_CUES else None
        left, right = bounded[: cue.start()], text[cue.end() :]
        if verb in {"think", "thinks"} and right.startswith((" tank", "-tank")):
            continue  # "the center-left think tank Third Way": a noun, not a cue
        if verb in _NOUN_CUES and left.split()[-1:] and left.split()[-1] in _BEFORE_A_NOUN:
            continue  # "shrugged off claims from Michael Howard that ...": a noun
        told = _TOLD_CLAUSE.match(right) if verb in _TELL and not _has_that(right) else None
        if (verb in _COMMITMENT_CUES and _TO_INFINITIVE.match(right)) or (
            verb in _TELL and not _has_that(right) and told is None
        ):
            # "X vowed to run ...", "X told counterparts of its decision": a deed, not a
            # statement whose content can be checked apart from the speaker.
            continue
        if verb in _THAT_ONLY_CUES and not _has_that(right):
            continue  # "charged him with fraud": a legal charge; "charged that ..." is a claim
        if verb in _NAMING and not _QUOTED_WORDS.search(right):
            continue  # 'dubbed the drills "Brotherhood-2023"': a name, not an evaluation
        if verb in _EVALUATIVE and not _has_that(right) and not _QUOTE_MARK.search(right):
            # "Rusedski has criticised the governing body for ...": an act the story reports
            # in its own voice, not a statement of the speaker's to check.
            continue
        if not _has_that(right) and not _QUOTE_MARK.search(right) and ":" not in right[:3]:
            if _possessed_object(right):
                # "Ann Reyes explained her reasoning in an interview", "admitted his guilt":
                # the cue takes the speaker's own thing as its object; no words follow to check.
                continue
            first = right.split(maxsplit=2)[:2]
            if (
                first
                and first[0].lower() in _NO_CONTENT_AFTER
                # "said about 200 people had died": a hedge on a number, not a topic.
                and not (first[0].lower() == "about" and verb in _CORE_SAY)
            ):
                # "warned against the changes", "complained about the offer": what follows is
                # the topic of the act, not words of the speaker's to check.
                continue
            if (
                verb in _WRITING
                and not left.rstrip().endswith(",")
                # "Despite the delay, Ann Reyes wrote, the plan holds": a frame inside.
                and not (
                    right.startswith(",") and left[: _segment_start(left)].rstrip().endswith(",")
                )
                and not _closing_written_frame(left, right)
                and not _pronoun_clause(right)
            ):
                # "Adams wrote the screenplay": a work written, not a statement reported ("...,
                # writes Mr Peston" is reported).
                continue
        participle = verb in _PARTICIPLES
        found = _subject_before(left, participle=participle, whole=text, cue=verb)
        if found is None:
            if verb not in _INVERTING:
                continue  # "..., has accused Kazakhstan officials of ...": an object follows
            if left.rstrip().endswith(",") and len(right.split()) <= 12:
                # "Content, said X." / "Content, said X, a spokesman."
                who = _subject_after(right)
                content = left.rstrip()[:-1]
                if who is not None and len(content.split()) >= 3:
                    return who, content, stance
            if left.rstrip().endswith(",") and "," in right:
                # "The ministers' comments, said Junya Tanase of JPMorgan, were too weak."
                who = _subject_after(right)
                rest = right.split(",", 1)[1].strip()
                if who is not None and len(rest.split()) >= 2 and who in right.split(",", 1)[0]:
                    return who, f"{left.rstrip()[:-1]} {rest}", stance
            continue
        who, start = found
        if left.rstrip().endswith((", who", " who")):
            # "Jay-Z, who said he would retire, will run the label": the saying sits in a
            # relative clause; the sentence's own claim goes on after it, in its own voice
            # (``_own_voice``), and the relative clause's words are the named person's.
            said = _WHO_SAID.match(DISCOURSE_OPENER.sub("", text))
            if said is not None and said.group("cue") == verb and verb in _SAY_THAT:
                return who, said.group("said"), stance
            continue
        if participle:
            if (
                verb not in _SAYING_PARTICIPLES
                and not (verb in _STATING and left.rstrip().endswith(","))
                and not _CLAUSE_FOLLOWS.match(right.lstrip())
            ):
                continue  # "signed a letter stating its determination": an object, no clause
            return who, _content_after(right), stance
        prefix = left[:start].rstrip()
        if prefix.endswith(",") and right.startswith(",") and len(prefix.split()) >= 2:
            # "US officials were talking up the dollar, they said, but failing to act": the
            # saying sits inside the claim it frames.
            content = f"{prefix[:-1]} {right.lstrip(' ,')}"
            return who, content, stance
        # "Calabrese told the National Post he has had hundreds of emails": no "that".
        after = told.group("clause") if told is not None else _content_after(right)
        if verb in _TELL and told is None:
            # "told a news conference in Cairo on Sunday that ...": whom and where, then "that".
            head = right.split()[:12]
            if "that" in head:
                after = " ".join(right.split()[head.index("that") + 1 :])
        intro = bool(prefix) and _is_intro(prefix)
        if not prefix:
            content = after
        elif (
            _before_closing_comma(prefix) is not None
            and _frame_words(right) <= 8
            and (not intro or len(after.split()) < 3)
        ):
            # "Content, X said [on Monday]." / "As a woman, she raised less suspicion, X said."
            # / 'The plan was "dead," X said.' (US style: the comma inside the quote)
            content = _before_closing_comma(prefix) or prefix[:-1]
        elif intro:
            content = after
        elif prefix.split()[-1].lower() in _SUBORDINATE_SAYING and verb in _SAY_THAT:
            # "The comments come a day after John Snow said a strong dollar was ...": the
            # saying is the claim; the frame around it is the story's timeline.
            content = after
        elif (
            (verb in _CORE_SAY | _BELIEF or _has_that(right))
            and not right.lstrip()[:1].isdigit()  # "and Daiwa added 5.3%": a price, not words
            and _clause_before_speaker(prefix) is not None
        ):
            # "There are 1.7m people needing care and ministers suggest the number could
            # quadruple": a clause of the story's, then a second clause with its own speaker.
            content = after
        elif _before_closing_comma(prefix) is not None and len(prefix.split()) <= 8:
            # "Of Sanders, McCaskill said a lot of voters ...": a short lead-in, then the
            # speaker; a long content follows the cue, so the lead-in is not the content.
            content = _content_after(right)
        else:
            continue
        if len(content.split()) < 3:
            continue
        tail = _subjectless_tail(content) if not prefix and verb in _SAY_THAT else None
        if tail is not None:
            content = tail[0]  # "He said he would retire, but has just released an album"
        return who, content, stance
    return None


# ", but has just released an album": a second predicate with no subject of its own, which
# goes with the sentence's subject (the speaker), not with the words reported.
_SUBJECTLESS_TAIL = re.compile(
    r"^(?P<said>[^;:\"“”]{8,300}?), (?:but|and) (?:then |later |since )?"
    r"(?P<rest>(?:has|had|have) (?:just |since |also |now |already )?[a-z]+(?:ed|en|wn|ne|t)\b"
    r"[^;:\"“”]{4,})$"
)


def _subjectless_tail(content: str) -> tuple[str, str] | None:
    match = _SUBJECTLESS_TAIL.match(content)
    if match is None:
        return None
    return match.group("said"), match.group("rest")


_TELL = _wordset("told tells tell telling")
# "Obama addressed the worry on Thursday, stating local officials run the vote": after a comma
# the participle frames a clause even without "that" (without the comma, "a letter stating
# its aims", it has an object).
_STATING = _wordset("stating")
# What a cue introduces when it is a statement: "that", a colon or quote, or a clause subject.
_CLAUSE_FOLLOWS = re.compile(
    r"^(?:[:,\"“'‘]|that\b|(?:he|she|they|it|we|I|there|no|this|these|those)\b)"
)
# "told the National Post he ...", "told reporters there was ...": a recipient, then a clause.
_TOLD_CLAUSE = re.compile(
    r"^\s+(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\w.'’&-]*|reporters|journalists|lawmakers|MPs|"
    r"listeners|viewers|supporters|me|us|him|her|them)\s+){1,5}"
    r"(?P<clause>(?:he|she|they|it|we|I|there)\b.*)$",
    re.S,
)
_NAMING = _wordset("called calls dubbed branded labelled labeled")
# Cues that are cues only before "that": "charged that the deal ..." (not "charged with").
_THAT_ONLY_CUES = _wordset("charges charged charging")
# A quote of the speaker's words after a naming verb: lower case, not a name.
_QUOTED_WORDS = re.compile('["“][a-z]')
# Cues of judgement that, with a plain object and no "that" or quote, report an act.
_EVALUATIVE = _wordset(
    "criticised criticized criticises criticizes welcomed welcomes praised praises attacked "
    "attacks condemned condemns hailed hails slated slammed slams blasted blasts denounced "
    "denounces decried mocked derided defended thanked called calls dubbed branded labelled "
    "labeled"
)
# Prepositions after a cue that start its topic, never its content.
_NO_CONTENT_AFTER = _wordset("against of with from into about")
_PREPOSITIONS = _wordset(
    "against under through between among without within during across around towards toward "
    "upon onto off via like near beyond in on at by with from into about over after before"
)
# Writing verbs: with a plain object they name a work ("wrote the song"), not reported words.
_WRITING = _wordset("wrote writes write writing penned pens")
# Words that cannot be part of a lower-case title before a name.
_TITLE_BLOCKERS = _wordset(
    "in on by to with at for from into about over after before than as if when while that "
    "and but or not no also then"
)
_BRACKETED = re.compile(r"^\([\w&.-]{1,12}\)[,.;:]?$")
_AGE = re.compile(r"^\d{1,3}-year-old$")
_WORD = re.compile(r"\S+")
_COMMITMENT_CUES = _wordset("vowed pledged promised agreed refused refuses expects expect expected")
_TO_INFINITIVE = re.compile(r"^\s+(?:not\s+)?to\s+\w")


# "Rep. Trey Gowdy (R-S.C.): ...", "Marco Rubio: ...": two to five capitalised words, then a
# colon.
_NAME_COLON = re.compile(
    r"^(?P<who>(?:[A-Z][\w.'’-]*\s+){1,4}[A-Z][\w.'’-]*)(?:\s+\([^()]{1,20}\))?\s*:\s*"
    r"(?P<content>\S.*)$",
    re.S,
)
# Labels that end in a colon and name no speaker.
_NOT_COLON_SPEAKERS = _wordset(
    "Q A Update Updated Breaking Watch Read Related Note Editor Editors Photo Video Source "
    "Sources Analysis Opinion Exclusive Live Warning Correction Clarification Disclosure More "
    "See Listen Subscribe Advertisement Transcript Report Poll Statement The This That"
)


def _colon_speaker(who: str) -> bool:
    words = who.split()
    return (
        len(words) >= 2
        and words[0] not in _NOT_COLON_SPEAKERS
        and not any(w in _ORG_WORDS or (w.isupper() and len(w) > 5) for w in words)
    )


def _quoted_object(text: str) -> tuple[str, str, None] | None:
    """("the minister", content, None) for "Interfax quoted the minister as saying ..."."""
    start = text.find(" quoted ")
    if start < 0:
        return None
    end = text.find(" as saying", start)
    who = text[start + len(" quoted ") : end]
    if end < 0 or not 2 <= len(who) <= 80 or any(mark in who for mark in ',;:"“”'):
        return None
    if _speaker_phrase(who.split()) is None:
        return None
    return who, _content_after(text[end + len(" as saying") :]), None


# 'was called "one of the worst" by the judge': a judgement in the passive, its speaker after
# "by" at the end of the sentence.
_PASSIVE_CUE = re.compile(
    r"\b(?:was|were|is|are|been|being) (?:(?:also|later|then|once|repeatedly) )?"
    r"(?P<cue>called|described as|branded|dubbed|labelled|labeled|criticised|criticized|"
    r"condemned|praised|hailed|denounced|slammed|derided|mocked)\s"
)
_BY_SPEAKER = re.compile(r"\sby (?P<who>[^,;:\"“”]{2,80}?)[.!]?$")


def _passive_by(text: str) -> tuple[str, str, str] | None:
    """(speaker, sentence, cue) for 'X was called "one of the biggest pirates" by the judge':
    the words quoted are the speaker's, and the frame stays (it carries the stance)."""
    if " by " not in text or ('"' not in text and "“" not in text):
        return None  # most sentences: no search
    match = _PASSIVE_CUE.search(text)
    if match is None:
        return None
    by = _BY_SPEAKER.search(text, match.end())
    if by is None or not _QUOTED_WORDS.search(text, match.end(), by.start()):
        return None  # "was criticised by the club": an act the story reports, no words
    who = _speaker_phrase(by.group("who").split())
    if who is None:
        return None
    return who, text, match.group("cue").split()[0]


# "Goldman Sachs published research showing that ...": a finding of whoever published it.
_FINDING = re.compile(
    r"\s(?:produced|published|released|issued|put out) (?:(?:a|an|the|its|their|new|fresh) )?"
    r"(?:research|report|study|survey|figures|data|analysis|poll|estimates)"
    r" (?:showing|suggesting|finding|saying|which shows|that shows|that showed) (?:that )?"
)


def _finding(text: str) -> tuple[str, str, None] | None:
    """(publisher, finding, None) for "X produced research showing that Y"."""
    if " show" not in text and "ing " not in text:
        return None  # most sentences: no search ("showing", "shows", "suggesting", ...)
    match = _FINDING.search(text)
    if match is None:
        return None
    left = text[: match.start()]
    found = _subject_before(left + " ", participle=False, whole=text)
    if found is None:
        # "The institute published ...": a common noun the story names its source by.
        who = _common_noun_subject(left.split())
        found = (who, 0) if who is not None else None
    content = text[match.end() :].strip()
    if found is None or (found[1] != 0 and not _is_intro(text[: found[1]])):
        return None
    if len(content.split()) < 3:
        return None
    return found[0], content, None


def _without_relative_clause(phrase: str) -> str:
    """'a campaign official who was not authorized to speak' -> 'a campaign official'."""
    words = phrase.split()
    for index, word in enumerate(words[1:], start=1):
        if word in {"who", "which", "that"}:
            return " ".join(words[:index])
    return phrase


def _trailing_according(text: str) -> tuple[str, str] | None:
    """'Content, according to X[, a description].' -> (X, content)."""
    cut = text.rfind(" according to ")
    if cut < 0:
        return None
    tail = text[cut + len(" according to ") :].rstrip().rstrip(".!:").rstrip()
    content = text[:cut].rstrip(" ,")
    who, _, description = tail.partition(", ")
    # "..., according to Mr. Sanders's campaign.", "..., according to the State Department:",
    # "..., according to Ernest Gellhorn, a law professor."
    if (
        not 2 <= len(who) <= 90
        or len(description) > 120
        or any(mark in tail for mark in ";:")
        or "," in description
        or len(content.split()) < 3
    ):
        return None
    return _without_relative_clause(who), content


_COUNTS = _wordset("count tally estimate estimates reckoning calculation calculations figures")


def _trailing_count(text: str) -> tuple[str, str] | None:
    """'Content, by the Associated Press' count.' -> (the Associated Press, content): the
    number before it is whoever counted it."""
    cut = text.rfind(" by ")
    if cut < 0:
        return None
    tail = text[cut + len(" by ") :].rstrip().rstrip(".!").split()
    content = text[:cut].rstrip(" ,")
    if not 2 <= len(tail) <= 7 or tail[-1].lower() not in _COUNTS or len(content.split()) < 3:
        return None
    owner = tail[:-1]
    last = owner[-1]
    if not last[:1].isupper() or not last.endswith(("'s", "’s", "'", "’")):
        return None  # "by some estimates", "by his own count": no one named
    owner[-1] = last[:-2] if last.endswith(("'s", "’s")) else last[:-1]
    if owner[0] in {"the", "The"}:
        owner = owner[1:]
    if not owner or any(not w[:1].isupper() and w not in _CONNECTORS for w in owner):
        return None
    return " ".join(owner), content


_POSSESSIVE_DETERMINERS = _wordset("his her their its my our")
_CLAUSE_VERBS = _wordset(
    "is are was were has have had will would could can should may might must did does do"
)


def _possessed_object(right: str) -> bool:
    """What follows a cue is a possessive noun phrase with no verb after it ("his reasoning
    in an interview"), not a clause ("his team had won", "her plan failed")."""
    words = right.split(maxsplit=7)[:7]
    if not words or words[0].lower() not in _POSSESSIVE_DETERMINERS:
        return False
    rest = [w.strip(",.;:").lower() for w in words[1:]]
    # "signalled his intent to move abroad": an aim with its content after "to".
    return not any(w in _CLAUSE_VERBS or w == "to" or w.endswith(("ed", "n't")) for w in rest)


def _has_that(right: str) -> bool:
    return " that " in f" {' '.join(right.split()[:8])} "


def _content_after(right: str) -> str:
    """What a cue introduces: 'said in a statement on Friday that X' -> 'X'."""
    rest = right.lstrip(" ,:")
    for _ in range(6):
        match = _CONTENT_LEAD_ITEM.match(rest)
        if not match or not match.group(0):
            break
        rest = rest[match.end() :]
    if rest.lower().startswith("that "):
        rest = rest[5:]
    # "told reporters that" / "told the BBC that": drop the recipient before "that".
    words = rest.split()
    if "that" in words[:6]:
        head = words[: words.index("that")]
        if head and all(w[:1].isupper() or w.lower() in _RECIPIENT for w in head):
            rest = " ".join(words[words.index("that") + 1 :])
    return rest.strip()


_CONTENT_LEAD_ITEM = re.compile(
    r"^(?:in a (?:written |joint )?statement|in an interview(?: with [A-Z][\w.'’&-]{0,30})?|"
    r"on (?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:last|this) (?:week|month|year)|"
    r"yesterday|today|on twitter|in a letter|in a report|earlier|later|publicly|recently|"
    r"on [A-Z][\w-]{0,30}|to [A-Z][\w.'’&-]{0,30}(?: [A-Z][\w.'’&-]{0,30}){0,3})[, ]{1,3}",
    re.IGNORECASE,
)
_RECIPIENT = _wordset("reporters journalists the a an mps parliament lawmakers me us listeners")


def _segment_start(left: str) -> int:
    """Where the clause that ends ``left`` begins: after the last comma, semicolon or colon."""
    cut = max(left.rfind(","), left.rfind(";"), left.rfind(":"), left.rfind(" - "))
    return cut + 1 if cut >= 0 else 0


_SUBORDINATORS = _wordset(
    "although though while whilst as if when because since unless whereas once despite given"
)


def _is_intro(prefix: str) -> bool:
    """'However,' / 'In a lecture at the LSE,' / 'On Tuesday,' / 'Speaking to the Radio Times,'."""
    prefix = prefix.strip()
    rest = DISCOURSE_OPENER.sub("", prefix + " ").strip()
    if not rest:
        return True
    first = rest.split()[0].lower().strip(",")
    if first in _SUBORDINATORS and prefix.endswith(",") and len(rest.split()) <= 30:
        # "Although malfunctions remain the main cause, experts say ...": a subordinate clause
        # before the speaker leaves the main clause (the content) to the speaker.
        return True
    return first in _INTRO and prefix.endswith(",") and len(rest.split()) <= 20


_BE_FORMS = _wordset("is are was were been be am")
# Cue words that are also nouns, and the words that show the noun ("rejected claims that").
_NOUN_CUES = _wordset("claims claim reports report thought estimates forecasts charges")
_BEFORE_A_NOUN = _wordset(
    "off of the about over to these those his her their its our denied rejected dismissed new "
    "fresh and amid despite following such any"
)


def _subject_before(
    left: str, *, participle: bool, whole: str, cue: str | None = None
) -> tuple[str, int] | None:
    """(speaker phrase, where it starts in ``left``) for the phrase that ends just before a
    cue, or None if there is none."""
    stripped = left.rstrip()
    if participle and stripped.split()[-1:] and stripped.split()[-1].lower() in _BE_FORMS:
        # "Spamhaus is warning about ...": a verb in the progressive, not a participle clause.
        stripped = stripped[: stripped.rfind(" ")] if " " in stripped else ""
        participle = False
    if participle:
        # "Liam Fox derided the photo call, saying: …" / "with Hans Eichel saying …"
        cut = _segment_start(stripped)
        words = stripped[cut:].split()
        if words and words[0].lower() == "with":
            who = _speaker_phrase(words[1:])
            return (who, cut) if who else None
        who = _leading_subject(whole)
        return (who, 0) if who else None
    if stripped.endswith((" -", " –", " —")):
        # "EADS - Airbus' majority owner - admitted": the name before the dashed appositive.
        dash = stripped[-1]
        inner = stripped[:-1].rstrip()
        opening = inner.rfind(f" {dash} ")
        if opening < 0:
            return None
        head = inner[:opening]
        start = _segment_start(head)
        who = _speaker_phrase(head[start:].split())
        return (who, start) if who else None
    if stripped.endswith(","):
        # Appositive: "Rodrigo de Rato, the IMF's managing director, said" or
        # "The Turkish economics minister, Ali Babacan, said".
        inner = stripped[:-1]
        cut = _segment_start(inner)
        appositive = inner[cut:].strip()
        head_end = max(cut - 1, 0)
        head_start = _segment_start(inner[:head_end])
        head = inner[head_start:head_end].strip()
        if not appositive or not head:
            return None
        if appositive.split()[0].lower() in {"who", "which", "whose"}:
            # "Wasserman Schultz, who is reviled by progressives, said": the antecedent speaks.
            words = DISCOURSE_OPENER.sub("", head + " ").split()
            who = _speaker_phrase(words)
            if who is None and appositive.split()[0].lower() == "which":
                # "The judge in the case, which lasted seven days, said": the relative clause
                # is about the case; the speaker is the role before "in the case".
                cut = next((k for k, w in enumerate(words) if w == "in"), 0)
                who = _speaker_phrase(words[:cut]) if 2 <= cut <= 4 else None
            return (who, head_start) if who else None
        head = DISCOURSE_OPENER.sub("", head + " ").strip()
        if _looks_like_name(appositive) and not _looks_like_name(head, as_name=True):
            # "Authenti-corp's CEO, Cynthia Musselman, told": the possessive role is not a name.
            name, description = appositive, head
        elif _looks_like_name(head):
            name, description = head, appositive
        else:
            return _stacked_appositives(inner)
        if _speaker_phrase(name.split()) is None:
            return None
        if _speaker_phrase(description.split()) is None:
            return name, head_start  # "Jay-Z, real name Shawn Carter,": no role to keep
        # The resolver reads "name, description": "Rodrigo de Rato, the IMF's managing director".
        return f"{name}, {description}", head_start
    cut = _segment_start(stripped)
    cut += _closing_quote_length(stripped[cut:])  # 'It was "dead," Jensen said'
    segment = stripped[cut:]
    words = segment.split()
    skipped = 0
    who: str | None = None
    if words and words[-1].lower() in {"and", "but"}:
        # "The BPI welcomed the news, but warned there are ...": a second verb of the
        # sentence's subject, when a clause follows it ("and confirmed the EC's right" is a
        # deed).
        if not _CLAUSE_FOLLOWS.match(whole[len(left) :].split(None, 1)[-1]):
            return None
        who = _leading_subject(whole)
        return (who, 0) if who else None
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in _CLAUSE_WORDS:
            # Not the tail of a list: "the Department for Culture, Media and Sport said".
            listed = bool(cut) and not _is_intro(stripped[:cut])
            if words[index].lower() == "and" and index and not listed:
                coordinated = _coordinated_subject(words, index)
                if coordinated is not None:
                    who, skipped = coordinated
                    break
            if words[index].lower() == "who" and index == 0 and cut:
                # "Jay-Z, who said he would …": the relative pronoun's antecedent speaks.
                head = stripped[: cut - 1]
                start = _segment_start(head)
                who = _speaker_phrase(head[start:].split())
                return (who, start) if who else None
            skipped = index + 1
            break
    if who is None:
        opener = DISCOURSE_OPENER.match(" ".join(words[skipped:]) + " ")
        if opener:
            skipped += len(opener.group(0).split())
        who = _speaker_phrase(words[skipped:])
    if who is None and cue in _CORE_SAY:
        who = _common_noun_subject(words[skipped:])
    if who is None:
        return None
    for index, match in enumerate(_WORD.finditer(segment)):
        if index == skipped:
            return who, cut + match.start()
    return None


def _coordinated_subject(words: list[str], index: int) -> tuple[str, int] | None:
    """("Apple and Google", where it starts) when the "and" at ``index`` joins two speakers
    ("Mr King and Mr Schultz say", "investors and analysts") or a modifier to a role ("Federal
    and state officials said"), not two clauses ("Sales rose and analysts said")."""
    start = 0
    for back in range(index - 1, -1, -1):
        if words[back].lower() in _CLAUSE_WORDS or words[back] != words[back].rstrip(",;:"):
            start = back + 1
            break
    opener = DISCOURSE_OPENER.match(" ".join(words[start:index]) + " ")
    if opener:
        start += len(opener.group(0).split())
    left, right = words[start:index], words[index + 1 :]
    if not left or not right:
        return None
    modifier = (
        len(left) == 1
        and left[0][:1].isupper()
        and right[0][:1].islower()
        and len(right) <= 3
        and right[-1].lower() in GROUP_NOUNS
    )
    if not modifier and _coordination(left, right) is None:
        return None
    phrase = _speaker_phrase(words[start:])
    return (phrase, start) if phrase is not None else None


_HONORIFICS = _wordset("Mr Mrs Ms Dr Mr. Mrs. Ms. Dr. Sir Dame Lord Lady Prof")
_COORDINATION_LEADS = _wordset("both the")


def _coordination(left: list[str], right: list[str]) -> str | None:
    """ "name" or "group" when ``left`` and ``right`` are two speakers of one kind joined by
    "and": two names ("Nokia and Ericsson", "Mr King and Mr Schultz") or two groups of people
    ("investors and some analysts"); None for a name or title with "and" inside ("Securities
    and Exchange Commission", "Economy and Labour Minister X", "President X and the country's
    authorities")."""
    sides = []
    for side in (left, right):
        side = [w.strip(",") for w in side]
        while side and side[0].lower() in _COORDINATION_LEADS:
            side = side[1:]
        if not 1 <= len(side) <= 3:
            return None
        sides.append(side)
    kinds = set()
    for side in sides:
        names = [w for w in side if w not in _HONORIFICS]
        if names and all(
            w[:1].isupper() and w.lower() not in TITLE_WORDS and not w.endswith(("'s", "’s"))
            for w in names
        ):
            kinds.add("name")
        elif (
            side[-1].lower() in GROUP_NOUNS
            and side[-1].lower().endswith("s")
            and all(w.islower() and w.isalpha() for w in side)
        ):
            kinds.add("group")
        else:
            return None
    if len(kinds) != 1:
        return None
    if any(w in _ORG_WORDS for w in sides[1]) and not any(w in _ORG_WORDS for w in sides[0]):
        return None  # "Securities and Exchange Commission", "Trade and Industry Department"
    return kinds.pop()


_SUBORDINATE_SAYING = _wordset("after before when since as once until because while")
# Verbs whose object is what was said, never a thing: "after X said ..." (not "announced").
_SAY_THAT = _wordset("said says claimed claims insisted insists argued argues warned warns")
# Verbs that make their subject a speaker whatever the subject is: "the film industry says".
_CORE_SAY = _wordset(
    "said says say told tells added adds argued argues claimed claims insisted insists "
    "warned warns stated states believes maintains "
    "maintained acknowledged admitted conceded contends contended wrote writes"
)


def _common_noun_subject(words: list[str]) -> str | None:
    """'the film industry', 'the company': "the" and up to three lower-case nouns, the subject
    of a verb of saying (an institution or group the story names by what it is)."""
    words = [w.strip(" ,;:") for w in words]
    if not 2 <= len(words) <= 4 or words[0].lower() != "the":
        return None
    for word in words[1:]:
        low = word.lower()
        if (
            not word.isalpha()
            or not word.islower()
            or low in _NOT_IN_SPEAKER
            or low in _TITLE_BLOCKERS
            or low in _CLAUSE_WORDS
            or low.endswith("ly")
        ):
            return None
    return " ".join(words)


def _stacked_appositives(inner: str) -> tuple[str, int] | None:
    """'Marley Anderson, 21, a junior from Las Vegas,' said: a name opening the sentence, then
    several short appositives (an age, a role, a home town) before the cue."""
    segments = inner.split(", ")
    if not 3 <= len(segments) <= 5:
        return None
    name = DISCOURSE_OPENER.sub("", segments[0] + " ").strip()
    rest = segments[1:]
    if (
        not _looks_like_name(name, as_name=True)
        or _speaker_phrase(name.split()) is None
        or any(len(seg.split()) > 12 or _CUE.search(seg) for seg in rest)
    ):
        return None
    return f"{name}, {', '.join(rest)}", 0


# Verbs that news copy puts before their subject: "..., said Jane Doe."
_INVERTING = _wordset(
    "said says added adds told tells continued explained noted notes wrote writes insisted "
    "argued warned declared replied recalled concluded stated asked admitted conceded"
)
_ABBREVIATION = re.compile(
    r"^(?:(?:[A-Z]\.){1,3}|(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Rev)\.)$"
)

# Built once (speed only): the union was made anew for every word of the phrase.
_NAME_LINKS = _CONNECTORS | GROUP_NOUNS | TITLE_WORDS


def _subject_after(right: str) -> str | None:
    """The speaker phrase right after a cue: 'said Jane Doe, a spokeswoman.'"""
    words: list[str] = []
    for word in right.strip().split()[:10]:
        bare = word.strip(',.;:!?"“”')
        if _ABBREVIATION.match(word.rstrip(",")):
            # "said Robert S. Ford", "said J.M. Berger": an initial's period ends nothing.
            words.append(word.rstrip(","))
            if word.endswith(","):
                break
            continue
        if not bare:
            break
        after_age = bool(words) and bool(_AGE.match(words[-1]))
        if words and not (
            bare[:1].isupper()
            or bare.lower() in _NAME_LINKS
            or bare.lower() in _NARRATORS  # "says a narrator" (of an ad)
            or _AGE.match(bare)
            or (after_age and bare.isalpha())  # "the 74-year-old comedian"
        ):
            break
        if bare.endswith(("'s", "’s")):
            following = right.strip().split()[len(words) + 1 : len(words) + 2]
            if not (following and following[0][:1].isupper() and word == bare):
                return None  # "confirmed the EC's right": an object, not a speaker
            # "noted NBC's Dante Chinni": the outlet, then the person speaking for it.
        words.append(bare)
        if word[-1:] in ",.;:!?":
            break
    while words and words[-1] in _CONNECTORS:
        words.pop()  # "accused Kazakhstan officials of": the phrase ends before "of"
    return _speaker_phrase(words)


def _leading_subject(text: str) -> str | None:
    """The subject at the start of a sentence: "Conservative co-chairman Liam Fox derided ..."."""
    text = DISCOURSE_OPENER.sub("", text.strip())
    first = text.split(maxsplit=1)[:1]
    if first and first[0] in {"he", "she", "they"}:
        return first[0]  # "But he also spoke of ..., adding that ...": the opener stripped
    segments = text.split(", ")
    if len(segments) > 1 and _is_intro(segments[0] + ","):
        text = ", ".join(segments[1:])
    words: list[str] = []
    for word in text.split()[:8]:
        bare = word.strip(",.;:")
        lower = bare.lower()
        if not (
            bare[:1].isupper()
            or lower in TITLE_WORDS
            or lower in GROUP_NOUNS
            or (words and lower in _CONNECTORS)
            or (not words and lower in _DETERMINERS)
        ):
            break
        words.append(bare)
        if word != bare:
            break
    return _speaker_phrase(words)


def _looks_like_name(phrase: str, *, as_name: bool = False) -> bool:
    """Capitalised words (and connectors); ``as_name``: also not a role ("Apple's CEO")."""
    words = phrase.split()
    if (
        as_name
        and words
        and (words[-1].lower() in TITLE_WORDS or any(w.endswith(("'s", "’s")) for w in words))
    ):
        return False
    return bool(words) and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words)


def _bare_noun(word: str) -> str:
    """'critics' -> 'critics', "analysts'" -> 'analysts', "police's" -> 'police': the possessive
    ending off, never a plural's own "s"."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word.rstrip("'’")


def _speaker_phrase(words: list[str]) -> str | None:
    """``words`` joined if they can name a speaker, else None (a clause, an object, nothing)."""
    # "the US Geological Survey (USGS)": the acronym in brackets adds nothing to the name.
    words = [w.strip(" ,;:") for w in words if w.strip(" ,;:") and not _BRACKETED.match(w)]
    if not words or len(words) > 9:
        return None
    lower = [w.lower() for w in words]
    if len(words) == 1 and lower[0] in PRONOUNS | _GROUP_PRONOUNS:
        return words[0]
    if lower[0] == "the" and len(words) <= 3 and _AGE.match(lower[1] if len(words) > 1 else ""):
        return " ".join(words)  # "the 30-year-old", "the 74-year-old comedian"
    if lower[0] in _NOT_A_SPEAKER or (
        len(words) <= 2 and lower[0].replace(",", "").replace(".", "").isdigit()
    ):
        return None  # not "196 firms" from "the survey of 5,196 firms found"
    if any(w in _NOT_IN_SPEAKER for w in words):  # lower-case only: "US" is not "us"
        return None
    if any(w.endswith("%") for w in words):
        return None  # "A total of 48% of estate agents reported": a finding, not a speaker
    if any(w in _SAYING_WORDS for w in words[1:]):
        return None  # "Liam Fox said Labour's plans" (before "showed"): a clause, not a name
    if any(w.strip("\"“”'‘’") != w for w in words):
        return None
    has_name = any(w[:1].isupper() for w in words[1:]) or (
        words[0][:1].isupper() and lower[0] not in _DETERMINERS and lower[0] not in _INTRO
    )
    has_role = (
        any(_bare_noun(w) in GROUP_NOUNS or w in TITLE_WORDS or w in _DOCUMENT_NOUNS for w in lower)
        or (lower[0] == "the" and lower[-1] in _INQUIRIES)
        or lower[-1] in _NARRATORS
    )
    if not has_name and not has_role:
        return None
    # "journalist Martha Raddatz", "accountancy firm Ernst & Young": a few lower-case words
    # before a name at the end of the phrase are its title.
    lead = 0
    while lead < len(words) and words[lead][:1].islower():
        lead += 1
    if (
        0 < lead <= 3
        and lead < len(words)
        and all(w[:1].isupper() or w in _CONNECTORS for w in words[lead:])
        and not any(low in _TITLE_BLOCKERS or low.endswith("ly") for low in lower[:lead])
    ):
        return " ".join(words)
    if _owner_then_name(words, lower):
        return " ".join(words)
    # Lower-case words are only modifiers of a role or connectors inside a name.
    for w, low in zip(words, lower, strict=True):
        if w[:1].isupper() or low in _DETERMINERS or low in _CONNECTORS:
            continue
        if low in GROUP_NOUNS or low in TITLE_WORDS or low in _DOCUMENT_NOUNS or low in _INQUIRIES:
            continue
        if low.endswith(("'s", "’s")):
            continue
        if not has_role:
            return None
        if low.endswith("ly") or low in {"by", "to", "in", "on", "with"}:
            return None
    return " ".join(words)


def _owner_then_name(words: list[str], lower: list[str]) -> bool:
    """ "Ann Reyes's longtime confidant Tom Barker": a capitalised owner in the possessive, one
    to three lower-case words (what the person is to the owner), then a capitalised name to the
    end; the lower-case words then need not be a known role."""
    owner = next((k for k, w in enumerate(words) if w.endswith(("'s", "’s"))), None)
    if owner is None or not all(w[:1].isupper() for w in words[: owner + 1]):
        return False
    end = owner + 1
    while end < len(words) and words[end][:1].islower():
        end += 1
    between = lower[owner + 1 : end]
    return (
        1 <= len(between) <= 3
        and end < len(words)
        and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words[end:])
        and not any(low in _TITLE_BLOCKERS or low.endswith("ly") for low in between)
    )


# Built once (speed only): the union was made anew on every call of _resolve.
_ROLE_NOUNS = GROUP_NOUNS | TITLE_WORDS | _DOCUMENT_NOUNS


def _resolve(raw: str, context: _Context) -> Speaker | None:
    phrase = " ".join(raw.strip(" ,.:;'\"“”").split())
    phrase = DISCOURSE_OPENER.sub("", phrase)
    phrase = _author_before_title(phrase)
    if ", " in phrase:
        name, description = phrase.split(", ", 1)
        speaker = _resolve(name, context)
        if speaker is None or speaker.description is not None:
            return speaker
        description = re.sub(r"^(?:the|a|an)\s+", "", description, flags=re.IGNORECASE)
        return Speaker(name=speaker.name, description=description)
    left, joined, right = phrase.partition(" and ")
    if joined and _coordination(left.split(), right.split()) == "name":
        left = re.sub(r"^[Bb]oth\s+", "", left)
        # "Nokia and Ericsson", "Ms Okafor and Mr Lind": both speak; each by its fullest name.
        first, second = _resolve(left, context), _resolve(right, context)
        if first is not None and second is not None:
            return Speaker(name=f"{first.name} and {second.name}", description=None)
    spokes = _spokes_for(phrase)
    if spokes:
        # "a spokesman for Apple": Apple speaks, through its spokesman.
        role, org = spokes
        org = _org_name(org, context)
        if org:
            return Speaker(name=org, description=role.lower())
    phrase = _SOURCE_OF.sub("", _source_phrase(phrase))
    words = [w for w in phrase.split() if not _BRACKETED.match(w)]
    phrase = " ".join(words)
    if not words or len(words) > 9:
        return None
    first = words[0].lower()
    if len(words) <= 4 and first == "the" and any(_AGE.match(w) for w in words[1:]):
        # '…," added the 30-year-old.' / '…," said the 74-year-old comedian.'
        return context.last_person
    if len(words) == 2 and first == "the" and words[1] in _NATIONALITY_NOUNS:
        return context.last_person  # '"...," said the American.'
    if len(words) == 1 and first in {"he", "she"}:
        spokes = context.spokes
        if spokes is not None and _gender(spokes, default=first) == first:
            return spokes
        # "he said", "she also told": the last person named, skipping one whose honorific
        # says otherwise ("she" is not "Mr Johnson").
        for person in reversed(context.people):
            if _gender(person, default=first) == first:
                return person
        return None
    narrated = _narrator(words, context) if words[-1].lower() in _NARRATORS else None
    if narrated is not None:
        return narrated
    if len(words) == 1 and first == "they" and context.last_plural is not None:
        return context.last_plural  # "analysts said ... they said": the group that spoke
    if len(words) == 1 and first in _GROUP_PRONOUNS:
        return context.last_group
    if first in PRONOUNS or first in _NOT_A_SPEAKER:
        return None
    roles = _ROLE_NOUNS
    if (
        words[0][:1].islower()
        and first not in _DETERMINERS
        and not any(_bare_noun(w.lower()) in roles for w in words)
        and not _title_then_full_name(words)
    ):
        return None
    named = _author_of(words, context) or _role_reference(words, context)
    if named is not None:
        return named
    if first == "the" and words[-1] in _INQUIRIES:
        return None  # "the inquiry found" with no report cited before: no one to name
    speaker = _organisation_voice(words, context) or split_title(phrase)
    if speaker is None:
        return None
    return _fullest(speaker, context)


def _title_then_full_name(words: list[str]) -> bool:
    """ "county engineer Ann Reyes": one to three lower-case words, then a name of two or more
    capitalised words (a person's title the role lists do not hold)."""
    lead = 0
    while lead < len(words) and words[lead][:1].islower():
        lead += 1
    name = words[lead:]
    return (
        1 <= lead <= 3
        and len(name) >= 2
        and all(w[:1].isupper() for w in name)
        and not any(w.lower() in _TITLE_BLOCKERS or w.endswith("ly") for w in words[:lead])
        and not any(w.lower() in _DETERMINERS | _CONNECTORS for w in words[:lead])
    )


def _author_before_title(phrase: str) -> str:
    """ "E. J. Fleming's ''The Fixers: ...''" -> "E. J. Fleming": a name whose possessive owns
    a quoted title (a book, a film) is its author; any other phrase is kept whole."""
    words = phrase.split()
    for index, word in enumerate(words[:-1]):
        if not _possessive(word):
            continue
        if words[index + 1][:1] not in "'\"“‘" or not all(
            w[:1].isupper() for w in words[: index + 1]
        ):
            return phrase
        return " ".join([*words[:index], word[:-2]])
    return phrase


_SPOKES_LINKS = _wordset("for from at of")


def _spokes_for(phrase: str) -> tuple[str, str] | None:
    """("spokesman", "Apple") for "a spokesman for Apple", else None."""
    words = phrase.split()
    skip = 1 if words and words[0].lower() in {"a", "an", "the"} else 0
    for index in range(skip, min(skip + 3, len(words) - 2)):
        if words[index].lower() in _SPOKES_ROLES and words[index + 1] in {
            "for",
            "from",
            "at",
            "of",
        }:
            return " ".join(words[skip : index + 1]), " ".join(words[index + 2 :])
    return None


def _organisation_voice(words: list[str], context: _Context) -> Speaker | None:
    """'the M&S spokesman', "Labour's posters", "Apple's spokeswoman" -> the organisation."""
    words = [w for w in words if w.lower() not in {"the", "a", "an"}]
    if len(words) < 2:
        return None
    head = words[-1].lower()
    possessor = [w for w in words[:-1] if w.endswith(("'s", "’s"))]
    after = words[words.index(possessor[0]) + 1 :] if possessor else []
    if (
        possessor
        and all(w[:1].islower() for w in after)
        and head not in TITLE_WORDS - _SPOKES
        # "the agency's watchdog", "Labour's critics": they speak about it, not for it.
        and _bare_noun(head) not in _NOT_ITS_VOICE
        # "Labour's new posters", "Apple's spokeswoman"; not "Scotland's west coast".
        and (_bare_noun(head) in _DOCUMENT_NOUNS | GROUP_NOUNS | _SPOKES | _ORG_HEADS | _VOICES)
    ):
        # "Labour's new posters", "Apple's spokeswoman"; not "Labour's Paul Flynn".
        org = possessor[0][:-2]
        return Speaker(name=_org_name(org, context) or org, description=None)
    if head in _SPOKES and all(w[:1].isupper() for w in words[:-1]):
        org = " ".join(words[:-1])
        return Speaker(name=_org_name(org, context) or org, description=head)
    return None


# Who speaks about a possessor, not for it: "the agency's watchdog", "the mayor's critics".
_NOT_ITS_VOICE = _wordset(
    "watchdog watchdogs regulator regulators critics opponents rivals detractors judge judges "
    "prosecutors investigators auditors inspector"
)
# What else speaks for its possessor: "Mr Yushchenko's administration", "the council's ruling".
_VOICES = _wordset(
    "administration team camp campaign inquiry ruling plans plan lawyers lawyer office "
    "officials spokesmen statement comments remarks"
)
# Lower-case roles only a person holds: "the defender told", "the Two Ronnies star said".
_PERSON_ROLES = _wordset(
    "defender striker midfielder goalkeeper player star singer actor actress comedian coach "
    "manager boss host presenter producer owner founder rapper musician veteran champion "
    "businessman businesswoman tycoon candidate nominee challenger incumbent"
)
_PERSON_ROLE_WORDS = TITLE_WORDS | _PERSON_ROLES  # built once (speed only)


# Roles that many people in a story may hold: "the judge" is not the last person named.
_NOT_ONE_OFFICE = _wordset(
    "judge justice lawyer attorney officer official analyst expert economist researcher "
    "scientist source aide adviser advisor member mp senator representative"
)


def _modifiers_fit(words: list[str], person: Speaker, texts: Sequence[str]) -> bool:
    """The article puts the role's capitalised words beside the person's name somewhere
    ("Amnesty International chief Irene Khan" for "the Amnesty secretary-general")."""
    modifiers = [w for w in words if w[:1].isupper()]
    surname = person.name.split()[-1]
    return any(surname in sentence and all(m in sentence for m in modifiers) for sentence in texts)


def _role_reference(words: list[str], context: _Context) -> Speaker | None:
    """'the prime minister', 'the Amnesty secretary-general': the person the article gave that
    title to, if there is exactly one such person so far."""
    if words[0].lower() != "the" or len(words) < 2:
        return None
    roles = _PERSON_ROLE_WORDS
    titles = [w.lower() for w in words[1:] if w.lower() in roles]
    if not titles or any(w[:1].islower() and w.lower() not in roles for w in words[1:]):
        return None
    head = words[-1].lower()
    if (head not in TITLE_WORDS and head not in GROUP_NOUNS) or head.endswith("s"):
        return None
    if words[-1] in _ORG_WORDS:
        return None  # "the White House", "the Foreign Office": an institution, not its head
    if head in _SPOKES:
        return None  # "the M&S spokesman" speaks for M&S, not for the last person named
    matches = {
        s.name: s
        for s in context.known.values()
        if s.description and head in s.description.lower().split()
    }
    if len(matches) == 1:
        return next(iter(matches.values()))
    if (
        not matches
        and context.last_person is not None
        and head in TITLE_WORDS | _PERSON_ROLES  # "the State Department" is no person
        and head not in _ORG_HEADS
        # "the judge" may be anyone; "the Vermont senator" is one person.
        and (head not in _NOT_ONE_OFFICE or any(w[:1].isupper() for w in words[1:]))
    ):
        # "Tony Blair has pledged ...". "The prime minister told ...": the person the story is
        # about, whose title it had not given before.
        return context.last_person
    return None


def _org_name(org: str, context: _Context) -> str | None:
    org = org.strip(" ,.")
    if org.lower().startswith("the "):
        org = org[4:]
    if not org or not org[:1].isupper():
        return None
    return context.names.fullest(org) or org


# Nicknames of parties that news copy uses as often as their names.
_PARTY_NICKNAMES = {
    "Tories": "Conservatives",
    "Tory party": "Conservative Party",
    "Lib Dems": "Liberal Democrats",
    "LibDems": "Liberal Democrats",
    "Dems": "Democrats",
}


def _fullest(speaker: Speaker, context: _Context) -> Speaker:
    """'Mr Blair' -> 'Tony Blair', 'Sumitomo' -> 'Sumitomo Mitsui Financial', 'EC' ->
    'European Commission': the fullest name the article gives, reusing the description."""
    return _without_demonym(_fullest_run(speaker, context), context)


def _without_demonym(speaker: Speaker, context: _Context) -> Speaker:
    """ "Californian Thomas Slattery" (a person: the story calls him "Mr Slattery") -> "Thomas
    Slattery": where the person is from belongs to the description, not the name."""
    words = speaker.name.split()
    if (
        len(words) >= 3
        and words[0] in _DEMONYMS
        and context.names.mentions_alone(words[-1])
        and not any(w in _ORG_WORDS for w in words)
    ):
        description = speaker.description
        if _honorific(speaker) not in _HONORIFIC_GENDER:  # "Mr" stays what says "he"
            description = " ".join(filter(None, (words[0], description)))
        return Speaker(name=" ".join(words[1:]), description=description)
    return speaker


def _fullest_run(speaker: Speaker, context: _Context) -> Speaker:
    alias = _PARTY_NICKNAMES.get(speaker.name)
    if alias is not None:
        # "The Tories say ...": the party under its own name, as the desk files claimants.
        return Speaker(name=alias, description=speaker.description)
    remembered = context.known.get(speaker.name)
    if remembered is not None and (speaker.description is None or " " not in speaker.name):
        return remembered
    full = context.names.fullest(speaker.name)
    if full is not None and full != speaker.name:
        remembered = context.known.get(full)
        if remembered is not None:
            return remembered
        return Speaker(name=full, description=speaker.description)
    return speaker


_RUN_CONNECTORS = frozenset({"of", "for", "de", "&", "van", "von"})
_QUOTE_LEADS = "\"“‘'"


_SUBJECT_PRONOUNS = frozenset({"He", "She", "It"})


class _NameIndex:
    """Every run of capitalised words in the article, to expand short mentions to full names."""

    _TOKEN = re.compile(r"[^\s]+")

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.runs: list[tuple[str, ...]] = []
        self.singles: set[str] = set()
        self.by_word: dict[str, list[tuple[str, ...]]] = {}
        # One-word names that the article follows with "he" or "she" more than with "it"
        # ("Jay-Z will continue to run Roc-A-Fella, which he founded"): people, not firms.
        votes: dict[str, int] = {}
        inside: set[str] = set()
        split: list[list[str]] = []  # each sentence's words, split once for both passes
        previous_lead: str | None = None
        for sentence in sentences:
            lead, pronoun = _lead_and_pronoun(sentence.text)
            if lead is not None and pronoun is not None:
                votes[lead] = votes.get(lead, 0) + (1 if pronoun in _PERSONAL else -1)
            words = sentence.text.split()
            opener = DISCOURSE_OPENER.sub("", sentence.text).split(maxsplit=1)[:1]
            if previous_lead is not None and opener and opener[0] in _SUBJECT_PRONOUNS:
                # "But Edu said the team was tired. He added ...": the next sentence's subject
                # pronoun votes too.
                vote = 1 if opener[0] in {"He", "She"} else -1
                votes[previous_lead] = votes.get(previous_lead, 0) + vote
            previous_lead = lead
            split.append(words)
            for word in words[1:]:
                if word[:1].isupper():
                    bare = word.strip(",.;:!?\"“”'‘’()")
                    inside.add(bare.removesuffix("'s").removesuffix("’s"))
        # Named inside a sentence too: "Laying out ...," opens a sentence but names no one.
        self.people = frozenset(word for word, vote in votes.items() if vote > 0 and word in inside)
        self.inside = frozenset(inside)
        for sentence, words in zip(sentences, split, strict=True):
            run: list[str] = []
            if _title_case(sentence.text):
                continue  # "Trump Says He Will Win": a headline's capitals run words together
            for position, word in enumerate(words):
                if not run and not (word[:1].isupper() or word[:1] in _QUOTE_LEADS):
                    continue  # the common case: a lower-case word outside any name
                if word.startswith(("(", "[")):
                    self._add(run)  # "the US Geological Survey (USGS)": the name ends here
                    run = []
                    continue
                bare = word.strip("\"“”‘’'()[],.;:!?")
                possessive = bare.endswith(("'s", "’s"))
                if possessive:
                    bare = bare[:-2]
                capital = bare[:1].isupper() and not (position == 0 and bare in _SENTENCE_OPENERS)
                if (capital and bare.lower() not in TITLE_WORDS) or (
                    run and bare in {"of", "for", "de", "&", "van", "von"} and word == bare
                ):
                    run.append(bare)
                else:
                    self._add(run)
                    run = []
                nickname = word[:1] in "'‘\"“" and word[-1:] in "'’\"”" and len(word) > 2
                if possessive or (
                    word != bare and not nickname and not word.endswith(("'s", "’s"))
                ):
                    self._add(run)
                    run = []
            self._add(run)

    def _add(self, run: list[str]) -> None:
        if not run:
            return
        while run and run[-1] in {"of", "for", "de", "&", "van", "von"}:
            run.pop()
        if len(run) == 1:
            self.singles.add(run[0])
        if len(run) >= 2 and len(run) <= 6:
            self.runs.append(tuple(run))
            for word in set(run):
                self.by_word.setdefault(word, []).append(self.runs[-1])

    def mentions_alone(self, surname: str) -> bool:
        """The article uses ``surname`` outside any longer run of capitalised words."""
        return surname in self.singles

    def fullest(self, name: str) -> str | None:
        """The longest run that contains ``name``'s words in order, or that ``name`` abbreviates."""
        parts = tuple(name.split())
        if not parts or len(parts) > 3:
            return None
        best: tuple[str, ...] | None = None
        acronym = len(parts) == 1 and _is_acronym(parts[0])
        for run in self.runs if acronym else self.by_word.get(parts[0], ()):
            if len(run) <= len(parts):
                continue
            at = next(
                (k for k in range(len(run) - len(parts) + 1) if run[k : k + len(parts)] == parts),
                -1,
            )
            contains = at >= 0
            if acronym:
                # "EC" is the "European Commission" it abbreviates, never a longer run that
                # merely starts with it ("EADS Philippe Camus", "US Geological Survey").
                contains = _initials(run) == parts[0].replace(".", "")
            elif contains and len(parts) >= 2:
                end = at + len(parts)
                if end < len(run) and run[end] in _RUN_CONNECTORS:
                    # "Nicolas Sarkozy of France": a full name does not grow into where
                    # the person is from.
                    run = run[:end]
                    if len(run) <= len(parts):
                        continue
            if contains and (best is None or len(run) > len(best)):
                best = run
        if best and _is_acronym(best[0]) and best[0] not in parts and len(best) > 2:
            best = best[1:]  # "EADS Philippe Camus": the employer's acronym, then the name
        return " ".join(best) if best else None


_PERSONAL = _wordset("he his him she her")
_PRONOUN_WORDS = _PERSONAL | _wordset("it its")


# Built once (speed only): the union was made anew for every sentence.
_NOT_A_LEAD_NAME = TITLE_WORDS | _DETERMINERS | PRONOUNS


def _lead_and_pronoun(text: str) -> tuple[str | None, str | None]:
    """The one-word name a sentence opens with and the first third-person pronoun after it:
    ("Jay-Z", "he") for "Jay-Z will continue to run Roc-A-Fella, which he founded"."""
    words = DISCOURSE_OPENER.sub("", text).split()
    if len(words) < 3:
        return None, None
    lead = words[0].rstrip(",")
    if lead.endswith(("'s", "’s")):
        lead = lead[:-2]
    if (
        not lead[:1].isupper()
        or lead in _SENTENCE_OPENERS
        or lead in _ORG_WORDS
        or lead.lower() in _NOT_A_LEAD_NAME
        or _is_acronym(lead)
        or words[1][:1].isupper()  # a longer name: "Jay-Z" alone only
    ):
        return None, None
    for word in words[1:30]:
        bare = word.strip(",.;:!?\"“”'‘’()").lower()
        if bare in _PRONOUN_WORDS:
            return lead, bare
    return lead, None


def _is_acronym(word: str) -> bool:
    letters = word.replace("&", "").replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _initials(run: tuple[str, ...]) -> str:
    out = []
    for word in run:
        if word == "&":
            out.append("&")
        elif word.lower() in {"of", "for", "de", "the", "and"}:
            continue
        elif word.isupper() and word.isalpha():
            out.append(word)
        else:
            out.append(word[0])
    return "".join(out)


def _possessive(word: str) -> bool:
    return word.strip(",.").endswith(("'s", "’s"))


def split_title(phrase: str) -> Speaker | None:
    """Split a speaker phrase into name and description.

    "Armenian Prime Minister Nikol Pashinyan" -> "Nikol Pashinyan", "Armenian Prime Minister".
    "Nicolas Sarkozy of France" -> "Nicolas Sarkozy", "of France".

    The name is the run of capitalised non-title words at the end of the phrase; what comes
    before it is the description. A phrase with no such run ("the Kremlin", "Armenian
    officials") is the claimant as a whole, minus a leading article.
    """
    words = phrase.replace("’s ", "'s ").split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return None
    # "Junya Tanase of JPMorgan Chase bank": a personal name, then where the person works.
    for k, word in enumerate(words[:-1]):
        if (
            word in {"of", "from", "at"}
            and k >= 2
            and all(w[:1].isupper() for w in words[:k])
            and not any(w in _ORG_WORDS or w.lower() in TITLE_WORDS for w in words[:k])
        ):
            return Speaker(name=" ".join(words[:k]), description=" ".join(words[k:]))
    end = len(words)
    start = end
    while start > 0:
        word = words[start - 1]
        bare = word.strip(",.'‘’\"“”")
        connector = bare in _NAME_PARTICLES and start - 1 > 0 and words[start - 2][:1].isupper()
        if not connector and (
            not bare[:1].isupper()
            or bare.lower() in TITLE_WORDS
            or word.lower().strip(",") in TITLE_WORDS  # "Rep.", "Sen.", "Gen."
            or bare.endswith("'s")
        ):
            break
        start -= 1
    if start < end and words[end - 1].strip(",.") in _ORG_WORDS:
        # "the State Department", "the National Security Council": the capitalised title words
        # before an organisation's head word are part of its name.
        while start > 0 and words[start - 1][:1].isupper() and not _possessive(words[start - 1]):
            start -= 1
    if start == end:
        # No personal name: an organisation or group speaks ("Kremlin", "Armenian officials").
        return Speaker(name=" ".join(words).strip(",."), description=None)
    name = " ".join(words[start:end]).strip(",.")
    description = " ".join(words[:start]).strip(",. ") or None
    trailing = description.split()[-1].lower() if description else ""
    if description is not None and trailing in {"in", "of", "at", "from", "for", "on", "by"}:
        # "officials in Moscow": no title and no capitalised lead, so keep the phrase whole.
        return Speaker(name=" ".join(words).strip(",."), description=None)
    return Speaker(name=name, description=description)


# "Ahmed 'Mido' Hossam has ...": a nickname in quotes is part of the name.
_LEADING_CAPITALS = re.compile(r"^(?:['‘\"“]?[A-Z][\w'’.-]*\s+){2,7}")


def _introduced_person(text: str, context: _Context) -> Speaker | None:
    match = _LEADING_CAPITALS.match(text)
    if match and _opens_clause(text):
        return _introduced_after_opener(text, context)
    if not match or _title_case(text):
        return None
    speaker = split_title(match.group(0).strip())
    if speaker is None or len(speaker.name.split()) < 2:
        return None
    if speaker.description is None and not (
        _is_person(speaker)
        and any(context.names.mentions_alone(w) for w in _surname_or_nickname(speaker.name))
    ):
        # "Maurice Greene aims to ..." is a person when the story later calls him "Greene";
        # "Manchester United beat ..." names no one the story calls by one word.
        return None
    return _without_demonym(speaker, context)


def _title_case(text: str) -> bool:
    """A headline set in title case ("Hillary Clinton Says Trump Is Wrong") names no one by
    its leading capitals."""
    words = text.split()
    if len(words) < 4:
        return False
    lower = 0
    for word in words:
        first = word[:1]
        if first.islower():
            lower += 1
            if lower > 0.2 * len(words):
                return False  # prose: a second lower-case word comes within a few words
    alpha = sum(w[:1].isalpha() for w in words)
    return alpha >= 4 and alpha - lower >= 0.8 * alpha


def _surname_or_nickname(name: str) -> list[str]:
    """'Hossam' and 'Mido' for "Ahmed 'Mido' Hossam": what a story calls a person later."""
    words = name.split()
    quoted = [w.strip("'‘’\"“”") for w in words if w[:1] in "'‘\"“"]
    return [words[-1], *quoted]


def _is_person(speaker: Speaker) -> bool:
    words = [w.strip("'‘’\"“”") for w in speaker.name.split()]
    if any(w in _ORG_WORDS for w in words) or not all(w[:1].isupper() for w in words):
        return False
    if speaker.description and any(w in TITLE_WORDS for w in speaker.description.lower().split()):
        return True
    return 2 <= len(words) <= 4 and not any(_is_acronym(w) for w in words)


# "the American", "the Briton": a sports and news idiom for the person the story is about.
_NATIONALITY_NOUNS = _wordset(
    "American Briton Scot Englishman Welshman Irishman Frenchman Spaniard Dutchman Swede Dane "
    "German Italian Russian Australian Canadian Brazilian Argentine Argentinian Kenyan "
    "Ethiopian Jamaican Belgian Croat Serb Swiss Portuguese Japanese Chinese Nigerian "
    "Norwegian Finn Pole Czech Austrian Greek Mexican Chilean Colombian Indian Pakistani"
)
# Where a person is from, before the name: "Californian Thomas Slattery", "Irishmen JP
# McManus and John Magnier".
_DEMONYMS = (
    _NATIONALITY_NOUNS
    | frozenset(w + "s" for w in _NATIONALITY_NOUNS)
    | _wordset(
        "Englishmen Irishmen Scotsmen Welshmen Frenchmen Dutchmen Californian Texan Floridian "
        "British French Irish Scottish Scots Welsh English Dutch Spanish Danish Swedish Finnish "
        "Polish Turkish Israeli Iraqi Iranian Afghan Syrian Saudi Egyptian Palestinian Ukrainian "
        "Korean Vietnamese Thai Filipino Indonesian Malaysian Zimbabwean Ghanaian Ugandan "
        "Tanzanian Venezuelan Peruvian Cuban Hungarian Romanian Bulgarian Slovak Lebanese"
    )
)
_HONORIFIC_GENDER = {
    "mr": "he",
    "sir": "he",
    "lord": "he",
    "king": "he",
    "prince": "he",
    "mrs": "she",
    "ms": "she",
    "miss": "she",
    "lady": "she",
    "dame": "she",
    "queen": "she",
    "princess": "she",
}


def _honorific(person: Speaker) -> str:
    """'mr' for "Mr Blair" (description "Mr"), '' when the description gives none."""
    first = (person.description or "").split()[:1]
    return first[0].lower().rstrip(".") if first else ""


_SPOKES_GENDER = {"spokesman": "he", "spokeswoman": "she"}


def _gender(speaker: Speaker, *, default: str) -> str:
    """ "he" or "she" as the honorific ("Mr", "Ms") or the role ("spokeswoman") says, else
    ``default``."""
    gender = _HONORIFIC_GENDER.get(_honorific(speaker))
    if gender is None and speaker.description:
        gender = _SPOKES_GENDER.get(speaker.description.split()[-1].lower())
    return gender or default


def _remember(speaker: Speaker, context: _Context) -> None:
    context.known.setdefault(speaker.name, speaker)
    parts = speaker.name.split()
    person = _is_person(speaker) or speaker.name in context.names.people
    if person:
        context.spokes = None
    elif speaker.description and speaker.description.split()[-1] in _SPOKES:
        context.spokes = speaker
    if person:
        if len(parts) >= 2:
            context.known.setdefault(parts[-1], speaker)
        context.last_person = speaker
        if not context.people or context.people[-1] != speaker:
            context.people.append(speaker)
    elif all(w[:1].isupper() for w in parts) and not any(w.endswith(("'s", "’s")) for w in parts):
        context.last_group = speaker  # an organisation a later "it said" can mean
        context.last_plural = None
    if speaker_type(speaker.name, speaker.description) == "group":
        context.last_plural = speaker  # "analysts", "European leaders": a later "they"
    elif context.last_plural is not None and context.last_plural.name != speaker.name:
        context.last_plural = None  # someone else spoke since


def _work(word: str) -> str:
    word = word.lower()
    return _SAME_WORK.get(word, word)


def _notice_authors(text: str, context: _Context) -> None:
    """Remember who wrote or filed a work the article names: "journalist Robert Peston's new
    book", "Californian Thomas Slattery filed the suit" (the sentence's subject)."""
    if len(text) > _MAX_ATTRIBUTED_CHARS or (
        "'s " not in text and "’s " not in text and _AUTHORING.search(text) is None
    ):
        return
    for match in _POSSESSED_WORK.finditer(text):
        who: list[str] = []
        for word in reversed(text[: match.start()].split()[-4:]):
            if not word[:1].isupper() or word != word.rstrip(",;:"):
                break
            who.insert(0, word)
        while who and who[0] in _SENTENCE_OPENERS | {"The"}:
            who = who[1:]
        speaker = _resolve(" ".join(who), context) if who else None
        if speaker is not None:
            context.authors[_work(match.group("work"))] = speaker
    match = _AUTHORING.search(text)
    if match:
        subject = _leading_subject(text[: match.start()] + " x")
        speaker = _resolve(subject, context) if subject else None
        if speaker is not None and subject.lower() not in PRONOUNS | _GROUP_PRONOUNS:
            context.authors[_work(match.group("work"))] = speaker


# What an article calls the inquiry behind a report it cited: "according to a report from the
# inspector general ... The inquiry found ...".
_INQUIRIES = _wordset("inquiry review investigation audit probe")


# A campaign's commercials, and the words around "ad" that make it something else.
_ADS = _wordset("ad ads advert adverts commercial commercials")
_NOT_THE_AD = _wordset("buy buys buying spending spend tracker trackers time rates campaign")
_NARRATORS = _wordset("narrator announcer voiceover voice-over")


def _notice_ad(text: str, context: _Context) -> None:
    """Remember whose ad the story names ("his second ad", "Ann Reyes's new ad"), for the
    narrator who speaks in it. Word by word (linear)."""
    if " ad" not in text and " commercial" not in text:
        return  # most sentences: no scan
    words = text.split()
    for index, word in enumerate(words):
        if word.lower().strip(",.;:") not in _ADS or word != word.lower():
            continue
        following = words[index + 1].lower().strip(",.;:") if index + 1 < len(words) else ""
        if following in _NOT_THE_AD:
            continue  # "ad buy", "ad spending": money, not a commercial
        for back in range(index - 1, max(index - 4, -1), -1):
            lead = words[back]
            if lead.lower() in {"his", "her"} and context.last_person is not None:
                context.authors["ad"] = context.last_person
                return
            if _possessive(lead) and lead[:1].isupper():
                run = [lead[:-2]]
                for earlier in reversed(words[max(back - 3, 0) : back]):
                    if not earlier[:1].isupper() or earlier != earlier.rstrip(",;:"):
                        break
                    run.insert(0, earlier)
                owner = _resolve(" ".join(run), context)
                if owner is not None:
                    context.authors["ad"] = owner
                return


def _narrator(words: list[str], context: _Context) -> Speaker | None:
    """ "says a narrator" in a candidate's ad: the candidate's campaign speaks."""
    if not 1 <= len(words) <= 2 or words[-1].lower() not in _NARRATORS:
        return None
    owner = context.authors.get("ad")
    if owner is None or not _is_person(owner):
        return owner
    return Speaker(name=f"{owner.name}'s campaign", description=None)


def _author_of(words: list[str], context: _Context) -> Speaker | None:
    """Who wrote "the new book" or filed "the lawsuit", when the article said so; "the IG
    review" is the inspector general's when the acronym is the author's initials."""
    if len(words) < 2 or words[0].lower() != "the" or not context.authors:
        return None
    if not words[-1][:1].islower():
        return None
    acronyms = [w for w in words[1:-1] if not w[:1].islower()]
    if any(not _is_acronym(w) for w in acronyms):
        return None
    work = _work(words[-1])
    author = context.authors.get(work)
    if author is None and work in _INQUIRIES:
        author = context.authors.get("report")
    if author is not None and acronyms:
        initials = _initials(tuple(author.name.split())).upper()
        if not all(initials.endswith(w.replace(".", "")) for w in acronyms):
            return None
    return author


# Built once (speed only): _notice_subject made both anew on every call.
_NOT_A_SUBJECT_LEAD = (_DETERMINERS - {"the"}) | _NOT_A_SPEAKER
_ANY_PRONOUN = PRONOUNS | _GROUP_PRONOUNS


def _notice_subject(text: str, context: _Context) -> None:
    """An organisation that is a sentence's subject is who a later "it said" means."""
    subject = _leading_subject(text)
    if subject is None or subject.split()[0].lower() in _NOT_A_SUBJECT_LEAD:
        return
    if subject.lower() in _ANY_PRONOUN:
        return
    words = subject.split()
    if words[0].lower() == "the":
        words = words[1:]
    if (
        words
        and all(w[:1].isupper() for w in words)
        and not _is_person(Speaker(subject, None))
        and not any(w.endswith(("'s", "’s")) for w in words)  # "Sizzla's UK"
        and not (len(words) == 1 and (words[0].endswith("ing") or "-" in words[0]))
        # "Technology ...", "Slower ...": a capital that only opens sentences is no name.
        and not (len(words) == 1 and words[0] not in context.names.inside)
    ):
        name = " ".join(words)
        context.last_group = Speaker(name=context.names.fullest(name) or name, description=None)


# Heads of a speaker phrase that are an institution speaking, not its people.
_ORG_HEADS = _wordset(
    "government ministry department agency board committee council commission court union "
    "regulator watchdog police military army authority authorities office bank party "
    # A source that is no one ("official statistics", "a police report") stands for the body
    # behind it: schema.org has no better type than Organization for it.
    "statistics figures data report survey study"
)


def speaker_type(name: str, description: str | None = None) -> str:
    """A guess at what a speaker is, in schema.org's words: "person", "organization" or
    "group" (of people: "analysts", "residents"). The desk corrects it on the claimant."""
    words = [w.strip(".,'’") for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return "person"
    head = words[-1].lower()
    if any(w in _ORG_WORDS for w in words) or head in _ORG_HEADS:
        return "organization"
    # An acronym ("IMF", "CSTO", "NHS") names a body, not a person.
    if len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isupper():
        return "organization"
    # "analysts", "Kremlin officials": a plural common noun at the head names a group.
    if words[-1][:1].islower() and head in GROUP_NOUNS and head.endswith("s"):
        return "group"
    if (description or "").lower().strip() in _SPOKES:  # "a spokesman for Apple" is Apple
        return "organization"
    return "person"


# US news prose (issue 13: the PolNeAR publishers' set): transcripts, inverted cues, records.

# A transcript's speaker label: '"RAMOS: Senator, ...', 'MR. TRUMP: We will ...'.
_TRANSCRIPT_LABEL = re.compile(
    r"^[\"“]?(?P<who>(?:[A-Z][A-Z.'’-]{0,20}\s){0,2}[A-Z][A-Z'’-]{1,20})\s?:\s+(?P<content>\S.*)$",
    re.S,
)
# Labels that mark a part of a transcript spoken by no one in particular.
_NOT_TRANSCRIPT_SPEAKERS = frozenset(
    {w.upper() for w in _NOT_COLON_SPEAKERS}
    | _wordset("AUDIO CROSSTALK APPLAUSE LAUGHTER MUSIC UNIDENTIFIED UNKNOWN VOICE NARRATOR")
)


def _transcript_label(text: str) -> tuple[str | None, str] | None:
    """(speaker label or None, what follows) for a line of a transcript, 'CLINTON: I ...'.

    None for a sentence that is no labelled line; (None, content) for a label that names no
    speaker ('VIDEO: ...').
    """
    match = _TRANSCRIPT_LABEL.match(text)
    if not match:
        return None
    who, content = match.group("who"), match.group("content")
    if any(word.strip(".") in _NOT_TRANSCRIPT_SPEAKERS for word in who.split()):
        return None, content
    return who.title(), content


def _is_transcript(texts: Sequence[str]) -> bool:
    """Two or more lines with a speaker label make a transcript; one is a dateline or a
    heading ('WASHINGTON: ...')."""
    return sum(1 for text in texts if _TRANSCRIPT_LABEL.match(text)) >= 2


# Breitbart's inverted cue before a colon: 'Stated Stone:', 'Continued Mr. Jones: "..."'.
_INVERTED_CUE = re.compile(
    r"^(?P<cue>[A-Z][a-z]+)\s+(?P<who>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)$"
)


def _inverted_speaker(phrase: str) -> str | None:
    """'Stone' for 'Continued Stone' (a colon dropped after it), else None."""
    match = _INVERTED_CUE.match(phrase.strip())
    return match.group("who") if match and match.group("cue") in _INVERTED_CUE_WORDS else None


# What introduces a document's text, not a speaker's: 'Partial transcript as follows:'.
_TEXT_NOUNS = _wordset("transcript transcripts text excerpt excerpts statement remarks")


def _introduces_text(text: str, who: str) -> bool:
    """The words after the introducer ``who`` begin with a text noun: "Partial transcript"."""
    rest = text[len(who) :].split() if text.startswith(who) else []
    return bool(rest) and rest[0].lower().strip(",") in _TEXT_NOUNS


# A record of what was said ('according to a transcript of the show') is where the words are
# written down, not who said them.
_RECORD_NOUNS = _wordset(
    "transcript transcripts recording recordings video videos tape tapes footage audio clip "
    "clips excerpt excerpts readout copy"
)


def _is_record(who: str) -> bool:
    words = [w.lower() for w in who.split()[:4]]
    if words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return any(w in _RECORD_NOUNS for w in words[:2])


# Words that open a subordinate clause before its subject: "When Maddow asked ...".
_CLAUSE_OPENERS = frozenset(w.title() for w in _CLAUSE_WORDS | _SUBORDINATORS)


def _opens_clause(text: str) -> bool:
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return first.strip("'‘\"“") in _CLAUSE_OPENERS


# After "wrote" in a closing frame: nothing, a recipient, a day or where it was written.
_AFTER_WRITTEN_FRAME = _wordset(
    "in on to for at last this earlier later recently yesterday today monday tuesday wednesday "
    "thursday friday saturday sunday"
)


def _closing_written_frame(left: str, right: str) -> bool:
    """'Content, Song wrote.', 'Content, Kennedy wrote in a memo to Linick.': "wrote" in a
    frame after the content reports what was written, unlike "Adams wrote the screenplay"."""
    comma = left.rfind(",")
    if comma < 0:
        return False
    subject = left[comma + 1 :].strip(" \"”’'")
    content = left[:comma].strip(' "“”')
    after = right.strip(" .").split()
    return (
        1 <= len(subject.split()) <= 5
        and len(content.split()) >= 4
        and not _is_intro(left[: comma + 1])
        and _frame_words(right) <= 10
        and (not after or after[0].lower() in _AFTER_WRITTEN_FRAME or after[0][:1].isupper())
    )


def _before_closing_comma(prefix: str) -> str | None:
    """The content before a frame's comma: 'Content' for 'Content,' and 'It was "dead"' for
    'It was "dead,"' (American style puts the comma inside the closing quote); else None."""
    if prefix.endswith(","):
        return prefix[:-1]
    for mark in ('"', "”", "’", "''"):
        if prefix.endswith("," + mark):
            return prefix[: -len(mark) - 1] + mark
    return None


def _closing_quote_length(segment: str) -> int:
    """How many characters of ``segment`` (after a comma) are the quote mark that the comma
    sat inside: 1 for '" Jensen', 2 for "'' Jensen", 0 when it opens with no closing mark."""
    for mark in ("''", '"', "”", "’"):
        if segment.startswith(mark) and segment[len(mark) : len(mark) + 1].isspace():
            return len(mark)
    return 0


_DASHES = frozenset({"--", "—", "–"})


def _frame_words(right: str) -> int:
    """Words after a cue, a run of capitalised words counted as one: "in a memo to Port
    Authority Director Kim Lee" is a frame of five words, however long the name."""
    count, in_name = 0, False
    for word in right.split():
        if word in _DASHES:
            break  # "..., X reported on Tuesday -- a setback for ...": an aside on the whole
        capital = word[:1].isupper()
        count += not (capital and in_name)
        in_name = capital
    return count


def _previous_worded(results: Sequence[Attributed | None], i: int) -> Attributed | None:
    """The result before sentence ``i``, passing over sentences with no word at all (a lone
    '"…' that opens a paragraph continuing a quote)."""
    for j in range(i - 1, max(i - 3, -1), -1):
        previous = results[j]
        if previous is None or any(c.isalnum() for c in previous.sentence.text):
            return previous
    return None


# Works a story cites by "according to" and then lets speak: "according to a Times/Siena
# survey released Monday" ... "the poll found".
_CITED_WORKS = _wordset("report survey poll study memo letter review audit analysis")
_POLLS = _wordset("poll survey")
# "a memo released Friday by the agency's watchdog": the participle that tells when and how
# the work came out, then (maybe) who made it.
_RELEASED = re.compile(
    r"\b(?:released|issued|published|obtained|sent|dated|due|made\spublic|expected)\b"
)
# "... by the agency's watchdog", "... at the National Archives": who made or holds the work.
_BY_TAIL = re.compile(r"\b(?:by\s|(?:at|from)\s(?=(?:the\s)?[A-Z]))(?P<by>[^,;:]{2,80})$")


def _source_phrase(phrase: str) -> str:
    """The source in a cited work's phrase without when it came out: "a report from the city
    controller" for "... to be released Friday"; "the agency's watchdog" for "a memo released
    Friday by the agency's watchdog"."""
    match = _RELEASED.search(phrase)
    if match is None:
        return phrase
    head = phrase[: match.start()].rstrip()
    for filler in (" to be", " also", " first"):  # "a report to be released Friday"
        head = head.removesuffix(filler)
    if not any(w.lower() in _CITED_WORKS | _DOCUMENT_NOUNS for w in head.split()[:8]):
        return phrase
    by = _BY_TAIL.search(phrase[match.end() :])
    return by.group("by") if by else head


_CITED = re.compile(
    r"\baccording to (?P<who>(?:an?|the) [^,.;:]{2,120}?)(?=[,.;:]|$)", re.IGNORECASE
)


def _notice_cited_work(text: str, context: _Context) -> None:
    """Remember who or what stands behind a work the story cites, for "the report says"."""
    if "according to" not in text.lower():
        return
    for match in _CITED.finditer(text):
        phrase = match.group("who")
        words = phrase.split()
        works = [i for i, w in enumerate(words[:8]) if w.lower() in _CITED_WORKS]
        if not works:
            continue
        speaker = _resolve(phrase, _Context(names=context.names))
        if speaker is None or speaker.name.lower() in _CITED_WORKS:
            continue
        work = words[works[0]].lower()
        for key in _POLLS if work in _POLLS else {work}:
            context.authors[_work(key)] = speaker


_SURNAME_LEAD = re.compile(r"^[A-Z][\w'’.-]*\s+[a-z]")


def _introduced_after_opener(text: str, context: _Context) -> Speaker | None:
    """The person a sentence opens with after "But"/"And" ("But Hantuchova said ..."). After a
    subordinator only a full name introduces someone ("When Joy Rainey began ..."): "When
    Maddow asked ..." is a clause about someone already named, not the sentence's subject."""
    opener = DISCOURSE_OPENER.match(text)
    if opener is None:
        rest = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
        return None if _opens_clause(rest) else _introduced_person(rest, context)
    rest = text[opener.end() :]
    if _opens_clause(rest):
        return None
    found = _introduced_person(rest, context)
    if found is not None or not _SURNAME_LEAD.match(rest):
        return found
    surname = rest.split()[0]
    if not context.names.mentions_alone(surname):
        return None
    full = _fullest(Speaker(surname, None), context)
    return full if " " in full.name and _is_person(full) else None


def _opens_running_quote(text: str, state: _QuoteState) -> bool:
    """A frame opens a quote that runs on into the next sentence: however short its part
    here ('Issa continued, “Yes.'), it is the start of a long quote, not a scare quote. (A bare
    '"It's not good.' waits for the frame that closes the quote.)"""
    if state.starts_inside or not state.ends_inside or not state.spans:
        return False
    return len(text) - state.spans[-1][1] <= 1 and not _is_bare(_frame(text, state.spans))
