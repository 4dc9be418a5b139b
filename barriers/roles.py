"""Who may do what in the barrier log (see docs/barriers.md).

Every signed-in person can read the log and log a snag. Leaders manage barriers (status,
escalation, owners, merges) and read the insights dashboard; administrators can also delete.
"""

from people import roles

_MODELS = ("barrier", "occurrence", "barrierevent", "barrieralert")

PERMISSIONS = {
    roles.LEADER: [
        "barriers.view_barrier",
        "barriers.change_barrier",
        "barriers.merge_barrier",
        "barriers.view_occurrence",
        "barriers.view_barrierevent",
        "barriers.view_barrieralert",
    ],
    roles.ADMINISTRATOR: [
        "barriers.merge_barrier",
        *[
            f"barriers.{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in _MODELS
        ],
    ],
}
