from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property

from common import fragments


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

    @cached_property
    def group_names(self):
        """This account's role groups, read once per instance (one per request): a page asks
        several times (the gates, the navigation, the page). Kept per person between requests
        until a write to `people` (common.fragments: the groups' table is one); people.signals
        forgets it on an instance whose groups change."""
        return fragments.per_person(
            self, "role-groups", lambda: frozenset(self.groups.values_list("name", flat=True))
        )

    @property
    def role_names(self):
        return sorted(self.group_names)

    def has_role(self, *names):
        if self.is_superuser:
            return True
        return not self.group_names.isdisjoint(names)
