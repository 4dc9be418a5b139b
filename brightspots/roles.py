"""Role permissions for Bright Spots.

Forum hosts also get Wagtail page permissions (add, change, publish, lock) on the Bright Spots
and forum index pages, and moderate through the "Bright Spot moderation" workflow: both are set
by migration 0004. Practitioners need no model permissions: they submit from the front end.
"""

from people import roles

PERMISSIONS = {
    roles.FORUM_HOST: [
        "brightspots.view_followupaction",
        "brightspots.add_followupaction",
        "brightspots.change_followupaction",
        "brightspots.delete_followupaction",
    ],
}
