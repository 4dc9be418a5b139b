"""The security audit log: who signed in, who was refused, who changed a team, who read case
learning. It names staff accounts (that is its point) but never a person walked alongside, an
address, a typed username or a query string."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import filter_given, optional_foreign_key


class AuditEventQuerySet(models.QuerySet):
    def filtered(self, kind=None, user=None, date_from=None, date_to=None):
        return filter_given(
            self, kind=kind, user=user, at__date__gte=date_from, at__date__lte=date_to
        )


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        SIGN_OUT = "sign_out", "Signed out"
        SECOND_FACTOR = "second_factor", "Second factor"
        PASSWORD = "password", "Password"
        PERMISSION_DENIED = "permission_denied", "Permission denied"
        MEMBERSHIP = "membership", "Team membership changed"
        CASE_LEARNING_READ = "case_learning", "Case learning read or changed"
        ACCOUNT = "account", "Account changed"

    at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name="when")
    # Found by the indexes below that start with them: each index more is one more page written
    # by every event (a case learning read writes one).
    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = optional_foreign_key(
        settings.AUTH_USER_MODEL,
        related_name="+",
        db_index=False,
        help_text="The staff account that acted; empty when no account matched.",
    )
    detail = models.CharField(max_length=200, blank=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_ref = models.CharField(
        max_length=80, blank=True, help_text="A record id or pseudonym code, never a name."
    )
    path = models.CharField(max_length=300, blank=True, help_text="Without its query string.")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.user or ''}".strip()
