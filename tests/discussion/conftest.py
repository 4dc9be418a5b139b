import pytest

from barriers.models import Barrier
from people import roles
from people.factories import UserFactory


@pytest.fixture
def barrier_owner(db):
    return UserFactory(username="barrierowner", roles=[roles.PRACTITIONER, roles.LEADER])


@pytest.fixture
def barrier_creator(db):
    return UserFactory(username="barriercreator", roles=[roles.PRACTITIONER])


@pytest.fixture
def barrier(barrier_owner, barrier_creator):
    return Barrier.objects.create(
        title="Housing forms only accept a fixed address",
        description="The online form will not submit without a postcode.",
        owner=barrier_owner,
        created_by=barrier_creator,
    )
