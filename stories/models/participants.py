import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from common.models import TimestampsMixin, optional_foreign_key

from .cohorts import Cohort

PSEUDONYM_PREFIX = "WA"
# No 0/O, 1/I/L or U/V: codes are read aloud and copied by hand.
PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
PSEUDONYM_LENGTH = 4


def generate_pseudonym():
    """A fresh code like WA-7K3F, unique among participants."""
    for _ in range(100):
        body = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(PSEUDONYM_LENGTH))
        code = f"{PSEUDONYM_PREFIX}-{body}"
        if not Participant.objects.filter(code=code).exists():
            return code
    raise RuntimeError("Could not find an unused pseudonym code; lengthen PSEUDONYM_LENGTH.")


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(cohort__in=Cohort.objects.visible_to(user))

    def with_outcome_counts(self):
        return self.annotate(
            touchpoint_count=Count("touchpoints", distinct=True),
            snag_count=Count(
                "touchpoints", filter=Q(touchpoints__outcome="snagged"), distinct=True
            ),
            helped_count=Count(
                "touchpoints", filter=Q(touchpoints__outcome="helped"), distinct=True
            ),
        )


# Shown for a touchpoint whose free-text service was removed when consent was withdrawn.
WITHDRAWN_SERVICE = "A service (removed on withdrawal)"


class Participant(TimestampsMixin, models.Model):
    """A person walked alongside. Known here only by a generated code and an alias they chose."""

    class Consent(models.TextChoices):
        GIVEN = "given", "Given"
        PENDING = "pending", "Pending"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Involvement(models.TextChoices):
        CO_AUTHOR = "co_author", "Co-author"
        REVIEWER = "reviewer", "Reviewer"
        KEPT_INFORMED = "kept_informed", "Kept informed"
        DECLINED = "declined", "Declined"

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="participants")
    code = models.CharField(
        max_length=12, unique=True, editable=False, verbose_name="pseudonym code"
    )
    alias = models.CharField(
        max_length=40,
        blank=True,
        help_text="Optional: a name the person chose to be known by here. Never their real name.",
    )
    consent_status = models.CharField(
        max_length=20, choices=Consent.choices, default=Consent.PENDING
    )
    consent_date = models.DateField(
        null=True, blank=True, help_text="When consent was given (or last confirmed)."
    )
    involvement = models.CharField(
        max_length=20,
        choices=Involvement.choices,
        default=Involvement.KEPT_INFORMED,
        help_text="How the person wants to be involved in the learning.",
    )
    lead_practitioner = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    has_expert_by_relationship = models.BooleanField(
        default=False, verbose_name="supported by an expert by relationship"
    )
    expert_by_relationship_role = models.CharField(
        max_length=80,
        blank=True,
        verbose_name="their relationship",
        help_text="The relationship only, e.g. 'sister' or 'long-standing friend'. No name.",
    )
    needs = models.ManyToManyField(
        "taxonomy.Need", blank=True, related_name="+", verbose_name="needs at the start"
    )
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "code"]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = generate_pseudonym()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stories:participant_detail", args=[self.pk])

    def clean(self):
        if self.expert_by_relationship_role and not self.has_expert_by_relationship:
            raise ValidationError(
                {
                    "has_expert_by_relationship": (
                        "Tick this box if an expert by relationship supports the person, "
                        "or clear 'their relationship'."
                    )
                }
            )

    @property
    def display_name(self):
        return f"{self.code} ({self.alias})" if self.alias else self.code

    @property
    def has_withdrawn(self):
        return self.consent_status == self.Consent.WITHDRAWN


class TouchpointQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(participant__cohort__in=Cohort.objects.visible_to(user))

    def for_cohort(self, cohort):
        return self.filter(participant__cohort=cohort)

    def matching(self, words):
        """The team's own search: what happened, their view, learning note, agency or service."""
        query = Q()
        for word in words.split():
            query &= (
                Q(what_happened__icontains=word)
                | Q(persons_view__icontains=word)
                | Q(learning_note__icontains=word)
                | Q(service__icontains=word)
                | Q(agency__name__icontains=word)
            )
        return self.filter(query)

    def outcome_counts(self):
        """{"helped": n, "neutral": n, "snagged": n} over these touchpoints."""
        counts = self.aggregate(
            **{
                outcome: Count("pk", filter=Q(outcome=outcome))
                for outcome in Touchpoint.Outcome.values
            }
        )
        return counts

    def by_agency(self):
        """Per agency: touchpoints, helped and snagged, most snags first. Services typed in as
        text are counted together under agency None, so free text never reaches a summary."""
        return (
            self.values("agency__name")
            .annotate(
                total=Count("pk"),
                helped=Count("pk", filter=Q(outcome=Touchpoint.Outcome.HELPED)),
                snagged=Count("pk", filter=Q(outcome=Touchpoint.Outcome.SNAGGED)),
                participants=Count("participant", distinct=True),
            )
            .order_by("-snagged", "agency__name")
        )

    def snags_by_theme(self):
        """Snagged touchpoints per theme of the barriers linked to them."""
        return (
            self.filter(outcome=Touchpoint.Outcome.SNAGGED, barrier_links__isnull=False)
            .values("barrier_links__barrier__themes__name")
            .annotate(snags=Count("pk", distinct=True))
            .order_by("-snags", "barrier_links__barrier__themes__name")
        )


class Touchpoint(TimestampsMixin, models.Model):
    """One moment in a participant's journey with a service."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", "Referral"
        ASSESSMENT = "assessment", "Assessment"
        APPOINTMENT = "appointment", "Appointment"
        OUTREACH = "outreach", "Outreach"
        CRISIS = "crisis", "Crisis"
        ADMISSION = "admission", "Admission"
        DISCHARGE = "discharge", "Discharge"
        INFORMAL_SUPPORT = "informal_support", "Informal support"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        HELPED = "helped", "Helped"
        NEUTRAL = "neutral", "Neutral"
        SNAGGED = "snagged", "Snagged"

    NARRATIVE_FIELDS = ("what_happened", "persons_view", "learning_note")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="touchpoints"
    )
    date = models.DateField(default=timezone.localdate)
    agency = models.ForeignKey(
        "taxonomy.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service = models.CharField(
        max_length=120,
        blank=True,
        help_text="When the service is not in the agency list, e.g. 'community café'.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what_happened = models.TextField(
        blank=True, help_text="Markdown. What the service did and what it meant for the person."
    )
    outcome = models.CharField(
        max_length=10,
        choices=Outcome.choices,
        help_text="For the person: did this help, make no difference, or snag?",
    )
    persons_view = models.TextField(
        blank=True,
        verbose_name="the person's own view",
        help_text="Only when they chose to give it, in their words.",
    )
    learning_note = models.TextField(blank=True, help_text="What the system can learn from this.")
    barriers = models.ManyToManyField(
        "barriers.Barrier", through="TouchpointBarrier", blank=True, related_name="+"
    )
    bright_spots = models.ManyToManyField(
        "brightspots.BrightSpotPage", blank=True, related_name="+"
    )
    created_by = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")

    objects = TouchpointQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["participant", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.where} on {self.date:%d %b %Y}"

    def clean(self):
        if not self.agency_id and not self.service:
            raise ValidationError(
                {
                    "agency": (
                        "Choose the agency, or type the service in 'service' if it is not listed."
                    )
                }
            )

    @property
    def where(self):
        return self.agency.name if self.agency_id else (self.service or WITHDRAWN_SERVICE)

    def privacy_pseudonyms(self):
        """The participant's alias is how their own touchpoints speak of them: not a name."""
        return (self.participant.alias,) if self.participant_id else ()


class TouchpointBarrier(models.Model):
    """A barrier met at a touchpoint, and the occurrence that counted it on the barrier log."""

    touchpoint = models.ForeignKey(
        Touchpoint, on_delete=models.CASCADE, related_name="barrier_links"
    )
    barrier = models.ForeignKey(
        "barriers.Barrier", on_delete=models.CASCADE, related_name="touchpoint_links"
    )
    occurrence = models.OneToOneField(
        "barriers.Occurrence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="touchpoint_link",
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["touchpoint", "barrier"], name="stories_barrier_once_per_touchpoint"
            )
        ]

    def __str__(self):
        return f"{self.barrier} at {self.touchpoint}"
