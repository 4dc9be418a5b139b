import pytest

from reviews.models import ReviewTemplate
from taxonomy.vocabulary import read_vocabulary

pytestmark = pytest.mark.django_db


def test_the_four_question_template_ships_live_with_the_classic_questions():
    template = ReviewTemplate.objects.get(name="After Action Review (four questions)")
    assert template.live
    assert [q for q, _ in template.question_list()] == [
        "What did we expect to happen?",
        "What actually happened?",
        "Why was there a difference?",
        "What will we sustain, and what will we improve?",
    ]
    assert all(guidance for _, guidance in template.question_list())


def test_the_multi_agency_template_adds_the_five_suggested_questions():
    template = ReviewTemplate.objects.get(name="Multi-agency review")
    questions = [q for q, _ in template.question_list()]
    assert len(questions) == 9
    assert questions[:4] == [
        q
        for q, _ in ReviewTemplate.objects.get(
            name="After Action Review (four questions)"
        ).question_list()
    ]
    assert questions[4:] == [
        "Which of the principles did this test?",
        "Where did the person hit a snag, and at what level (individual, service, system)?",
        "What worked well enough to share as a Bright Spot?",
        "What is the person's own view of what happened?",
        "What do we need from other agencies?",
    ]


def test_the_shipped_templates_ask_the_vocabularys_aar_questions_word_for_word():
    vocabulary = read_vocabulary()
    four = ReviewTemplate.objects.get(name="After Action Review (four questions)")
    multi = ReviewTemplate.objects.get(name="Multi-agency review")
    assert [q for q, _ in four.question_list()] == vocabulary["aar_default_questions"]
    assert [q for q, _ in multi.question_list()] == (
        vocabulary["aar_default_questions"] + vocabulary["aar_suggested_extra_questions"]
    )
