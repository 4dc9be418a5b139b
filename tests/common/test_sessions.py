from django.contrib.sessions.models import Session

from common import sessions


def stored(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_a_page_renews_the_session_once_a_minute_not_on_every_request(
    client, practitioner, monkeypatch, settings
):
    now = [1_000_000.0]
    monkeypatch.setattr(sessions.time, "time", lambda: now[0])
    client.force_login(practitioner)
    client.get("/barriers/")
    first = stored(client)
    assert client.session[sessions.RENEWED_KEY] == 1_000_000

    now[0] += settings.SESSION_RENEW_SECONDS - 1
    client.get("/barriers/")
    assert stored(client).session_data == first.session_data  # nothing written

    now[0] += 1
    client.get("/barriers/")
    renewed = stored(client)
    assert client.session[sessions.RENEWED_KEY] == 1_000_000 + settings.SESSION_RENEW_SECONDS
    assert renewed.expire_date >= first.expire_date


def test_a_visitor_without_a_session_gets_none(client, db):
    response = client.get("/sign-in/")
    assert response.status_code == 200
    assert not Session.objects.exists()
