"""Comments on Bright Spots, forum sessions and barriers, with an audit trail of every change.

A comment points at its object through a generic foreign key, so this app depends on nothing
but contenttypes; which models may be discussed is an allow-list (`commentable_labels()`).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from common.models import optional_foreign_key

BODY_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 500

DEFAULT_COMMENTABLE_MODELS = (
    "brightspots.brightspotpage",
    "brightspots.forumsessionpage",
    "barriers.barrier",
)


def commentable_labels() -> tuple[str, ...]:
    """The "app_label.model" names people may comment on (setting DISCUSSION_COMMENTABLE_MODELS)."""
    labels = getattr(settings, "DISCUSSION_COMMENTABLE_MODELS", DEFAULT_COMMENTABLE_MODELS)
    return tuple(label.lower() for label in labels)


def edit_window() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "DISCUSSION_EDIT_WINDOW_MINUTES", 15)))


def content_type_label(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def is_commentable(obj) -> bool:
    content_type = ContentType.objects.get_for_model(obj)
    return content_type_label(content_type) in commentable_labels()


class CommentQuerySet(models.QuerySet):
    def for_object(self, obj):
        """Comments on one object, oldest first, with what the thread shows already joined."""
        content_type = ContentType.objects.get_for_model(obj)
        return (
            self.filter(content_type=content_type, object_id=str(obj.pk))
            .select_related("author__agency", "hidden_by", "parent")
            .order_by("created_at", "id")
        )

    def visible(self):
        """Comments whose text may appear on the page: neither hidden nor deleted."""
        return self.filter(is_hidden=False, deleted_at__isnull=True)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def by(self, user):
        return self.filter(author=user)


class Comment(models.Model):
    """One comment, or a reply to a top-level comment (replies go one level deep)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="discussion_comments",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH, blank=True, help_text="Markdown.")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    hidden_by = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    hidden_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        permissions = [("moderate_comment", "Can hide and unhide comments")]

    def __str__(self):
        return f"Comment {self.pk} by {self.author_name} on {self.created_at:%d %b %Y %H:%M}"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def author_name(self) -> str:
        return str(self.author) if self.author else "A former member"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    def within_edit_window(self, now=None) -> bool:
        now = now or timezone.now()
        return now - self.created_at <= edit_window()

    def editable_until(self):
        return self.created_at + edit_window()

    def can_edit(self, user, now=None) -> bool:
        """The writer may edit or delete their own comment for a short time after posting."""
        return (
            user is not None
            and user.is_authenticated
            and self.author_id == user.pk
            and not self.is_deleted
            and not self.is_hidden
            and self.within_edit_window(now)
        )

    can_delete = can_edit

    @staticmethod
    def can_moderate(user) -> bool:
        return bool(user and user.is_authenticated and user.has_perm("discussion.moderate_comment"))

    @property
    def status(self) -> str:
        if self.is_deleted:
            return "Deleted by its writer"
        if self.is_hidden:
            return "Hidden"
        return "Edited" if self.edited_at else "Shown"

    @property
    def excerpt(self) -> str:
        """The start of the text (from the audit trail once deleted), for the moderation list."""
        text = self.body
        if not text and self.is_deleted:
            last = self.revisions.filter(action=CommentRevision.Action.DELETED).last()
            text = last.body if last else ""
        return text[:80] + ("…" if len(text) > 80 else "")

    @property
    def discussed_object(self):
        return self.content_object

    def audit_trail(self):
        return self.revisions.select_related("user").order_by("at", "id")


class CommentRevision(models.Model):
    """What a comment said before an edit, deletion or hiding. Never shown on the site."""

    class Action(models.TextChoices):
        EDITED = "edited", "Edited"
        DELETED = "deleted", "Deleted by its writer"
        HIDDEN = "hidden", "Hidden by a moderator"
        UNHIDDEN = "unhidden", "Shown again by a moderator"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=20, choices=Action.choices)
    body = models.TextField(help_text="The text as it was before this action.")
    note = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    user = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["comment", "at"])]

    def __str__(self):
        return f"{self.get_action_display()} on {self.at:%d %b %Y %H:%M}"
