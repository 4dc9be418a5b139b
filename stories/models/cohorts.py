from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from common.models import TimestampsMixin
from stories.access import has_case_learning_role

# The reports suggest cohorts of about six; past this the team is told, never stopped.
RECOMMENDED_MAX_PARTICIPANTS = 8


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cohorts `user` may see: every cohort for the Case learning team, else their own."""
        if not user.is_authenticated:
            return self.none()
        if has_case_learning_role(user):
            return self.all()
        return self.filter(pk__in=CohortMembership.objects.filter(user=user).values("cohort"))

    def with_participant_counts(self):
        return self.annotate(participant_count=models.Count("participants", distinct=True))


class Cohort(TimestampsMixin, models.Model):
    """A small group of people followed through the system, with their consent."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    name = models.CharField(
        max_length=120,
        unique=True,
        help_text="A working name for the cohort, e.g. 'Gateshead cohort 1'. No names of people.",
    )
    area = models.ForeignKey(
        "taxonomy.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(null=True, blank=True, verbose_name="start date")
    ends_on = models.DateField(null=True, blank=True, verbose_name="end date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNING)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CohortMembership",
        related_name="case_learning_cohorts",
        blank=True,
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stories:cohort_detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be on or after the start date."})

    @property
    def is_over_recommended_size(self):
        return self.participants.count() > RECOMMENDED_MAX_PARTICIPANTS


class CohortMembership(models.Model):
    """A member of a cohort's team, and the part they play in it."""

    class Role(models.TextChoices):
        LEAD_PRACTITIONER = "lead_practitioner", "Lead practitioner"
        EXPERT_BY_EXPERIENCE = "expert_by_experience", "Expert by experience"
        CASE_LEARNING_TEAM = "case_learning_team", "Case learning team"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="stories_one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) in {self.cohort}"
