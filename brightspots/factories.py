"""Factories for Bright Spots and forum sessions; pages are added under the real index pages."""

from datetime import timedelta

from django.utils import timezone

import factory

from people.factories import UserFactory

from .models import (
    AgendaItem,
    BrightSpotIndexPage,
    BrightSpotPage,
    FollowUpAction,
    ForumIndexPage,
    ForumSessionPage,
    Registration,
)


def _index_models():
    return {BrightSpotPage: BrightSpotIndexPage, ForumSessionPage: ForumIndexPage}


class _ChildPageFactory(factory.django.DjangoModelFactory):
    """Adds the page under its index and publishes it unless `live=False`."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        m2m = {
            name: kwargs.pop(name)
            for name in ("principles", "needs", "agencies", "hosts", "barriers")
            if name in kwargs
        }
        live = kwargs.pop("live", True)
        page = model_class(*args, live=live, **kwargs)
        for name, values in m2m.items():
            getattr(page, name).set(values)
        _index_models()[model_class].objects.get().add_child(instance=page)
        revision = page.save_revision(user=kwargs.get("submitted_by") or kwargs.get("owner"))
        if live:
            revision.publish()
        return model_class.objects.get(pk=page.pk)


class BrightSpotPageFactory(_ChildPageFactory):
    class Meta:
        model = BrightSpotPage

    title = factory.Sequence(lambda n: f"Bright Spot {n}")
    slug = factory.Sequence(lambda n: f"bright-spot-{n}")
    summary = "A navigator met people in A&E and linked them to outreach the same day."
    what_happened = "The navigator **sat with** the person and called outreach."
    what_made_the_difference = "Someone who knew both services."
    submitted_by = factory.SubFactory(UserFactory)


class ForumSessionPageFactory(_ChildPageFactory):
    class Meta:
        model = ForumSessionPage

    title = factory.Sequence(lambda n: f"Forum session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=14)).replace(minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))
    format = ForumSessionPage.Format.ONLINE
    joining_link = "https://meet.example.org/bright-spots"
    capacity = 40


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(ForumSessionPageFactory)
    bright_spot = factory.SubFactory(BrightSpotPageFactory)
    minutes = 15


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(ForumSessionPageFactory)
    user = factory.SubFactory(UserFactory)


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    session = factory.SubFactory(ForumSessionPageFactory)
    text = factory.Sequence(lambda n: f"Share the referral route with the housing team ({n})")
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
