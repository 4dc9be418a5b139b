"""Demo Bright Spots and a year of monthly forum sessions. Pseudonymised; safe to run again.

The Bright Spots, drafts, session themes and follow-up actions are data
(`brightspots/data/demo_content.json`); this module seeds them.
"""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.test import override_settings
from django.utils import timezone

from people.models import User
from taxonomy.models import Agency, Area, Need, Principle

from .models import (
    MARKDOWN_FIELDS,
    AgendaItem,
    BrightSpotIndexPage,
    BrightSpotPage,
    FollowUpAction,
    ForumIndexPage,
    ForumSessionPage,
    ModerationDecision,
    Registration,
)

DEMO_CONTENT = json.loads((Path(__file__).parent / "data" / "demo_content.json").read_text())
SPOTS = DEMO_CONTENT["spots"]
DRAFTS = DEMO_CONTENT["drafts"]
SESSION_THEMES = DEMO_CONTENT["session_themes"]
ACTIONS = DEMO_CONTENT["follow_up_actions"]
SPOT_TEXT_FIELDS = [
    "slug",
    "title",
    "summary",
    *MARKDOWN_FIELDS,
    "involvement",
]


def _user(username):
    return User.objects.filter(username=username).first()


def second_tuesday(year, month):
    first = date(year, month, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 7)


def _publish(index, page, user):
    index.add_child(instance=page)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return BrightSpotPage.objects.get(pk=page.pk) if isinstance(page, BrightSpotPage) else page


def _seed_spots(index):
    principles = {p.number: p for p in Principle.objects.all()}
    created = 0
    spots = []
    for i, row in enumerate(SPOTS):
        existing = BrightSpotPage.objects.filter(slug=row["slug"]).first()
        if existing:
            spots.append(existing)
            continue
        user = _user(row["submitted_by"])
        page = BrightSpotPage(
            **{field: row[field] for field in SPOT_TEXT_FIELDS},
            submitted_by=user,
            owner=user,
            happened_on=timezone.localdate() - timedelta(days=30 * (len(SPOTS) - i) + 20),
            area=Area.objects.filter(name=row["area"]).first(),
            would_present=True,
            is_public=i % 4 == 0,
        )
        page.principles.set([principles[n] for n in row["principles"] if n in principles])
        page.needs.set(Need.objects.filter(name__in=row["needs"]))
        page.agencies.set(Agency.objects.filter(name__in=row["agencies"]))
        page.tags.set(row["tags"])
        spots.append(_publish(index, page, user))
        created += 1
    return spots, created


def _seed_drafts(index):
    from wagtail.models import WorkflowState

    practitioner, host = _user("practitioner"), _user("host")
    for draft in DRAFTS:
        slug, title, summary, status = (
            draft["slug"],
            draft["title"],
            draft["summary"],
            draft["status"],
        )
        if BrightSpotPage.objects.filter(slug=slug).exists() or practitioner is None:
            continue
        page = BrightSpotPage(
            title=title, slug=slug, summary=summary, live=False, submitted_by=practitioner,
            owner=practitioner, what_happened=summary, would_present=status != "draft",
        )  # fmt: skip
        index.add_child(instance=page)
        page.save_revision(user=practitioner)
        if status == "draft":
            continue
        page.get_workflow().start(page, practitioner)
        ModerationDecision.objects.create(
            page=page, action=ModerationDecision.Action.SUBMITTED, user=practitioner
        )
        if status == "changes_requested" and host:
            comment = "Lovely idea. Please add what changed for people: numbers or feedback."
            state = WorkflowState.objects.for_instance(page).get(
                status=WorkflowState.STATUS_IN_PROGRESS
            )
            state.current_task_state.specific.reject(user=host, comment=comment)
            ModerationDecision.objects.create(
                page=page,
                action=ModerationDecision.Action.CHANGES_REQUESTED,
                user=host,
                comment=comment,
            )


def _seed_sessions(forum, spots):
    host = _user("host")
    today = timezone.localdate()
    year, month = today.year, today.month - 8
    while month < 1:
        year, month = year - 1, month + 12
    attendees = list(
        User.objects.filter(
            username__in=["practitioner", "host", "facilitator", "caseteam", "leader"]
        )
    )
    created = 0
    for n in range(12):
        day = second_tuesday(year, month)
        slug = f"{year}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if ForumSessionPage.objects.filter(slug=slug).exists():
            continue
        starts_at = timezone.make_aware(datetime.combine(day, time(14, 0)))
        in_person = n % 3 == 1
        session = ForumSessionPage(
            title=f"Bright Spots forum: {day:%B %Y}",
            slug=slug,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=90),
            format=(ForumSessionPage.Format.HYBRID if in_person
                    else ForumSessionPage.Format.ONLINE),
            place="Gateshead Civic Centre, Committee Room 2" if in_person else "",
            joining_link="https://meet.example.org/bright-spots-forum",
            theme=SESSION_THEMES[n],
            description=(
                f"This month's theme is **{SESSION_THEMES[n].lower()}**. Two or three Bright "
                "Spots, ten minutes each, then questions and discussion."
            ),
            call_for_presentations=(
                "Has something worked for someone you support? Share it as a Bright Spot and "
                "tick *willing to present*. Ten minutes, no slides needed."
            ),
            presentations_close_on=day - timedelta(days=7),
            capacity=30,
            owner=host,
        )  # fmt: skip
        if host:
            session.hosts.set([host])
        for slot, spot in enumerate(spots[(n * 2) % len(spots) :][:2] if n < 10 else []):
            session.agenda_items.add(
                AgendaItem(
                    bright_spot=spot,
                    presenter=spot.submitted_by,
                    starts_at=time(14, 10 + slot * 25),
                    minutes=20,
                    sort_order=slot,
                )
            )
        past = starts_at < timezone.now()
        if past:
            session.notes = (
                "Good discussion. People asked how the services agreed to share information, "
                "and who paid for the extra hours."
            )
            session.lessons = "- Start small, with one named contact in each service\n" + (
                "- Ask the person what would help before filling in forms"
            )
        forum.add_child(instance=session)
        session.save_revision(user=host).publish(user=host, skip_permission_checks=True)
        created += 1
        for i, user in enumerate(attendees):
            if not past and i > 1:
                break
            Registration.objects.get_or_create(
                session=session,
                user=user,
                defaults={"attended": (i != 3) if past else None},
            )
        if past and n >= 5:
            action = ACTIONS[n % len(ACTIONS)]
            text, owner, days = action["text"], action["owner"], action["due_in_days"]
            owner_user = _user(owner)
            FollowUpAction.objects.get_or_create(
                session=session,
                text=text,
                defaults={
                    "owner": owner_user,
                    "owner_agency": owner_user.agency if owner_user else None,
                    "due_on": day + timedelta(days=days),
                    "status": FollowUpAction.Status.DONE if n < 6 else FollowUpAction.Status.OPEN,
                },
            )
    return created


def seed(stdout):
    index = BrightSpotIndexPage.objects.first()
    forum = ForumIndexPage.objects.first()
    if index is None or forum is None:
        stdout.write("  Bright Spots index pages are missing; run migrate first.")
        return
    # Workflow signals email moderators; demo data should not.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        spots, spots_created = _seed_spots(index)
        _seed_drafts(index)
        sessions_created = _seed_sessions(forum, spots)
    stdout.write(
        f"  {len(spots)} Bright Spots ({spots_created} new), "
        f"{sessions_created} new forum sessions, {len(DRAFTS)} drafts in moderation"
    )
