"""After Action Reviews.

Dependencies run one way: `templates` (the editable question sets) <- `reviews` (a review run
from a template) -> `parts` (its participants, answers, lessons and actions, which name the review
by a lazy string). Reviews copy the questions
they were run with, so nothing here reaches back into a template after a review starts.
"""

from .parts import Action, ActionQuerySet, Answer, Lesson, ReviewParticipant
from .reviews import GROUND_RULES, Review, ReviewQuerySet, ReviewTag
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
