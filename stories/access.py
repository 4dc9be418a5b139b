"""Who may see case learning. The one place these rules live; docs/stories.md explains them."""

from people import roles


def has_case_learning_role(user):
    """Holds the Case learning team role. Being a superuser is not enough on its own."""
    if not user.is_authenticated:
        return False
    return roles.CASE_LEARNING_TEAM in user.group_names


def can_create_cohort(user):
    return has_case_learning_role(user)


def can_read_audit_log(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or roles.ADMINISTRATOR in user.group_names


def can_manage_team(user, cohort):
    """Only the cohort's lead practitioners and administrators change who is on its team."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or roles.ADMINISTRATOR in user.group_names:
        return True
    return cohort.memberships.filter(
        user=user, role=cohort.memberships.model.Role.LEAD_PRACTITIONER
    ).exists()
