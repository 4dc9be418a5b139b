"""Model permissions for case learning. Who sees a cohort is decided per cohort, not by these:
see stories/access.py and docs/stories.md."""

from people import roles

PERMISSIONS = {
    roles.CASE_LEARNING_TEAM: [
        "stories.view_cohort",
        "stories.view_cohortmembership",
        "stories.view_cohortsummary",
    ],
    roles.ADMINISTRATOR: ["stories.view_accesslogentry"],
}
