import factory

from .models import Agency, AgencySector, Area


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Area {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = factory.LazyFunction(lambda: AgencySector.objects.order_by("pk").first())
    area = factory.SubFactory(AreaFactory)
