"""/api/v1/feeds/: the feeds the desk monitors, managed by its members."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_desk_members_add_and_change_feeds_through_the_api(checker_api, outsider_api):
    url = "https://news.example/feed.xml"
    response = checker_api.post("/api/v1/feeds/", {"url": url, "poll_interval": 300})
    assert response.status_code == 201, response.content
    feed = response.json()
    assert feed["next_poll_at"] is None and feed["active"] is True
    again = checker_api.post("/api/v1/feeds/", {"url": url})
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["url"] == ["This feed is already monitored."]
    too_often = checker_api.patch(f"/api/v1/feeds/{feed['id']}/", {"poll_interval": 5})
    assert too_often.status_code == 400
    assert "poll_interval" in too_often.json()["error"]["fields"]
    off = checker_api.patch(f"/api/v1/feeds/{feed['id']}/", {"active": False})
    assert off.json()["active"] is False
    assert outsider_api.get("/api/v1/feeds/").status_code == 403


def test_a_feed_refuses_a_flag_or_an_interval_of_the_wrong_json_type_by_name(checker_api):
    url = "https://news.example/other.xml"
    for field, value in [("active", 0), ("active", "yes"), ("poll_interval", "300")]:
        response = checker_api.post("/api/v1/feeds/", {"url": url, field: value}, format="json")
        assert response.status_code == 400, (field, value)
        assert list(response.json()["error"]["fields"]) == [field]
