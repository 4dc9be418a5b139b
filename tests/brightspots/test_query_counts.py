"""The main Bright Spots pages make as many queries with 3n rows as with n (#16)."""

from brightspots.factories import (
    BrightSpotPageFactory,
    ForumSessionPageFactory,
    RegistrationFactory,
)
from brightspots.models import BrightSpotIndexPage
from discussion.factories import CommentFactory
from people.factories import UserFactory
from taxonomy.models import Agency, Need, Principle


def spots(count, **kwargs):
    principles = list(Principle.objects.all()[:3])
    needs = list(Need.objects.all()[:2])
    agencies = list(Agency.objects.all()[:2])
    return [
        BrightSpotPageFactory(principles=principles, needs=needs, agencies=agencies, **kwargs)
        for _ in range(count)
    ]


def test_home_page_queries_do_not_grow_with_bright_spots_or_ones_own_submissions(
    practitioner_client, practitioner, page_queries
):
    spots(2)
    spots(2, submitted_by=practitioner, live=False)
    before = page_queries(practitioner_client, "/")
    spots(4)
    spots(4, submitted_by=practitioner, live=False)
    assert page_queries(practitioner_client, "/") == before


def test_index_queries_do_not_grow_with_bright_spots_listed(practitioner_client, page_queries):
    index = BrightSpotIndexPage.objects.get().url
    principle = Principle.objects.first()
    spots(3)
    before = page_queries(practitioner_client, index)
    filtered = page_queries(practitioner_client, f"{index}?principle={principle.pk}")
    spots(6)
    assert page_queries(practitioner_client, index) == before
    assert page_queries(practitioner_client, f"{index}?principle={principle.pk}") == filtered


def test_one_bright_spot_queries_do_not_grow_with_related_spots_or_comments(
    practitioner_client, page_queries
):
    spot = spots(1)[0]
    spots(2)
    CommentFactory.create_batch(2, target=spot)
    before = page_queries(practitioner_client, spot.url)
    spots(4)
    CommentFactory.create_batch(4, target=spot)
    assert page_queries(practitioner_client, spot.url) == before


def test_forum_session_queries_do_not_grow_with_registrations(practitioner_client, page_queries):
    session = ForumSessionPageFactory()
    for _ in range(2):
        RegistrationFactory(session=session, user=UserFactory())
    before = page_queries(practitioner_client, session.url)
    for _ in range(4):
        RegistrationFactory(session=session, user=UserFactory())
    assert page_queries(practitioner_client, session.url) == before
