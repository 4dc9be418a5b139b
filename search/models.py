"""What makes learning findable: one denormalised row per shared record, synonyms, saved searches,
and personal API tokens.

`LearningRecord` is kept in step with the source models by `search.sync` (signals). Only records
that may be shared have a row: live Bright Spots and forum sessions, completed reviews, active
barriers and published cohort summaries. Participants and journeys never do.
"""

import datetime
import hashlib
import re
import secrets
from typing import Any, Self

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from common.models import optional_foreign_key

# LearningRecord's taxonomy links: (relation, `RecordData` attribute, through-table column).
# Priorities come from the principles' priorities, not from the builders.
TAXONOMY_LINKS = (
    ("principles", "principle_ids", "principle_id"),
    ("priorities", None, "priority_id"),
    ("needs", "need_ids", "need_id"),
    ("themes", "theme_ids", "barriertheme_id"),
    ("agencies", "agency_ids", "agency_id"),
)


class LearningRecordQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def of_kind(self, *kinds: str) -> Self:
        return self.filter(kind__in=kinds)

    def shared_since(self, moment: datetime.datetime) -> Self:
        return self.filter(shared_at__gt=moment)


class LearningRecord(index.Indexed, models.Model):
    """One shared learning record, flattened for search and facets."""

    class Kind(models.TextChoices):
        BRIGHT_SPOT = "bright_spot", "Bright Spot"
        FORUM_SESSION = "forum_session", "Forum session"
        REVIEW = "review", "After Action Review"
        BARRIER = "barrier", "Barrier"
        COHORT_SUMMARY = "cohort_summary", "Case learning summary"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    external_id = models.CharField(max_length=100)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Plain text of every searchable field.")
    keywords = models.TextField(blank=True, help_text="Vocabulary names and tags.")
    stems = models.TextField(blank=True, help_text="Stemmed words, so 'evictions' finds 'evicted'.")
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    area = optional_foreign_key("taxonomy.Area", related_name="+")
    level = models.CharField(max_length=20, blank=True)
    category = optional_foreign_key("taxonomy.BarrierCategory", related_name="+")
    principles = models.ManyToManyField("taxonomy.Principle", blank=True, related_name="+")
    priorities = models.ManyToManyField("taxonomy.Priority", blank=True, related_name="+")
    needs = models.ManyToManyField("taxonomy.Need", blank=True, related_name="+")
    themes = models.ManyToManyField("taxonomy.BarrierTheme", blank=True, related_name="+")
    agencies = models.ManyToManyField("taxonomy.Agency", blank=True, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now, help_text="When it was first shared.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = LearningRecordQuerySet.as_manager()

    # `search.sync` indexes each record once its taxonomy links are written.
    search_auto_update = False

    search_fields = [
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=3),
        index.SearchField("keywords", boost=2),
        index.SearchField("body"),
        index.SearchField("stems"),
        index.FilterField("kind"),
        index.FilterField("external_id"),
        index.FilterField("date"),
        index.FilterField("year"),
        index.FilterField("area"),
        index.FilterField("level"),
        index.FilterField("category"),
        index.FilterField("shared_at"),
        index.RelatedFields("principles", [index.FilterField("id")]),
        index.RelatedFields("priorities", [index.FilterField("id")]),
        index.RelatedFields("needs", [index.FilterField("id")]),
        index.RelatedFields("themes", [index.FilterField("id")]),
        index.RelatedFields("agencies", [index.FilterField("id")]),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="one_record_per_source"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["date"]),
            models.Index(fields=["year"]),
            models.Index(fields=["shared_at"]),
            models.Index(fields=["external_id"]),
        ]
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url


def split_equivalents(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\n,;]+", text) if part.strip()]


class Synonym(models.Model):
    """A term practitioners use and what it means: searching either finds both."""

    term = models.CharField(
        max_length=100, unique=True, help_text="The abbreviation or word, e.g. 'MH'."
    )
    equivalents = models.TextField(
        help_text="What it means, one per line (or separated by commas), e.g. 'mental health'."
    )
    note = models.CharField(max_length=255, blank=True)

    panels = ["term", "equivalents", "note"]

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} = {', '.join(self.equivalent_list)}"

    @property
    def equivalent_list(self) -> list[str]:
        return split_equivalents(self.equivalents)

    def phrases(self) -> list[str]:
        return [self.term, *self.equivalent_list]


class SavedSearchQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None) -> list["SavedSearch"]:
        """Saved searches whose digest period has passed since the last one."""
        now = now or timezone.now()
        due = []
        for saved in self.exclude(frequency=SavedSearch.Frequency.NEVER).select_related("user"):
            if saved.last_sent_at is None or now - saved.last_sent_at >= saved.period:
                due.append(saved)
        return due


class SavedSearch(models.Model):
    """A search someone wants to come back to, with an optional email digest of new matches."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly email"
        MONTHLY = "monthly", "Monthly email"
        NEVER = "never", "No email"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=120)
    query = models.CharField(max_length=255, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name

    @property
    def period(self) -> datetime.timedelta:
        days = 7 if self.frequency == self.Frequency.WEEKLY else 30
        return datetime.timedelta(days=days)

    def querystring(self) -> str:
        from django.http import QueryDict

        params = QueryDict(mutable=True)
        if self.query:
            params["q"] = self.query
        for key, values in sorted(self.filters.items()):
            params.setlist(key, [str(v) for v in values])
        return params.urlencode()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "API_TOKEN_LIFETIME_DAYS", 90))


LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> Self:
        """Not revoked and not expired (API_TOKEN_LIFETIME_DAYS after it was made)."""
        return self.filter(
            revoked_at__isnull=True, created_at__gt=timezone.now() - api_token_lifetime()
        )


class ApiToken(models.Model):
    """A personal token for the API. Only a SHA-256 hash is stored; the token is shown once."""

    PREFIX = "bsk_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="search_api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What it is for, e.g. 'team dashboard'.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: Any, name: str) -> tuple["ApiToken", str]:
        """Create a token for `user`; returns (ApiToken, the plain token to show once)."""
        plain = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, token_hash=hash_token(plain), prefix=plain[:10]
        )
        return token, plain

    @classmethod
    def authenticate(cls, plain: str | None) -> Any:
        """The active token's user, or None. Records when the token was last used."""
        if not plain:
            return None
        token = (
            cls.objects.active().select_related("user").filter(token_hash=hash_token(plain)).first()
        )
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        # Speed (#16): recorded to the minute, so a client calling often costs no write (and no
        # database lock) per request.
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + api_token_lifetime()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class RowIdField(models.BigIntegerField):
    """A big integer that SQLite stores as INTEGER, so as a primary key it is the table's rowid
    (one B-tree lookup per joined row instead of an index lookup and then the table)."""

    def db_type(self, connection: Any) -> str | None:
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchRow(models.Model):
    """A narrow copy of a record's facet values, keyed by its row in Wagtail's SQLite FTS5 index.

    The SQLite search joins FTS5 matches to this table (not to the wide index entries) and
    counts every facet in one statement; see search/backends/database.py.
    """

    id = RowIdField(primary_key=True, help_text="Wagtail's index entry id (FTS rowid)")
    record = models.OneToOneField(
        LearningRecord, on_delete=models.CASCADE, related_name="search_row"
    )
    kind = models.CharField(max_length=20)
    date = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    area_id = models.BigIntegerField(null=True)
    level = models.CharField(max_length=20, blank=True)
    category_id = models.BigIntegerField(null=True)
    shared_at = models.DateTimeField()
    links = models.TextField(
        default="[]",
        help_text='JSON list of taxonomy links as "<facet letter><id>", e.g. ["n3", "p1"].',
    )

    # The letter that prefixes each facet's ids in `links`.
    LINK_PREFIXES = {
        "principle": "p", "priority": "r", "need": "n", "theme": "t", "agency": "a",
    }  # fmt: skip

    def __str__(self) -> str:
        return f"row {self.id} for record {self.record_id}"


class IndexChangeQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None) -> Self:
        return self.filter(next_attempt_at__lte=now or timezone.now())

    def lag(self) -> tuple[int, datetime.timedelta | None]:
        """(pending changes, age of the oldest one as a timedelta or None)."""
        oldest = self.aggregate(oldest=models.Min("queued_at"))["oldest"]
        return self.count(), (timezone.now() - oldest) if oldest else None


class IndexChange(models.Model):
    """An object whose search engine document must be written or deleted (the outbox).

    Rows are written in the same transaction as the save that caused them and deleted once the
    engine has acknowledged them, so nothing saved is lost while the engine is down; see
    search/engine/outbox.py. Only used when an Elasticsearch-API engine is configured.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    queued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    objects = IndexChangeQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["next_attempt_at", "id"])]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
