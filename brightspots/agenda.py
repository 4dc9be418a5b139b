"""Building a session's agenda from the site: add, reorder and remove approved Bright Spots.

The agenda lives on the session page (an InlinePanel of `AgendaItem`s), so each change is made on
the latest revision and published, in one transaction: the admin shows the same agenda and its
history records who changed it.
"""

from django.db import transaction

from .models import AgendaItem, ForumSessionPage


class AgendaError(Exception):
    """A change to the agenda that cannot be made; the message says why."""


def _draft(session):
    # Lock the session so two hosts reordering at once do not lose each other's change.
    ForumSessionPage.objects.select_for_update().filter(pk=session.pk).first()
    return ForumSessionPage.objects.get(pk=session.pk).get_latest_revision_as_object()


def _publish(draft, items, user):
    for position, item in enumerate(items):
        item.sort_order = position
    draft.agenda_items = items
    draft.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)


@transaction.atomic
def add(session, user, *, bright_spot, presenter=None, starts_at=None, minutes=15):
    if not bright_spot.live:
        raise AgendaError("Only approved, published Bright Spots can be on the agenda.")
    draft = _draft(session)
    items = list(draft.agenda_items.all())
    if any(item.bright_spot_id == bright_spot.pk for item in items):
        raise AgendaError(f"“{bright_spot.title}” is already on the agenda.")
    items.append(
        AgendaItem(
            bright_spot=bright_spot,
            presenter=presenter or bright_spot.submitted_by,
            starts_at=starts_at,
            minutes=minutes,
        )
    )
    _publish(draft, items, user)


@transaction.atomic
def move(session, user, bright_spot_id, offset):
    """Move an item `offset` places (-1 up, +1 down); at either end it stays where it is."""
    draft = _draft(session)
    items = list(draft.agenda_items.all())
    index = _index_of(items, bright_spot_id)
    target = index + offset
    if not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    _publish(draft, items, user)
    return True


@transaction.atomic
def remove(session, user, bright_spot_id):
    draft = _draft(session)
    items = list(draft.agenda_items.all())
    removed = items.pop(_index_of(items, bright_spot_id))
    _publish(draft, items, user)
    return removed


def _index_of(items, bright_spot_id):
    for index, item in enumerate(items):
        if item.bright_spot_id == bright_spot_id:
            return index
    raise AgendaError("That Bright Spot is no longer on the agenda; the page has been refreshed.")
