"""Build the opinion lexicon the news calibration reads (``claims/extraction/calibration.py``).

    pip install textblob        # training only, not a run-time dependency
    python -m training.opinion_lexicon [--out claims/extraction/models/opinion_lexicon.json]

A general English lexicon, not drawn from news_claims_dev:

- ``subjectivity``: the subjectivity lexicon of Pattern (De Smedt & Daelemans, CLiPS; PDDL,
  public domain), as shipped inside TextBlob (``textblob/en/en-sentiment.xml``): 2,918 word
  senses of 1,514 forms, mostly adjectives, hand-tagged from 0 (objective: "British", "former")
  to 1 (subjective: "wonderful", "ridiculous"). A form with several senses gets their mean.

Tried and left out: the VADER sentiment lexicon (valence of about 7,500 words). It rates the
words news uses to report events as strong feeling ("killed" 3.5, "crisis" 3.1, "war" 2.9,
"arrested" 2.1), so it would hold back reports of crimes and disasters; on news_claims_dev it
did no better out of fold than subjectivity alone (not-claim rate 0.358-0.385 either way).

Only the words and their numbers ship (plain JSON, rounded to two decimals).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "claims/extraction/models/opinion_lexicon.json"
_TOKEN = re.compile(r"[a-z][a-z'-]*")


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{package} is not installed: pip install {package.lower()}")
    return Path(spec.origin).parent / relative


def subjectivity(path: Path) -> dict[str, float]:
    """Word form -> mean subjectivity over its senses in Pattern's lexicon."""
    senses: dict[str, list[float]] = defaultdict(list)
    for word in ET.parse(path).getroot().iter("word"):
        form = (word.get("form") or "").lower()
        if _TOKEN.fullmatch(form):
            senses[form].append(float(word.get("subjectivity") or 0.0))
    return {form: round(sum(values) / len(values), 2) for form, values in sorted(senses.items())}


def build() -> dict:
    return {
        "subjectivity": subjectivity(_package_file("textblob", "en/en-sentiment.xml")),
        "sources": {
            "subjectivity": "Pattern's English subjectivity lexicon (De Smedt & Daelemans, "
            "CLiPS), PDDL, via TextBlob's en-sentiment.xml; mean over senses",
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lexicon = build()
    args.out.write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(lexicon['subjectivity'])} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
