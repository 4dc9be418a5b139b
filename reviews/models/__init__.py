"""After Action Reviews.

Dependencies run one way: `templates` (the editable question sets) <- `reviews` (a review run
from a template, with its answers, lessons, actions and participants). Reviews copy the questions
they were run with, so nothing here reaches back into a template after a review starts.
"""

from .reviews import (
    GROUND_RULES,
    Action,
    ActionQuerySet,
    Answer,
    Lesson,
    Review,
    ReviewParticipant,
    ReviewQuerySet,
    ReviewTag,
)
from .templates import ReviewTemplate, ReviewTemplateQuestion

__all__ = [
    "GROUND_RULES",
    "Action",
    "ActionQuerySet",
    "Answer",
    "Lesson",
    "Review",
    "ReviewParticipant",
    "ReviewQuerySet",
    "ReviewTag",
    "ReviewTemplate",
    "ReviewTemplateQuestion",
]
