"""Demo Bright Spots and a year of monthly forum sessions. Pseudonymised; safe to run again."""

from datetime import date, datetime, time, timedelta

from django.test import override_settings
from django.utils import timezone

from people.models import User
from taxonomy.models import Agency, Area, Need, Principle

from .models import (
    AgendaItem,
    BrightSpotIndexPage,
    BrightSpotPage,
    FollowUpAction,
    ForumIndexPage,
    ForumSessionPage,
    ModerationDecision,
    Registration,
)

# (slug, title, summary, what happened, what made the difference, where else, evidence,
#  own words, involvement, principles, needs, agencies, area, tags, submitted by)
SPOTS = [
    (
        "a-and-e-navigator-frequent-attenders",
        "An A&E navigator who links frequent attenders to outreach the same night",
        "A navigator based in A&E meets people who attend often, and introduces them to the "
        "outreach team before they leave, instead of handing over a leaflet.",
        "A man in his forties had attended A&E more than thirty times in a year, usually late at "
        "night and intoxicated. The navigator sat with him while he waited, asked what would "
        "help, and rang the **outreach team**, who came to the department. He was in a hostel "
        "bed that night.\n\n- The navigator works evenings, when most frequent attenders arrive\n"
        "- Outreach has a direct number for the navigator",
        "Someone who has time to listen in a department that has none, and a warm handover "
        "rather than a referral form.",
        "Any emergency department with a voluntary sector outreach partner; also custody suites.",
        "Across the first six months, attendances by the 20 most frequent attenders fell by "
        "about a third.",
        "They didn't send me off with a bit of paper. Someone actually came.",
        "consented",
        [1, 2, 10],
        ["Homelessness and rough sleeping", "Physical health"],
        ["Queen Elizabeth Hospital A&E", "Lambeth Outreach Team"],
        "Gateshead",
        ["A&E", "navigator", "outreach"],
        "practitioner",
    ),
    (
        "joint-mental-health-and-drug-service-assessment",
        "One joint assessment by mental health and drug services",
        "Instead of each service waiting for the other to go first, a mental health nurse and a "
        "drug worker assess together, in one appointment, in a place the person chooses.",
        "A woman using crack cocaine had been refused by the mental health team until she was "
        "abstinent, and by the drug service until her mental health was stable. The two "
        "workers agreed to meet her together at the women's centre. One plan, one care "
        "coordinator, and a shared review date.",
        "Managers from both services signed off a simple agreement: either service can call a "
        "joint assessment, and neither can close the case without the other.",
        "Any pair of services with exclusion criteria that point at each other.",
        "Twelve joint assessments in the pilot; nine people still engaged after three months.",
        "",
        "not_asked",
        [1, 5, 11],
        ["Dual diagnosis", "Mental health", "Substance use (drugs and alcohol)"],
        ["Gateshead Community Mental Health Team", "Gateshead Drug and Alcohol Service"],
        "Gateshead",
        ["dual diagnosis", "joint assessment"],
        "host",
    ),
    (
        "blue-teapot-cafe",
        "The Blue Teapot: a peer-run cafe where services come to people",
        "A weekly cafe run by people with lived experience, where housing, benefits and health "
        "workers drop in. Nobody has to book, and nobody has to tell their story twice.",
        "Started by members of the experts by experience network in a church hall. Tea and "
        "toast, a peer host at the door, and a rota of workers who sit at the tables rather than "
        "behind a desk. People started bringing friends.",
        "Peers set the rules. Workers are guests, and the cafe is somewhere people already felt "
        "comfortable.",
        "Any area with a lived experience group and a free community space.",
        "Around 40 people a week; the Jobcentre work coach now sees more people there than in "
        "the office.",
        "It's the only place I go where nobody looks at me like a problem.",
        "involved",
        [3, 4, 10],
        ["Homelessness and rough sleeping", "Debt and arrears"],
        ["Experts by Experience Network", "Birmingham Jobcentre Plus"],
        "Lambeth",
        ["peer support", "community"],
        "caseteam",
    ),
    (
        "housing-first-tenancy-held-during-prison-sentence",
        "Housing First kept the tenancy open during a short prison sentence",
        "When a Housing First tenant was sentenced to eight weeks, probation and housing agreed "
        "to keep the tenancy and pay the rent through housing benefit, so he came home to his "
        "flat instead of the streets.",
        "Probation rang the Housing First worker on the day of sentence. Together they told "
        "the housing benefit team the absence was temporary, and the worker checked the flat "
        "weekly. On release day the worker met him at the gate with his keys.",
        "A phone call on the day of sentence, and a named contact in each service who knew the "
        "rules on temporary absence.",
        "Any tenancy-sustainment service; short sentences are where most tenancies are lost.",
        "Tenancy kept; no rent arrears; no return to rough sleeping in the following year.",
        "",
        "not_asked",
        [5, 7, 10],
        ["Homelessness and rough sleeping", "Offending and criminal justice"],
        ["Lewisham Probation Delivery Unit", "Lambeth Housing Needs"],
        "Lewisham",
        ["housing first", "prison release", "tenancy"],
        "practitioner",
    ),
    (
        "shared-care-plan-across-five-agencies",
        "One care plan the whole network can read",
        "Five agencies agreed a single, short plan that the person holds too, instead of five "
        "assessments that contradict each other.",
        "At a multi-agency meeting the person asked why every service had a different plan. "
        "The coordinator wrote one page with the person: what matters to them, who does what, "
        "and what to do in a crisis. Each agency keeps it on file and updates it at the "
        "monthly meeting.",
        "The person chose what went on it, and it fits on one page.",
        "Anywhere a person works with three or more services.",
        "Crisis calls to the police fell from weekly to twice in three months.",
        "For once I knew who was doing what.",
        "consented",
        [3, 6, 10],
        ["Mental health", "Domestic abuse"],
        [
            "Gateshead Adult Social Care",
            "Northumbria Police (Gateshead)",
            "Southwark Women's Centre",
        ],
        "Gateshead",
        ["care plan", "information sharing"],
        "facilitator",
    ),
    (
        "benefits-appointment-at-the-hostel",
        "Jobcentre appointments held in the hostel",
        "A work coach now holds appointments in the hostel one morning a week, so residents do "
        "not lose benefits for missing appointments across town.",
        "Sanctions for missed appointments were the most common reason hostel residents fell "
        "into rent arrears. The hostel manager asked the Jobcentre if a work coach could come "
        "to them. It started as a trial and became permanent.",
        "A manager who asked, and a Jobcentre willing to try a different room.",
        "Supported housing, women's refuges, recovery houses.",
        "Sanctions among residents fell to almost none in six months.",
        "",
        "not_asked",
        [2, 5],
        ["Debt and arrears", "Homelessness and rough sleeping"],
        ["Birmingham Jobcentre Plus", "Wolverhampton Council Adult Services"],
        "Birmingham",
        ["benefits", "sanctions", "outreach"],
        "leader",
    ),
    (
        "police-and-mental-health-street-triage",
        "Street triage: a mental health nurse in the police car",
        "On Friday and Saturday nights a mental health nurse rides with officers, so people in "
        "crisis are seen by the right person instead of being taken into custody.",
        "Officers called to a man threatening to jump from a bridge asked the nurse to speak "
        "first. She knew him from the community team, talked him down, and arranged a crisis "
        "team visit at home the same night.",
        "Knowledge of the person, and permission for the nurse to share what officers need to "
        "know.",
        "Any force area with out-of-hours crisis demand.",
        "Section 136 detentions on triage nights fell by half.",
        "",
        "not_asked",
        [1, 6, 11],
        ["Mental health", "Self-harm"],
        ["Northumbria Police (Gateshead)", "Gateshead Community Mental Health Team"],
        "Gateshead",
        ["street triage", "crisis"],
        "host",
    ),
    (
        "care-leavers-keyworker-until-25",
        "Keeping the same keyworker for care leavers until 25",
        "Care leavers with complex needs keep one keyworker from 18 to 25, rather than moving "
        "between three teams at 18, 21 and 25.",
        "A young woman leaving care had told her story to eleven workers in two years. The "
        "council agreed she could keep her personal adviser through the move to adult services, "
        "with the adult team joining rather than taking over.",
        "One relationship that lasts longer than the crisis.",
        "Transitions between children's and adults' services everywhere.",
        "Seven young people on the scheme; none evicted in the first year.",
        "She knew me before all this. I didn't have to start again.",
        "consented",
        [7, 10],
        ["Care leaving", "Mental health"],
        ["Wolverhampton Council Adult Services"],
        "Wolverhampton",
        ["care leavers", "transitions"],
        "practitioner",
    ),
    (
        "recovery-cafe-in-probation-office",
        "A recovery cafe in the probation office waiting room",
        "Peer mentors from the recovery service run a cafe in the probation waiting room, so "
        "people meet recovery before their appointment rather than being referred after it.",
        "People waiting to see their probation officer got talking to peer mentors over "
        "coffee. Several booked recovery assessments on the spot.",
        "Peers who had been through probation themselves, and a waiting room that already had "
        "the people in it.",
        "Any waiting room people have to attend: housing offices, jobcentres, courts.",
        "Referrals to recovery from probation doubled in a quarter.",
        "",
        "not_asked",
        [4, 9, 10],
        ["Substance use (drugs and alcohol)", "Offending and criminal justice"],
        ["Lewisham Probation Delivery Unit", "South London Recovery Service"],
        "Lewisham",
        ["recovery", "peer mentors"],
        "caseteam",
    ),
    (
        "domestic-abuse-worker-in-housing-options",
        "A domestic abuse worker sitting in Housing Options",
        "A specialist domestic abuse worker is based in the housing office, so women presenting "
        "as homeless are asked about safety by someone trained to hear the answer.",
        "A woman asking for help with rent arrears mentioned her partner controlled the money. "
        "The worker, at the next desk, joined the conversation; a safety plan and a "
        "management move followed within a week.",
        "Being in the same room at the moment the person is ready to talk.",
        "Any front door that people facing abuse come through: GP surgeries, A&E, jobcentres.",
        "Disclosures recorded by Housing Options tripled in the first year.",
        "",
        "not_asked",
        [1, 2],
        ["Domestic abuse", "Homelessness and rough sleeping"],
        ["Gateshead Housing Options", "Southwark Women's Centre"],
        "Southwark",
        ["domestic abuse", "co-location"],
        "facilitator",
    ),
    (
        "supervision-for-outreach-workers",
        "Reflective supervision for outreach workers, across agencies",
        "Outreach workers from three services meet monthly with a psychologist to talk through "
        "the hardest cases, so the people supporting others are supported too.",
        "Two outreach workers had left in a month after a death on the streets. Managers from "
        "three services pooled a small budget for a clinical psychologist to facilitate a "
        "monthly group.",
        "Protected time, and meeting colleagues from other services who face the same things.",
        "Any frontline team working with trauma.",
        "Staff turnover in the three teams fell; sickness absence halved.",
        "",
        "not_asked",
        [12, 10],
        ["Mental health"],
        ["Lambeth Outreach Team", "South London Recovery Service"],
        "Lambeth",
        ["staff wellbeing", "supervision"],
        "host",
    ),
    (
        "gp-registration-without-address",
        "GP registration without proof of address",
        "A practice agreed to register people without an address or ID, using the outreach "
        "team's office as a correspondence address.",
        "People sleeping rough were being turned away from GP practices for having no proof of "
        "address, although none is needed. The outreach team met the practice manager, who "
        "changed the reception script and trained the team.",
        "A practice manager willing to check the rules, and a correspondence address people "
        "could use.",
        "Any practice; the rules are the same everywhere.",
        "Over 60 people registered in a year; routine appointments replaced some A&E visits.",
        "",
        "not_asked",
        [2, 5],
        ["Physical health", "Homelessness and rough sleeping"],
        ["Lambeth Outreach Team"],
        "Lambeth",
        ["GP registration", "access"],
        "leader",
    ),
]

DRAFTS = [
    (
        "draft-text-reminders-for-appointments",
        "Text reminders from the recovery service",
        "Texts the day before appointments, written with service users, cut missed appointments.",
        "draft",
    ),
    (
        "draft-hospital-discharge-to-hostel",
        "Hospital discharge straight to a hostel bed",
        "The discharge team now calls the hostel before discharge, so nobody leaves the ward "
        "with nowhere to go.",
        "submitted",
    ),
    (
        "draft-library-as-warm-space",
        "The library as a warm space with a housing worker",
        "A housing worker holds drop-ins in the library's warm space in winter.",
        "changes_requested",
    ),
]

SESSION_THEMES = [
    "Front doors that work",
    "Leaving hospital well",
    "Peers and lived experience",
    "Housing and the justice system",
    "Mental health and drugs together",
    "Supporting the supporters",
    "Women and safety",
    "Young people in transition",
    "Money, benefits and debt",
    "Crisis at night",
    "Sharing information well",
    "What we learned this year",
]

ACTIONS = [
    ("Share the A&E navigator referral route with the other two hospitals", "host", 30),
    ("Draft a one-page joint assessment agreement for managers", "practitioner", 20),
    ("Ask the Jobcentre district manager about hostel appointments", "leader", 45),
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
        (slug, title, summary, happened, difference, where_else, evidence, words, involvement,
         numbers, needs, agencies, area, tags, username) = row  # fmt: skip
        existing = BrightSpotPage.objects.filter(slug=slug).first()
        if existing:
            spots.append(existing)
            continue
        user = _user(username)
        page = BrightSpotPage(
            title=title, slug=slug, summary=summary, what_happened=happened,
            what_made_the_difference=difference, where_else=where_else, evidence=evidence,
            persons_own_words=words, involvement=involvement, submitted_by=user, owner=user,
            happened_on=timezone.localdate() - timedelta(days=30 * (len(SPOTS) - i) + 20),
            area=Area.objects.filter(name=area).first(), would_present=True,
            is_public=i % 4 == 0,
        )  # fmt: skip
        page.principles.set([principles[n] for n in numbers if n in principles])
        page.needs.set(Need.objects.filter(name__in=needs))
        page.agencies.set(Agency.objects.filter(name__in=agencies))
        page.tags.set(tags)
        spots.append(_publish(index, page, user))
        created += 1
    return spots, created


def _seed_drafts(index):
    from wagtail.models import WorkflowState

    practitioner, host = _user("practitioner"), _user("host")
    for slug, title, summary, status in DRAFTS:
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
            text, owner, days = ACTIONS[n % len(ACTIONS)]
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
