import pytest

from taxonomy.factories import AgencyFactory, AreaFactory
from taxonomy.models import BarrierTheme


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def areas(db):
    return [AreaFactory(name="Northtown"), AreaFactory(name="Southvale")]


@pytest.fixture
def agencies(areas):
    return [
        AgencyFactory(name="Housing Options", area=areas[0]),
        AgencyFactory(name="Community Mental Health Team", area=areas[0]),
        AgencyFactory(name="Drug and Alcohol Service", area=areas[1]),
    ]


@pytest.fixture
def themes(db):
    return list(BarrierTheme.objects.order_by("name")[:3])


@pytest.fixture
def barrier_edit_data():
    """The barrier edit form's fields (front end and admin) for a barrier as it is, with
    `changes` applied."""

    def build(barrier, **changes):
        data = {
            "title": barrier.title,
            "description": barrier.description,
            "level": barrier.level,
            "status": barrier.status,
            "escalation_level": barrier.escalation_level,
            "response_due": "",
            "resolution_note": "",
            "permission_granted": "",
            "first_met": barrier.first_met.isoformat(),
            "tags": "",
        }
        data.update(changes)
        return data

    return build
