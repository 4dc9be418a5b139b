"""Demo discussion: a few realistic comments on demo Bright Spots, forum sessions and barriers.

Idempotent: each comment is found again by its object, writer and text. Seeding creates rows
directly, so no notification emails go out.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import Comment, CommentRevision

# Each entry is (writer, text) or (writer, text, REPLY) for a reply to the comment before it.
REPLY = "reply"

BRIGHT_SPOT_THREAD = [
    (
        "practitioner",
        "We tried something close to this in Southwark: a named worker who stayed "
        "with the person through the first two appointments. Attendance went up noticeably.",
    ),
    ("host", "Thank you. Would you be up for presenting that at next month's forum?", REPLY),
    (
        "facilitator",
        "The **same-day link** is the part I would like to copy. Who held the "
        "budget for the navigator post?",
    ),
]
BARRIER_THREAD = [
    (
        "practitioner",
        "Seen this snag this week too: the online form still will not submit "
        "without a fixed address, so the person had to come back the next day.",
    ),
    (
        "leader",
        "Raised with the service's digital team. A workaround is to use the day "
        "centre as a care-of address; I will update the barrier when there is a fix.",
        REPLY,
    ),
    (
        "caseteam",
        "Same at the hospital discharge desk. The paper form does not have this "
        "problem, so staff there now keep copies.",
    ),
]
SESSION_THREAD = [
    ("facilitator", "Will the slides from the session be shared here afterwards?"),
    ("host", "Yes, and the notes with the follow-up actions go on this page.", REPLY),
]
HIDDEN = (
    "practitioner",
    "The duty worker at the front desk was rude and unhelpful again.",
    "Barriers name services and processes, never individual staff. Please describe what the "
    "process made hard instead.",
)


def _targets():
    """The demo objects to discuss, if their apps have seeded any."""
    targets = []
    try:
        from brightspots.models import BrightSpotPage, ForumSessionPage
    except ImportError:
        BrightSpotPage = ForumSessionPage = None  # noqa: N806
    if BrightSpotPage is not None:
        targets += [
            (s, BRIGHT_SPOT_THREAD) for s in BrightSpotPage.objects.live().order_by("path")[:2]
        ]
        targets += [
            (s, SESSION_THREAD) for s in ForumSessionPage.objects.live().order_by("path")[:1]
        ]
    try:
        from barriers.models import Barrier
    except ImportError:
        return targets
    barriers = list(Barrier.objects.order_by("created_at", "id")[:2])
    targets += [(b, BARRIER_THREAD) for b in barriers]
    return targets


def seed(stdout):
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["practitioner", "host", "facilitator", "caseteam", "leader"]
        )
    }
    targets = _targets()
    if not users or not targets:
        stdout.write("  No demo users or nothing to discuss yet; no demo comments added.")
        return
    created = 0
    start = timezone.now() - timedelta(days=6)
    for obj, thread in targets:
        content_type = ContentType.objects.get_for_model(obj)
        root = None
        for position, (username, body, *kind) in enumerate(thread):
            is_reply = kind == [REPLY]
            if username not in users:
                continue
            comment, was_created = Comment.objects.get_or_create(
                content_type=content_type,
                object_id=str(obj.pk),
                author=users[username],
                body=body,
                defaults={
                    "parent": root if is_reply else None,
                    "created_at": start + timedelta(hours=5 * position),
                },
            )
            created += was_created
            if not is_reply:
                root = comment
    created += _seed_hidden(targets, users, start)
    stdout.write(f"  {created} demo comments added.")


def _seed_hidden(targets, users, start):
    """One comment a host hid, so moderation and the audit trail have something to show."""
    barrier_targets = [obj for obj, thread in targets if thread is BARRIER_THREAD]
    username, body, reason = HIDDEN
    if not barrier_targets or username not in users or "host" not in users:
        return 0
    obj = barrier_targets[0]
    comment, created = Comment.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        author=users[username],
        body=body,
        defaults={
            "created_at": start + timedelta(days=1),
            "is_hidden": True,
            "hidden_reason": reason,
            "hidden_by": users["host"],
            "hidden_at": start + timedelta(days=1, hours=2),
        },
    )
    if created:
        CommentRevision.objects.create(
            comment=comment,
            action=CommentRevision.Action.HIDDEN,
            body=body,
            note=reason,
            user=users["host"],
            at=comment.hidden_at,
        )
    return int(created)
