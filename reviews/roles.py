"""Review facilitators edit templates (with revisions and publishing); administrators also see
the list of reviews in the admin. Running reviews needs no permission: any practitioner may
start one (see docs/reviews.md)."""

from people import roles

TEMPLATE_PERMISSIONS = [
    "reviews.add_reviewtemplate",
    "reviews.change_reviewtemplate",
    "reviews.delete_reviewtemplate",
    "reviews.view_reviewtemplate",
    "reviews.publish_reviewtemplate",
]

PERMISSIONS = {
    roles.REVIEW_FACILITATOR: TEMPLATE_PERMISSIONS,
    roles.ADMINISTRATOR: [
        *TEMPLATE_PERMISSIONS,
        "reviews.view_review",
        "reviews.change_review",
        "reviews.delete_review",
    ],
}
