"""The monthly forum: sessions and their agenda of Bright Spots (registrations and follow-up
are in `participation`, which imports this module)."""

import calendar
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from common.models import StableIdMixin, optional_foreign_key
from home.models import KeptViewRestrictionsMixin
from people import roles

from .bright_spots import MARKDOWN_MAX_LENGTH, GuardedPageForm

NOTES_MAX_LENGTH = 20_000


class ForumIndexPage(KeptViewRestrictionsMixin, Page):
    """The monthly Bright Spots forum: upcoming and past sessions."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["brightspots.ForumSessionPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sessions = ForumSessionPage.objects.child_of(self).live()
        context["upcoming"] = sessions.upcoming()
        context["past"] = sessions.past()[:24]
        context["latest_session"] = sessions.order_by("-starts_at").first()
        return context


class ForumSessionQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def starting_within(self, hours, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=hours))

    def call_open(self, today=None):
        """Sessions still ahead whose call for presentations has not closed."""
        today = today or timezone.localdate()
        return (
            self.filter(starts_at__gt=timezone.now())
            .exclude(call_for_presentations="")
            .filter(
                models.Q(presentations_close_on__isnull=True)
                | models.Q(presentations_close_on__gte=today)
            )
        )


ForumSessionManager = PageManager.from_queryset(ForumSessionQuerySet)


def same_weekday_next_month(moment):
    """The same weekday of the month, a month on: the 2nd Tuesday becomes the next 2nd Tuesday.

    A 5th weekday that does not exist next month becomes that month's last such weekday.
    """
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    nth = (local.day - 1) // 7
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    first_weekday, days_in_month = calendar.monthrange(year, month)
    first_match = 1 + (local.weekday() - first_weekday) % 7
    day = first_match + 7 * nth
    while day > days_in_month:
        day -= 7
    naive = datetime.combine(date(year, month, day), local.time().replace(tzinfo=None))
    if timezone.is_aware(moment):
        return timezone.make_aware(naive, timezone.get_current_timezone())
    return naive


class ForumSessionAdminForm(GuardedPageForm):
    """In the admin, a new session cannot be scheduled in the past."""

    privacy_exempt_fields = ("slug", "joining_link")
    text_limits = {
        "description": MARKDOWN_MAX_LENGTH,
        "call_for_presentations": MARKDOWN_MAX_LENGTH,
        "notes": NOTES_MAX_LENGTH,
        "lessons": NOTES_MAX_LENGTH,
    }

    def clean(self):
        cleaned_data = super().clean()
        starts_at = cleaned_data.get("starts_at")
        if not self.instance.pk and starts_at and starts_at < timezone.now():
            self.add_error(
                "starts_at", "A new session must start in the future. Choose a later date."
            )
        return cleaned_data


class ForumSessionPage(KeptViewRestrictionsMixin, StableIdMixin, Page):
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
    lessons = models.TextField(
        blank=True, help_text="Markdown. What the forum learned, recorded after the session."
    )
    barriers = ParentalManyToManyField(
        "barriers.Barrier",
        blank=True,
        related_name="forum_sessions",
        verbose_name="barriers raised",
    )

    objects = ForumSessionManager()
    base_form_class = ForumSessionAdminForm

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
        InlinePanel("agenda_items", label="Agenda"),
        FieldPanel("notes"),
        FieldPanel("lessons"),
        FieldPanel("barriers"),
    ]

    search_fields = [
        *Page.search_fields,
        index.AutocompleteField("title"),
        index.SearchField("theme", boost=3),
        index.SearchField("description"),
        index.SearchField("notes"),
        index.SearchField("lessons"),
        index.FilterField("external_id"),
        index.FilterField("starts_at"),
        index.FilterField("format"),
    ]

    class Meta:
        ordering = ["-starts_at"]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The session must end after it starts. Change the end time."
        if (
            self.starts_at
            and self.presentations_close_on
            and self.presentations_close_on > timezone.localdate(self.starts_at)
        ):
            errors["presentations_close_on"] = (
                "The call for presentations must close on or before the session date "
                f"({timezone.localdate(self.starts_at):%-d %B %Y})."
            )
        if self.format != self.Format.ONLINE and not self.place:
            errors["place"] = "Say where an in-person or hybrid session takes place."
        if errors:
            raise ValidationError(errors)

    # Registration -------------------------------------------------------------------------

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self):
        return self.ends_at < timezone.now()

    @property
    def registration_open(self):
        return not self.has_started

    @cached_property
    def registered_count(self):
        return self.registrations.registered().count()

    @property
    def places_left(self):
        return max(self.capacity - self.registered_count, 0)

    @property
    def call_is_open(self):
        if not self.call_for_presentations or self.has_started:
            return False
        return (
            self.presentations_close_on is None
            or self.presentations_close_on >= timezone.localdate()
        )

    def registration_for(self, user):
        if not user.is_authenticated:
            return None
        return self.registrations.filter(user=user).first()

    def is_host(self, user):
        return user.is_authenticated and (
            user.is_superuser
            or user.has_role(roles.FORUM_HOST)
            or self.hosts.filter(pk=user.pk).exists()
        )

    def get_discussion_followers(self):
        """Comments on a session reach its hosts and whoever scheduled it."""
        people = list(self.hosts.all())
        if self.owner is not None:
            people.append(self.owner)
        return people

    def reviews(self):
        """Completed After Action Reviews of this session, with their lessons."""
        # `Review.forum_session` points here (related_name="session_reviews"): reviews depend
        # on Bright Spots, never the other way.
        return list(
            self.session_reviews.completed().prefetch_related("lessons").order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        # Built and read only when the fragment showing them is not in the cache
        # (common.fragments): the session's body, and this person's registration and host tools.
        # Even building the child relations' querysets costs more than serving a kept fragment.
        context["agenda"] = SimpleLazyObject(
            lambda: self.agenda_items.select_related("bright_spot", "presenter")
        )
        context["follow_up_actions"] = SimpleLazyObject(
            lambda: self.follow_up_actions.select_related("owner", "owner_agency")
        )
        context["session_reviews"] = SimpleLazyObject(self.reviews)
        context["registration"] = SimpleLazyObject(lambda: self.registration_for(user))
        is_host = context["is_host"] = SimpleLazyObject(lambda: self.is_host(user))
        context["registrations"] = SimpleLazyObject(
            lambda: self.registrations.active().select_related("user") if is_host else []
        )
        return context


class AgendaItem(Orderable):
    """A Bright Spot presented at a session, in order, with who presents and when."""

    session = ParentalKey(ForumSessionPage, on_delete=models.CASCADE, related_name="agenda_items")
    bright_spot = models.ForeignKey(
        "brightspots.BrightSpotPage",
        on_delete=models.CASCADE,
        related_name="agenda_items",
        limit_choices_to={"live": True},
        help_text="Only approved (published) Bright Spots can be presented.",
    )
    presenter = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    starts_at = models.TimeField(null=True, blank=True, verbose_name="start time")
    minutes = models.PositiveSmallIntegerField(default=15, verbose_name="slot (minutes)")

    panels = ["bright_spot", "presenter", "starts_at", "minutes"]

    def clean(self):
        super().clean()
        if (
            self.bright_spot_id
            and not type(self.bright_spot)
            .objects.filter(pk=self.bright_spot_id, live=True)
            .exists()
        ):
            raise ValidationError(
                {"bright_spot": "Only approved, published Bright Spots can be on the agenda."}
            )

    def __str__(self):
        return f"{self.bright_spot} at {self.session}"
