"""Attribution patterns of news prose found on the news dev set's claimant errors (issue 13),
one test per kind of pattern (no database)."""

from claims.extraction.attribution import attribute
from claims.extraction.records import Sentence
from claims.extraction.sentences import split_sentences


def _attributed(text):
    sentences, paragraph_of, offset = [], [], 0
    for index, paragraph in enumerate(text.split("\n")):
        for s in split_sentences(paragraph):
            sentences.append(Sentence(s.text, s.start + offset, s.end + offset))
            paragraph_of.append(index)
        offset += len(paragraph) + 1
    return attribute(sentences, paragraph_of)


def _speakers(text):
    return [r.speaker.name if r.speaker else None for r in _attributed(text)]


def test_a_day_or_an_adverb_between_the_speaker_and_the_cue_keeps_the_speaker():
    assert _speakers("The Times on Saturday wrote that the minister had resigned.") == ["Times"]
    assert _speakers("Turkcell now says it may give up on the deal altogether.") == ["Turkcell"]


def test_a_pronoun_after_a_discourse_opener_speaks_through_a_participle():
    speakers = _speakers(
        "Singer Bruce Springsteen inducted the band into the hall of fame.\n"
        "But he also spoke of the group's stature, adding that it was the only band whose "
        "members he knew by name."
    )
    assert speakers[1] == "Bruce Springsteen"


def test_a_clause_then_and_then_a_speaker_gives_the_speaker_and_the_clause_as_an_aside():
    result = _attributed(
        "There are 1.7m people needing care in England and ministers suggest the number "
        "could quadruple by 2050."
    )[0]
    assert result.speaker.name == "ministers"
    assert result.content == "the number could quadruple by 2050."
    assert result.aside == "There are 1.7m people needing care in England."


def test_a_coordinated_subject_is_not_a_clause_of_its_own():
    result = _attributed(
        "Research by technology firms Earthlink and Webroot revealed that 90% of machines "
        "carry spyware."
    )[0]
    assert result.aside is None


def test_a_price_move_after_and_is_not_a_saying():
    text = "SMFG shares climbed by 2.7% to 717,000, and Daiwa added 5.3% to 740 yen."
    assert _speakers(text) == [None]


def test_a_possessive_place_is_not_an_organisation_speaking():
    speakers = _speakers(
        "Experts studying the seas off Scotland's west coast have already forecast more storms."
    )
    assert speakers[0] != "Scotland"


def test_a_pledge_not_to_do_something_is_a_deed_not_a_statement():
    speakers = _speakers(
        "Chris Rock will host the ceremony.\n"
        "The 40-year-old comic has already promised not to swear live on air during the show."
    )
    assert speakers[1] is None
