"""How many nearest statements the re-ranker scores: chosen on dev by MAP@5, the fewest on a tie
(training.matching.choose_candidates, run by ``train_matching --candidates``)."""

from __future__ import annotations

from claims.matching.encoder import default_encoder
from claims.matching.index import Matcher, VectorIndex
from claims.matching.ranking import TermStatistics
from training.matching import RetrievalSplit, choose_candidates, cosine_only_reranker

STATEMENTS = {
    1: "Drinking hot water kills the coronavirus.",
    2: "Hot water kills the coronavirus, doctors say.",
    3: "Gargling warm salt water protects you from the virus.",
    4: "The city council approved a new budget for public parks.",
}
QUERY = "Drinking hot water kills the coronavirus"


def _matcher() -> Matcher:
    encoder = default_encoder()
    matcher = Matcher(
        encoder=encoder,
        reranker=cosine_only_reranker(50),
        index=VectorIndex(encoder.dimensions),
        statistics=TermStatistics(),
        source=lambda keys: {k: (STATEMENTS[k], "") for k in keys if k in STATEMENTS},
    )
    texts = list(STATEMENTS.values())
    matcher.add(list(STATEMENTS), texts, matcher.embed(texts))
    return matcher


def _split(relevant: int) -> RetrievalSplit:
    return RetrievalSplit(
        name="invented", query_ids=["q"], queries=[QUERY], relevant={"q": {str(relevant)}}
    )


def test_the_count_grows_until_the_relevant_statement_is_among_the_candidates():
    matcher = _matcher()
    keys, _ = matcher.index.search(matcher.embed([QUERY])[0], 4)
    assert list(keys[:3]) == [1, 2, 3]  # the salt-water claim is the third nearest
    reranker = cosine_only_reranker(50)
    count, table = choose_candidates(matcher, reranker, _split(3), None, counts=(1, 2, 3, 4))
    assert count == 3
    assert [row["map@5"] for row in table] == [0.0, 0.0, round(1 / 3, 4), round(1 / 3, 4)]
    assert reranker.candidates == 50  # the re-ranker it was given is left as it was


def test_the_fewest_candidates_are_kept_when_more_find_nothing_more():
    count, table = choose_candidates(
        _matcher(), cosine_only_reranker(50), _split(1), None, counts=(4, 1, 2)
    )
    assert count == 1
    assert [(row["candidates"], row["map@5"]) for row in table] == [(1, 1.0), (2, 1.0), (4, 1.0)]
