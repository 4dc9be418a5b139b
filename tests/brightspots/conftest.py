import pytest


@pytest.fixture
def host_client(client, forum_host):
    client.force_login(forum_host)
    return client


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.BASE_URL = "http://testserver"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
