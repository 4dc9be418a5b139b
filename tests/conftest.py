import pytest

from people import roles
from people.factories import UserFactory


@pytest.fixture
def practitioner(db):
    return UserFactory(username="practitioner", roles=[roles.PRACTITIONER])


@pytest.fixture
def forum_host(db):
    return UserFactory(username="host", roles=[roles.PRACTITIONER, roles.FORUM_HOST])


@pytest.fixture
def facilitator(db):
    return UserFactory(username="facilitator", roles=[roles.PRACTITIONER, roles.REVIEW_FACILITATOR])


@pytest.fixture
def case_team_member(db):
    return UserFactory(username="caseteam", roles=[roles.PRACTITIONER, roles.CASE_LEARNING_TEAM])


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", roles=[roles.PRACTITIONER, roles.LEADER])


@pytest.fixture
def administrator(db):
    return UserFactory(
        username="admin", roles=[roles.ADMINISTRATOR], is_staff=True, is_superuser=True
    )


@pytest.fixture
def practitioner_client(client, practitioner):
    client.force_login(practitioner)
    return client


@pytest.fixture(autouse=True)
def forget_facet_bitsets():
    """Test databases reuse row ids after a rollback or flush, so no test sees another's bitsets."""
    from search.backends import facet_bitsets

    facet_bitsets.forget()
    yield
    facet_bitsets.forget()
