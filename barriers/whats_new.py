"""The home page card: the barriers met most often in the last 30 days, then new ones."""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from .models import Barrier, Occurrence


def items_depend_on():
    """The topics `items` reads (common.fragments): barriers and their occurrences."""
    return ("barriers",)


def items(user, limit=5):
    since = timezone.localdate() - datetime.timedelta(days=30)
    # Counted from the (date, barrier) index; only the listed barriers are then loaded.
    recent = {
        row["barrier_id"]: row["n"]
        for row in Occurrence.objects.filter(date__gte=since)
        .values("barrier_id")
        .annotate(n=Count("*"))
        .order_by("-n", "-barrier_id")[:limit]
    }
    barriers = Barrier.objects.active().in_bulk(recent)
    chosen = [barriers[pk] for pk in recent if pk in barriers]
    for barrier in chosen:
        barrier.recent = recent[barrier.pk]
    if len(chosen) < limit:
        for barrier in (
            Barrier.objects.active()
            .filter(first_met__gte=since)
            .exclude(pk__in=recent)
            .order_by("-first_met", "-pk")[: limit - len(chosen)]
        ):
            barrier.recent = 0
            chosen.append(barrier)
    entries = []
    for barrier in chosen:
        if barrier.first_met >= since and barrier.recent <= 1:
            meta = f"New · logged {barrier.first_met:%-d %b}"
        else:
            times = "time" if barrier.recent == 1 else "times"
            meta = f"{barrier.get_status_display()} · met {barrier.recent} {times} in 30 days"
        entries.append({"title": barrier.title, "url": barrier.get_absolute_url(), "meta": meta})
    return {
        "title": "Barriers being met",
        "items": entries,
        "more_url": reverse("barriers:list"),
        "more_label": "See the barrier log",
    }
