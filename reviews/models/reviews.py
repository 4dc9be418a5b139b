"""A review run from a template; its parts (answers, lessons, actions, participants) are in
`parts`, which never imports this module."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from common.models import StableIdMixin, TimestampsMixin, optional_foreign_key

from .parts import Action, Answer, Lesson, ReviewParticipant

GROUND_RULES = [
    (
        "Blameless",
        "We are here to learn, not to judge. Nobody is in trouble for what is said here.",
    ),
    (
        "What, not who",
        "Talk about what happened and what the system did, not about who did it. Name services "
        "and processes, never individual staff.",
    ),
    (
        "Everyone's view counts",
        "Every voice is equal, including the person's own view and that of the people close to "
        "them. Say what you saw, even if it differs from others.",
    ),
    (
        "No identifiers",
        "Leave out names, dates of birth, NHS numbers, addresses, postcodes, phone numbers and "
        "emails.",
    ),
]


class ReviewQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(status=Review.Status.COMPLETED)

    def drafts(self):
        return self.filter(status=Review.Status.DRAFT)

    def visible_to(self, user):
        """Completed reviews for every signed-in user; drafts to their facilitator and the
        participants named on them."""
        if not user or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        participating = ReviewParticipant.objects.filter(user=user).values("review")
        return self.filter(
            Q(status=Review.Status.COMPLETED) | Q(facilitator=user) | Q(pk__in=participating)
        )

    def editable_by(self, user):
        """Drafts the user may edit: as facilitator or a named participant."""
        if not user or not user.is_authenticated:
            return self.none()
        drafts = self.drafts()
        if user.is_superuser:
            return drafts
        participating = ReviewParticipant.objects.filter(user=user).values("review")
        return drafts.filter(Q(facilitator=user) | Q(pk__in=participating))

    def with_open_actions(self):
        return self.filter(pk__in=Action.objects.open().values("review"))

    def for_principle(self, principle):
        return self.filter(pk__in=Lesson.objects.filter(principles=principle).values("review"))

    def for_need(self, need):
        return self.filter(pk__in=Lesson.objects.filter(needs=need).values("review"))

    def for_agency(self, agency):
        """Reviews whose lessons, participants or actions involve the agency."""
        return self.filter(
            Q(pk__in=Lesson.objects.filter(agencies=agency).values("review"))
            | Q(pk__in=ReviewParticipant.objects.filter(agency=agency).values("review"))
            | Q(pk__in=Action.objects.filter(owner_agency=agency).values("review"))
        )

    def in_year(self, year):
        return self.filter(date__year=year)

    def matching(self, text):
        """A plain substring match over the review's own text, for list filters. Ranked,
        stemmed search is the search app's job."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            | Q(about__icontains=text)
            | Q(pk__in=Answer.objects.filter(answer__icontains=text).values("review"))
            | Q(pk__in=Lesson.objects.filter(text__icontains=text).values("review"))
            | Q(pk__in=Action.objects.filter(description__icontains=text).values("review"))
        )


class ReviewTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Review(StableIdMixin, TimestampsMixin, index.Indexed, models.Model):
    """A blameless After Action Review: what we expected, what happened, what we learned."""

    class Kind(models.TextChoices):
        FORMAL = "formal", "Formal (facilitated, planned in advance)"
        INFORMAL = "informal", "Informal (straight after the event)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    title = models.CharField(
        max_length=255,
        help_text="What the review is about, without names. For example "
        "'Discharge from hospital with nowhere to stay'.",
    )
    date = models.DateField(default=timezone.localdate, help_text="When the review was held.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INFORMAL)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_reviews",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    about = models.TextField(
        blank=True,
        verbose_name="what it is about",
        help_text="Markdown. The event or case in a few lines: what, not who.",
    )
    forum_session = optional_foreign_key(
        "brightspots.ForumSessionPage", related_name="session_reviews"
    )
    bright_spot = optional_foreign_key("brightspots.BrightSpotPage", related_name="+")
    barrier = optional_foreign_key(
        "barriers.Barrier",
        related_name="reviews",
        help_text="A barrier this review looks at (barriers it raises are recorded separately).",
    )
    area = optional_foreign_key("taxonomy.Area", related_name="+")
    template = optional_foreign_key("reviews.ReviewTemplate", related_name="reviews")
    template_revision = optional_foreign_key(
        "wagtailcore.Revision",
        related_name="+",
        help_text="The exact version of the template the review was run with.",
    )
    template_name = models.CharField(max_length=255, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every save of the run page; the browser's unsaved copy is only restored when it
    # was taken from the version the server still has.
    draft_version = models.PositiveIntegerField(default=0)
    tags = TaggableManager(through=ReviewTag, blank=True)

    objects = ReviewQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.SearchField("about", boost=2),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.FilterField("area"),
        index.FilterField("facilitator"),
        index.RelatedFields(
            "answers", [index.SearchField("question"), index.SearchField("answer")]
        ),
        index.RelatedFields(
            "lessons",
            [
                index.SearchField("text", boost=3),
                index.FilterField("kind"),
                index.RelatedFields(
                    "principles", [index.SearchField("name"), index.FilterField("number")]
                ),
                index.RelatedFields("needs", [index.SearchField("name"), index.FilterField("id")]),
                index.RelatedFields(
                    "agencies", [index.SearchField("name"), index.FilterField("id")]
                ),
            ],
        ),
        index.RelatedFields("actions", [index.SearchField("description")]),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["status", "date"]),
            # The home page's recently completed reviews, read newest first.
            models.Index(fields=["status", "completed_at", "id"], name="review_completed_order"),
            # The review list, newest first, read a page of ids at a time.
            models.Index(fields=["date", "id"], name="review_list_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:detail", args=[self.pk])

    def get_run_url(self):
        return reverse("reviews:run", args=[self.pk])

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED

    # Permissions, in one place for views and templates.
    def is_participant(self, user):
        return self.participants.filter(user=user).exists()

    def can_view(self, user):
        if not user.is_authenticated:
            return False
        return (
            self.is_completed
            or user.is_superuser
            or self.facilitator_id == user.pk
            or self.is_participant(user)
        )

    def can_edit(self, user):
        return (
            self.is_draft
            and user.is_authenticated
            and (user.is_superuser or self.facilitator_id == user.pk or self.is_participant(user))
        )

    def can_manage(self, user):
        """Complete or reopen: the facilitator, a Review facilitator or an administrator."""
        from people import roles

        if not self.can_view(user):
            return False
        return self.facilitator_id == user.pk or user.has_role(
            roles.REVIEW_FACILITATOR, roles.ADMINISTRATOR
        )

    def start_from_template(self, template):
        """Copy the template's questions (as they are now) into this review's answers."""
        self.template = template
        self.template_name = template.name
        self.template_revision = template.live_revision
        self.save()
        Answer.objects.bulk_create(
            Answer(review=self, order=order, question=question, guidance=guidance)
            for order, (question, guidance) in enumerate(template.question_list(), start=1)
        )

    def completion_problems(self):
        """What stops this review being completed, as messages that say what to do."""
        problems = []
        unanswered = [
            a.question for a in self.answers.all() if not a.answer.strip() and not a.skipped
        ]
        for question in unanswered:
            problems.append(
                f"Answer \u201c{question}\u201d or tick \u201cSkip this question\u201d."
            )
        if not self.lessons.exists():
            problems.append("Add at least one lesson (something to sustain or improve).")
        return problems

    def barrier_occurrences(self):
        """Barriers this review raised: occurrences recorded with the review as their source."""
        from django.contrib.contenttypes.models import ContentType

        from barriers.models import Occurrence

        return Occurrence.objects.filter(
            source_type=ContentType.objects.get_for_model(Review), source_id=str(self.pk)
        ).select_related("barrier")
