from brightspots.factories import BrightSpotPageFactory, ForumSessionPageFactory


def test_pages_render(practitioner_client):
    spot = BrightSpotPageFactory()
    session = ForumSessionPageFactory()
    for url in [
        "/bright-spots/",
        "/forum/",
        spot.url,
        session.url,
        "/bright-spots/submit/",
        "/bright-spots/mine/",
        "/bright-spots/feed/",
        "/forum/calendar.ics",
        f"/forum/{session.pk}/session.ics",
    ]:
        response = practitioner_client.get(url)
        assert response.status_code == 200, (url, response.status_code)
