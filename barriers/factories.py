import datetime

from django.utils import timezone

import factory

from .models import Barrier, BarrierEvent, Occurrence


class BarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Barrier
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Barrier {n}: referral bounced between services")
    description = "Each service says the other should act first."
    level = Barrier.Level.SERVICE
    first_met = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.set(extracted)

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)


class OccurrenceFactory(factory.django.DjangoModelFactory):
    """A plain occurrence row (tests of recording behaviour use services.record_occurrence)."""

    class Meta:
        model = Occurrence

    barrier = factory.SubFactory(BarrierFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    source = Occurrence.Source.PRACTITIONER


class BarrierEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierEvent

    barrier = factory.SubFactory(BarrierFactory)
    kind = BarrierEvent.Kind.EDITED
    detail = "Edited"
