from django.test import Client

import pytest


@pytest.fixture
def host_client(forum_host):
    """A second browser, signed in as a forum host (`client` is the practitioner's)."""
    client = Client()
    client.force_login(forum_host)
    return client


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.BASE_URL = "http://testserver"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(autouse=True)
def _run_on_commit_callbacks_at_once(monkeypatch):
    """Tests run inside a transaction that never commits; emails are sent on commit."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
