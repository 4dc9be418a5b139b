"""Recount the monthly occurrence roll-up and its summary (MonthTally) that the insights
dashboard reads."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Sum

from ...models import BarrierMonth, MonthTally, Occurrence


class Command(BaseCommand):
    help = (
        "Rebuild BarrierMonth (occurrences per barrier per month) from the occurrences, and the "
        "dashboard's MonthTally from it. Run it after loading or moving occurrences in bulk "
        "(bulk_create and update send no signals)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--barrier", type=int, action="append", help="Only this barrier (repeatable)."
        )

    def handle(self, *args, barrier=None, **options):
        with transaction.atomic():
            BarrierMonth.objects.rebuild(barrier)
        rows = BarrierMonth.objects.all()
        occurrences = Occurrence.objects.all()
        if barrier:
            rows = rows.filter(barrier_id__in=barrier)
            occurrences = occurrences.filter(barrier_id__in=barrier)
        total = rows.aggregate(n=Sum("occurrences"))["n"] or 0
        self.stdout.write(
            f"Rebuilt {rows.count():,} barrier-month rows covering {total:,} of "
            f"{occurrences.count():,} occurrences; {MonthTally.objects.count():,} summary rows."
        )
