"""Correcting a claim and its sources through the services: who changed what and when."""

from __future__ import annotations

import pytest

from claims import services
from claims.models import Claimant, ClaimEdit, Source, Status, statement_key
from claims.services import PermissionDenied, WorkflowError
from tests.factories import (
    AppearanceFactory,
    ClaimantFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_a_fact_checker_corrects_statement_kind_and_claimant_and_the_history_says_so(
    fact_checker,
):
    claim = ClaimFactory(statement="Unemplyment fell to 5%.", kind="other")
    appearance = AppearanceFactory(claim=claim)
    sentence = appearance.sentence
    ons = ClaimantFactory(name="Office for National Statistics")
    old_claimant = claim.claimant.name

    edit = services.claim_edit(
        claim=claim,
        by=fact_checker,
        statement="  Unemployment fell to 5%  last year. ",
        kind="statistic",
        claimant=ons,
        note="typo",
    )
    claim.refresh_from_db()
    assert claim.statement == "Unemployment fell to 5% last year."
    assert claim.statement_key == statement_key("Unemployment fell to 5% last year.")
    assert (claim.kind, claim.claimant) == ("statistic", ons)
    assert edit.by == fact_checker and edit.note == "typo"
    assert edit.changes == {
        "statement": ["Unemplyment fell to 5%.", "Unemployment fell to 5% last year."],
        "kind": ["other", "statistic"],
        "claimant": [old_claimant, "Office for National Statistics"],
    }
    # What was said, where, stays as it was: the appearance is the provenance.
    appearance.refresh_from_db()
    assert appearance.sentence == sentence


def test_an_edit_that_changes_nothing_records_nothing(fact_checker):
    claim = ClaimFactory()
    assert services.claim_edit(claim=claim, by=fact_checker, statement=claim.statement) is None
    assert not ClaimEdit.objects.exists()


def test_a_statement_another_claim_makes_is_refused_naming_it(fact_checker):
    other = ClaimFactory(statement="Exports doubled in 2023.")
    claim = ClaimFactory()
    with pytest.raises(WorkflowError, match=f"Claim {other.pk} already says this"):
        services.claim_edit(claim=claim, by=fact_checker, statement="exports doubled in 2023")
    assert not ClaimEdit.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"statement": "   "}, "cannot be empty"),
        ({"kind": "rumour"}, "'rumour' is not a claim kind"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_written(fact_checker, change, message):
    claim = ClaimFactory()
    before = (claim.statement, claim.kind)
    with pytest.raises(WorkflowError, match=message):
        services.claim_edit(claim=claim, by=fact_checker, **change)
    claim.refresh_from_db()
    assert (claim.statement, claim.kind) == before
    assert not ClaimEdit.objects.exists()


def test_only_an_editor_changes_a_published_claim(fact_checker, editor):
    claim = ClaimFactory(status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied, match="only an editor changes a published"):
        services.claim_edit(claim=claim, by=fact_checker, kind="event")
    assert services.claim_edit(claim=claim, by=editor, kind="event") is not None


def test_a_user_without_a_desk_role_cannot_edit(outsider):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        services.claim_edit(claim=claim, by=outsider, statement="Something else.")


def test_a_published_verdict_is_untouched_by_an_edit_of_its_claim(editor):
    claim = ClaimFactory(status=Status.PUBLISHED)
    verdict = VerdictFactory(claim=claim, published_at="2024-01-01T00:00:00Z")
    services.claim_edit(claim=claim, by=editor, statement="A clearer statement.")
    verdict.refresh_from_db()
    assert verdict.summary == "The figure was 7.1%, not 5.5%." and verdict.version == 1


def test_a_source_is_corrected_and_the_history_keeps_before_and_after(fact_checker):
    source = SourceFactory(stance="refutes", title="Labour force survey")
    edit = services.source_edit(
        source=source, by=fact_checker, stance="context", title="LFS, March table"
    )
    source.refresh_from_db()
    assert (source.stance, source.title) == ("context", "LFS, March table")
    assert edit.subject == "source" and edit.source_id == source.pk
    assert edit.changes == {
        "stance": ["refutes", "context"],
        "title": ["Labour force survey", "LFS, March table"],
    }


def test_a_source_with_a_bad_url_is_refused_and_stays_as_it_was(fact_checker):
    source = SourceFactory()
    url = source.url
    with pytest.raises(Exception, match="url"):
        services.source_edit(source=source, by=fact_checker, url="ftp://files.example/x")
    source.refresh_from_db()
    assert source.url == url
    assert not ClaimEdit.objects.exists()


def test_a_removed_source_is_gone_and_its_claims_history_says_what_it_was(fact_checker):
    source = SourceFactory(url="https://stats.example/t9", title="Table 9")
    claim = source.claim
    edit = services.source_remove(source=source, by=fact_checker, note="dead link")
    assert not Source.objects.filter(pk=source.pk).exists()
    assert edit.claim == claim and edit.subject == "source_removed"
    assert edit.changes["url"] == ["https://stats.example/t9", None]
    assert "source #" in edit.summary and "removed" in edit.summary


def test_a_published_claim_keeps_the_sources_publishing_requires(editor):
    claim = ClaimFactory(status=Status.PUBLISHED)
    only = SourceFactory(claim=claim)
    with pytest.raises(WorkflowError, match="add another source before removing this one"):
        services.source_remove(source=only, by=editor)
    SourceFactory(claim=claim)
    services.source_remove(source=only, by=editor)
    assert claim.sources.count() == 1


def test_history_is_append_only(fact_checker):
    claim = ClaimFactory()
    edit = services.claim_edit(claim=claim, by=fact_checker, kind="event")
    with pytest.raises(TypeError):
        edit.save()
    with pytest.raises(TypeError):
        ClaimEdit.objects.update(note="rewritten")


def test_merging_claims_moves_their_edit_history_to_the_survivor(fact_checker, editor):
    survivor, duplicate = ClaimFactory(), ClaimFactory()
    services.claim_edit(claim=duplicate, by=fact_checker, kind="event")
    services.claim_merge(survivor=survivor, duplicates=[duplicate], by=editor)
    assert list(survivor.edits.values_list("changes", flat=True)) == [
        {"kind": ["statistic", "event"]}
    ]


def test_an_unused_claimant_is_deleted_and_a_used_one_is_refused(editor, fact_checker):
    junk = ClaimantFactory(name="Loading")
    used = ClaimFactory().claimant
    with pytest.raises(PermissionDenied):
        services.claimant_delete(claimant=junk, by=fact_checker)
    with pytest.raises(WorkflowError, match="merge it into another claimant"):
        services.claimant_delete(claimant=used, by=editor)
    services.claimant_delete(claimant=junk, by=editor)
    assert list(Claimant.objects.all()) == [used]
