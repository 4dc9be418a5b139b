import datetime

from django.utils import timezone

import factory

from people.factories import UserFactory
from taxonomy.factories import AgencyFactory

from .models import Action, Answer, Lesson, Review, ReviewParticipant, ReviewTemplate
from .models import ReviewTemplateQuestion as TemplateQuestion


class ReviewTemplateFactory(factory.django.DjangoModelFactory):
    """A live template; `questions=["...", ...]` sets its questions (two by default)."""

    class Meta:
        model = ReviewTemplate
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Template {n}")
    purpose = "For trying things out."
    live = True

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted if extracted is not None else ["What went well?", "What snagged?"]
        for order, text in enumerate(texts):
            TemplateQuestion.objects.create(
                template=self, sort_order=order, question=text, guidance=f"Guidance for {text}"
            )


class ReviewFactory(factory.django.DjangoModelFactory):
    """A draft review; `questions=[...]` adds answers as if run from a template."""

    class Meta:
        model = Review
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Review of a hospital discharge {n}")
    date = factory.LazyFunction(timezone.localdate)
    kind = Review.Kind.INFORMAL
    facilitator = factory.SubFactory(UserFactory)
    about = "A discharge from hospital with nowhere to stay."

    class Params:
        completed = factory.Trait(
            status=Review.Status.COMPLETED, completed_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if create and extracted:
            for order, text in enumerate(extracted, start=1):
                Answer.objects.create(review=self, order=order, question=text)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    review = factory.SubFactory(ReviewFactory)
    order = factory.Sequence(lambda n: n)
    question = "What actually happened?"
    answer = "The ward discharged on a Friday afternoon."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewParticipant

    review = factory.SubFactory(ReviewFactory)
    role = ReviewParticipant.Role.PRACTITIONER
    agency = factory.SubFactory(AgencyFactory)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    kind = Lesson.Kind.SUSTAIN
    text = "Ring housing before the discharge date, not on it."

    @factory.post_generation
    def principles(self, create, extracted, **kwargs):
        if create and extracted:
            self.principles.set(extracted)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    review = factory.SubFactory(ReviewFactory)
    description = "Agree a discharge-to-housing protocol."
    owner = factory.SubFactory(UserFactory)
    owner_agency = factory.LazyAttribute(lambda a: a.owner.agency if a.owner else None)
    due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
