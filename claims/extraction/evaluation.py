"""Sentence-boundary scores shared by the data tests and ``benchmarks/sentences.py``.

Both scores follow the conventions written down in the SOURCE.md of each data folder, so the
numbers here can be compared with the published pySBD figures:

- Golden Rules: a rule passes only when the stripped list of sentences equals the expected list.
- GUM Wikinews: each gold paragraph is rebuilt as its sentences joined by one space and split on
  its own; a boundary is the start of every sentence but the first (the paragraph-final boundary
  is trivial and not counted). Precision, recall and F1 are micro-averaged over all paragraphs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

Splitter = Callable[[str], Sequence[str]]

GOLDEN_RULES_FILE = "sbd_golden_rules_english/english_golden_rules.jsonl"
GUM_TEST_FILE = "sbd_gum_wikinews_english/gum_wikinews_test.jsonl"
GUM_DEV_FILE = "sbd_gum_wikinews_english/gum_wikinews_dev.jsonl"
NEWS_CORPUS_FILE = "news_corpus/articles.jsonl"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def shared_data_dir() -> Path:
    """../shared/data beside the repository, unless CLAIMTRACK_SHARED_DATA says otherwise."""
    override = os.environ.get("CLAIMTRACK_SHARED_DATA")
    if override:
        return Path(override)
    # parents[2] is the repository root (claims/extraction/evaluation.py).
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True, slots=True)
class GoldenRulesResult:
    passed: int
    total: int
    failed_rules: tuple[int, ...]


def golden_rules_score(split: Splitter, rules: Iterable[dict]) -> GoldenRulesResult:
    passed = 0
    total = 0
    failed: list[int] = []
    for rule in rules:
        total += 1
        got = [s.strip() for s in split(rule["input"]) if s.strip()]
        if got == rule["expected"]:
            passed += 1
        else:
            failed.append(rule["rule_id"])
    return GoldenRulesResult(passed=passed, total=total, failed_rules=tuple(failed))


@dataclass(frozen=True, slots=True)
class BoundaryScore:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _segment_starts(text: str, segments: Sequence[str]) -> set[int]:
    """Offsets where each segment after the first begins, found by scanning left to right.

    Segmenters that return strings (pySBD) may change whitespace, so segments are located by
    searching for their stripped text rather than by summing lengths.
    """
    starts: list[int] = []
    cursor = 0
    for segment in segments:
        needle = segment.strip()
        if not needle:
            continue
        found = text.find(needle, cursor)
        if found < 0:
            continue
        starts.append(found)
        cursor = found + len(needle)
    return set(starts[1:])


def gum_paragraphs(documents: Iterable[dict]) -> Iterator[list[str]]:
    for document in documents:
        yield from document["paragraphs"]


def boundary_score(split: Splitter, paragraphs: Iterable[Sequence[str]]) -> BoundaryScore:
    tp = fp = fn = 0
    for sentences in paragraphs:
        text = " ".join(sentences)
        gold = _segment_starts(text, sentences)
        predicted = _segment_starts(text, split(text))
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    return BoundaryScore(true_positives=tp, false_positives=fp, false_negatives=fn)


# --- attribution on PolNeAR ---------------------------------------------------------------------

POLNEAR_DIR = "polnear_attribution"
# Sources that name nobody without coreference (the corpus has none): left out of the score.
_UNNAMED_SOURCES = _words(
    "he she they it we i you who which that his her their its our this these those me us "
    "him them one"
)
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class AttributionScore:
    """Speaker accuracy on sentences whose attributed content has a named source.

    ``sentences``: content sentences with a named gold source; ``attributed``: those the product
    gave some speaker; ``correct``: those whose speaker names a gold source (its last word is a
    word of the product's claimant, as ``score_claims.py`` counts claimants). ``pronoun_only``:
    content sentences left out because every gold source is a pronoun.
    """

    articles: int
    sentences: int
    attributed: int
    correct: int
    pronoun_only: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.sentences if self.sentences else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.attributed if self.attributed else 0.0


def polnear_articles(split: str, data_dir: Path | None = None) -> Iterator[tuple[str, list[dict]]]:
    """(text, attributions) per article of PolNeAR's ``split``; one annotator per article.

    Each attribution is {"source": (start, end, text) or None, "content": (start, end)}.
    """
    root = (data_dir or shared_data_dir()) / POLNEAR_DIR / split
    seen: set[str] = set()
    for ann in sorted((root / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in seen:
            continue
        seen.add(name)
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        yield text, _brat_attributions(ann.read_text(encoding="utf-8"))


def _brat_attributions(standoff: str) -> list[dict]:
    spans: dict[str, tuple[int, int, str]] = {}
    events: list[dict[str, str]] = []
    for line in standoff.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 3:
            kind_and_offsets = fields[1].split()
            if len(kind_and_offsets) >= 3 and ";" not in fields[1]:
                start, end = int(kind_and_offsets[1]), int(kind_and_offsets[2])
                spans[fields[0]] = (start, end, fields[2])
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(part.split(":", 1) for part in fields[1].split()[1:] if ":" in part))
    attributions = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        attributions.append({"source": spans.get(event.get("Source", "")), "content": content[:2]})
    return attributions


def attribution_score(
    attribute: Callable, split_paragraph: Splitter | Callable, articles: Iterable
) -> AttributionScore:
    """Score ``attribute(sentences, paragraph_of)`` (the product's attribution) on ``articles``.

    Sentences come from ``split_paragraph`` run on each line of the raw text, so their offsets
    are the corpus offsets. A content sentence is one whose span overlaps an attribution's
    content span by at least half of the sentence.
    """
    from claims.extraction.records import Sentence

    n_articles = sentences_total = attributed = correct = pronoun_only = 0
    for text, attributions in articles:
        n_articles += 1
        sentences: list[Sentence] = []
        paragraph_of: list[int] = []
        for index, line in enumerate(re.finditer(r"[^\n]+", text)):
            for sentence in split_paragraph(line.group()):
                sentences.append(
                    Sentence(
                        sentence.text, sentence.start + line.start(), sentence.end + line.start()
                    )
                )
                paragraph_of.append(index)
        results = attribute(sentences, paragraph_of)
        for sentence, result in zip(sentences, results, strict=True):
            sources = []
            for attribution in attributions:
                start, end = attribution["content"]
                overlap = min(end, sentence.end) - max(start, sentence.start)
                if overlap * 2 >= sentence.end - sentence.start:
                    sources.append(attribution["source"])
            if not sources:
                continue
            named = [
                words[-1]
                for source in sources
                if source is not None
                for words in [_TOKEN.findall(_source_head(source[2]))]
                if words and not (len(words) == 1 and words[0] in _UNNAMED_SOURCES)
            ]
            if not named:
                pronoun_only += 1
                continue
            sentences_total += 1
            if result.speaker is None:
                continue
            attributed += 1
            produced = set(_TOKEN.findall(result.speaker.name.lower()))
            correct += any(word in produced for word in named)
    return AttributionScore(n_articles, sentences_total, attributed, correct, pronoun_only)


def _source_head(source: str) -> str:
    """'Monte Shaw, executive director of the Iowa Renewable Fuels Association' -> 'monte shaw':
    the corpus' source spans take in appositives and relative clauses; the name comes first."""
    head = source.lower().replace("’s", "").replace("'s", "")
    head = re.split(r",| who | which ", head, maxsplit=1)[0]
    return head or source.lower()
