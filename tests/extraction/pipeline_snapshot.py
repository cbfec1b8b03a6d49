"""A snapshot of what ``extract`` yields on news articles, to prove a speed-up changed nothing.

    python -m tests.extraction.pipeline_snapshot          # rewrite the fixture from this code
    python -m tests.extraction.pipeline_snapshot --check  # compare this code with the fixture

``test_pipeline_snapshot.py`` runs the comparison. Regenerate the fixture (and commit it with a
message saying why) whenever a change is *meant* to change the claims: an accuracy change, a new
model, a new rule. A change made only for speed must leave it alone.

The news corpus may not be redistributed (see its SOURCE.md), so the fixture stores no article
text: each text field is kept as a short SHA-256 digest, beside the offsets, kinds, flags and
scores. Articles come from ``../shared/data`` (or ``$CLAIMTRACK_SHARED_DATA``); some are given
typical scrape damage first (mojibake, HTML entities, typographic spaces, CRLF, widget lines),
so the clean-up steps are covered as well as the clean path.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pipeline_snapshot.json"
# Every STRIDE-th article of the corpus (all five categories, about 190), a fifth also damaged.
STRIDE = 12
SCORER = "linear"
PUBLISHED = date(2005, 3, 17)
SCORE_TOLERANCE = 1e-9


def digest(text: str | None) -> str | None:
    if text is None:
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def damaged(text: str, index: int) -> str:
    """The article as a careless scraper might deliver it; deterministic per ``index``."""
    paragraphs = text.split("\n\n")
    if index % 3 == 0:
        # Mojibake: the first paragraph's UTF-8 read as Windows-1252.
        first = paragraphs[0].replace("'", "\u2019").replace(" - ", " \u2014 ")
        try:
            paragraphs[0] = first.encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:
            paragraphs[0] = first
    widgets = ["Advertisement", "Story continues below advertisement", "Share this article"]
    paragraphs.insert(min(2, len(paragraphs)), widgets[index % len(widgets)])
    joined = "\r\n\r\n".join(paragraphs) if index % 2 else "\n\n".join(paragraphs)
    return (
        joined.replace(" & ", " &amp; ")
        .replace(", ", ",\u00a0", 3)
        .replace(". ", ".  ", 2)
        .replace("said", "sa\u00adid", 1)
    )


def cases(data: Path) -> Iterator[tuple[str, str, str | None, date | None]]:
    """(case id, text, title, published) for each snapshot case."""
    from claims.extraction.evaluation import NEWS_CORPUS_FILE, read_jsonl

    for index, article in enumerate(read_jsonl(data / NEWS_CORPUS_FILE)):
        if index % STRIDE:
            continue
        number = index // STRIDE
        published = PUBLISHED if number % 2 else None
        yield article["id"], article["text"], article["title"], published
        if number % 5 == 0:
            yield f"{article['id']}+damaged", damaged(article["text"], number), None, published


def snapshot_of(text: str, title: str | None, published: date | None) -> dict:
    from claims.extraction.checkworthiness import load_shipped
    from claims.extraction.pipeline import extract

    scorer = load_shipped(SCORER)
    result = extract(text, title=title, scorer=scorer, published=published)
    # threshold=0 keeps every candidate with the scorer's own score: a change below the
    # calibration's cut shows up too.
    every = extract(text, title=title, scorer=scorer, published=published, threshold=0.0)
    return {
        "text": digest(result.text),
        "title": digest(result.title),
        "byline": digest(result.byline),
        "dateline": digest(result.dateline),
        "model_version": result.model_version,
        "sentences": len(result.sentences),
        "sentence_spans": digest(
            "\u241e".join(f"{s.start}:{s.end}:{s.text}" for s in result.sentences)
        ),
        "claims": [_claim(claim) for claim in result.claims],
        "candidates": [_claim(claim) for claim in every.claims],
    }


def _claim(claim) -> list:
    return [
        claim.start,
        claim.end,
        claim.kind,
        claim.is_quote,
        round(claim.score, 12),
        # statement, sentence, claimant, description
        digest(
            "\u241e".join(
                str(part)
                for part in (
                    claim.statement,
                    claim.sentence,
                    claim.claimant,
                    claim.claimant_description,
                )
            )
        ),
    ]


def build(data: Path) -> dict:
    return {
        "stride": STRIDE,
        "scorer": SCORER,
        "cases": {
            case: snapshot_of(text, title, published)
            for case, text, title, published in cases(data)
        },
    }


def differences(expected: dict, actual: dict, *, limit: int = 20) -> list[str]:
    """Human-readable differences between two snapshots' cases (scores within tolerance)."""
    found: list[str] = []
    missing = sorted(set(expected["cases"]) ^ set(actual["cases"]))
    if missing:
        found.append(f"cases differ: {missing[:10]}")
    for case in sorted(set(expected["cases"]) & set(actual["cases"])):
        want, got = expected["cases"][case], actual["cases"][case]
        for key in want.keys() | got.keys():
            a, b = want.get(key), got.get(key)
            if key in {"claims", "candidates"} and a is not None and b is not None:
                if len(a) != len(b):
                    found.append(f"{case}: {len(a)} {key} expected, got {len(b)}")
                    continue
                for n, (x, y) in enumerate(zip(a, b, strict=True)):
                    same_score = math.isclose(x[4], y[4], rel_tol=0, abs_tol=SCORE_TOLERANCE)
                    if x[:4] + x[5:] != y[:4] + y[5:] or not same_score:
                        found.append(f"{case}: {key}[{n}] expected {x}, got {y}")
            elif a != b:
                found.append(f"{case}: {key} differs")
        if len(found) >= limit:
            break
    return found[:limit]


def dumps(snapshot: dict) -> str:
    """JSON with one line per case: small, and a diff names the cases that changed."""
    lines = [
        "{",
        f'"scorer": {json.dumps(snapshot["scorer"])},',
        f'"stride": {snapshot["stride"]},',
        '"cases": {',
    ]
    items = sorted(snapshot["cases"].items())
    for n, (case, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        lines.append(f"{json.dumps(case)}: {json.dumps(value, sort_keys=True)}{comma}")
    lines += ["}", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from claims.extraction.evaluation import NEWS_CORPUS_FILE, shared_data_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    data = shared_data_dir()
    if not (data / NEWS_CORPUS_FILE).exists():
        print(f"news corpus not found under {data} (set CLAIMTRACK_SHARED_DATA)", file=sys.stderr)
        return 2
    snapshot = build(data)
    if args.check:
        problems = differences(json.loads(FIXTURE.read_text(encoding="utf-8")), snapshot)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    FIXTURE.write_text(dumps(snapshot), encoding="utf-8")
    count = len(snapshot["cases"])
    print(f"wrote {FIXTURE} ({count} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
