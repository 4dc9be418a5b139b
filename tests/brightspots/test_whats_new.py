import pytest

from brightspots import whats_new
from brightspots.factories import BrightSpotPageFactory, ForumSessionPageFactory

pytestmark = pytest.mark.django_db


def test_recent_bright_spots_and_next_sessions_on_the_home_page(practitioner, practitioner_client):
    BrightSpotPageFactory(title="Newly shared")
    BrightSpotPageFactory(title="Not yet approved", live=False)
    ForumSessionPageFactory(title="Next forum")
    section = whats_new.items(practitioner, 5)
    titles = [item["title"] for item in section["items"]]
    assert titles == ["Newly shared", "Next forum"]
    home = practitioner_client.get("/").content.decode()
    assert "Newly shared" in home
    assert "Next forum" in home
