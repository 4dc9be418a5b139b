"""Walking-alongside case learning: cohorts, participants, their journeys, and what is shared.

Dependencies run one way: cohorts <- participants (participants, touchpoints) <- summaries;
audit depends on cohorts only. Participants and touchpoints are never search-indexed; the only
record shared beyond a cohort's team is a published, de-identified CohortSummary.
"""

from .audit import AccessLogEntry
from .cohorts import Cohort, CohortMembership
from .participants import Participant, Touchpoint, TouchpointBarrier
from .summaries import CohortSummary

__all__ = [
    "AccessLogEntry",
    "Cohort",
    "CohortMembership",
    "CohortSummary",
    "Participant",
    "Touchpoint",
    "TouchpointBarrier",
]
