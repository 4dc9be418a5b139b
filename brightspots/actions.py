"""Forum follow-up actions in the shared shape other apps list (e.g. a "my actions" page)."""

from django.utils import timezone

from .models import FollowUpAction


def action_items(user=None, overdue_only=False):
    """Follow-up actions from forum sessions, optionally one person's and only overdue ones.

    Each is a dict: text, owner (user or None), owner_agency, due (date or None), status,
    is_overdue, source_title, source_url.
    """
    actions = FollowUpAction.objects.select_related("session", "owner", "owner_agency")
    if user is not None:
        actions = actions.for_user(user)
    if overdue_only:
        actions = actions.overdue(today=timezone.localdate())
    return [
        {
            "text": action.text,
            "owner": action.owner,
            "owner_agency": action.owner_agency,
            "due": action.due_on,
            "status": action.get_status_display(),
            "is_overdue": action.is_overdue,
            "source_title": action.session.title,
            "source_url": action.session.url,
        }
        for action in actions
    ]
