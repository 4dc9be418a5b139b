from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Everyone who signs in works for an agency; their role comes from their groups."""

    agency = models.ForeignKey(
        "taxonomy.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="The agency this person works for.",
    )
    job_title = models.CharField(max_length=150, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def role_names(self):
        return sorted(group.name for group in self.groups.all())

    def has_role(self, *names):
        if self.is_superuser:
            return True
        return self.groups.filter(name__in=names).exists()
