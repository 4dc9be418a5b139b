"""Keeping MonthTally current: occurrences, barriers met and recurring barriers per month, level
and theme, the dashboard's summary of BarrierMonth.

MonthTally is a function of four inputs: the BarrierMonth rows, each barrier's level and
first_met, and its themes. Every write to those inputs is bracketed: `begin(ids)` reads what the
barriers contribute to the tally now, `end(ids)` reads it again after the write and applies the
difference, in the same transaction. Brackets do not nest (a barrier already inside a bracket is
left to the outer one), so a bulk write wrapped in `tracking(ids)` may call code that brackets the
same barriers again. Bulk writes that bypass signals (bulk_update, through-table inserts) must be
wrapped in `tracking`; `rebuild()` recounts the whole tally from BarrierMonth.
"""

import threading
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum

from common.bulk import add_to_rows

_state = threading.local()
# The three counts of a tally row, in the order `contributions` and `apply` hold them.
TALLIES = ("occurrences", "barriers", "recurring")
# Rows a statement of `apply` names at most (each costs a few parameters).
APPLY_BATCH = 500


def _model(name):
    # barriers.models calls this module from BarrierMonth's manager: no import back (no cycle).
    return apps.get_model("barriers", name)


def _open():
    if not hasattr(_state, "open"):
        _state.open = {}
    return _state.open


def contributions(barrier_ids):
    """{(month, level, theme id or None): [occurrences, barriers, recurring]} for the barriers.

    Theme None counts every barrier once; a theme counts the barriers that have it."""
    Barrier, BarrierMonth = _model("Barrier"), _model("BarrierMonth")
    ids = list(barrier_ids)
    themes = {}
    pairs = Barrier.themes.through.objects.filter(barrier_id__in=ids)
    for barrier_id, theme_id in pairs.values_list("barrier_id", "barriertheme_id"):
        themes.setdefault(barrier_id, []).append(theme_id)
    result = {}
    rows = BarrierMonth.objects.filter(barrier_id__in=ids).values_list(
        "barrier_id", "month", "occurrences", "barrier__level", "barrier__first_met"
    )
    for barrier_id, month, occurrences, level, first_met in rows:
        recurring = int(first_met < month)
        for theme in [None, *themes.get(barrier_id, ())]:
            totals = result.setdefault((month, level, theme), [0, 0, 0])
            totals[0] += occurrences
            totals[1] += 1
            totals[2] += recurring
    return result


def apply(delta):
    """Add `delta` ({key: [occurrences, barriers, recurring]}) to the tally rows: a few statements
    whatever its size (an import's batch touches hundreds of keys). Existing rows are added to in
    the database (`column = column + change`), so writers of the same row never lose a change;
    rows for new keys are inserted (two writers may both insert one: readers sum the rows)."""
    MonthTally = _model("MonthTally")
    changes = {key: change for key, change in delta.items() if any(change)}
    if not changes:
        return
    rows = {}
    existing = MonthTally.objects.filter(month__in={month for month, _level, _theme in changes})
    for pk, month, level, theme in existing.order_by("-pk").values_list(
        "pk", "month", "level", "theme_id"
    ):
        rows[month, level, theme] = pk  # the lowest pk of a key's rows is kept, as before
    found = [(rows[key], change) for key, change in changes.items() if key in rows]
    add_to_rows(MonthTally, TALLIES, ((*change, pk) for pk, change in found))
    MonthTally.objects.bulk_create(
        [
            MonthTally(
                month=month, level=level, theme_id=theme, **dict(zip(TALLIES, change, strict=True))
            )
            for (month, level, theme), change in changes.items()
            if (month, level, theme) not in rows
        ],
        batch_size=APPLY_BATCH,
    )
    if any(change[1] < 0 for change in changes.values()):
        emptied = [pk for pk, change in found if change[1] < 0]
        for start in range(0, len(emptied), APPLY_BATCH):
            MonthTally.objects.filter(
                pk__in=emptied[start : start + APPLY_BATCH], barriers__lte=0
            ).delete()


def begin(barrier_ids):
    """Start a bracket for the barriers not already in one; returns those it started."""
    opened = _open()
    if not connection.in_atomic_block:
        # Brackets that nest run inside a transaction; outside one, anything still open was
        # left by a write that raised before its end (a failed save): forget it.
        opened.clear()
    ids = {pk for pk in barrier_ids if pk is not None and pk not in opened}
    if not ids:
        return set()
    if connection.in_atomic_block:
        # One writer per barrier at a time, so `before` is what the write really changes.
        barriers = _model("Barrier").objects.select_for_update()
        list(barriers.filter(pk__in=ids).order_by("pk").values("pk"))
    before = contributions(ids)
    for pk in ids:
        opened[pk] = before
    return ids


def end(ids):
    """Finish a bracket started by `begin`: apply what the barriers' contribution changed by."""
    if not ids:
        return
    opened = _open()
    before = opened[next(iter(ids))]
    for pk in ids:
        opened.pop(pk, None)
    after = contributions(ids)
    delta = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key, (0, 0, 0)), after.get(key, (0, 0, 0))
        delta[key] = [n - o for n, o in zip(new, old, strict=True)]
    with transaction.atomic():
        apply(delta)


def forget(**kwargs):
    """Drop every bracket left open in this thread (connected to request_started)."""
    _open().clear()


def abandon(ids):
    """Drop a bracket whose write failed (its transaction rolls the tally back with it)."""
    opened = _open()
    for pk in ids:
        opened.pop(pk, None)


@contextmanager
def tracking(barrier_ids):
    """Keep the tally current across a write to these barriers' occurrences, level, first_met
    or themes, whatever path the write takes (signals or bulk)."""
    if not connection.in_atomic_block:
        _open().clear()  # see begin(): nothing legitimately open outside a transaction
    with transaction.atomic():
        ids = begin(barrier_ids)
        try:
            yield
        except BaseException:
            abandon(ids)
            raise
        end(ids)


def rebuild():
    """Recount the whole tally from BarrierMonth (after `BarrierMonth.objects.rebuild()`)."""
    BarrierMonth, MonthTally = _model("BarrierMonth"), _model("MonthTally")
    MonthTally.objects.all().delete()
    recurring = Count("id", filter=Q(barrier__first_met__lt=F("month")))
    totals = {"occurrences": Sum("occurrences"), "barriers": Count("id"), "recurring": recurring}
    every = BarrierMonth.objects.values("month", level=F("barrier__level")).annotate(**totals)
    themed = (
        BarrierMonth.objects.filter(barrier__themes__isnull=False)
        .values("month", level=F("barrier__level"), theme_id=F("barrier__themes"))
        .annotate(**totals)
    )
    MonthTally.objects.bulk_create(
        [MonthTally(**row) for rows in (every, themed) for row in rows.order_by()],
        batch_size=5000,
    )
