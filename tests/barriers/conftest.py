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
