from __future__ import annotations

import pytest
from django.utils import timezone

from claims import selectors
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_the_current_verdict_is_the_newest_published_version_of_each_claim():
    now = timezone.now()
    corrected, once, unpublished = ClaimFactory.create_batch(3)
    VerdictFactory(claim=corrected, version=1, published_at=now)
    VerdictFactory(claim=corrected, version=2, published_at=now, summary="corrected")
    VerdictFactory(claim=corrected, version=3, published_at=None, summary="draft")
    VerdictFactory(claim=once, version=1, published_at=now, summary="only")
    VerdictFactory(claim=unpublished, version=1, published_at=None)

    ids = [corrected.pk, once.pk, unpublished.pk]
    current = {v.claim_id: v.summary for v in selectors.current_verdicts(ids)}

    assert current == {corrected.pk: "corrected", once.pk: "only"}
