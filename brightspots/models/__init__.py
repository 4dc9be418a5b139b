"""Bright Spots and the forum.

Dependencies run one way: `bright_spots` (pages and moderation log) <- `forum` (sessions that
present them) <- `participation` (registrations and follow-up actions); `moderation` (the
workflow task) reads them lazily.
"""

from .bright_spots import (
    MARKDOWN_FIELDS,
    MARKDOWN_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    BrightSpotIndexPage,
    BrightSpotPage,
    BrightSpotPageQuerySet,
    BrightSpotTag,
    ModerationDecision,
)
from .forum import (
    AgendaItem,
    ForumIndexPage,
    ForumSessionPage,
    ForumSessionQuerySet,
    same_weekday_next_month,
)
from .moderation import BrightSpotModerationTask
from .participation import CallForPresentationsMailing, FollowUpAction, Registration

__all__ = [
    "MARKDOWN_FIELDS",
    "MARKDOWN_MAX_LENGTH",
    "SUMMARY_MAX_LENGTH",
    "AgendaItem",
    "BrightSpotIndexPage",
    "BrightSpotModerationTask",
    "BrightSpotPage",
    "BrightSpotPageQuerySet",
    "BrightSpotTag",
    "CallForPresentationsMailing",
    "FollowUpAction",
    "ForumIndexPage",
    "ForumSessionPage",
    "ForumSessionQuerySet",
    "ModerationDecision",
    "Registration",
    "same_weekday_next_month",
]
