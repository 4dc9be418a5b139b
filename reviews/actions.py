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
    actions = list(actions)
    # An owner who is not on a draft cannot open it yet: name it, but do not link to a 404.
    readable = (
        set(
            Review.objects.visible_to(user)
            .filter(pk__in={a.review_id for a in actions})
            .values_list("pk", flat=True)
        )
        if user is not None
        else {a.review_id for a in actions}
    )
    return [
        {
            "text": action.description,
            "owner": str(action.owner) if action.owner_id else "",
            "owner_agency": str(action.owner_agency) if action.owner_agency_id else "",
            "due": action.due,
            "status": action.status,
            "status_label": action.get_status_display(),
            "is_overdue": action.is_overdue,
            "source_title": f"Review: {action.review.title}"
            + ("" if action.review_id in readable else " (a draft not shared with you yet)"),
            "source_url": action.review.get_absolute_url() if action.review_id in readable else "",
            "completion_note": action.completion_note,
            "action_id": action.pk,
            "update_url": reverse("reviews:action_update", args=[action.pk]),
        }
        for action in actions
    ]
