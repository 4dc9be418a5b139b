"""The home page card: barriers logged recently, and the ones met most often this month."""

import datetime

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from .models import Barrier


def items(user, limit=5):
    since = timezone.localdate() - datetime.timedelta(days=30)
    barriers = (
        Barrier.objects.active()
        .filter(Q(first_met__gte=since) | Q(occurrences__date__gte=since))
        .annotate(
            recent=Count("occurrences", filter=Q(occurrences__date__gte=since)),
            last_seen=Max("occurrences__date"),
        )
        .order_by("-recent", "-last_seen", "-pk")
        .distinct()[:limit]
    )
    entries = []
    for barrier in barriers:
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
