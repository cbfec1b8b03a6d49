"""From attributed sentences to candidate statements: phrasing, splitting, filtering, kind."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from claims.extraction.attribution import DISCOURSE_OPENER as _DISCOURSE_OPENER
from claims.extraction.attribution import Attributed
from claims.extraction.kinds import classify
from claims.extraction.prefilter import literal_prefiltered
from claims.extraction.records import ClaimKind

_EDGE_QUOTES = "\"'“”‘’„«» "

# Coordinators that may join two stand-alone clauses.
_COMPOUND = re.compile(
    r"(?:,\s{1,3}(?:but|and|while|whereas|yet)\s{1,3}|;\s{1,3}(?:and\s{1,3}|but\s{1,3})?"
    r"|\s(?:and|but|while|whereas)\s)"
)
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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Statement:
    """A candidate before scoring: the stand-alone text and where it came from."""

    text: str
    source: Attributed
    kind: ClaimKind
    # What the reader gets when it differs from the text that is scored: a person's framed
    # quote in the third person ('Greg Rusedski said: "I agree."' -> "Greg Rusedski agrees.").
    reader: str | None = None


def statements_from(
    attributed: Attributed,
    *,
    published: date | None = None,
    names: ArticleNames | None = None,
) -> list[Statement]:
    """Zero or more stand-alone statements for one attributed sentence.

    ``published`` (the article's date) resolves relative dates; without it they stay as written.
    ``names`` (``article_names`` of the whole article) gives "Mr Camus" his full name.
    """
    content = attributed.content.strip()
    if attributed.speaker is not None and not attributed.is_quote and _no_clause(content):
        # "The IMF forecast growth of 3%", "the legal action claimed its most high-profile
        # victim": what follows the cue is no clause, so the frame is part of the claim.
        content = _DISCOURSE_OPENER.sub("", attributed.sentence.text).strip()
        attributed = replace(attributed, content=content)
    if attributed.is_quote and attributed.speaker is not None:
        clause = reported_clause(attributed.sentence.text, content)
        if clause is not None:
            # A quoted fragment ('said the economy had "slowed in recent months"') is checked
            # in the clause that holds it, as reported words.
            attributed = replace(attributed, content=clause, is_quote=False)
            content = clause
    # A direct quote is checked as said: splitting it would put words in the speaker's mouth.
    if attributed.is_quote:
        parts = [content]
    else:
        parts = [
            half
            for clause in split_concession(content)
            for piece in split_compound(clause)
            for half in split_shared_subject(piece)
        ]
    statements = []
    for index, part in enumerate(parts):
        if part.rstrip(' "”').endswith(":"):
            continue  # an introducer such as "... reviews tense relations as follows:"
        phrased = phrase_statement(part)
        leads = [phrased]
        own_voice = attributed.speaker is None and not attributed.is_quote
        referent = attributed.referent
        # A person the attribution holds in mind is never what "It"/"Its" stands for.
        impersonal = phrased.startswith(("It ", "Its ")) and (
            referent is not None and _is_person_name(referent.name)
        )
        if names is not None and own_voice and index == 0 and (referent is None or impersonal):
            leads = names.resolve_lead(attributed.sentence.text, phrased)
        if attributed.is_quote:
            pieces = [(lead, attributed) for lead in leads]
        else:
            # A side fact on a name inside reported words ("Stamp said that Adams, who died in
            # 2001, would have been delighted") is the article's background, not the speaker's.
            background = attributed
            if attributed.speaker is not None:
                background = replace(
                    attributed, speaker=None, stance=None, referent=attributed.speaker
                )
            pieces = [
                (piece, attributed if position == 0 else background)
                for lead in leads
                for position, piece in enumerate(decompose(lead))
            ]
        for text, source in pieces:
            if names is not None:
                text = names.expand(text)
            statement = _statement(text, index, source, published, names)
            if statement is not None:
                statements.append(statement)
    speaker = attributed.speaker
    if speaker is not None and names is not None and speaker.name in names.people:
        age = _SPEAKER_AGE.search(attributed.sentence.text)
        if age is not None:
            # '"...," added the 30-year-old.': the speaker's age is the article's own statement.
            text = f"{speaker.name} is {age.group('age') or age.group('age2')} years old."
            own_voice = replace(attributed, speaker=None, is_quote=False, stance=None)
            statements.append(Statement(text=text, source=own_voice, kind=classify(text)))
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
        statements.extend(statements_from(own, published=published, names=names))
    return statements


# Saying verbs after which the reported clause starts; a polarity verb keeps its frame instead.
_CLAUSE_CUE = re.compile(
    r"\b(?:said|says|say|told [A-Z][\w.'’ -]{0,40}?|tells [A-Z][\w.'’ -]{0,40}?|told (?:the |a )?"
    r"[a-z]+|added|adds|admitted|admits|insisted|insists|argued|argues|warned|warns|claimed|"
    r"claims|explained|explains|believes|believed|signals|signalled|thinks|thought|stated|"
    r"states|confirmed|confirms|predicted|predicts|noted|notes)(?: that)?,? ",
)
_POLARITY_CUE = re.compile(
    r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|refus(?:es|ed)|disput(?:es|ed)|"
    r"doubt(?:s|ed)?|question(?:s|ed)|called|calls|branded|brands|described|describes|"
    r"characterised|labelled|accused|accuses|criticised|attacked|blamed|blames)\b",
    re.IGNORECASE,
)
# A frame after the quote: '..." for years", he told the conference.' (no quote after it: the
# caller checks, so that no try scans to the end of the sentence).
_TRAILING_SAYING = re.compile(
    r"[,”\"]{1,3} (?:he|she|they|it|[A-Z][\w'’-]{0,30}(?: [A-Z][\w'’-]{0,30}){0,3}) "
    r"(?:said|says|told|added|adds|explained|insisted)\b"
)


_TIME_LEADS = _words("in on at last this earlier yesterday today later during after before")
_PERSONAL_LEADS = _words("he she his her him they their them it its")


def reported_clause(sentence: str, fragment: str) -> str | None:
    """The clause of ``sentence`` that holds a quoted ``fragment`` which is no sentence of its own
    (it opens in lower case: 'the economy had "slowed in recent months"'), or None when the
    fragment is a sentence or the clause cannot be told. After a neutral saying verb the
    clause is what follows it; with no saying verb before the quote it is the sentence without
    a trailing frame ("..., he told the conference"). A frame that carries polarity or judges
    ("denied", "called it", "branded") is kept: the whole sentence is the statement."""
    fragment = fragment.strip().strip(_EDGE_QUOTES)
    if not fragment[:1].islower() or _FIRST_PERSON_WORD.search(fragment):
        return None  # a sentence of its own, or the speaker's "my client": the frame stays
    at = sentence.find(fragment)
    if at <= 1 or sentence[at - 1] not in "\"“‘'":
        return None
    before = sentence[: at - 1]
    if _POLARITY_CUE.search(before):
        return _DISCOURSE_OPENER.sub("", sentence).strip()
    cues = list(_CLAUSE_CUE.finditer(before))
    if cues:
        clause = sentence[cues[-1].end() :].strip()
        # "said in November that ...", "admitted on Saturday that ...": the clause is after it.
        words = clause.split(" ")
        if words[0] in _TIME_LEADS and "that" in words[1:6]:
            clause = " ".join(words[words.index("that", 1) + 1 :])
        if clause[:1] in "\"“‘'" or clause.split(" ", 1)[0].lower() in _PERSONAL_LEADS:
            # The quote is the whole clause; "she said his return ...": "his" is not hers.
            return None
        return clause
    trailing = _TRAILING_SAYING.search(sentence, at + len(fragment))
    if trailing is None or any(mark in sentence[trailing.end() :] for mark in '"“”'):
        return None
    body = sentence[: trailing.start() + 1].rstrip(",")
    return _DISCOURSE_OPENER.sub("", body).strip()


# The speaker described by age in the frame: "added the 30-year-old", "The 21-year-old told".
_SPEAKER_AGE = re.compile(
    r"\b(?:said|added|says|adds|told|admitted|insisted|explained|revealed) the "
    r"(?P<age>\d{2,3})-year-old\b|^The (?P<age2>\d{2,3})-year-old (?:[a-z]+ )?(?:told|said|"
    r"added|admitted|insisted|explained|revealed|says)\b"
)


_POSSESSIVE_LEADS = _words("its his her their our my")


def _no_clause(content: str) -> bool:
    """Reported words that are a noun phrase with no verb ("its most high-profile victim."):
    not a clause. Only a possessive lead is taken for one ("the economy grew" is a clause that
    the verb list may not know)."""
    words = content.split()
    return (
        0 < len(words) <= 12
        and words[0].lower() in _POSSESSIVE_LEADS
        and _FINITE_VERB.search(content) is None
    )


def _statement(
    text: str,
    index: int,
    attributed: Attributed,
    published: date | None,
    names: ArticleNames | None = None,
) -> Statement | None:
    if not is_checkable(text):
        return None
    referent = attributed.speaker if attributed.speaker is not None else attributed.referent
    if index == 0 or attributed.speaker is not None:
        text = resolve_reference(text, referent, is_quote=attributed.is_quote)
    if not attributed.is_quote:
        text = resolve_expletive(text)
    author = None if names is None else names.author
    if author is not None and attributed.speaker is None and not attributed.is_quote:
        # An op-ed's "I" is its author: "I won the race" -> "Rick Scott won the race".
        text = in_authors_voice(text, author, "wrote") or text
    if published is not None:
        text = resolve_dates(text, published)
    # A statement someone made, verbatim or reported, is a quote (the README's taxonomy).
    kind = ClaimKind.QUOTE if attributed.speaker is not None else classify(text)
    reader = None
    if attributed.is_quote and attributed.speaker is not None and names is not None:
        reader = in_third_person(text, attributed.speaker.name, names)
    return Statement(text=text, source=attributed, kind=kind, reader=reader)


# "It is likely that the two firms will compete": the "it" stands for the clause, whose subject
# can open the statement with the hedge beside its modal ("The two firms will likely compete").
_EXPLETIVE_HEDGE = re.compile(
    r"^It is (?P<hedge>likely|unlikely|probable|almost certain) that "
    r"(?P<subject>[^,;:()\"“”]{2,80}?) (?P<modal>will|would) (?P<rest>\S.*)$",
    re.S,
)
_HEDGE_ADVERB = {
    "likely": "likely",
    "unlikely": "probably not",
    "probable": "probably",
    "almost certain": "almost certainly",
}
# Verbs that would make the words before "will" a clause of their own ("the firm says it").
_CLAUSE_IN_SUBJECT = re.compile(
    r"\b(?:says?|said|thinks?|thought|believes?|believed|expects?|expected|hopes?|hoped|"
    r"claims?|claimed|is|are|was|were|has|have|had|do|does|did|will|would|can|could|may|might|"
    r"that|which|who|if|when|because)\b",
    re.IGNORECASE,
)


def resolve_expletive(text: str) -> str:
    """ "It is likely that the two firms will compete ..." -> "The two firms will likely compete
    ...": the subject of the clause opens the statement and the hedge stays with its modal.
    Only for a plain noun phrase before "will"/"would"; anything else keeps its words."""
    match = _EXPLETIVE_HEDGE.match(text) if text.startswith("It is ") else None
    if match is None:
        return text
    subject = match.group("subject")
    first = subject.split(maxsplit=1)[0]
    if first.lower() in _BACK_REFERENCE or first.lower() == "there" or len(subject.split()) > 8:
        return text  # "it is likely that they will": the subject would not stand alone
    if _CLAUSE_IN_SUBJECT.search(subject):
        return text  # "that the firm says it will": the hedge's scope would change
    hedge = _HEDGE_ADVERB[match.group("hedge")]
    return f"{subject[0].upper()}{subject[1:]} {match.group('modal')} {hedge} {match.group('rest')}"


def in_third_person(text: str, speaker: str, names: ArticleNames) -> str | None:
    """A person's framed quote ('Greg Rusedski said: "I agree with Greg."') in the third person
    ("Greg Rusedski agrees with Greg."), or None. Only for someone the article shows to be a
    person (named in full, then by surname or title: "Star Wars" or "Da Vinci Code" is no one
    to say "I"), and only where the result opens with something other than a back-reference
    ('It was my mistake' keeps its frame to say whose words they are)."""
    framed = f'{speaker} said: "'
    if not (text.startswith(framed) and text.endswith('"')) or speaker not in names.people:
        return None
    rewritten = speaker_in_third_person(text[len(framed) : -1], speaker)
    opener = re.match(r"[A-Za-z]+", rewritten or "")
    if rewritten is None or (opener and opener.group(0).lower() in _BACK_REFERENCE):
        return None
    return rewritten


# A person's full name is two or three capitalised words; these make a run a place, a body or
# a title instead ("South Africa", "Kaiser Chiefs", "Old Trafford", "Bank of England").
_NOT_PERSON_WORDS = _words(
    "North South East West New Old United Great Upper Lower Central St Saint Royal National "
    "International European American British Bank Group Party Union Council Commission Office "
    "Street Road Square University College School Court Cup League Club City Association "
    "Ministry Department Corporation Company Holdings Financial Securities Times News Post "
    "Awards Festival Hall Prize Fund Trust Airlines Motors Records Music Chiefs Sisters "
    "Brothers Stadium Park Centre Center Institute Agency Service Services Board Committee "
    "Parliament Assembly Senate House Congress Government Police Army Navy Games Championship "
    "Championships Open Series Tour Day Week Year Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October "
    "November December The A An In On At For By Of And Mr Mrs Ms Miss Dr Sir Lord Lady"
)
_CAPITALISED_RUN = re.compile(
    r"(?<![\w&'’.-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: (?:[A-Z]\. )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)+"
    r"(?![\w&'’-])"
)
# A surname on its own ("said Greene", "Mr Greene's"): no capitalised word either side but a
# title ("Mr Greene" counts, "Maurice Greene" does not).
# "he", "she" soon after a full name: a person, not a newspaper ("Bisnis Indonesia") or a brand.
_PERSONAL_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)\b")
# A person's surname next to a saying verb: "said Greene", "Greene said", "Greene's comments".
_SAYS_AROUND = re.compile(r"\b(?:said|says|told|added|admitted|insisted|explained|argued|warned)\b")
_TITLED_PREFIXES = ("Mr ", "Mrs ", "Ms ", "Miss ", "Dr ", "Mr. ", "Mrs. ", "Ms. ", "Dr. ")
_SURNAME_ALONE = re.compile(
    r"(?:(?<![A-Za-z&'’.-])(?<![A-Z][\w'’.-] )"
    r"(?<![A-Z][\w'’.-]{2} )(?<![A-Z][\w'’.-]{3} )(?<![A-Z][\w'’.-]{4} )(?<![A-Z][\w'’.-]{5} )"
    r"(?<![A-Z][\w'’.-]{6} )(?<![A-Z][\w'’.-]{7} )(?<![A-Z][\w'’.-]{8} )(?<![A-Z][\w'’.-]{9} ))"
    r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w&-]| [A-Z])"
)
_TITLES = _words("Mr Mrs Ms Miss Dr Sir Lord Lady Professor President Prime Minister")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?! [A-Z][a-z])")


# A sentence whose subject is a name: "The MPAA said ...", "Sony (SNE), the electronics
# group, has ...", "Philippe Camus will ...".
# An opening phrase before it ("As well as filing suits in the US, the MPAA said ...") is no
# subject: it starts with a preposition or a subordinator and ends at its comma.
_NAMED_SUBJECT = re.compile(
    r"^(?:(?:But|And|However|Meanwhile|Now|Last year|This year|Earlier),? |"
    r"(?P<opening>(?:As|In|On|At|After|Before|Despite|Since|While|Although|Though|With|"
    r"Following|Under|During|Unlike|Besides|Having) [^,;:\"“”]{2,80}, ))?"
    r"(?P<name>(?:The |(?<=, )the )?[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|of|for|&)){0,5}"
    r"(?<![.,]))"
    r"(?: \([A-Z]{2,6}\))?(?:, [^,;\"“”]{3,80},)? (?:\w+ly |also |now |still |then |has |have )?"
    r"(?:is|are|was|were|has|had|have|will|would|said|says|say|plans?|wants?|aims?|\w{3,}ed|"
    r"ran|won|lost|made|took|gave|began|sold|bought|became|grew|fell|rose|led|paid|held)\b"
)
# A sentence whose subject is "The" and one singular common noun: "The deficit last year was
# equal to 2.5% of GDP", "The report has found ...". "It" + an agent's verb after it can be that
# noun ("It is expected to rise" -> "The deficit is expected to rise").
_COMMON_SUBJECT = re.compile(
    r"^(?:(?:But|And|However|Moreover|Meanwhile),? )?(?P<name>The [a-z]{3,20}(?<![^siu]s))"
    r"(?: (?:last|this|next) (?:year|month|week))? (?:\w+ly |also |now |still )?"
    r"(?:is|was|has|had|will|would|\w{3,}ed)\b"
)
# A plural noun after a plural subject ("Prosecutors said the sentences ..."): something else
# "they" could be. Words ending in -ss, -us, -is, -as are not plurals; a verb in -s also counts,
# which only makes the rule keep more words.
_PLURAL_RIVAL = re.compile(r"\b[a-z]{2,20}[^aiu s'’]s\b")
# Something else "it" could be, after the subject of the sentence that names it or in a
# sentence between: a capitalised name ("unveiled the PSP", not "TV programmes": a name before a
# plural noun is its modifier), or a singular noun phrase ("the report", "a new console").
_COMPETING = re.compile(
    r"(?<=[\s(])(?!(?:I|TV|GMT|BST|UK|US|EU)\b)[A-Z][\w&'’.-]*(?! [a-z][\w'’-]*s\b)"
    r"|\b(?:the|a|an) (?![a-z][\w'’-]*s\b)[a-z]"
)
# A sentence between whose subject is plural ("Hollywood studios are clamping down on ..."):
# "it" after it cannot be that subject.
_PLURAL_SUBJECT = re.compile(
    r"^(?:(?:But|And|However|Meanwhile),? )?(?:[A-Z][\w'’-]* )?(?:[a-z][\w'’-]* ){0,2}"
    r"[a-z]{2,}s (?:\w+ly )?(?:are|were|have|had|say|said)\b"
)
# A sentence that goes on about the same subject without naming it.
_CARRIES_SUBJECT = re.compile(
    r"^(?:(?:But|And|However|Meanwhile|Now),? )?(?:[Ii]ts?|[Tt]hey|[Tt]heir|[Tt]he "
    r"(?:firm|company|group|bank|band|club|team|agency|organisation|organization|association))\b"
)
# Bodies, not places or titles: "Bank", "Group", "Party" keep a run a name of an organisation.
_ORG_HEADS = _words(
    "Bank Group Party Union Council Commission Office University College Club Association "
    "Ministry Department Corporation Company Holdings Financial Securities Times News Post "
    "Fund Trust Airlines Motors Records Chiefs Sisters Brothers Institute Agency Board "
    "Committee Parliament Assembly Senate Congress Government Police Army Navy Service Services"
)
_PLACE_WORDS = _NOT_PERSON_WORDS - _ORG_HEADS
_GROUP_LEAD = re.compile(
    r"^(?:(?P<lead>It|Its|They|Their)|The (?:firm|company|group|bank|band|club|team|agency|"
    r"organisation|organization|association))(?P<rest> .*)$",
    re.S,
)
# "It" as an actor: a verb only a body that acts does ("It has filed", "It is now targeting",
# "It aims"). Not "It is", "It was", "It has been", nor a verb a thing it made can take ("Sony
# unveiled the PSP. It costs £99": the PSP, not Sony).
_AGENT_STEM = (
    r"(?:sa(?:id|ys|y)|add(?:s|ed)|announc(?:es|ed|ing)|report(?:s|ed|ing)|plan(?:s|ned|ning)?|"
    r"aim(?:s|ed|ing)?|want(?:s|ed)?|hop(?:es|ed|ing)|expect(?:s|ed|ing)|fil(?:es|ed|ing)|"
    r"su(?:es|ed|ing)|hir(?:es|ed|ing)|employ(?:s|ed)|agre(?:es|ed)|warn(?:s|ed|ing)|"
    r"den(?:ies|ied)|claim(?:s|ed|ing)|argu(?:es|ed|ing)|insist(?:s|ed)|confirm(?:s|ed)|"
    r"admit(?:s|ted)|refus(?:es|ed|ing)|target(?:s|ed|ing)|seek(?:s|ing)|sought|"
    r"consider(?:s|ed|ing)|investigat(?:es|ed|ing)|decid(?:es|ed)|call(?:s|ed|ing)|"
    r"ask(?:s|ed|ing)|urg(?:es|ed|ing)|intend(?:s|ed)|promis(?:es|ed)|vow(?:s|ed)|pledg(?:es|ed)|"
    r"negotiat(?:es|ed|ing)|lobb(?:ies|ied|ying)|appeal(?:s|ed|ing)|welcom(?:es|ed)|"
    r"criticis(?:es|ed)|accus(?:es|ed)|cit(?:es|ed|ing))"
)
_AGENT_VERB = re.compile(
    r" (?:(?:also|now|then|later|still|already|recently|currently|has|had|have|is|are|was|were"
    rf"|will|would) ){{0,2}}{_AGENT_STEM}\b"
)
_AGE_LEAD = re.compile(
    r"^The (?P<description>(?P<age>\d{1,3})-year-old(?P<noun> [a-z][\w-]*|"
    r" [A-Z][a-z]+er)?)(?P<rest> (?:[a-z]+ )?(?:is|was|has|had|will|would|\w+ed|\w{3,}s|told|said|"
    r"made|won|lost|took|left|came|went)\b.*)$",
    re.S,
)


# Capitalised roles that come before a person's name ("Home Secretary Charles Clarke").
_ROLE_WORDS = _words(
    "Chancellor Secretary Minister President Premier Governor Senator Judge Justice Coach "
    "Manager Boss Chairman Chairwoman Chief Director Captain Skipper Striker Midfielder Defender "
    "Goalkeeper Keeper Winger Prop Lock Hooker Referee Sprinter Actor Actress Singer Rapper "
    "Star Comedian Writer Author Novelist Producer Presenter Broadcaster Designer Economist "
    "Analyst Spokesman Spokeswoman Treasurer Speaker Dame Deputy Former Shadow Foreign Home "
    "Health Education Defence Culture Industry Trade Treasury Finance Pensions Environment "
    "Schools Transport Tory Labour Conservative Liberal Democrat Republican Senior Veteran "
    "Commissioner Ambassador Inspector Detective Sergeant Officer General Colonel Admiral "
    "Cardinal Bishop Archbishop Rev Reverend Pope King Queen Prince Princess Duke Duchess Earl "
    "Sprinter Athlete Runner Player Champion Boxer Golfer Cyclist Swimmer Jockey Trainer "
    "Founder Co-founder Songwriter Composer Musician Guitarist Drummer Director Wing Flanker "
    "Fly-half Scrum-half Full-back Forward Centre-back Full-back Skipper Owner Investor "
    "Baroness Baron Lord Lady Sir Professor Prof Dr Mr Mrs Ms Miss"
)
_DEMONYM_ENDINGS = ("ian", "can", "man", "ese", "ish", "ard", "ean", "ite", "ton", "ede")


def _is_role(word: str) -> bool:
    """A role, several of them or an origin: "Judge", "Judges", "Vice-President", "Dutchman"."""
    last = word.rsplit("-", 1)[-1]
    return (
        word in _ROLE_WORDS
        or last in _ROLE_WORDS
        or word.removesuffix("s") in _ROLE_WORDS
        or word.endswith(_DEMONYM_ENDINGS)
    )


@dataclass(frozen=True, slots=True)
class Antecedent:
    """The named subject of an earlier sentence, as a back-reference may take it."""

    name: str
    person: bool
    # Nothing else after the name in its sentence, or in a sentence skipped since, that "it"
    # could be: "Apple launched the iPod" is not clean ("it" may be the iPod).
    clean: bool = False
    # The article calls it "its" in the same sentence ("The Two Ronnies ... at its peak"): one
    # body, whatever its name ends with.
    singular: bool = False
    # A plural name with no other plural noun after it in its sentence ("EU member states are
    # concerned about Merkel's deal"): "They" in the next sentence can only be the name.
    lone_plural: bool = False


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """Full person names of one article by surname, where the surname picks out one name."""

    by_surname: dict[str, str]
    # Full names the article also gives by surname alone or with a title: people for certain.
    people: frozenset[str] = frozenset()
    # Surname -> full name of the people the article names by surname alone, where it never
    # uses the surname as a place ("in Washington").
    surnames: dict[str, str] = field(default_factory=dict)
    # Sentence -> the named subject of the sentence before it that a back-reference can be.
    subject_before: dict[str, Antecedent] = field(default_factory=dict)
    # Who writes the article's own first person: an op-ed's author, named in the bio line it
    # closes with ("Rick Scott is the Republican governor of Florida."), where the piece says
    # "I"/"We" in its own voice at least three times; None for any other article.
    author: str | None = None

    def resolve_lead(self, sentence: str, statement: str) -> list[str]:
        """A statement in the article's own voice that opens with "It", "They", "The firm" or
        "The 25-year-old", where the sentence before had a named subject this can only be:
        "It has filed 100 lawsuits" (after "The MPAA said ...") -> "The MPAA has filed 100
        lawsuits"; an age becomes a side fact of its own. Anything else keeps its words."""
        before = self.subject_before.get(sentence)
        if before is None:
            return [statement]
        name, person = before.name, before.person
        if person:
            if name not in self.people:
                return [statement]
            match = _AGE_LEAD.match(statement)
            if match is None:
                return [statement]
            description, rest = match.group("description"), match.group("rest")
            age = f"{match.group('age')} years old" if not match.group("noun") else None
            side = f"{name} is {age or 'a ' + description}."
            return [f"{name}{rest}", side]
        match = _GROUP_LEAD.match(statement)
        if match is None:
            return [statement]
        lead, rest = match.group("lead"), match.group("rest")
        plural = name.endswith("s") and not name.endswith(("ss", "us")) and not before.singular
        if lead == "Its" and before.clean and not plural:
            # "Its stars will return": a possessive is never empty, and nothing else was named.
            owner = f"{name}'" if name.endswith("s") else f"{name}'s"
            return [f"{owner}{rest}"]
        if lead in {"It", "Its"} and (plural or not _AGENT_VERB.match(rest)):
            return [statement]  # "It was a strange week": not the company
        if lead in {"They", "Their"} and not (
            plural and (before.lone_plural or _AGENT_VERB.match(rest))
        ):
            return [statement]
        if lead in {"Its", "Their"}:
            return [f"{name}'s{rest}"]
        return [f"{name}{rest}"]

    def expand(self, statement: str) -> str:
        """ "Mr Camus said ..." -> "Philippe Camus said ..." when the article names one Camus;
        a title with a surname the article gives no full name for, or two, stays as written."""
        if self.by_surname and ("Mr" in statement or "Ms" in statement or "Dr" in statement):
            statement = _TITLED.sub(
                lambda m: self.by_surname.get(m.group(1), m.group(0)), statement
            )
        for surname, full in self.surnames.items():
            if surname in statement:
                statement = _expand_surname(statement, surname, full)
        return statement


def article_names(sentences: Iterable[str], *, author: str | None = None) -> ArticleNames:
    """The ``ArticleNames`` of an article's sentences, in order: each "Firstname Surname" it
    mentions, and each sentence's named subject for the sentence after it. ``author`` is the
    name in an op-ed's closing bio line (``noise.remove_noise`` cuts it out of the text)."""
    texts = list(sentences)
    own_voice = 0 if author is None else sum(bool(_OWN_FIRST_PERSON.match(t)) for t in texts)
    joined = "\n".join(texts)
    found: dict[str, set[str]] = {}
    for match in _CAPITALISED_RUN.finditer(joined):
        words = match.group(0).split()
        first = match.start() == 0 or joined[match.start() - 1] == "\n"
        opener = words[0] in _NOT_A_NAME or words[0] in _SENTENCE_OPENERS
        role = _is_role(words[0])
        if first and (opener or (len(words) == 3 and not words[1].endswith(".") and role)):
            words = words[1:]  # "Yesterday Gordon Brown", "But Wal-Mart": the sentence's opener
        while words and words[0] in _TITLES:
            words = words[1:]
        # "Chancellor Gordon Brown", "Foreign Secretary Jack Straw", "Dutchman Jaap Stam": a
        # role or an origin before a full name.
        while len(words) > 2 and (
            words[0] in _ROLE_WORDS or (len(words) == 3 and _is_role(words[0]))
        ):
            words = words[1:]
        if len(words) == 3 and not words[1].endswith("."):
            continue
        if len(words) not in (2, 3) or any(w in _NOT_PERSON_WORDS for w in words):
            continue
        found.setdefault(words[-1], set()).add(" ".join(words))
    by_surname = {surname: next(iter(full)) for surname, full in found.items() if len(full) == 1}
    people = set(by_surname.values())
    subject_before: dict[str, Antecedent] = {}
    previous: Antecedent | None = None
    skipped = False
    for text in texts:
        if previous is not None:
            subject_before.setdefault(text, previous)
        match = _NAMED_SUBJECT.match(text)
        if match is not None and match.group("name").split()[0] not in _NOT_A_NAME:
            name = match.group("name")
            name = f"T{name[1:]}" if name.startswith("the ") else name
            person = name in people  # by_surname's full names; certain ones are checked later
            after = text[match.end("name") :]
            previous = Antecedent(name, True) if person else None
            words = set(name.split()) - {"The"}
            if not person and not words & _PLACE_WORDS:
                previous = Antecedent(
                    name,
                    False,
                    clean=_COMPETING.search(after) is None,
                    singular=" its " in after,
                    lone_plural=_PLURAL_RIVAL.search(after) is None,
                )
            pinned = person or name.startswith("The ")  # "The Two Ronnies" is no one's name
            if not pinned and len(name.split()) in (2, 3) and name.split()[-1] in by_surname:
                previous = None  # a person the index could not pin down
            skipped = False
        elif previous is not None and _CARRIES_SUBJECT.match(text):
            pass  # "It also ...", "The firm ...": the same subject goes on
        elif previous is None and (common := _COMMON_SUBJECT.match(text)) is not None:
            # "The deficit was ...": a thing, never plural, and never a person; right after
            # another named subject, "it" could be either, so neither is taken.
            after = text[common.end("name") :]
            previous = Antecedent(
                common.group("name"), False, clean=_COMPETING.search(after) is None, singular=True
            )
            skipped = False
        elif (
            previous is not None
            and not skipped
            and previous.clean
            and not previous.person
            and _PLURAL_SUBJECT.match(text)
            and _COMPETING.search(text, text.find(" ")) is None
        ):
            # "The MPAA said ... . Hollywood studios are clamping down on file-sharers. But it
            # is now ...": one sentence whose subject is plural, with nothing singular in it,
            # cannot be what "it" is; the body named before still is.
            skipped = True
        else:
            previous = None  # another subject: "It" in the next sentence could be anything
    # Evidence that a surname is a person's: a title ("Mr Camus") settles it; a saying verb
    # beside it ("said Greene") twice, or once with "he"/"she" soon after the full name.
    evidence: dict[str, int] = {}
    for surname in by_surname:
        start = joined.find(surname)
        while start >= 0 and evidence.get(surname, 0) < 2:
            if joined[max(start - 5, 0) : start].endswith(_TITLED_PREFIXES):
                evidence[surname] = 2
            elif _SURNAME_ALONE.match(joined, start) and _SAYS_AROUND.search(
                joined, max(start - 12, 0), start + len(surname) + 10
            ):
                evidence[surname] = evidence.get(surname, 0) + 1
            elif _SURNAME_ALONE.match(joined, start) and _pronoun_follows(joined, start, surname):
                # "Campbell signalled his intent to move abroad before he turns 35".
                evidence[surname] = evidence.get(surname, 0) + 1
            start = joined.find(surname, start + 1)
    people = frozenset(
        full
        for surname, full in by_surname.items()
        if evidence.get(surname, 0) >= 2
        or (
            evidence.get(surname, 0) == 1
            and _PERSONAL_PRONOUN.search(joined, joined.find(full), joined.find(full) + 400)
        )
    )
    surnames = {
        full.split()[-1]: full for full in people if not _used_as_place(full.split()[-1], joined)
    }
    return ArticleNames(
        by_surname,
        people=people,
        surnames=surnames,
        subject_before=subject_before,
        author=author if own_voice >= _OP_ED_FIRST_PERSON else None,
    )


_OWN_FIRST_PERSON = re.compile(r"^(?:(?:But|And|So|Yet),? )?(?:I|We|My|Our)\b(?!\.)")
_OP_ED_FIRST_PERSON = 3  # first-person sentences that make a piece its author's own voice


def in_authors_voice(text: str, author: str, verb: str) -> str | None:
    """A statement in an author's own first person ("I won the governor's race in 2010.") with
    the author in it: in the third person when every "I"/"my" can be agreed ("Rick Scott won
    the governor's race in 2010."), otherwise framed ('Rick Scott wrote: "We have added 1
    million jobs."': who "we" are is the author's to say). None when it does not open with the
    first person."""
    if _OWN_FIRST_PERSON.match(text) is None:
        return None
    rewritten = speaker_in_third_person(text, author)
    opener = re.match(r"[A-Za-z]+", rewritten or "")
    if rewritten is not None and opener and opener.group(0).lower() not in _BACK_REFERENCE:
        return rewritten
    return f'{author} {verb}: "{text}"'


def _pronoun_follows(text: str, start: int, surname: str) -> bool:
    """ "Campbell signalled his intent": "he", "his", "she" or "her" a few words after a surname
    alone that opens its sentence or a clause, in the same sentence."""
    before = text[max(start - 2, 0) : start]
    if start > 0 and before not in ("\n", ". ", ", ", '" ') and not before.endswith("\n"):
        return False
    end = start + len(surname)
    window = text[end : end + 40]
    stop = min((i for i in (window.find(". "), window.find("\n")) if i >= 0), default=len(window))
    return _PERSONAL_PRONOUN.search(window[:stop]) is not None


def _used_as_place(surname: str, text: str) -> bool:
    """ "in Washington", "to Washington": the article uses the surname for a place too."""
    for preposition in (" in ", " at ", " to ", " from ", " near ", " of "):
        start = text.find(f"{preposition}{surname}")
        while start >= 0:
            end = start + len(preposition) + len(surname)
            if not text[end : end + 1].isalnum():
                return True
            start = text.find(f"{preposition}{surname}", end)
    return False


def _expand_surname(statement: str, surname: str, full: str) -> str:
    """Every "Greene" on its own in ``statement`` as "Maurice Greene": not inside a longer name
    ("Maurice Greene", "Greene Street") and not after a title (which ``_TITLED`` handled)."""
    out: list[str] = []
    cut = 0
    start = statement.find(surname)
    while start >= 0:
        end = start + len(surname)
        before, after = statement[:start], statement[end:]
        previous = before.rstrip().rsplit(" ", 1)[-1] if before.strip() else ""
        previous = previous.lstrip("([{\"“‘'")  # "(Grace Okafor": "Grace" opens the name
        alone = (
            not (before[-1:].isalnum() or before[-1:] in ("&", "'", "’", ".", "-"))
            and not (before.endswith(" ") and previous[:1].isupper())
            and not (after[:1].isalnum() or after[:1] in ("&", "-"))
            and not re.match(r" [A-Z]", after)
        )
        if alone:
            out.append(statement[cut:start] + full)
            cut = end
        start = statement.find(surname, end)
    out.append(statement[cut:])
    return "".join(out)


def _spelled_out(words: list[str], acronym: str) -> str | None:
    """The shortest run of ``words`` ending at the last that ``acronym`` abbreviates: "US
    Geological Survey" for USGS, "Motion Picture Association of America" for MPAA."""
    for start in range(len(words) - 1, -1, -1):
        if not words[start][:1].isupper():
            continue
        initials = "".join(
            w if w.isupper() else w[0] for w in words[start:] if w[:1].isupper() or w == "&"
        )
        if initials.replace("&", "") == acronym.replace("&", ""):
            return " ".join(words[start:])
        if len(initials) > len(acronym):
            return None
    return None


# Side facts inside a sentence that a fact-checker writes as claims of their own: an
# appositive on the subject ("UFJ Holdings, Japan's fourth-largest bank, has been ..."), a
# relative clause on the subject ("Apple, which opened its store in 2003, uses ...") or on a
# name that ends the sentence ("... behind Gatlin, who won in 9.87 seconds."). Only where the
# name the side fact is about is certain: a capitalised name, the clause's verb right after
# "who"/"which", nothing else (a list, a quote, a bracket) inside the side phrase.
_NAME_WORD = r"[A-Z][\w&'’.-]*"
_NAME_RUN = rf"(?:The )?{_NAME_WORD}(?: (?:{_NAME_WORD}|of|de|van|von|da|al|&)){{0,5}}(?<![ .])"
# A character of a side phrase: no comma (but a thousands separator, "£26,000"), no quote or
# bracket.
_SIDE_PHRASE = r"(?:[^,;:\"“”()\[\]]|(?<=\d),(?=\d{3}))"
_APPOSITIVE_HEAD = r"(?:the|a|an|one of|[A-Z][\w.-]*(?:['’]s|s['’]))"
_SUBJECT_APPOSITIVE = re.compile(
    rf"^(?P<name>{_NAME_RUN})(?P<open>, | [-–—] )"
    rf"(?P<side>{_APPOSITIVE_HEAD} {_SIDE_PHRASE}{{2,100}}?)"
    rf"(?P<close>, | [-–—] )(?P<rest>[a-z].*)$",
    re.S,
)
_SUBJECT_RELATIVE = re.compile(
    rf"^(?P<name>{_NAME_RUN}), (?:who|which) (?P<side>{_SIDE_PHRASE}{{3,160}}?), "
    r"(?P<rest>[a-z].*)$",
    re.S,
)
# A name later in the sentence with an appositive: "... from Philip Green, the billionaire Bhs
# owner, confirming ..." or "... from Mitsubishi Tokyo Financial Group (MTFG), Japan's
# second-largest bank." (the name that closes a list, "France, Germany, the UK", is no such).
_INNER_APPOSITIVE = re.compile(
    rf"(?<= )(?P<name>{_NAME_RUN}(?: \([A-Z]{{2,6}}\))?), (?P<side>{_APPOSITIVE_HEAD} "
    rf"{_SIDE_PHRASE}{{2,100}}?)(?:, (?P<rest>(?!(?:and|or|but|nor|who|whom|whose|which|that)\b)"
    rf"[a-z]{_SIDE_PHRASE}.*)|\.)$",
    re.S,
)
_AGE_GATE = re.compile(r", \d{2,3}, [a-z]")
# A person's age set off after the name: "Calisto Tanzi, 66, issued ...".
_NAME_AGE = re.compile(
    r"(?<![\w&'’.-])(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z'’-]+){1,2}), "
    r"(?P<age>\d{2,3}), (?=[a-z])"
)
_APPOSITIVE_GATE = re.compile(rf", {_APPOSITIVE_HEAD} ")
# Anchored: matched from where the name before ", who" starts (``_name_start``), never searched.
_FINAL_WHO = re.compile(rf"^(?P<name>{_NAME_RUN}), who (?P<side>{_SIDE_PHRASE}{{3,200}})\.$", re.S)
_NAME_CONNECTORS = frozenset({"of", "de", "van", "von", "da", "al", "&"})


def _name_start(text: str, end: int) -> int:
    """Where the run of capitalised words (and "of", "de", ...) that ends at ``end`` starts,
    at most six words back (the longest run, as a search would find it)."""
    start = end
    for _ in range(6):
        space = text.rfind(" ", 0, start - 1)
        word = text[space + 1 : start].strip()
        if not word or not (word[:1].isupper() or word in _NAME_CONNECTORS):
            break
        start = space + 1
        if space < 0:
            break
    while text[start:end].split(" ", 1)[0] in _NAME_CONNECTORS:
        start = text.find(" ", start) + 1  # a run starts with a capital
    return start


# Capitalised sentence openers that are not names: "In London, ...", "However, ...".
_NOT_A_NAME = _words(
    "In On At For By After Before With From Since During Despite Although Though When While If "
    "As Last This Next Meanwhile However But And So Yet Now Then Today Yesterday Earlier Later "
    "Under Over Among Without Within Through Until Unlike Like Following Including Instead "
    "Also Still Even Only Once Here There It He She They We I You His Her Its Their Our My That "
    "These Those"
)
# A side phrase with one of these is a list, a clause or a source ("..., Uganda's New Vision
# newspaper reports"), or speaks of more than one ("who created it together").
# Words that open sentences and are no first name: "Some Citigroup traders", "Former England".
_SENTENCE_OPENERS = _words(
    "Some Many Most All Several Few Both Each Every Other Another Such No Any Former Current "
    "Top Senior Chief Fellow Rival Both Two Three Four Five Six Seven Eight Nine Ten Analysts "
    "Shares Officials Critics Experts Police Fans Sources Mainland Rebel Opposition Why What "
    "Who Where How Whether Should Could Would Will Can Did Does Do Is Are Was Were Has Had Have "
    "Let Please Yes Not Nor Neither Either Despite Given Asked Speaking Writing Born Based"
)
_LIST_OR_CLAUSE = re.compile(
    r"\b(?:and|or|nor|but|who|which|that|whose|said|says|reports?|reported|writes|wrote|adds|"
    r"added|claims|claimed|told|according|together|both|jointly|each other)\b"
)
_PLURAL_VERB = _words("are were have do don't aren't weren't haven't")


def decompose(statement: str) -> list[str]:
    """The statement, then the side facts it carries as statements of their own, each phrased to
    stand alone: "Sumitomo, Japan's third-largest bank, tabled a higher offer." ->
    ["Sumitomo tabled a higher offer.", "Sumitomo is Japan's third-largest bank."]. A sentence
    without a side fact the rules are sure of comes back whole."""
    opener = _PARTICIPLE_OPENER.match(statement) if statement[:1] in "BSLFMODEKNRPHTA" else None
    if opener is not None:
        side = _opener_side_fact(opener)
        if side is not None:
            main = opener.group("main")
            return [*decompose(f"{main[0].upper()}{main[1:]}"), side]
    match = _SUBJECT_APPOSITIVE.match(statement)
    if match and _is_name(match.group("name")) and _opens_with_verb(match.group("rest")):
        side = match.group("side")
        same_marks = (match.group("open") == ", ") == (match.group("close") == ", ")
        if same_marks and _is_appositive(side):
            name, rest = match.group("name"), match.group("rest")
            copula = "are" if rest.split(maxsplit=1)[0].lower() in _PLURAL_VERB else "is"
            return [*decompose(f"{name} {rest}"), f"{name} {copula} {side}."]
    if ", " not in statement and " - " not in statement and " – " not in statement:
        return [statement]  # every side fact is set off by a comma or a dash
    gate = _AGE_GATE.search(statement)
    age = _NAME_AGE.search(statement, max(gate.start() - 60, 0)) if gate else None
    if age and _is_name(age.group("name")) and 14 <= int(age.group("age")) <= 110:
        # "Bernie Ebbers, 63, is accused of ..." -> "... is accused of", "... is 63 years old."
        main = f"{statement[: age.end('name')]} {statement[age.end() :]}"
        side = f"{age.group('name')} is {age.group('age')} years old."
        return [*decompose(main), side]
    gate = _APPOSITIVE_GATE.search(statement)
    # The name ends at the gate and is at most six words: the search starts just before it.
    match = _INNER_APPOSITIVE.search(statement, max(gate.start() - 120, 0)) if gate else None
    if match and _is_name(match.group("name")) and _is_appositive(match.group("side")):
        before = statement[: match.start("name")]
        # "In London, the capital, police ...": a name in an opening phrase, with no verb
        # before it, is not where the sentence can go on after the appositive.
        rest = match.group("rest") or ""
        if (
            _FINITE_VERB.search(before)
            and not before.rstrip().endswith(",")
            and not before.endswith(" and ")  # "X and Y, the ...": the pair, or only Y?
            # "by 1030 GMT, the highest gainer": a measure or a time, not what it describes.
            and not any(ch.isdigit() for ch in before.rstrip().rsplit(" ", 1)[-1])
            # "as are Consob, Italy's regulator, hundreds of investors and ...": a list.
            and not (" and " in rest and _STRICT_VERB.search(rest) is None)
        ):
            name, side, rest = match.group("name"), match.group("side"), match.group("rest")
            main = f"{before}{name} {rest}" if rest else f"{before}{name}."
            bare = re.sub(r" \([A-Z]{2,6}\)$", "", name)
            if before.endswith((" the ", " The ")):
                bare = f"the {bare}"  # "from the US, a country ..." -> "The US is a country ..."
            return [*decompose(main), f"{bare[0].upper()}{bare[1:]} is {side}."]
    who = statement.find(", who ")
    relative = who >= 0 or ", which " in statement
    match = _SUBJECT_RELATIVE.match(statement) if relative else None
    # "Ford, which has sold cars, trucks and vans, is ...": "trucks" goes on a list, no verb.
    if match and re.match(r"[\w'’-]{1,40}(?:,| and | or )", match.group("rest")):
        match = None
    if match and _is_name(match.group("name")) and _opens_with_verb(match.group("rest")):
        side = match.group("side")
        if _opens_with_verb(side) and not _LIST_OR_CLAUSE.search(side.split(maxsplit=1)[-1]):
            name = match.group("name")
            return [*decompose(f"{name} {match.group('rest')}"), f"{name} {side}."]
    name_start = _name_start(statement, who) if who > 0 else -1
    match = _FINAL_WHO.match(statement[name_start:]) if 0 <= name_start < who else None
    if match and _is_name(match.group("name")) and _opens_with_verb(match.group("side")):
        before = statement[:name_start]
        main = f"{before}{match.group('name')}".rstrip()
        pair = before.endswith(" and ")  # "X and Y, who ...": both
        if len(main.split()) >= 4 and not pair and not _LIST_OR_CLAUSE.search(match.group("side")):
            name = match.group("name")
            if before.endswith((" the ", " The ")):
                name = f"the {name}"  # "... of the Oatleys, who founded ..."
            return [*decompose(f"{main}."), f"{name[0].upper()}{name[1:]} {match.group('side')}."]
    return [statement]


# An opening participle or "due to" phrase describes the subject: "Based on the novel by
# Frances Hodgson Burnett, A Little Princess tells ..." gives "A Little Princess is based on the
# novel by Frances Hodgson Burnett." beside the main clause.
_PARTICIPLE_OPENER = re.compile(
    r"^(?P<side>(?:(?:Based|Sited|Located|Founded|Built|Born|Made|Owned|Established|Designed|"
    r"Launched|Formed|Headquartered|Named|Released|Set up) (?:on|in|at|by|as|for|from|near)|"
    # "Due to enter service in 2006", not "Due to the holiday" (a cause).
    r"(?:Due|Expected|Scheduled) to (?:be|enter|open|start|begin|launch|go|end|finish|arrive|"
    r"close|return|play|appear|report|publish|come|hold|visit|sign|retire|leave|take))"
    r" [^,;:\"“”()]{2,100}), "
    r"(?P<main>(?P<subject>(?:(?:the|a|an|The|A|An) \w[\w&'’.-]*|[A-Z0-9][\w&'’.-]*)"
    r"(?: \w[\w&'’.-]*){0,4}?) (?P<verb>is|are|was|were|has|have|had|will|would|can|could|"
    r"[a-z]{2,}(?:ed|s))\b.*)$",
    re.S,
)
_PLURAL_AUXILIARIES = _words("are were have")
_SINGULAR_AUXILIARIES = _words("is was has")


def _opener_side_fact(opener: re.Match) -> str | None:
    """ "The A380 is due to enter service in 2006." from "Due to enter service in 2006, the
    A380 will ..."; None when the subject is a pronoun or its number cannot be told."""
    subject, verb = opener.group("subject"), opener.group("verb")
    if subject.split()[0].lower() in _BACK_REFERENCE or not _is_name_or_noun_phrase(subject):
        return None
    if _FINITE_VERB_ONLY.search(opener.group("side")) or len(opener.group("main").split()) < 5:
        return None  # "Based on 2004 figures the producer would ..., the company estimated."
    last = subject.split()[-1]
    if verb in _PLURAL_AUXILIARIES:
        copula = "are"
    elif verb in _SINGULAR_AUXILIARIES or (verb.endswith("s") and not verb.endswith("ss")):
        copula = "is"
    elif last[:1].islower() and last.endswith("s") and not last.endswith(("ss", "us")):
        copula = "are"  # "the posters will ..."
    elif last[:1].isupper() or not last.endswith("s"):
        copula = "is"
    else:
        return None
    side = opener.group("side")
    if side.split(maxsplit=1)[0] in _EVENT_PARTICIPLES:
        copula = "was" if copula == "is" else "were"  # "Founded in 1984": a past event
    return f"{subject[0].upper()}{subject[1:]} {copula} {side[0].lower()}{side[1:]}."


_EVENT_PARTICIPLES = _words(
    "Founded Built Born Made Established Designed Launched Formed Named Released"
)


def _is_name_or_noun_phrase(subject: str) -> bool:
    """ "the posters", "A Little Princess", "Airbus": no verb or clause word inside."""
    return not _LIST_OR_CLAUSE.search(subject) and not _FINITE_VERB_ONLY.search(subject)


# A verb that is only a verb: the -s and -ed forms of _FINITE_VERB are as often nouns and
# adjectives ("the group's", "its troubled unit"), which an appositive may hold.
_FINITE_VERB_ONLY = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|shall|should|does|"
    r"did|won't|can't|isn't|aren't|wasn't|weren't|hasn't|haven't|didn't|doesn't)\b"
)


def _is_appositive(side: str) -> bool:
    """A description, not a list item or a clause: "Japan's third-largest bank", "the
    billionaire Bhs owner"; not "the UK" (a list), not "the firm said"."""
    words = side.split()
    return (
        any(w[:1].islower() for w in words[1:])
        and not _LIST_OR_CLAUSE.search(side)
        and not _FINITE_VERB_ONLY.search(side)
        and not any(w.rstrip(".") in _MONTHS_AND_DAYS for w in words[:1])
    )


_MONTHS_AND_DAYS = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December"
)


def _is_name(phrase: str) -> bool:
    first = phrase.split(maxsplit=1)[0]
    last = phrase.split()[-1]
    return (
        first not in _NOT_A_NAME
        and last not in _MONTHS_AND_DAYS
        and not (first == "The" and len(phrase.split()) == 1)
    )


def _opens_with_verb(clause: str) -> bool:
    words = clause.split(maxsplit=2)
    if not words:
        return False
    first = words[0]
    if first in _ADVERB_AFTER_I and len(words) > 1:
        first = words[1]
    return first.islower() and bool(_FINITE_VERB.fullmatch(first))


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
    if referent is None or not referent.name[:1].isupper():
        return text  # "legal action" is no name to put in a pronoun's place
    name = referent.name
    person = _is_person_name(name)
    match = _FIRST_PERSON_LEAD.match(text)
    if is_quote and _FIRST_PERSON_LATER.search(text):
        if match is None or _FIRST_PERSON_LATER.search(match.group("rest")):
            # "We lost because of the things we did": "we" is the speaker and others, and who
            # they are is a guess; the speaker's own words, framed, stand alone.
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


# A speaker's "I", "me", "my" in their own quote are the speaker, whoever reports it; "we",
# "us", "our" are the speaker and others (who, the quote rarely says), "myself" and a clipped
# "I'd" ("I'd done" or "I'd do"?) need a guess: any of them and the quote is not rewritten.
_FIRST_PERSON_WORD = re.compile(
    r"(?<![\w'’-])(?:I(?:'m|’m|'ve|’ve|'ll|’ll)?|[Mm]e|[Mm]y|mine)(?![\w'’-])"
)
_UNSURE_FIRST_PERSON = re.compile(
    r"(?<![\w'’-])(?:[Ww]e|[Oo]urs?|[Oo]urselves|[Mm]yself|[Ll]et['’]s|[Uu]s)(?![\w'’-])"
    r"|(?<![\w'’-])I['’](?!m|ve|ll)",
)
# The one or two words after "I": an adverb maybe, then the verb ("I also think").
_WORDS_AFTER_I = re.compile(r"( {1,3})((?:[a-z]{1,20} )?)([A-Za-z'’]{1,30})")
_CONTRACTED = {"'m": "is", "’m": "is", "'ve": "has", "’ve": "has", "'ll": "will", "’ll": "will"}
_AGREEMENT = {
    "am": "is",
    "was": "was",
    "were": "was",
    "have": "has",
    "do": "does",
    "don't": "doesn't",
    "don’t": "doesn’t",
    "haven't": "hasn't",
    "haven’t": "hasn’t",
    "aren't": "isn't",
    "aren’t": "isn’t",
    "weren't": "wasn't",
    "weren’t": "wasn’t",
}
# Verb forms the same after "I" and after a name: modals, the past, negated past and modals.
_UNCHANGED_AFTER_I = _words(
    "will would can could should might must may shall did didn't didn’t won't won’t can't "
    "can’t couldn't couldn’t wouldn't wouldn’t shouldn't shouldn’t mustn't mustn’t wasn't "
    "wasn’t had hadn't hadn’t "
    "was lost won took held sent made left began met came went gave fell rose told became broke "
    "fought struck led said paid sold bought built ran saw found kept shot got thought knew "
    "felt heard brought taught caught spent sat stood understood wrote drove rode spoke chose "
    "ate drank sang swam threw grew flew drew wore tore forgot forgave hid bit lay lent meant "
    "slept swept wept dealt fed fled bled sought chose rang sank shook stole struck woke"
)
# Ambiguous between present and past ("I put", "I read"): agreement would be a guess.
_AMBIGUOUS_AFTER_I = _words("put set cut hit quit let shut read hurt cost bet spread upset")
# Adverbs that may sit between "I" and its verb: "I also agree".
_ADVERB_AFTER_I = _words("also just still never always really only even already now then")


# Words before "I" in an inverted clause, where the verb that follows stays bare ("can I choose").
_INVERTING = re.compile(
    r"(?:am|was|do|does|did|have|has|had|will|would|can|could|shall|should|may|might|must)",
    re.IGNORECASE,
)


def speaker_in_third_person(text: str, name: str) -> str | None:
    """A person's quote with "I", "me", "my" turned into the speaker's name, the verb after "I"
    agreeing with it: 'I tried to order some and I haven't got any' (Greg Rusedski) ->
    'Greg Rusedski tried to order some and Greg Rusedski hasn't got any'. None when a first
    person word needs a guess ("we", "myself", "I'd") or a verb after "I" cannot be agreed."""
    if _UNSURE_FIRST_PERSON.search(text) or "?" in text:
        return None  # a question ("Can I choose ...?") is not turned into a statement
    out: list[str] = []
    cut = 0
    for match in _FIRST_PERSON_WORD.finditer(text):
        word = match.group(0)
        out.append(text[cut : match.start()])
        cut = match.end()
        if word in {"me", "Me"}:
            out.append(name)
            continue
        if word in {"my", "My", "mine"}:
            out.append(f"{name}'s")
            continue
        if word == "I" and match.start() > 0 and text[match.start() - 1] not in ' "“‘(—–-':
            return None
        if word == "I" and _INVERTING.fullmatch(text[: match.start()].rstrip().rsplit(" ", 1)[-1]):
            return None  # "should I go", "nor do I": the verb after "I" is not I's own form
        if word != "I":  # I'm, I've, I'll
            out.append(f"{name} {_CONTRACTED[word[1:]]}")
            continue
        verb = _WORDS_AFTER_I.match(text, cut)
        if verb is None:
            return None
        space, adverb, word_after = verb.groups()
        if adverb and adverb.strip() not in _ADVERB_AFTER_I:
            word_after, adverb = adverb.strip(), ""
            agreed = _agree(word_after)
            if agreed is None:
                return None
            out.append(f"{name}{space}{agreed}")
            cut += len(space) + len(word_after)
            continue
        agreed = _agree(word_after)
        if agreed is None:
            return None
        out.append(f"{name}{space}{adverb}{agreed}")
        cut = verb.end()
    out.append(text[cut:])
    rewritten = "".join(out)
    return rewritten[0].upper() + rewritten[1:]


def _agree(verb: str) -> str | None:
    """The form of ``verb`` after a third-person singular subject, or None if unsure."""
    lower = verb.lower()
    if lower in _AGREEMENT:
        return _AGREEMENT[lower]
    if lower in _UNCHANGED_AFTER_I or lower.endswith("ed"):
        return verb
    if lower in _AMBIGUOUS_AFTER_I or not lower.isalpha() or len(lower) < 2 or lower.endswith("ly"):
        # "I currently have": an adverb in the verb's place is no verb to agree.
        return None
    if lower.endswith("y") and lower[-2] not in "aeiou":
        return verb[:-1] + "ies"
    if lower.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


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
    speaker = _as_subject(speaker)
    if is_quote:
        return f'{speaker} said: "{text}"'
    lead = text if first.group(1) == "I" else text[0].lower() + text[1:]
    return f"{speaker} said {lead}"


# Words that already make a lower-case speaker a noun phrase ("its minister", "about 28% of
# the bosses", "some analysts"): it needs a capital, not an article.
_DETERMINED = _words(
    "the a an its his her their our my your this that these those some many most all several "
    "few both each every no one two three four five six seven eight nine ten about nearly "
    "around almost more over"
)
_PLURAL_WITHOUT_S = _words("police people staff personnel media children men women")
_HEAD_ENDS = re.compile(r" (?:of|for|at|from|in|with|on|to|who|which|that)\b")


def _as_subject(speaker: str) -> str:
    """A speaker as the subject of a frame: a name as it is; a group or a role named in lower
    case with a capital and, when it is one and has no determiner, an article: "company" ->
    "The company", "spokesman for the club" -> "The spokesman for the club", "analysts" ->
    "Analysts", "police" -> "Police"."""
    if not speaker or speaker[:1].isupper():
        return speaker
    words = speaker.split()
    if words[0].lower() in _DETERMINED or words[0][:1].isdigit():
        return speaker[:1].upper() + speaker[1:]
    head = _HEAD_ENDS.split(speaker, maxsplit=1)[0].split()[-1].lower()
    plural = head in _PLURAL_WITHOUT_S or (
        head.endswith("s") and not head.endswith(("ss", "us", "is"))
    )
    return speaker[:1].upper() + speaker[1:] if plural else f"The {speaker}"


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


# A neutral saying frame the attribution left in the text: after a quote that opens the
# sentence ('"Apple has turned ...," the lawsuit states.') or before a clause with a pronoun
# nobody could resolve ("He says Apple is breaking ..."). Only neutral verbs: "denied",
# "rejected", "doubted" carry polarity and keep their frame.
_NEUTRAL_CUE = r"(?:said|says|states|stated|added|adds|wrote|writes|explained|explains)"
_TRAILING_FRAME = re.compile(
    rf"^[\"“](?P<quote>[^\"“”]{{20,}}?)[,.]?[\"”],? (?:(?:the|a|an|his|her|its|their) )?"
    rf"(?:[\w'’-]+ ){{0,3}}?{_NEUTRAL_CUE}(?: [\w'’-]+){{0,3}}\.$"
    rf"|^[\"“](?P<quote2>[^\"“”]{{20,}}?)[,.]?[\"”],? {_NEUTRAL_CUE} "
    r"(?:[\w'’-]+ ){0,3}?[\w'’-]+\.$"
)
_PRONOUN_FRAME = re.compile(rf"^(?:He|She) {_NEUTRAL_CUE} (?:that )?(?=[A-Z])")


def phrase_statement(text: str) -> str:
    """Strip discourse openers, quote marks and a neutral saying frame the attribution left;
    finish with a full stop and a capital."""
    text = text.strip()
    framed = _TRAILING_FRAME.match(text) if text[:1] in '"“' else None
    if framed:
        text = framed.group("quote") or framed.group("quote2")
    text = text.strip().strip(_EDGE_QUOTES).strip()
    if text.startswith(("He ", "She ")):
        text = _PRONOUN_FRAME.sub("", text)
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


# "Although A, B": both halves are asserted, so both are claims (a concession, not a condition:
# "If A, B" and "When A, B" assert neither and stay whole).
_CONCESSION = re.compile(
    r"^(?:although|though|whilst|while|whereas) (?P<first>[^,;\"“”]{10,200}), (?P<second>[^,;].*)$",
    re.IGNORECASE | re.S,
)


def split_concession(text: str) -> list[str]:
    """["B", "A"] for "Although A, B" when both are clauses with subjects of their own."""
    match = _CONCESSION.match(text.strip())
    if match is None:
        return [text]
    first, second = match.group("first"), match.group("second")
    if not (_is_clause(first) and _is_clause(second) and _NEW_SUBJECT.match(first.lstrip())):
        return [text]
    if not (
        _NEW_SUBJECT.match(second.lstrip()) or re.match(r"it is (?:likely|clear|expected)", second)
    ):
        return [text]
    return [second, first]


def split_compound(text: str) -> list[str]:
    """Split at ", but" / ", and" / ";" when both halves are clauses that stand alone, and at a
    bare "and" / "but" / "while" / "whereas" when the second half also opens with a subject
    of its own ("... expires in February and the new deal would ...").

    Never after a frame whose polarity the halves would lose ("X denied A, and B") or a saying
    or thinking verb ("analysts believe A and B": B is theirs too), nor inside a quote."""
    parts: list[str] = []
    cut = 0
    for match in _COMPOUND.finditer(text):
        left, right = text[cut : match.start()], text[match.end() :]
        # A bare noun phrase opens a clause only after a comma or "while"/"whereas": after a
        # bare "and" it is as often a second object or subject ("goods and services produced").
        contrast_word = match.group(0).strip(" ,;")
        contrast = contrast_word in {"while", "whereas", "but", "and", ""}
        bare = (
            contrast
            # After a bare "and" only a short plain noun phrase with an auxiliary of its own
            # ("... and older people were being offered ..."): a second object has none.
            and (match.group(0) != " and " or _and_bare_subject(left, right))
            and _bare_subject(right.lstrip())
            # "X, Y, and Z will ...": a list's last item, not a clause, before the comma.
            and (contrast_word != "and" or _STRICT_VERB.search(left.rsplit(",", 1)[-1]))
            # "The IMF predicts that A, while B": B may be the IMF's too.
            and not _SAYING.search(left)
        )
        if match.group(0).startswith((",", ";")):
            # "X said that A, and that B": B depends on the reporting verb.
            dependent = right.lstrip().lower().startswith("that ")
            ok = _is_clause(left) and (_is_clause(right) or bare) and not dependent
        else:
            last_item = left.rsplit(",", 1)[-1]
            ok = (
                (_NEW_SUBJECT.match(right.lstrip()) is not None or bare)
                and _is_clause(left, head=12)
                and (_is_clause(right) or bare)
                # The left half's own verb: "The East Midlands, the West Midlands and the South
                # West all had ...", "A book about mutants and the science ... has won" have none.
                and _STRICT_VERB.search(last_item) is not None
                and not _SAYING.search(left)
                and not _SUBORDINATE.match(_DISCOURSE_OPENER.sub("", text).lstrip())
                and not _SUBORDINATE_INSIDE.search(left)
                # "France and Germany vowed": one subject of two names, not two clauses.
                and not (
                    right.lstrip()[:1].isupper()
                    and left.rstrip()[-1:].isalpha()
                    and left.split()[-1][:1].isupper()
                )
                and not (match.group(0).strip() == "while" and _PROGRESSIVE.match(right.lstrip()))
            )
        if _KEEPS_WHOLE.search(left):
            break  # "X denied A, and B": B is under the denial too
        if ok and not _correlative(left) and _quotes_closed(text[: match.start()]):
            parts.append(left)
            cut = match.end()
    parts.append(text[cut:])
    return parts


# One subject with two verb phrases: "The Two Ronnies ran from 1971 to 1987 and attracted 17
# million viewers" is two claims about the same subject, and a fact-checker writes each with it.
_AUXILIARY_VERB = (
    r"(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|did|"
    r"isn['’]t|aren['’]t|wasn['’]t|weren['’]t|hasn['’]t|haven['’]t|hadn['’]t|won['’]t|"
    r"wouldn['’]t|can['’]t|couldn['’]t|didn['’]t|doesn['’]t)"
)
_PAST_VERB = (
    r"(?:[a-z]{2,}(?<!e)ed|lost|won|took|held|sent|made|left|began|met|came|went|gave|fell|rose|told|"
    r"became|broke|fought|struck|led|paid|sold|bought|built|ran|saw|found|kept|grew|drew|threw|"
    r"wrote|spent|topped|beat|brought|got|said)"
)
# The subject: a name or a noun phrase of up to five words, then the first verb (an auxiliary,
# a past form, or a present "-s" form after a name). No pronoun: "It" would not stand alone.
_SHARED_SUBJECT = re.compile(
    r"^(?P<subject>(?!(?:He|She|It|They|We|I|This|That|These|Those|There|Such|Both|His|Her|Its|"
    r"Their|Our|My|In|On|At|For|By|After|Before|With|From|Since|During|If|When|While|As|Although|"
    r"Though|Despite|Last|Next|One|Some|Many|Most|All|No|Not|Only)\b|[A-Z][a-z]+ly\b)"
    r"[A-Z][\w&'’.-]*"
    r"(?: (?!(?:and|or|but|who|which|that|as|than|to|is|are|was|were|has|have|had|will|would)\b)"
    r"[\w&'’.-]+){0,4}?) (?P<adverb>(?:also|now|still|already|then|later|recently|previously|"
    r"once|never|first) )?"
    rf"(?P<verb>{_AUXILIARY_VERB}|{_PAST_VERB}|(?<=[A-Za-z]{{2}} )[a-z]{{3,}}s(?= (?:the|a|an|its|"
    r"his|her|their|\d)))\b"
)
# Where the second verb phrase starts: its own auxiliary, or a past form after a first verb
# in the simple past, with an object or a preposition right after it ("and attracted 17
# million viewers", "and signed the deal"; not "and signed artists": "signed" may be an
# adjective there).
_SECOND_PHRASE = re.compile(
    r"(?:,? and|,? but) (?P<adverb>(?:also|now|still|already|then|later|since|eventually|"
    r"subsequently|recently|never) )?"
    rf"(?:(?P<aux>{_AUXILIARY_VERB})|(?P<past>{_PAST_VERB}) (?=(?:the|a|an|its|his|her|their|"
    r"\d+|up|out|in|on|at|to|for|with|from|into|over|off|back|down)\b))\b"
)
_PARTICIPLE_FORM = (
    rf"(?:{_PAST_VERB}|broken|taken|given|seen|written|done|gone|known|shown|grown|drawn|thrown|"
    r"fallen|risen|begun|driven|chosen|spoken|stolen|beaten|become|come|run)"
)
_PERFECT = re.compile(rf"(?:has|have|had) (?:[a-z]+ly |already |also |now )?{_PARTICIPLE_FORM}\b")
_SAYING_OR_KNOWING = re.compile(
    r"\b(?:admit(?:s|ted)?|confirm(?:s|ed)?|reveal(?:s|ed)?|know(?:s|n)?|knew|found|finds|"
    r"learn(?:s|ed|t)|accept(?:s|ed)|agree(?:s|d)|deci(?:des|ded)|feel(?:s)?|felt|see(?:s)?|"
    r"saw|hear(?:s|d)?|understand(?:s)?|understood|mean(?:s|t)?|estimat(?:es|ed)|"
    r"calculat(?:es|ed)|predict(?:s|ed)|forecast(?:s)?|prove(?:s|d)?|predicts?|whom|whose|"
    r"what|how|why|where|whether|so|such|too)\b",
    re.IGNORECASE,
)


def split_shared_subject(text: str) -> list[str]:
    """ "Def Jam was founded in 1984 and has signed Run-DMC" -> ["Def Jam was founded in 1984",
    "Def Jam has signed Run-DMC"]: a subject with two verb phrases, each given the subject. Only
    where the second phrase certainly shares the subject: its own auxiliary (or a past verb
    after a simple past), nothing before it that could be the second phrase's subject instead
    (a relative or subordinate clause, reported words, a quote), and no frame whose polarity
    the halves would lose."""
    original = text
    text = _DISCOURSE_OPENER.sub("", text)
    match = _SHARED_SUBJECT.match(text)
    if match is None:
        return [original]
    subject = match.group("subject")
    simple_past = re.fullmatch(_PAST_VERB, match.group("verb")) is not None
    # "had broken promises and brought the slowest growth": the auxiliary is shared too.
    perfect = _PERFECT.match(text, match.start("verb"))
    shared = f"{match.group('verb')} " if perfect else ""
    parts: list[str] = []
    leads: list[str] = []
    cut = 0
    for second in _SECOND_PHRASE.finditer(text, match.end()):
        if second.group("past") and not (simple_past or perfect):
            continue
        left = text[cut : second.start()]
        after_subject = text[len(subject) : second.start()]
        # "was once threatened": an adverb, not "once" opening a clause; "would not have
        # played": one verb group.
        after_verb = re.sub(
            r"^ (?:once |not |never )?(?:have|be|been)?\b", "", text[match.end() : second.start()]
        )
        if (
            _SAYING.search(after_subject)
            or _SAYING_OR_KNOWING.search(after_subject)
            or _SUBORDINATE_INSIDE.search(after_verb)
            or _KEEPS_WHOLE.search(text[: second.start()])
            or _correlative(after_subject)
            or not _quotes_closed(text[: second.start()])
            or re.search(r"[(;:]| [-–—] ", after_subject)
            # Another verb group before the "and" may have a subject of its own that the second
            # phrase shares instead ("making sure standards are open and can work").
            or re.search(rf"\b{_AUXILIARY_VERB}\b", after_verb)
            # "Okocha twisted and turned": one movement, not two claims.
            or len(after_subject.split()) < 3
        ):
            break
        parts.append(left)
        verb = "aux" if second.group("aux") else "past"
        cut = second.start(verb)
        lead = f"{subject} {second.group('adverb') or ''}{shared if verb == 'past' else ''}"
        leads.append(lead)
    if not parts:
        return [original]
    parts.append(text[cut:])
    return [parts[0], *(f"{lead}{part}" for lead, part in zip(leads, parts[1:], strict=True))]


# A frame that carries polarity: every half of the sentence stays under it.
_KEEPS_WHOLE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|doubt(?:s|ed|ing)?|"
    r"refus(?:e|es|ed|ing)|disput(?:e|es|ed|ing)|deny|contest(?:s|ed)|questioned|"
    r"unlikely|false(?:ly)?|not true)\b",
    re.IGNORECASE,
)
# A saying or thinking verb before a bare "and": what follows may be its content too.
_SAYING = re.compile(
    r"\b(?:said|say|says|told|tell|tells|claim(?:s|ed)?|believ(?:e|es|ed)|think|thinks|thought|"
    r"argu(?:e|es|ed)|warn(?:s|ed)?|insist(?:s|ed)?|add(?:s|ed)|expect(?:s|ed)?|fear(?:s|ed)?|"
    r"hop(?:e|es|ed)|announc(?:e|es|ed)|report(?:s|ed)?|show(?:s|ed)?|suggest(?:s|ed)?|"
    r"according|that)\b",
    re.IGNORECASE,
)
# The second half's own subject and its verb right after it: a determiner phrase or a name,
# not a pronoun (which would not stand alone) and not a bare noun (as often a second object).
# A name may take a present verb ("Apple uses AAC"); after a determiner phrase "-s" is as often
# a plural noun ("the lowest mortgage rates"), so only an auxiliary or a past verb will do.
_VERB_AFTER_SUBJECT = (
    r"(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|shall|should|does|"
    r"did|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|won't|didn't|doesn't|"
    r"(?:\w+ly |also |now |still |then |later |already )?(?:\w{2,}ed|lost|won|took|held|sent|made|"
    r"left|began|met|came|went|gave|fell|rose|told|became|broke|fought|struck|led|said|paid|"
    r"sold|bought|built|ran|saw|found|kept|grew|drew|threw|wrote|spent|topped))"
)
_NEW_SUBJECT = re.compile(
    # "... and there has been speculation ...": an existential clause of its own.
    r"^(?:there (?:is|are|was|were|has been|have been|had been|will be|would be) [a-z0-9£$]|"
    r"(?:the|some|many|most|all|no|a|an)(?: [\w'’-]+){1,4}? "
    rf"{_VERB_AFTER_SUBJECT}|(?:[A-Z][\w'’&-]*)(?: [A-Z][\w'’&-]*){{0,3}} "
    rf"(?:{_VERB_AFTER_SUBJECT}|(?!(?:its|this|his|hers|ours|yours|theirs|as|us|plus|less|"
    r"across|unless|thus|perhaps|was|has|is)\b)[a-z]{2,}s)\b)"
)
_AND_BARE_SUBJECT = re.compile(
    r"(?:[a-z][a-z'’-]{1,30} ){0,2}[a-z][a-z'’-]{1,30} "
    r"(?P<aux>is|are|was|were|has|have|had|will|would)(?: (?:not|also|now|still|being|been))? "
    r"[a-z]{2,30}(?:ed|en|ing)\b"
)
# Before a bare "and", words that make what follows part of the same phrase: "how gadgets
# and electronics are used", "as the price of goods and components has fallen".
_AND_JOINS_PHRASE = re.compile(
    r"\b(?:how|what|whether|which|that|who|whom|where|when|why|if|as|than|between|both)\b"
)
_AND_AUXILIARIES = _words("is are was were has have had will would")
_NOT_A_NOUN = _words(
    "whether they it he she we i you that which who what how there this these those his her "
    "its their our my not also then so to of in on at for by with from as than"
)


def _and_bare_subject(left: str, right: str) -> bool:
    """ "Coal has vanished and textiles are struggling": after a bare "and", a short plain
    noun phrase with an auxiliary and a verb of its own opens a clause, when nothing before
    the "and" makes the noun phrase part of the same phrase."""
    match = _AND_BARE_SUBJECT.match(right)
    if match is None or _AND_JOINS_PHRASE.search(left):
        return False
    auxiliary = match.group("aux")
    noun_phrase = right[: match.start("aux")].split()
    if any(word in _NOT_A_NOUN or word in _AND_AUXILIARIES for word in noun_phrase):
        return False
    # One word alone is a subject only as a plural with a plural verb ("textiles are"): "safe
    # and secure has resigned" pairs two adjectives.
    return len(noun_phrase) > 1 or (
        auxiliary in {"are", "were", "have"} and noun_phrase[0].endswith("s")
    )


_STRICT_VERB = re.compile(
    rf"\b(?:{_VERB_AFTER_SUBJECT}\b|[a-z]{{2,}}(?:es|s) (?:the|a|an|on|in|to|its|their|his|her)\b)"
)
# A subordinate clause in the left half may take the right half with it: "... remains unknown
# until each work is bought and the signature is revealed".
_SUBORDINATE_INSIDE = re.compile(
    r"\b(?:until|unless|when|whenever|if|because|since|after|before|although|though|whether|"
    r"where|which|who|so that|once)\b",
    re.IGNORECASE,
)
# A half that opens with one of these depends on the other: "Although A and B, C".
_SUBORDINATE = re.compile(
    r"(?:although|though|while|as|if|when|because|since|after|before|unless|whether|once|"
    r"until|despite|with)\b",
    re.IGNORECASE,
)


# A second clause whose subject is a bare noun phrase: "... ahead of forecasts, while inflation
# fell below 10%", "... costs £99 and 15 games are available". Its first word is no verb, no
# pronoun and no preposition ("and announced profits were up" is one subject's second verb).
_BARE_SUBJECT = re.compile(
    r"(?:\d[\d,.]{0,20}(?:m|bn|k)? )?(?!(?:he|she|it|they|we|i|you|this|that|these|those|there|"
    r"which|who|whom|what|where|when|how|to|of|in|on|at|for|by|with|from|as|than|so|if|not|also|"
    r"then|now|its|his|her|their|our|my|your|only|even|just|still|yet|more|less|most|much|many|"
    r"few|some|all|both|each|none|one|several|others|another|either|neither|any|although|though|"
    r"while|whereas|because|since|after|before|unless|until|whether|once|soon|perhaps|maybe|"
    r"instead|meanwhile|about|into|onto|upon|over|under|through|within|without|during|despite|"
    r"like|unlike|per|via|plus|but|and|or|nor|thus|hence|against|between|among|him|me|them|"
    r"never|always|often|usually|later|already|ever|"
    rf"{_AUXILIARY_VERB})\b)"
    r"(?P<first>[a-z][a-z'’-]{0,30})(?: (?!(?:to|of|in|on|at|for|by|with|from|as|than|that|which|"
    rf"who|and|or|but)\b)[a-z][a-z'’-]{{0,30}}){{0,3}} {_VERB_AFTER_SUBJECT}\b",
    re.IGNORECASE,  # "Leeds group Kaiser Chiefs came fifth"
)


def _bare_subject(text: str) -> bool:
    match = _BARE_SUBJECT.match(text)
    if match is None:
        return False
    first = match.group("first")
    verb = text[match.end() - len(match.group(0).rsplit(" ", 1)[-1]) :]
    # "urban areas traditionally associated with Labour": a participle, not a clause's verb.
    if re.match(r"[a-z]{1,30}ed (?:with|as|in|on|at|for|into|of)\b", verb) or re.search(
        r"ly [a-z]+ed$", match.group(0)
    ):
        return False
    return not (
        first.endswith(("ed", "ing", "ly"))
        or re.fullmatch(_PAST_VERB, first)
        or _SAYING.fullmatch(first)
        or _SAYING_OR_KNOWING.fullmatch(first)
    )


_PROGRESSIVE = re.compile(r"(?:\S{1,30} ){1,3}?(?:was|were|is|are) \w{1,30}ing\b")


def _quotes_closed(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _is_clause(text: str, head: int = 7) -> bool:
    words = text.strip().split()
    if len(words) < 4:
        return False
    head = " ".join(words[:head])
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


# Speed only: the search runs where the text holds one of the pattern's literal prefixes.
_FUTURE = literal_prefiltered(_FUTURE)
