"""Ship the two templates every area starts with: the classic four questions, and multi-agency."""

from django.db import migrations

FOUR_QUESTIONS = [
    (
        "What did we expect to happen?",
        "The plan or the hope at the start: what each agency, and the person, thought would "
        "happen.",
    ),
    (
        "What actually happened?",
        "The facts as each person saw them, in order. What, not who: describe what the system did.",
    ),
    (
        "Why was there a difference?",
        "What helped and what got in the way. Look for causes in processes, rules and handovers, "
        "not in individuals.",
    ),
    (
        "What will we sustain, and what will we improve?",
        "What went right and should keep happening, and what to do differently next time. Each "
        "becomes a lesson below.",
    ),
]

EXTRA_QUESTIONS = [
    (
        "Which of the principles did this test?",
        "Name the principles (for example, no wrong door) that this case put under strain or "
        "showed at work. Tag them on the lessons too.",
    ),
    (
        "Where did the person hit a snag, and at what level (individual, service, system)?",
        "Each snag can be raised as a barrier below, so it is counted next time it happens.",
    ),
    (
        "What worked well enough to share as a Bright Spot?",
        "Something others could try. Nominate it as a Bright Spot from this review.",
    ),
    (
        "What is the person's own view of what happened?",
        "In their words if they chose to give them, or as told by their expert by relationship. "
        "Leave out anything that identifies them.",
    ),
    (
        "What do we need from other agencies?",
        "Requests to named services, not people. Each one can become an action with an owner.",
    ),
]

TEMPLATES = [
    (
        "After Action Review (four questions)",
        "A short, blameless reflection straight after a case, a crisis or a change in practice: "
        "the four classic After Action Review questions.",
        FOUR_QUESTIONS,
    ),
    (
        "Multi-agency review",
        "A facilitated review across agencies, with the person and their expert by relationship "
        "where they wish: the four questions and five more about principles, snags, Bright Spots "
        "and what agencies need from each other.",
        FOUR_QUESTIONS + EXTRA_QUESTIONS,
    ),
]


def add_templates(apps, schema_editor):
    ReviewTemplate = apps.get_model("reviews", "ReviewTemplate")
    ReviewTemplateQuestion = apps.get_model("reviews", "ReviewTemplateQuestion")
    for name, purpose, questions in TEMPLATES:
        template, created = ReviewTemplate.objects.get_or_create(
            name=name, defaults={"purpose": purpose, "live": True}
        )
        if created:
            for order, (question, guidance) in enumerate(questions):
                ReviewTemplateQuestion.objects.create(
                    template=template, sort_order=order, question=question, guidance=guidance
                )


def remove_templates(apps, schema_editor):
    ReviewTemplate = apps.get_model("reviews", "ReviewTemplate")
    ReviewTemplate.objects.filter(name__in=[name for name, _, _ in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
