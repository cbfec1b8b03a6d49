"""The claimant type ingest suggests from a speaker's name and description (pure, no DB)."""

from __future__ import annotations

import pytest

from claims.extraction.attribution import speaker_type


@pytest.mark.parametrize(
    ("name", "description", "expected"),
    [
        ("Nikol Pashinyan", "Armenian Prime Minister", "person"),
        ("Office for National Statistics", None, "organization"),
        ("CSTO", None, "organization"),
        ("Bank of England", None, "organization"),
        ("the interior ministry", None, "organization"),
        ("Apple", "spokesman", "organization"),
        ("analysts", None, "group"),
        ("local residents", None, "group"),
        ("Ann Lee", None, "person"),
        ("", None, "person"),
    ],
)
def test_a_speaker_is_guessed_a_person_an_organisation_or_a_group(name, description, expected):
    assert speaker_type(name, description) == expected


@pytest.mark.parametrize("name", ["official statistics", "a police report", "the latest figures"])
def test_a_source_that_is_no_one_stands_for_an_organisation(name):
    assert speaker_type(name) == "organization"


def test_a_plural_common_noun_after_a_proper_name_is_a_group():
    assert speaker_type("Kremlin officials") == "group"
