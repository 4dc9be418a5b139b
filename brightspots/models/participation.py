"""Taking part in a forum session: registrations, follow-up actions, the call's mailing."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import optional_foreign_key

from .forum import ForumSessionPage


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def registered(self):
        return self.filter(status=Registration.Status.REGISTERED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("status_changed_at")

    def due_reminder(self, hours=24, now=None):
        """Registered people of live sessions starting within `hours` not yet reminded."""
        sessions = ForumSessionPage.objects.live().starting_within(hours, now=now)
        return self.registered().filter(session__in=sessions, reminded_at__isnull=True)


class Registration(models.Model):
    """A person's place (or place in the queue) at a session."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "Registered"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    session = models.ForeignKey(
        ForumSessionPage, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_registrations"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REGISTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["session", "status"])]
        ordering = ["status_changed_at", "pk"]

    def __str__(self):
        return f"{self.user} · {self.session} ({self.get_status_display()})"


class FollowUpActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=FollowUpAction.Status.OPEN)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def for_user(self, user):
        return self.filter(owner=user)


class FollowUpAction(models.Model):
    """Something someone agreed to do after a session."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    session = models.ForeignKey(
        ForumSessionPage, on_delete=models.CASCADE, related_name="follow_up_actions"
    )
    text = models.CharField(max_length=500, verbose_name="action")
    owner = optional_foreign_key(settings.AUTH_USER_MODEL, related_name="forum_actions")
    owner_agency = optional_foreign_key("taxonomy.Agency", related_name="+")
    due_on = models.DateField(null=True, blank=True, verbose_name="due date")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_on", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_overdue(self):
        return (
            self.status == self.Status.OPEN
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class CallForPresentationsMailing(models.Model):
    """Records that a session's call for presentations went out, so it goes once."""

    session = models.OneToOneField(
        ForumSessionPage, on_delete=models.CASCADE, related_name="call_mailing"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Call for presentations for {self.session}"
