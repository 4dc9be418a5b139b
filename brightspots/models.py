"""Bright Spots (what worked) and the monthly forum sessions where they are presented."""

from django.conf import settings
from django.db import models

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.models import Page
from wagtail.search import index

from common.models import StableIdMixin


class BrightSpotIndexPage(Page):
    """Lists published Bright Spots with filters."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["brightspots.BrightSpotPage"]
    max_count = 1


class BrightSpotTag(TaggedItemBase):
    content_object = ParentalKey("brightspots.BrightSpotPage", related_name="tagged_items")


class BrightSpotPage(StableIdMixin, Page):
    """Something that worked well, told so others can try it."""

    class Involvement(models.TextChoices):
        INVOLVED = "involved", "The person took part in telling this"
        CONSENTED = "consented", "The person consented to it being shared"
        NOT_ASKED = "not_asked", "Not asked: no personal story is told"

    summary = models.TextField(max_length=1000, help_text="One paragraph, plain text.")
    what_happened = models.TextField(blank=True, help_text="Markdown.")
    what_made_the_difference = models.TextField(blank=True, help_text="Markdown.")
    where_else = models.TextField(
        blank=True, verbose_name="where else it could apply", help_text="Markdown."
    )
    evidence = models.TextField(blank=True, help_text="Markdown.")
    persons_own_words = models.TextField(
        blank=True,
        verbose_name="the person's own words",
        help_text="Only where the person consented to their words being shared.",
    )
    involvement = models.CharField(
        max_length=20, choices=Involvement.choices, default=Involvement.NOT_ASKED
    )
    happened_on = models.DateField(null=True, blank=True, verbose_name="when it happened")
    principles = ParentalManyToManyField("taxonomy.Principle", blank=True, related_name="+")
    needs = ParentalManyToManyField("taxonomy.Need", blank=True, related_name="+")
    agencies = ParentalManyToManyField("taxonomy.Agency", blank=True, related_name="+")
    area = models.ForeignKey(
        "taxonomy.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=BrightSpotTag, blank=True)
    would_present = models.BooleanField(
        default=False, verbose_name="willing to present it at a forum"
    )
    is_public = models.BooleanField(
        default=False, help_text="Public Bright Spots can be read without signing in."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    parent_page_types = ["brightspots.BrightSpotIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        "summary",
        "what_happened",
        "what_made_the_difference",
        "where_else",
        "evidence",
        "persons_own_words",
        "involvement",
        "happened_on",
        "principles",
        "needs",
        "agencies",
        "area",
        "tags",
        "would_present",
    ]
    promote_panels = [*Page.promote_panels, "is_public"]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=3),
        index.SearchField("what_happened"),
        index.SearchField("what_made_the_difference", boost=2),
        index.SearchField("where_else"),
        index.SearchField("evidence"),
        index.FilterField("happened_on"),
        index.FilterField("area"),
        index.FilterField("is_public"),
        index.RelatedFields("principles", [index.SearchField("name"), index.FilterField("number")]),
        index.RelatedFields("needs", [index.SearchField("name"), index.FilterField("id")]),
        index.RelatedFields("agencies", [index.SearchField("name"), index.FilterField("id")]),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]


class ForumIndexPage(Page):
    """The monthly Bright Spots forum: upcoming and past sessions."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["brightspots.ForumSessionPage"]
    max_count = 1


class ForumSessionPage(StableIdMixin, Page):
    """One forum session: when, where, who hosts, and the agenda of Bright Spots."""

    class Format(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid"

    starts_at = models.DateTimeField(help_text="UK time (Europe/London).")
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.ONLINE)
    place = models.CharField(max_length=255, blank=True)
    joining_link = models.URLField(blank=True)
    theme = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    hosts = ParentalManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    call_for_presentations = models.TextField(blank=True, help_text="Markdown.")
    presentations_close_on = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(default=40)
    notes = models.TextField(blank=True, help_text="Markdown. Recorded after the session.")

    parent_page_types = ["brightspots.ForumIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        "starts_at",
        "ends_at",
        "format",
        "place",
        "joining_link",
        "theme",
        "description",
        "hosts",
        "call_for_presentations",
        "presentations_close_on",
        "capacity",
        "notes",
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("theme", boost=3),
        index.SearchField("description"),
        index.SearchField("notes"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        ordering = ["-starts_at"]
