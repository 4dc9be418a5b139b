import hashlib

import pytest

from search.models import ApiToken, SavedSearch

pytestmark = pytest.mark.django_db


def test_only_a_sha256_hash_of_the_token_is_stored(practitioner):
    token, plain = ApiToken.issue(practitioner, "Script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in {stored.token_hash, stored.prefix, stored.name}
    assert stored.prefix == plain[:10]


def test_authenticate_and_revoke(practitioner):
    token, plain = ApiToken.issue(practitioner, "Script")
    assert ApiToken.authenticate(plain) == practitioner
    assert ApiToken.authenticate(plain + "x") is None
    token.revoke()
    assert ApiToken.authenticate(plain) is None


def test_inactive_users_tokens_do_not_work(practitioner):
    _token, plain = ApiToken.issue(practitioner, "Script")
    practitioner.is_active = False
    practitioner.save()
    assert ApiToken.authenticate(plain) is None


def test_saved_search_querystring(practitioner):
    saved = SavedSearch(user=practitioner, name="x", query="MH", filters={"type": ["barrier"]})
    assert saved.querystring() == "q=MH&type=barrier"
