"""What a review is made of: who took part, the answers, the lessons and the actions.

These models name the review by a lazy string ("reviews.Review"), so this module never imports
`reviews.models.reviews`; the review imports them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import optional_foreign_key


class ReviewParticipant(models.Model):
    """Who took part, by role and agency. People without an account are a role label only."""

    class Role(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        LIVED_EXPERIENCE = "lived_experience", "Person with lived experience"
        EXPERT_BY_RELATIONSHIP = "expert_by_relationship", "Expert by relationship"
        AGENCY_REPRESENTATIVE = "agency_representative", "Agency representative"

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="participants"
    )
    user = optional_foreign_key(
        settings.AUTH_USER_MODEL,
        related_name="review_participations",
        help_text="Only for colleagues with an account: they can then edit the draft.",
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.PRACTITIONER)
    agency = optional_foreign_key("taxonomy.Agency", related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        who = self.user or self.get_role_display()
        return f"{who} ({self.agency})" if self.agency else str(who)


class Answer(models.Model):
    """One question as it was asked in this review (copied from the template) and its answer."""

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="answers")
    order = models.PositiveSmallIntegerField(default=0)
    question = models.CharField(max_length=255)
    guidance = models.TextField(blank=True)
    answer = models.TextField(blank=True, help_text="Markdown.")
    skipped = models.BooleanField(default=False, verbose_name="skip this question")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.question


class Lesson(models.Model):
    class Kind(models.TextChoices):
        SUSTAIN = "sustain", "Sustain (keep doing)"
        IMPROVE = "improve", "Improve (do differently)"

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUSTAIN)
    text = models.TextField(verbose_name="lesson")
    principles = models.ManyToManyField("taxonomy.Principle", blank=True, related_name="+")
    needs = models.ManyToManyField("taxonomy.Need", blank=True, related_name="+")
    agencies = models.ManyToManyField("taxonomy.Agency", blank=True, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def kind_label(self):
        return "Sustain" if self.kind == self.Kind.SUSTAIN else "Improve"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Action.Status.DONE)

    def overdue(self, today=None):
        return self.open().filter(due__lt=today or timezone.localdate())

    def owned_by(self, user):
        return self.filter(owner=user)


class Action(models.Model):
    """Something someone owns and will do by a date, because of what the review learned."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(verbose_name="action")
    owner_agency = optional_foreign_key("taxonomy.Agency", related_name="+")
    # Required in every form; nullable so a leaver's actions survive and imports can name only
    # an agency.
    owner = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="review_actions")
    due = models.DateField(null=True, blank=True, verbose_name="due date")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    completion_note = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["status", "due"])]

    def __str__(self):
        return self.description[:80]

    def save(self, *args, **kwargs):
        if self.status == self.Status.DONE and not self.completed_at:
            self.completed_at = timezone.now()
        elif self.status != self.Status.DONE:
            self.completed_at = None
        super().save(*args, **kwargs)

    @property
    def is_overdue(self):
        return (
            self.status != self.Status.DONE
            and self.due is not None
            and self.due < timezone.localdate()
        )

    def can_update(self, user):
        return user.is_authenticated and (
            user.is_superuser or self.owner_id == user.pk or self.review.facilitator_id == user.pk
        )
