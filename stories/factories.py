import datetime

import factory

from people.factories import UserFactory
from taxonomy.factories import AgencyFactory, AreaFactory

from .models import (
    AccessLogEntry,
    Cohort,
    CohortMembership,
    CohortSummary,
    Participant,
    Touchpoint,
)


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort. `team=[user, ...]` adds each as a lead practitioner."""

    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cohort {n}")
    area = factory.SubFactory(AreaFactory)
    starts_on = datetime.date(2026, 1, 5)
    ends_on = datetime.date(2026, 12, 18)
    status = Cohort.Status.ACTIVE

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create and extracted:
            for user in extracted:
                CohortMembership.objects.create(
                    cohort=self, user=user, role=CohortMembership.Role.LEAD_PRACTITIONER
                )


class CohortMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortMembership

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    role = CohortMembership.Role.LEAD_PRACTITIONER


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    cohort = factory.SubFactory(CohortFactory)
    consent_status = Participant.Consent.GIVEN
    consent_date = datetime.date(2026, 1, 12)
    involvement = Participant.Involvement.REVIEWER


class ParticipantReadFactory(factory.django.DjangoModelFactory):
    """An access log entry: `user` read `participant`'s record."""

    class Meta:
        model = AccessLogEntry
        exclude = ["participant"]

    participant = factory.SubFactory(ParticipantFactory)
    user = factory.SubFactory(UserFactory)
    action = AccessLogEntry.Action.READ
    object_type = "participant"
    object_id = factory.LazyAttribute(lambda entry: str(entry.participant.pk))
    object_label = factory.LazyAttribute(lambda entry: entry.participant.code)
    cohort = factory.LazyAttribute(lambda entry: entry.participant.cohort)


class TouchpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Touchpoint

    participant = factory.SubFactory(ParticipantFactory)
    date = factory.Sequence(lambda n: datetime.date(2026, 2, 1) + datetime.timedelta(days=n))
    agency = factory.SubFactory(AgencyFactory)
    kind = Touchpoint.Kind.APPOINTMENT
    outcome = Touchpoint.Outcome.NEUTRAL
    what_happened = "Seen by the duty worker, who listened and booked a follow-up."
    learning_note = "Follow-up booked before the person left."


class CohortSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortSummary

    cohort = factory.SubFactory(CohortFactory)
    title = factory.LazyAttribute(lambda summary: f"What {summary.cohort.name} learned")
    summary = "Referrals bounced between services when nobody owned the first appointment."
    published = False
