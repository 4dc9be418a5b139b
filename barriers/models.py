"""The barrier log: system snags, and every time one is met again (its occurrences)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from common.bulk import insert_selected
from common.models import StableIdMixin, optional_foreign_key


class BarrierTag(TaggedItemBase):
    content_object = ParentalKey("barriers.Barrier", related_name="tagged_items")


class BarrierQuerySet(models.QuerySet):
    def active(self):
        """Barriers that have not been merged into another."""
        return self.filter(merged_into__isnull=True)

    def open(self):
        return self.active().exclude(status__in=Barrier.CLOSED_STATUSES)

    def with_recurrence(self):
        """Annotate recurrence counted from occurrences, in one aggregate query.

        `occurrence_count`, `agency_count` and `area_count` (distinct places it was met),
        `first_seen` and `last_seen` (dates).
        """
        return self.annotate(
            occurrence_count=Count("occurrences", distinct=True),
            agency_count=Count("occurrences__agency", distinct=True),
            area_count=Count("occurrences__area", distinct=True),
            first_seen=Min("occurrences__date"),
            last_seen=Max("occurrences__date"),
        )

    def overdue(self, today=None):
        """Open barriers whose escalation response is past due."""
        today = today or timezone.localdate()
        return self.open().filter(response_due__lt=today)

    def met_between(self, start, end):
        """Barriers met at least once between two dates (inclusive)."""
        return self.filter(
            pk__in=Occurrence.objects.filter(date__range=(start, end)).values("barrier_id")
        )


class Barrier(StableIdMixin, index.Indexed, ClusterableModel):
    """A system snag. Names services and processes, never individual staff."""

    class Level(models.TextChoices):
        INDIVIDUAL = "individual", "Individual"
        SERVICE = "service", "Service"
        SYSTEM = "system", "System"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ESCALATED = "escalated", "Escalated"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"
        CLOSED = "closed", "Closed"

    CLOSED_STATUSES = (Status.RESOLVED, Status.CLOSED)

    class Escalation(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        OPERATIONAL = "operational", "Operational group"
        STRATEGIC = "strategic", "Strategic board"

    # Days an escalation level has to respond, unless a due date is set by hand.
    RESPONSE_DAYS = {Escalation.OPERATIONAL: 14, Escalation.STRATEGIC: 28}

    title = models.CharField(max_length=255)
    description = models.TextField(
        blank=True, help_text="Markdown. What the snag is and who it hurts."
    )
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.SERVICE)
    category = models.ForeignKey(
        "taxonomy.BarrierCategory", null=True, blank=True, on_delete=models.PROTECT
    )
    themes = models.ManyToManyField("taxonomy.BarrierTheme", blank=True, related_name="barriers")
    needs = models.ManyToManyField("taxonomy.Need", blank=True, related_name="barriers")
    specific_groups = models.ManyToManyField(
        "taxonomy.SpecificGroup", blank=True, related_name="barriers"
    )
    agencies = models.ManyToManyField(
        "taxonomy.Agency", blank=True, related_name="barriers_involved_in"
    )
    area = optional_foreign_key("taxonomy.Area", related_name="+")
    fix_agency = optional_foreign_key(
        "taxonomy.Agency", related_name="barriers_to_fix", verbose_name="agency able to fix it"
    )
    owner = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="owned_barriers")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    escalation_level = models.CharField(
        max_length=20, choices=Escalation.choices, default=Escalation.PRACTITIONER
    )
    response_due = models.DateField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)
    permission_granted = models.TextField(
        blank=True,
        verbose_name="permission to do things differently",
        help_text="Any permission granted to work around this snag, by whom (role) and when.",
    )
    first_met = models.DateField(default=timezone.localdate, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    reopened_count = models.PositiveIntegerField(default=0)
    merged_into = optional_foreign_key("self", related_name="merged_from")
    created_by = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = TaggableManager(through=BarrierTag, blank=True)

    objects = BarrierQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.SearchField("description", boost=2),
        index.SearchField("resolution_note"),
        index.FilterField("level"),
        index.FilterField("category"),
        index.FilterField("status"),
        index.FilterField("area"),
        index.FilterField("first_met"),
        index.FilterField("merged_into"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("id")]),
        index.RelatedFields("needs", [index.SearchField("name"), index.FilterField("id")]),
        index.RelatedFields("agencies", [index.SearchField("name"), index.FilterField("id")]),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("occurrences", [index.SearchField("note")]),
    ]

    class Meta:
        ordering = ["-created_at"]
        permissions = [("merge_barrier", "Can merge duplicate barriers")]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["resolved_at"], name="barrier_resolved_at"),
            models.Index(fields=["response_due"], name="barrier_response_due"),
            # The log: active barriers, most recently updated first, read a page at a time.
            models.Index(fields=["merged_into", "updated_at", "id"], name="barrier_log_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("barriers:detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES

    @property
    def is_escalated(self):
        return self.escalation_level != self.Escalation.PRACTITIONER

    def is_overdue(self, today=None):
        """Past its escalation response date and not resolved or closed."""
        today = today or timezone.localdate()
        return bool(self.response_due and self.response_due < today and not self.is_closed)

    @classmethod
    def default_response_due(cls, escalation_level, start=None):
        days = cls.RESPONSE_DAYS.get(escalation_level)
        if days is None:
            return None
        return (start or timezone.localdate()) + datetime.timedelta(days=days)


class Occurrence(models.Model):
    """One meeting of a barrier: counted for recurrence, never a copy of the story."""

    # Set by `services.record_occurrence` when this meeting reopened a resolved barrier.
    reopened: bool = False

    class Source(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        REVIEW = "review", "After Action Review"
        FORUM = "forum", "Forum"
        JOURNEY = "journey", "Walking alongside journey"

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="occurrences")
    date = models.DateField(default=timezone.localdate)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.PRACTITIONER)
    source_type = optional_foreign_key(ContentType, related_name="+")
    source_id = models.CharField(max_length=64, blank=True)
    source_object = GenericForeignKey("source_type", "source_id")
    agency = optional_foreign_key("taxonomy.Agency", related_name="+")
    area = optional_foreign_key("taxonomy.Area", related_name="+")
    note = models.CharField(max_length=500, blank=True)
    recorded_by = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["barrier", "date"]),
            models.Index(fields=["date", "barrier"]),
            models.Index(fields=["agency", "date"]),
            models.Index(fields=["area", "date"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self):
        return f"{self.barrier} on {self.date:%d %b %Y}"

    @property
    def source_url(self):
        """Where the occurrence came from (a review or forum session), if it has a page.

        Never a journey: the barrier log must not lead from a snag to one person's case learning.
        """
        if self.source == self.Source.JOURNEY:
            return ""
        source = self.source_object
        if source is None:
            return ""
        if hasattr(source, "get_absolute_url"):
            return source.get_absolute_url()
        return getattr(source, "url", "") or ""


class BarrierEvent(models.Model):
    """The barrier's history: what changed, when, and by whom (by role, not a story)."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        OCCURRENCE = "occurrence", "Met again"
        STATUS = "status", "Status changed"
        REOPENED = "reopened", "Reopened"
        ESCALATED = "escalated", "Escalated"
        MERGED = "merged", "Merged"
        EDITED = "edited", "Edited"

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    detail = models.CharField(max_length=500, blank=True)
    user = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "at"], name="barrierevent_kind_at")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.detail}"


class BarrierMonthQuerySet(models.QuerySet):
    def add(self, barrier_id, date, delta=1):
        """Count `delta` more (or fewer) occurrences of a barrier in the month of `date`."""
        from . import tally

        with tally.tracking([barrier_id]):
            self._add(barrier_id, date.replace(day=1), delta)

    def _add(self, barrier_id, month, delta):
        updated = self.filter(barrier_id=barrier_id, month=month).update(
            occurrences=models.F("occurrences") + delta
        )
        if not updated and delta > 0:
            self.create(barrier_id=barrier_id, month=month, occurrences=delta)
        elif updated and delta < 0:
            self.filter(barrier_id=barrier_id, month=month, occurrences__lte=0).delete()

    def rebuild(self, barrier_ids=None):
        """Recount from occurrences: every barrier, or only `barrier_ids` (and MonthTally)."""
        from . import tally

        if barrier_ids is None:
            self._rebuild(None)
            tally.rebuild()
            return
        with tally.tracking(barrier_ids):
            self._rebuild(barrier_ids)

    def _rebuild(self, barrier_ids):
        from django.db.models.functions import TruncMonth

        existing = self.all() if barrier_ids is None else self.filter(barrier_id__in=barrier_ids)
        existing.delete()
        occurrences = Occurrence.objects.order_by()
        if barrier_ids is not None:
            occurrences = occurrences.filter(barrier_id__in=barrier_ids)
        counted = (
            occurrences.annotate(month=TruncMonth("date"))
            .values("barrier_id", "month")
            .annotate(n=Count("id"))
            .order_by()
        )
        insert_selected(BarrierMonth, ("barrier", "month", "occurrences"), counted)


class BarrierMonth(models.Model):
    """Occurrences of a barrier per calendar month: a roll-up kept in step with Occurrence
    (by signals, and rebuilt after bulk moves) so twelve-month insight panels read a few hundred
    thousand rows instead of millions."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="months")
    month = models.DateField()
    occurrences = models.PositiveIntegerField(default=0)

    objects = BarrierMonthQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["barrier", "month"], name="barrier_month_unique")
        ]
        indexes = [
            # All key columns (SQLite has no INCLUDE): PostgreSQL still answers from the index.
            models.Index(
                fields=["month", "barrier", "occurrences"], name="barriermonth_month_barrier"
            ),
            # The barriers met most in a month first: the top panel's threshold algorithm.
            models.Index(fields=["month", "occurrences"], name="barriermonth_busiest"),
        ]

    def __str__(self):
        return f"{self.barrier_id} {self.month:%Y-%m}: {self.occurrences}"


class BarrierAlert(models.Model):
    """One threshold crossing that was emailed, so the same crossing is never alerted twice."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="alerts")
    window_start = models.DateField()
    window_end = models.DateField()
    occurrences = models.PositiveIntegerField()
    agencies = models.PositiveIntegerField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-window_end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["barrier", "window_end"], name="barrier_alert_once_per_window"
            )
        ]

    def __str__(self):
        return f"Alert for {self.barrier} ({self.window_start} to {self.window_end})"


class MonthTally(models.Model):
    """The dashboard's summary of BarrierMonth: per month, barrier level and theme (or every
    barrier, theme empty), the occurrences, the barriers met and those met again after their
    first month. A few thousand rows answer the twelve-month panels; barriers.tally keeps it
    current in the same transaction as every write to occurrences, levels, first_met and themes."""

    month = models.DateField()
    level = models.CharField(max_length=20)
    theme = models.ForeignKey(
        "taxonomy.BarrierTheme", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    occurrences = models.PositiveIntegerField(default=0)
    barriers = models.PositiveIntegerField(default=0)
    recurring = models.PositiveIntegerField(default=0)

    class Meta:
        # No unique constraint (theme is empty on the every-barrier rows): readers sum rows, and
        # `tally.apply` adds to one row per key, so a duplicate made by two writers is harmless.
        indexes = [models.Index(fields=["month", "level", "theme"], name="monthtally_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.level} {self.theme_id or 'all'}: {self.occurrences}"
