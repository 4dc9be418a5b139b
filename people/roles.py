"""The roles people hold, as Wagtail groups with permissions.

Each app may declare a `roles.py` with `PERMISSIONS = {role: ["app_label.codename", ...]}`;
after every `migrate` the groups are brought in line with what the apps declare.
"""

from django.apps import apps
from django.utils.module_loading import module_has_submodule

PRACTITIONER = "Practitioner"
FORUM_HOST = "Forum host"
REVIEW_FACILITATOR = "Review facilitator"
CASE_LEARNING_TEAM = "Case learning team"
LEADER = "Leader"
ADMINISTRATOR = "Administrator"

ROLES = {
    PRACTITIONER: "Shares Bright Spots, logs barriers, takes part in reviews, searches learning.",
    FORUM_HOST: "Moderates Bright Spots and runs the monthly forum.",
    REVIEW_FACILITATOR: "Runs After Action Reviews from templates and edits templates.",
    CASE_LEARNING_TEAM: "Sees and records walking-alongside case learning for every cohort.",
    LEADER: "Reads the insights dashboard and manages barriers: status, escalation, merges.",
    ADMINISTRATOR: "Everything, including users, taxonomy and the audit log.",
}

# Roles that reach the Wagtail admin (moderation, snippets); practitioners use the front end only.
ADMIN_ACCESS_ROLES = [FORUM_HOST, REVIEW_FACILITATOR, LEADER, ADMINISTRATOR]

PERMISSIONS = {
    **{role: ["wagtailadmin.access_admin"] for role in ADMIN_ACCESS_ROLES},
    ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "people.add_user",
        "people.change_user",
        "people.view_user",
        "audit.view_auditevent",
        *[
            f"taxonomy.{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in (
                "priority",
                "principle",
                "barrierlevel",
                "barriercategory",
                "barriertheme",
                "need",
                "specificgroup",
                "agencysector",
                "area",
                "agency",
                "meetingtype",
            )
        ],
    ],
}


def declared_permissions():
    """Every app's PERMISSIONS merged: role -> set of "app_label.codename"."""
    merged = {role: set() for role in ROLES}
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "roles"):
            continue
        module = __import__(f"{app_config.name}.roles", fromlist=["PERMISSIONS"])
        for role, perms in getattr(module, "PERMISSIONS", {}).items():
            merged.setdefault(role, set()).update(perms)
    return merged


def sync_roles(using="default"):
    """Create the role groups and give each exactly the declared permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in declared_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            wanted.extend(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles(using=using)


def has_any_role(user):
    """Rights come only from a role: a signed-in account without one may do nothing yet."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(user.group_names)
