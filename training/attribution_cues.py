"""Learn the cue lexicon of attribution from PolNeAR's train split (never dev).

    python -m training.attribution_cues [--out claims/extraction/models/attribution_cues.json]

A word is a cue when it ends annotated Cue spans often and, wherever it occurs in the train
texts, it is a cue head at least ``--min-rate`` of the time ("said" is almost always one,
"wants" rarely). Only the words themselves ship (plain JSON); ``attribution.py`` adds them to
its hand-written lexicon, keeping the frame of any learned cue it has no stance for.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from claims.extraction.evaluation import POLNEAR_DIR, shared_data_dir

OUT = Path(__file__).resolve().parents[1] / "claims/extraction/models/attribution_cues.json"
_WORD = re.compile(r"[a-z]+")
# Reviewed out of the learned list: PolNeAR also annotates acts, stances and questions ("X
# endorsed Y", "X asked ...", "the sign reads"), which give no statement to check, and cues the
# attribution module reads by its own patterns ("according to", "quoted as saying").
_NOT_STATEMENT_CUES = """
    according agreed angered appears asked asks chanted chants cited cites citing considers
    declined discussed encouraged endorsed endorses expecting focuses hoping indicate indicates
    invoked mentioning ordered pointed pointing quoted reads referenced referring reportedly
    restricting retweeted seeks seemed sided thanked thanking titled
"""
NOT_STATEMENT_CUES = frozenset(_NOT_STATEMENT_CUES.split())


def learn(split_dir: Path, *, min_count: int, min_rate: float) -> dict:
    cue_heads: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    seen: set[str] = set()
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in seen:
            continue  # one annotator per article, as the evaluation reads it
        seen.add(name)
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        occurrences.update(_WORD.findall(text.lower()))
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 3 and fields[1].startswith("Cue "):
                words = _WORD.findall(fields[2].lower())
                if len(words) == 1 or (words and len(words) <= 3):
                    cue_heads[_head(words)] += 1
    cues = sorted(
        word
        for word, count in cue_heads.items()
        if len(word) > 2
        and word not in NOT_STATEMENT_CUES
        and count >= min_count
        and count / max(occurrences[word], 1) >= min_rate
    )
    return {
        "source": "PolNeAR train split (Newell, Margolin and Ruths, LREC 2018)",
        "articles": len(seen),
        "min_count": min_count,
        "min_rate": min_rate,
        "cues": cues,
    }


def _head(words: list[str]) -> str:
    """The verb of a cue span: 'said in a statement' -> 'said', 'has also said' -> 'said'."""
    for word in words:
        if word not in {"has", "have", "had", "also", "was", "were", "is", "are", "be", "not"}:
            return word
    return words[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-rate", type=float, default=0.5)
    args = parser.parse_args()
    lexicon = learn(
        shared_data_dir() / POLNEAR_DIR / "train", min_count=args.min_count, min_rate=args.min_rate
    )
    args.out.write_text(json.dumps(lexicon, indent=1) + "\n", encoding="utf-8")
    print(f"{len(lexicon['cues'])} cues from {lexicon['articles']} articles -> {args.out}")


if __name__ == "__main__":
    main()
