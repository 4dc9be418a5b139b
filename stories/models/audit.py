from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import optional_foreign_key

from .cohorts import Cohort


class AccessLogEntry(models.Model):
    """Who read or changed which case learning record, and when. Never the content itself."""

    class Action(models.TextChoices):
        READ = "read", "Read"
        CREATE = "create", "Create"
        UPDATE = "update", "Update"
        WITHDRAW = "withdraw", "Consent withdrawn"
        EXPORT = "export", "Export"

    # User and cohort are found by the indexes below that start with them: each index more is
    # one more page written by every read.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name="when")
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    object_label = models.CharField(
        max_length=80, blank=True, help_text="A pseudonym code or cohort name, never an alias."
    )
    cohort = optional_foreign_key(Cohort, related_name="access_log", db_index=False)
    path = models.CharField(max_length=300, blank=True)

    # Each read writes one: Wagtail's reference index ("where is this cohort used?" in the admin)
    # would gain a row per read, and a read would cost it four more statements.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "access log entry"
        verbose_name_plural = "access log"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["cohort", "at"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self):
        action = self.get_action_display().lower()
        return f"{self.user} {action} {self.object_type} {self.object_id}"
