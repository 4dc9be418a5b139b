"""An id no column can hold finds nothing instead of crashing the query (common.lookups), on
SQLite (which refuses integers beyond 64 bits) and PostgreSQL alike."""

import pytest

from brightspots.factories import BrightSpotPageFactory, FollowUpActionFactory
from brightspots.models import BrightSpotPage, FollowUpAction
from taxonomy.factories import AgencyFactory
from taxonomy.models import Agency

pytestmark = pytest.mark.django_db(serialized_rollback=True)

TOO_BIG = 12345678901234567890  # twenty digits: more than 64 bits


@pytest.mark.parametrize("value", [TOO_BIG, -TOO_BIG])
def test_in_on_an_integer_column_leaves_out_what_no_row_can_hold(value):
    agency = AgencyFactory()
    assert list(Agency.objects.filter(pk__in=[value])) == []
    assert list(Agency.objects.filter(pk__in=[value, agency.pk])) == [agency]
    assert Agency.objects.exclude(pk__in=[value]).count() == Agency.objects.count()


def test_exact_and_in_through_a_page_types_link_to_its_page():
    page = BrightSpotPageFactory()
    assert not BrightSpotPage.objects.filter(pk=TOO_BIG).exists()
    assert list(BrightSpotPage.objects.filter(pk__in=[TOO_BIG, page.pk])) == [page]


def test_exact_and_in_through_a_foreign_key():
    action = FollowUpActionFactory(owner_agency=AgencyFactory())
    assert not FollowUpAction.objects.filter(owner_agency=TOO_BIG).exists()
    assert not FollowUpAction.objects.filter(owner_agency__in=[TOO_BIG]).exists()
    assert list(
        FollowUpAction.objects.filter(owner_agency__in=[TOO_BIG, action.owner_agency_id])
    ) == [action]


def test_a_value_the_column_holds_is_still_searched():
    agency = AgencyFactory()
    assert list(Agency.objects.filter(pk__in=[2**40, agency.pk])) == [agency]
    assert not Agency.objects.filter(pk__in=[2**40]).exists()
