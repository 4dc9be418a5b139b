"""An id no column can hold finds nothing instead of crashing the query (common.lookups), on
SQLite (which refuses integers beyond 64 bits) and PostgreSQL alike."""

import contextlib

from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

import pytest

from brightspots.factories import BrightSpotPageFactory, FollowUpActionFactory
from brightspots.models import BrightSpotPage, FollowUpAction
from common.lookups import ForeignKeyIn, IntegerIn
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


@contextlib.contextmanager
def djangos_own_in():
    """Django's own `in` lookups in place of common.lookups' for the block."""
    ours = [(IntegerField, IntegerIn), (ForeignKey, ForeignKeyIn)]
    try:
        for field, _ in ours:
            field.register_lookup(In if field is IntegerField else RelatedIn)
        yield
    finally:
        for field, lookup in ours:
            field.register_lookup(lookup)


IN_LISTS = [
    lambda ids: Agency.objects.filter(pk__in=ids),
    lambda ids: Agency.objects.filter(pk__in=tuple(ids)),
    lambda ids: Agency.objects.filter(pk__in=set(ids)),
    lambda ids: Agency.objects.exclude(pk__in=[*ids, None, ids[0]]),
    lambda ids: FollowUpAction.objects.filter(owner_agency__in=ids),
    lambda ids: BrightSpotPage.objects.filter(pk__in=ids).values_list("pk", flat=True),
    lambda ids: Agency.objects.filter(pk__in=[str(ids[0]), ids[1]]),
    lambda ids: Agency.objects.filter(pk__in=[True, *ids]),
]


@pytest.mark.parametrize("query", IN_LISTS)
def test_a_list_of_integers_gives_the_sql_and_parameters_djangos_own_steps_give(query):
    agencies = AgencyFactory.create_batch(3)
    FollowUpActionFactory(owner_agency=agencies[0])
    ids = [agency.pk for agency in agencies]
    ours = query(ids)
    sql, params = ours.query.sql_with_params()
    found = list(ours)
    with djangos_own_in():
        theirs = query(ids)
        assert theirs.query.sql_with_params() == (sql, params)
        assert [type(value) for value in theirs.query.sql_with_params()[1]] == [
            type(value) for value in params
        ]
        assert list(theirs) == found
