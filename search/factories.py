"""Factories for search tests: Bright Spot pages in the real page tree, saved searches, tokens."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brightspots.models import BrightSpotIndexPage, BrightSpotPage


from datetime import timedelta

from django.utils import timezone

import factory

from people.factories import UserFactory
from people.models import User

from .models import ApiToken, SavedSearch


def bright_spot_index() -> "BrightSpotIndexPage":
    from brightspots.models import BrightSpotIndexPage
    from home.models import HomePage

    index = BrightSpotIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.first().add_child(
            instance=BrightSpotIndexPage(title="Bright Spots", slug="bright-spots")
        )
    return index


def make_bright_spot(
    title: str, *, summary: str = "", live: bool = True, **fields: Any
) -> "BrightSpotPage":
    """A Bright Spot page under the index page, published (live) or a draft."""
    from brightspots.models import BrightSpotPage

    page = BrightSpotPage(title=title, summary=summary or title, live=live, **fields)
    bright_spot_index().add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Saved search {n}")
    query = "hospital discharge"
    filters = factory.LazyFunction(dict)
    frequency = SavedSearch.Frequency.WEEKLY
    last_sent_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=8))


def issue_token(user: User, name: str = "Test token") -> tuple[ApiToken, str]:
    """(ApiToken, plain token) for `user`."""
    return ApiToken.issue(user, name)
