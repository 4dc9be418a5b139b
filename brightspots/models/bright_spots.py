"""Bright Spots: what worked, told so others can try it, moderated before publishing."""

from collections import Counter, defaultdict

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject, cached_property

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from common.models import StableIdMixin, optional_foreign_key
from home.models import KeptViewRestrictionsMixin
from privacy.admin_forms import GuardedAdminPageForm

from ..filters import BrightSpotFilterForm

SUMMARY_MAX_LENGTH = 1000
MARKDOWN_MAX_LENGTH = 20_000
# The Markdown fields that tell a Bright Spot's story, in the order the form asks for them.
MARKDOWN_FIELDS = (
    "what_happened",
    "what_made_the_difference",
    "where_else",
    "evidence",
    "persons_own_words",
)
INDEX_PAGE_SIZE = 12


class GuardedPageForm(GuardedAdminPageForm):
    """The admin's page form, with the privacy guard and text limits of the front-end forms."""

    # A team's work address is a contact the author chose to give, not learning text.
    privacy_exempt_fields = ("slug", "team_email")
    text_limits: dict[str, int] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in self.text_limits.items():
            if name in self.fields:
                self.fields[name].validators.append(
                    MaxLengthValidator(
                        limit,
                        "Keep this under %(limit_value)s characters (it has %(show_value)s).",
                    )
                )


class BrightSpotAdminForm(GuardedPageForm):
    text_limits = dict.fromkeys(MARKDOWN_FIELDS, MARKDOWN_MAX_LENGTH)


class BrightSpotIndexPage(KeptViewRestrictionsMixin, Page):
    """Lists published Bright Spots with filters."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["brightspots.BrightSpotPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Built only when the listing is not already in the fragment cache (common.fragments).
        context["listing"] = SimpleLazyObject(lambda: self.listing(request))
        return context

    def listing(self, request):
        form = BrightSpotFilterForm(request.GET or None)
        spots = (
            BrightSpotPage.objects.child_of(self)
            .live()
            .visible_to(request.user)
            .order_by("-first_published_at")
        )
        if form.is_valid():
            spots = spots.filtered(**form.cleaned_data)
        paginator = Paginator(spots.select_related("area"), INDEX_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "filter_form": form, "page_obj": page_obj, "spots": page_obj.object_list,
            "filter_query": query.urlencode(),
        }  # fmt: skip


class BrightSpotTag(TaggedItemBase):
    content_object = ParentalKey("brightspots.BrightSpotPage", related_name="tagged_items")


class BrightSpotPageQuerySet(PageQuerySet):
    def for_principle(self, principle):
        return self._linked("principles", principle)

    def for_need(self, need):
        return self._linked("needs", need)

    def for_agency(self, agency):
        return self._linked("agencies", agency)

    def for_area(self, area):
        return self.filter(area=area)

    def _linked(self, field, target):
        """Pages linked to `target` through the many-to-many `field`, each once: a subquery on
        the link table rather than a join, so no DISTINCT over every page column is needed."""
        relation = BrightSpotPage._meta.get_field(field)
        links = relation.remote_field.through.objects.filter(
            **{relation.m2m_reverse_field_name(): target}
        )
        return self.filter(pk__in=links.values(relation.m2m_column_name()))

    def in_year(self, year):
        """When it happened, or when it was published if the date is not known."""
        return self.filter(
            Q(happened_on__year=year) | Q(happened_on__isnull=True, first_published_at__year=year)
        )

    def filtered(self, principle=None, need=None, agency=None, area=None, year=None, **_ignored):
        """Apply whichever index filters are set."""
        qs = self
        if principle:
            qs = qs.for_principle(principle)
        if need:
            qs = qs.for_need(need)
        if agency:
            qs = qs.for_agency(agency)
        if area:
            qs = qs.for_area(area)
        if year:
            qs = qs.in_year(year)
        return qs

    def visible_to(self, user):
        """Signed-in staff see every Bright Spot; everyone else only the public ones."""
        if user is not None and user.is_authenticated:
            return self
        return self.filter(is_public=True)

    def submitted_by_user(self, user):
        return self.filter(submitted_by=user)

    def changes_requested(self):
        """Those a forum host sent back for changes (their workflow waits on the submitter)."""
        from wagtail.models import WorkflowState

        return self.filter(
            _specific_workflow_states__status=WorkflowState.STATUS_NEEDS_CHANGES
        ).distinct()

    def related_to(self, spot, limit=4):
        """Up to `limit` live Bright Spots sharing principles or needs with `spot`, most shared
        first, then newest; a list. Apply visibility and `select_related` before calling this.

        The shared counts come from the two link tables alone (one indexed read each), so the
        cost grows with the links to `spot`'s principles and needs, not with a join of every
        page's principles by its needs; pages are then read a count at a time, highest first,
        until `limit` are found."""
        shared = Counter()
        for field in ("principles", "needs"):
            ids = list(getattr(spot, field).values_list("pk", flat=True))
            if ids:
                relation = BrightSpotPage._meta.get_field(field)
                links = relation.remote_field.through.objects.filter(
                    **{f"{relation.m2m_reverse_field_name()}__in": ids}
                )
                shared.update(links.values_list(relation.m2m_column_name(), flat=True))
        shared.pop(spot.pk, None)
        by_count = defaultdict(list)
        for page_id, count in shared.items():
            by_count[count].append(page_id)
        found = []
        for count in sorted(by_count, reverse=True):
            found.extend(self.live()._newest_of(by_count[count], limit - len(found)))
            if len(found) >= limit:
                break
        return found

    def _newest_of(self, ids, wanted, chunk=2000):
        """The `wanted` newest pages among `ids`, read `chunk` ids at a time (SQLite refuses a
        query with more than 32,766 parameters)."""
        pages = []
        for start in range(0, len(ids), chunk):
            part = self.filter(pk__in=ids[start : start + chunk])
            pages.extend(part.order_by("-first_published_at", "-pk")[:wanted])
        pages.sort(
            key=lambda page: (
                page.first_published_at is not None,
                page.first_published_at,
                page.pk,
            ),
            reverse=True,
        )
        return pages[:wanted]


BrightSpotPageManager = PageManager.from_queryset(BrightSpotPageQuerySet)


class BrightSpotPage(KeptViewRestrictionsMixin, StableIdMixin, Page):
    """Something that worked well, told so others can try it."""

    class Involvement(models.TextChoices):
        INVOLVED = "involved", "The person took part in telling this"
        CONSENTED = "consented", "The person consented to it being shared"
        NOT_ASKED = "not_asked", "Not asked: no personal story is told"

    class Contact(models.TextChoices):
        NONE = "none", "No contact details"
        AUTHOR = "author", "My work email address"
        TEAM = "team", "A team email address"

    OWN_WORDS_ALLOWED = (Involvement.INVOLVED, Involvement.CONSENTED)

    summary = models.TextField(
        max_length=SUMMARY_MAX_LENGTH, help_text="One paragraph, plain text."
    )
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
    area = optional_foreign_key("taxonomy.Area", related_name="+")
    tags = ClusterTaggableManager(through=BrightSpotTag, blank=True)
    would_present = models.BooleanField(
        default=False, verbose_name="willing to present it at a forum"
    )
    contact = models.CharField(
        max_length=10,
        choices=Contact.choices,
        default=Contact.NONE,
        verbose_name="how colleagues can get in touch",
        help_text="Shown only to signed-in staff, never to readers who are not signed in.",
    )
    team_email = models.EmailField(blank=True, verbose_name="team email address")
    is_public = models.BooleanField(
        default=False, help_text="Public Bright Spots can be read without signing in."
    )
    submitted_by = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")

    objects = BrightSpotPageManager()
    base_form_class = BrightSpotAdminForm

    parent_page_types = ["brightspots.BrightSpotIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        "summary",
        *MARKDOWN_FIELDS,
        "involvement",
        "happened_on",
        "principles",
        "needs",
        "agencies",
        "area",
        "tags",
        "would_present",
        "contact",
        "team_email",
    ]
    promote_panels = [*Page.promote_panels, "is_public"]

    search_fields = [
        *Page.search_fields,
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=3),
        index.SearchField("what_happened"),
        index.SearchField("what_made_the_difference", boost=2),
        index.SearchField("where_else"),
        index.SearchField("evidence"),
        index.FilterField("external_id"),
        index.FilterField("happened_on"),
        index.FilterField("area"),
        index.FilterField("is_public"),
        index.FilterField("submitted_by"),
        index.RelatedFields("principles", [index.SearchField("name"), index.FilterField("number")]),
        index.RelatedFields("needs", [index.SearchField("name"), index.FilterField("id")]),
        index.RelatedFields("agencies", [index.SearchField("name"), index.FilterField("id")]),
        index.RelatedFields("area", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.contact == self.Contact.TEAM and not self.team_email:
            raise ValidationError(
                {"team_email": "Enter the team's email address, or choose another contact option."}
            )
        if self.persons_own_words and self.involvement not in self.OWN_WORDS_ALLOWED:
            raise ValidationError(
                {
                    "persons_own_words": (
                        "Only include the person's own words when they took part or consented. "
                        "Change 'involvement', or remove their words."
                    )
                }
            )

    def contact_email(self):
        """The address readers may write to, as the author chose; "" when they chose none."""
        if self.contact == self.Contact.TEAM:
            return self.team_email
        if self.contact == self.Contact.AUTHOR and self.submitted_by is not None:
            return self.submitted_by.email
        return ""

    @property
    def shows_own_words(self):
        return bool(self.persons_own_words) and self.involvement in self.OWN_WORDS_ALLOWED

    @cached_property
    def presentations(self):
        """Agenda items of live forum sessions where this was presented, newest first."""
        return list(
            self.agenda_items.filter(session__live=True)
            .select_related("session", "presenter")
            .order_by("-session__starts_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the article is not already in the fragment cache (common.fragments).
        context["related_spots"] = SimpleLazyObject(
            lambda: (
                BrightSpotPage.objects.visible_to(request.user)
                .select_related("area")
                .related_to(self)
            )
        )
        return context


class ModerationDecision(models.Model):
    """Every step a Bright Spot took through moderation, with the host's words."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for moderation"
        APPROVED = "approved", "Approved and published"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        DECLINED = "declined", "Declined"

    page = models.ForeignKey(BrightSpotPage, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(max_length=30, choices=Action.choices)
    comment = models.TextField(blank=True)
    user = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.page}"
