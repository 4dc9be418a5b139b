"""Atom feed of newly published Bright Spots."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import BrightSpotPage

FEED_SIZE = 30


class BrightSpotFeed(Feed):
    """Signed-in readers get every Bright Spot; feed readers (anonymous) only the public ones."""

    feed_type = Atom1Feed
    title = "Bright Spots: newly published"
    subtitle = "What worked, shared by practitioners across our services."
    link = "/bright-spots/"

    def get_object(self, request, *args, **kwargs):
        return request.user

    def items(self, user):
        return (
            BrightSpotPage.objects.live()
            .visible_to(user)
            .exclude(first_published_at__isnull=True)
            .prefetch_related("principles")
            .order_by("-first_published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"urn:brightspots:{item.external_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [principle.name for principle in item.principles.all()]
