"""The Wagtail admin's barrier form: the same privacy guard, rules and history as the front end."""

from django.db import transaction

from privacy.admin_forms import GuardedAdminModelForm

from . import services
from .forms import BarrierRulesMixin
from .models import BarrierEvent

TRACKED = ("status", "escalation_level", "response_due")


class BarrierAdminForm(BarrierRulesMixin, GuardedAdminModelForm):
    def save(self, commit=True):
        created = self.instance.pk is None
        previous = {name: getattr(self.instance, name) for name in TRACKED}
        if not created:
            previous = {name: self.initial.get(name) for name in TRACKED}
        with transaction.atomic():
            barrier = super().save(commit=commit)
            if commit and created:
                barrier.created_by = barrier.created_by or self.for_user
                BarrierEvent.objects.create(
                    barrier=barrier,
                    kind=BarrierEvent.Kind.CREATED,
                    detail="Added in the admin",
                    user=self.for_user,
                )
            if commit:
                services.save_barrier_changes(
                    barrier,
                    [*self.changed_data],
                    user=self.for_user,
                    previous=previous,
                )
        return barrier
