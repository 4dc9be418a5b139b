"""Bright Spots and the forum.

Dependencies run one way: `bright_spots` (pages and moderation log) <- `forum` (sessions that
present them) ; `moderation` (the workflow task) reads both lazily.
"""

from .bright_spots import (
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
    CallForPresentationsMailing,
    FollowUpAction,
    ForumIndexPage,
    ForumSessionPage,
    ForumSessionQuerySet,
    Registration,
    same_weekday_next_month,
)
from .moderation import BrightSpotModerationTask

__all__ = [
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
