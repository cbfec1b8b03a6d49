"""A second annotated news set: PolNeAR articles annotated for claims like ``news_claims_dev``.

    python -m training.polnear_claims import FOLDER   # annotation files with sentences -> offsets
    python -m training.polnear_claims export FOLDER   # NN.json + NN.txt for score_claims.py
    python ../shared/eval/score_claims.py --annotations FOLDER

The annotations live in ``training/data/news_claims_polnear/`` (see its SOURCE.md): each file
names a PolNeAR train article and gives its claims and not-claims by character offsets into the
article's text in ``../shared/data/polnear_attribution/train/text`` (the texts are the
publishers' and are not copied here). ``load`` gives them in the shape
``score_claims.load_articles`` gives the BBC set: ``(name, title, text, annotation)`` with each
claim's and not-claim's ``sentence`` read back from the text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claims.extraction.evaluation import shared_data_dir

ANNOTATIONS = Path(__file__).resolve().parent / "data" / "news_claims_polnear"
KINDS = ("quote", "statistic", "event", "causal", "prediction", "comparison", "other")


class AnnotationError(ValueError):
    """An annotation file that does not fit its article (names the file and the entry)."""


def _text(name: str, data_dir: Path | None = None) -> str:
    path = (
        (data_dir or shared_data_dir()) / "polnear_attribution" / "train" / "text" / f"{name}.txt"
    )
    return path.read_text(encoding="utf-8")


def _span(text: str, sentence: str, where: str) -> list[int]:
    start = text.find(sentence)
    if start < 0:
        raise AnnotationError(f"{where}: the sentence is not in the article: {sentence[:60]!r}")
    return [start, start + len(sentence)]


def to_offsets(annotation: dict, text: str, where: str) -> dict:
    """An annotation written with sentences, as stored: each sentence replaced by its span."""
    claims = []
    for i, claim in enumerate(annotation["claims"]):
        if claim["kind"] not in KINDS:
            raise AnnotationError(
                f"{where}: claims[{i}]: kind {claim['kind']!r} is not one of {KINDS}"
            )
        claims.append(
            {
                "span": _span(text, claim["sentence"], f"{where}: claims[{i}]"),
                "claim": claim["claim"],
                "claimant": claim["claimant"] or None,
                "kind": claim["kind"],
            }
        )
    not_claims = [
        {"span": _span(text, n["sentence"], f"{where}: not_claims[{i}]"), "reason": n["reason"]}
        for i, n in enumerate(annotation["not_claims"])
    ]
    return {
        "polnear": annotation["polnear"],
        "claims": claims,
        "not_claims": not_claims,
        "noise": annotation.get("noise", []),
    }


def from_offsets(stored: dict, text: str) -> dict:
    """A stored annotation with each span's sentence read back from the article's text."""
    return {
        "claims": [
            {**{k: v for k, v in c.items() if k != "span"}, "sentence": text[slice(*c["span"])]}
            for c in stored["claims"]
        ],
        "not_claims": [
            {"sentence": text[slice(*n["span"])], "reason": n["reason"]}
            for n in stored["not_claims"]
        ],
        "noise": stored.get("noise", []),
    }


def load(folder: Path = ANNOTATIONS, data_dir: Path | None = None) -> list[tuple]:
    """``(name, title, text, annotation)`` per stored file, as ``score_claims.load_articles``."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        stored = json.loads(path.read_text(encoding="utf-8"))
        text = _text(stored["polnear"], data_dir)
        articles.append((f"polnear-{stored['polnear']}", None, text, from_offsets(stored, text)))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="store annotation files written with sentences")
    imp.add_argument("folder", type=Path)
    exp = sub.add_parser("export", help="write NN.json + NN.txt for score_claims.py")
    exp.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "import":
        ANNOTATIONS.mkdir(parents=True, exist_ok=True)
        for path in sorted(args.folder.glob("*.json")):
            annotation = json.loads(path.read_text(encoding="utf-8"))
            try:
                stored = to_offsets(annotation, _text(annotation["polnear"]), str(path))
            except AnnotationError as error:
                print(error, file=sys.stderr)
                continue
            (ANNOTATIONS / path.name).write_text(
                json.dumps(stored, indent=1) + "\n", encoding="utf-8"
            )
            counts = f"{len(stored['claims'])} claims, {len(stored['not_claims'])} not-claims"
            print(f"stored {path.name}: {counts}")
        return 0
    args.folder.mkdir(parents=True, exist_ok=True)
    for index, (name, _, text, annotation) in enumerate(load()):
        stem = args.folder / f"{index:02d}"
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
        stem.with_suffix(".json").write_text(
            json.dumps({"source": name, **annotation}) + "\n", encoding="utf-8"
        )
    print(f"wrote {index + 1} articles to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
