"""Reviews' actions for the shared "My actions" and "Overdue actions" lists.

Every app with follow-up actions provides `action_items(user=None, overdue_only=False)`;
the reviews app gathers them all through `common.contributions.app_functions`.
"""

from django.urls import reverse

from .models import Action, Review


def action_items(user=None, overdue_only=False):
    """Actions owned by `user` (any review they own one in), or, with no user, the actions of
    completed reviews; only the overdue ones when `overdue_only`."""
    actions = Action.objects.select_related("review", "owner", "owner_agency")
    if user is not None:
        actions = actions.owned_by(user)
    else:
        actions = actions.filter(review__status=Review.Status.COMPLETED)
    if overdue_only:
        actions = actions.overdue()
    return [
        {
            "text": action.description,
            "owner": str(action.owner) if action.owner_id else "",
            "owner_agency": str(action.owner_agency) if action.owner_agency_id else "",
            "due": action.due,
            "status": action.status,
            "status_label": action.get_status_display(),
            "is_overdue": action.is_overdue,
            "source_title": f"Review: {action.review.title}",
            "source_url": action.review.get_absolute_url(),
            "completion_note": action.completion_note,
            "action_id": action.pk,
            "update_url": reverse("reviews:action_update", args=[action.pk]),
        }
        for action in actions
    ]
