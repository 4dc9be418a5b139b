from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from wagtail.search import index

from common.models import optional_foreign_key

from .cohorts import Cohort
from .participants import Touchpoint


class CohortSummaryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def readable_by(self, user):
        """Published summaries for every signed-in user; drafts only for the cohort's team."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(published=True) | Q(cohort__in=Cohort.objects.visible_to(user)))


class CohortSummary(index.Indexed, models.Model):
    """What a cohort learned, written by its team: the only case learning shared beyond it.

    The figures are computed from the journeys by aggregate queries and carry no codes, aliases
    or narrative.
    """

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="summary")
    title = models.CharField(max_length=200)
    summary = models.TextField(
        blank=True,
        help_text="Markdown. The learning in the team's words: patterns, not individual stories.",
    )
    # Copied from the cohort on save so search can filter on it.
    area = optional_foreign_key("taxonomy.Area", related_name="+")
    published = models.BooleanField(
        default=False, help_text="Published summaries can be read by every signed-in user."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CohortSummaryQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.FilterField("area"),
        index.FilterField("published"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name_plural = "cohort summaries"
        ordering = ["-published_at", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_id = self.cohort.area_id
        if self.published and not self.published_at:
            self.published_at = timezone.now()
        if not self.published:
            self.published_at = None
        super().save(*args, **kwargs)
        if not self.published:
            # Saving only ever adds to the index; an unpublished summary must leave it.
            index.remove_object(self)

    def get_absolute_url(self):
        return reverse("stories:summary_detail", args=[self.pk])

    @staticmethod
    def default_title(cohort):
        """A title that does not repeat the cohort's name: the summary is read beyond the team,
        and a cohort's working name can point at the people in it."""
        place = f" in {cohort.area.name}" if cohort.area_id else ""
        return f"What walking alongside taught us{place}"

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.published()

    def figures(self):
        """De-identified aggregates for the summary page: counts only, never narrative."""
        touchpoints = Touchpoint.objects.for_cohort(self.cohort)
        return {
            "participants": self.cohort.participants.count(),
            "touchpoints": touchpoints.count(),
            "outcomes": touchpoints.outcome_counts(),
            "by_agency": list(touchpoints.by_agency()),
            "snags_by_theme": list(touchpoints.snags_by_theme()),
        }
