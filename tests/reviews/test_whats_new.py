import pytest

from reviews.factories import ReviewFactory
from reviews.whats_new import items

pytestmark = pytest.mark.django_db


def test_whats_new_lists_recently_completed_reviews_not_drafts(practitioner):
    ReviewFactory(title="A completed one", completed=True)
    ReviewFactory(title="A private draft")
    section = items(practitioner, 5)
    assert section["title"] == "Recently completed reviews"
    assert [item["title"] for item in section["items"]] == ["A completed one"]
    assert section["more_url"] == "/reviews/"


def test_home_page_shows_the_reviews_card(practitioner_client):
    ReviewFactory(title="A completed one", completed=True)
    response = practitioner_client.get("/")
    assert response.status_code == 200
    assert "Recently completed reviews" in response.text
