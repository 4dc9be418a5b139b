"""Keep the BarrierMonth roll-up in step with every saved or deleted Occurrence."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import BarrierMonth, Occurrence


@receiver(pre_save, sender=Occurrence)
def remember_month(sender, instance, raw=False, **kwargs):
    instance._counted_as = None
    if instance.pk and not raw:
        instance._counted_as = (
            Occurrence.objects.filter(pk=instance.pk).values_list("barrier_id", "date").first()
        )


@receiver(post_save, sender=Occurrence)
def count_month(sender, instance, created, raw=False, **kwargs):
    previous = getattr(instance, "_counted_as", None)
    current = (instance.barrier_id, instance.date)
    if previous == current and not created:
        return
    if previous:
        BarrierMonth.objects.add(*previous, delta=-1)
    BarrierMonth.objects.add(*current)


@receiver(post_delete, sender=Occurrence)
def uncount_month(sender, instance, **kwargs):
    BarrierMonth.objects.add(instance.barrier_id, instance.date, delta=-1)
