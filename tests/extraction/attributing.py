"""Attribution as the pipeline runs it, for the attribution tests: one paragraph a line."""

from __future__ import annotations

from claims.extraction.attribution import Attributed, attribute
from claims.extraction.sentences import split_sentences


def attributed(text: str) -> list[Attributed]:
    """Attribute ``text``, one paragraph a line (blank lines dropped), as ``extract`` does."""
    sentences, paragraph_of, offset = [], [], 0
    for index, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
        found = split_sentences(paragraph, offset)
        sentences += found
        paragraph_of += [index] * len(found)
        offset += len(paragraph) + 1
    return attribute(sentences, paragraph_of)


def speakers(text: str) -> list[str | None]:
    """The speaker's name attribution gives each sentence of ``text`` (None: own voice)."""
    return [r.speaker.name if r.speaker else None for r in attributed(text)]
