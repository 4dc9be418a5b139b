from django.apps import AppConfig
from django.db.models.signals import post_migrate

from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    default = True
    name = "people"
    verbose_name = "People and roles"

    def ready(self):
        from . import signals  # noqa: F401
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=self)


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our user fields (agency, job title)."""

    user_viewset = "people.admin_users.UserViewSet"
