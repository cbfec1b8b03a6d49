import pytest
from django.contrib.auth.models import Group

from claims.models import Rating

pytestmark = pytest.mark.django_db


def test_the_default_rating_scale_runs_from_false_to_true_with_off_scale_ratings():
    values = dict(Rating.objects.values_list("label", "value"))
    assert values == {
        "False": 1,
        "Mostly false": 2,
        "Half true": 3,
        "Mostly true": 4,
        "True": 5,
        "Misleading": 2,
        "Unverifiable": None,
    }


def test_only_editors_may_publish_merge_and_edit_the_rating_scale():
    checkers = set(
        Group.objects.get(name="Fact-checkers").permissions.values_list("codename", flat=True)
    )
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"change_claim", "add_source", "add_verdict"} <= checkers
    assert not {"publish_verdict", "merge_claim", "change_rating"} & checkers
    assert {"publish_verdict", "merge_claim", "change_rating"} <= editors
    assert checkers <= editors
