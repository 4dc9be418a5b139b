"""Demo reviews: pseudonymised, realistic, idempotent (keyed by external_id)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from taxonomy.models import Agency, Area, Need, Principle

from .models import Action, Lesson, Review, ReviewParticipant, ReviewTemplate
from .services import raise_barrier, reindex

MULTI_AGENCY = "Multi-agency review"
FOUR_QUESTIONS = "After Action Review (four questions)"

# Each: key, title, template, kind, completed, days ago, area, about, answers (in question
# order; None = skipped), participants (role, agency), lessons (kind, text, principle numbers,
# need names, agency names), actions (text, owner username, agency, due in days from review,
# status), barrier title words to link.
REVIEWS = [
    {
        "key": "demo-review-discharge-no-accommodation",
        "title": "Discharge from hospital with nowhere to stay",
        "template": MULTI_AGENCY,
        "kind": Review.Kind.FORMAL,
        "completed": True,
        "days_ago": 45,
        "area": "Gateshead",
        "facilitator": "facilitator",
        "about": "A man in his 40s was discharged from A&E late on a Friday after an overdose. "
        "Housing options had closed for the weekend and he spent two nights sleeping out "
        "before outreach found him.",
        "answers": [
            "The ward expected housing options to pick him up on discharge; housing expected "
            "a referral before the discharge date.",
            "The referral went by email on Friday at 4pm. Nobody read it until Monday. He was "
            "back at A&E on Sunday night.",
            "There is no shared discharge-to-housing step, and no out-of-hours route into "
            "housing. Each team followed its own process correctly.",
            "Sustain: outreach's Sunday walk-round found him. Improve: refer at admission, "
            "not at discharge, and agree an out-of-hours route.",
            "No wrong door, and joint ownership of risk.",
            "System level: the discharge process assumes a weekday housing service.",
            "Outreach's weekend walk-round, and the A&E nurse who rang outreach directly.",
            "In his words, given through his expert by relationship: 'Nobody told me where to "
            "go. I thought I'd been thrown out.'",
            "A named duty contact in housing options for hospital discharges, seven days a week.",
        ],
        "participants": [
            ("practitioner", "Queen Elizabeth Hospital A&E"),
            ("agency_representative", "Gateshead Housing Options"),
            ("practitioner", "Lambeth Outreach Team"),
            ("expert_by_relationship", None),
            ("lived_experience", "Experts by Experience Network"),
        ],
        "lessons": [
            (
                "improve",
                "Start the housing referral at admission, not on the day of discharge.",
                [1],
                ["Homelessness and rough sleeping"],
                ["Queen Elizabeth Hospital A&E", "Gateshead Housing Options"],
            ),
            (
                "improve",
                "Hospital discharges need an out-of-hours route into housing.",
                [2],
                ["Homelessness and rough sleeping"],
                ["Gateshead Housing Options"],
            ),
            (
                "sustain",
                "Outreach's weekend walk-round catches people the system missed.",
                [3],
                ["Mental health"],
                ["Lambeth Outreach Team"],
            ),
        ],
        "actions": [
            (
                "Draft a discharge-to-housing protocol with A&E and housing options.",
                "facilitator",
                "Gateshead Housing Options",
                20,
                "in_progress",
            ),
            (
                "Agree a weekend duty contact for hospital discharges.",
                "leader",
                "Wolverhampton Council Adult Services",
                30,
                "open",
            ),
            (
                "Share the walk-round rota with A&E so staff know who to ring.",
                "practitioner",
                "Lambeth Outreach Team",
                7,
                "done",
            ),
        ],
        "barrier": "discharge",
    },
    {
        "key": "demo-review-joint-mh-da-assessment",
        "title": "Joint mental health and drug and alcohol assessment",
        "template": FOUR_QUESTIONS,
        "kind": Review.Kind.INFORMAL,
        "completed": True,
        "days_ago": 20,
        "area": "Gateshead",
        "facilitator": "facilitator",
        "about": "For the first time, the community mental health team and the drug and "
        "alcohol service assessed together, in one appointment, at the person's GP surgery.",
        "answers": [
            "We expected the usual: each service waiting for the other to go first.",
            "One appointment, one story told once. A shared plan was agreed the same afternoon.",
            "Both managers gave permission in advance to book a joint slot; the GP surgery "
            "offered a room the person already knew.",
            "Sustain the joint slot every fortnight. Improve: write the shared plan in one "
            "place both services can read.",
        ],
        "participants": [
            ("practitioner", "Gateshead Community Mental Health Team"),
            ("practitioner", "Gateshead Drug and Alcohol Service"),
            ("lived_experience", None),
        ],
        "lessons": [
            (
                "sustain",
                "A joint assessment means the person tells their story once.",
                [1, 4],
                ["Mental health", "Dual diagnosis"],
                ["Gateshead Community Mental Health Team", "Gateshead Drug and Alcohol Service"],
            ),
            (
                "improve",
                "Keep one shared plan that both services can read and update.",
                [5],
                ["Mental health"],
                ["Gateshead Community Mental Health Team"],
            ),
        ],
        "actions": [
            (
                "Book a fortnightly joint assessment slot for the next three months.",
                "practitioner",
                "Gateshead Drug and Alcohol Service",
                14,
                "open",
            ),
        ],
        "barrier": "",
    },
    {
        "key": "demo-review-after-forum-session",
        "title": "After the autumn Bright Spots forum",
        "template": FOUR_QUESTIONS,
        "kind": Review.Kind.INFORMAL,
        "completed": True,
        "days_ago": 12,
        "area": "Lambeth",
        "facilitator": "host",
        "about": "A quick review straight after the forum: three Bright Spots presented, forty "
        "people online, and a lively discussion about peer mentors.",
        "answers": [
            "Three presentations and questions, finishing on time.",
            "The peer mentor Bright Spot took most of the time; the third presentation was rushed.",
            "We did not time-box questions, and the topic clearly mattered to people.",
            "Sustain: the person's own words in the presentation. Improve: time-box questions "
            "and book a follow-up session on peer mentors.",
        ],
        "participants": [
            ("practitioner", "Gateshead Adult Social Care"),
            ("agency_representative", "Southwark Women's Centre"),
            ("lived_experience", "Experts by Experience Network"),
        ],
        "lessons": [
            (
                "sustain",
                "Hearing the person's own words made the Bright Spot land.",
                [3],
                [],
                ["Experts by Experience Network"],
            ),
            ("improve", "Time-box questions so every presenter gets their slot.", [], [], []),
        ],
        "actions": [
            (
                "Plan a follow-up session on peer mentors.",
                "host",
                "Gateshead Adult Social Care",
                30,
                "open",
            ),
            (
                "Send presenters a timing guide before the next forum.",
                "host",
                "Gateshead Adult Social Care",
                5,
                "open",
            ),
        ],
        "barrier": "",
        "forum_session": True,
    },
    {
        "key": "demo-review-release-from-custody",
        "title": "Release from police custody late at night",
        "template": MULTI_AGENCY,
        "kind": Review.Kind.FORMAL,
        "completed": False,
        "days_ago": 3,
        "area": "Lewisham",
        "facilitator": "facilitator",
        "about": "A woman was released from custody at 2am with no phone credit and no "
        "medication. The review is being written up.",
        "answers": [
            "Custody expected probation to arrange accommodation on release.",
            "Release happened before probation's working day started.",
            "",
            None,
            "",
            "",
            "",
            "",
            "",
        ],
        "participants": [
            ("practitioner", "Lewisham Probation Delivery Unit"),
            ("agency_representative", "Southwark Women's Centre"),
        ],
        "lessons": [
            (
                "improve",
                "Plan release times with probation before the custody clock runs out.",
                [2],
                [],
                ["Lewisham Probation Delivery Unit"],
            ),
        ],
        "actions": [],
        "barrier": "release",
        "participant_user": "practitioner",
    },
]


def _agency(name):
    return Agency.objects.filter(name=name).first() if name else None


def _create(spec, users):
    template = ReviewTemplate.objects.get(name=spec["template"])
    today = timezone.localdate()
    date = today - datetime.timedelta(days=spec["days_ago"])
    review = Review(
        external_id=spec["key"],
        title=spec["title"],
        date=date,
        kind=spec["kind"],
        facilitator=users.get(spec["facilitator"]),
        about=spec["about"],
        area=Area.objects.filter(name=spec["area"]).first(),
    )
    if spec.get("forum_session"):
        from brightspots.models import ForumSessionPage

        review.forum_session = (
            ForumSessionPage.objects.filter(starts_at__lt=timezone.now())
            .order_by("-starts_at")
            .first()
        )
    review.start_from_template(template)
    for answer, text in zip(review.answers.all(), spec["answers"], strict=False):
        answer.answer = text or ""
        answer.skipped = text is None
        answer.save()
    for role, agency in spec["participants"]:
        ReviewParticipant.objects.create(review=review, role=role, agency=_agency(agency))
    if spec.get("participant_user") in users:
        user = users[spec["participant_user"]]
        ReviewParticipant.objects.create(
            review=review, user=user, role="practitioner", agency=user.agency
        )
    for kind, text, principles, needs, agencies in spec["lessons"]:
        lesson = Lesson.objects.create(review=review, kind=kind, text=text)
        lesson.principles.set(Principle.objects.filter(number__in=principles))
        lesson.needs.set(Need.objects.filter(name__in=needs))
        lesson.agencies.set(Agency.objects.filter(name__in=agencies))
    for text, owner, agency, due_in, status in spec["actions"]:
        Action.objects.create(
            review=review,
            description=text,
            owner=users.get(owner),
            owner_agency=_agency(agency),
            due=date + datetime.timedelta(days=due_in),
            status=status,
        )
    if spec["barrier"]:
        from barriers.models import Barrier

        barrier = Barrier.objects.filter(
            title__icontains=spec["barrier"], merged_into__isnull=True
        ).first()
        if barrier:
            raise_barrier(
                review,
                {"existing": barrier, "note": "Raised in a demo review."},
                user=review.facilitator,
            )
    if spec["completed"]:
        review.status = Review.Status.COMPLETED
        review.completed_at = timezone.now() - datetime.timedelta(days=spec["days_ago"])
        review.save()
    reindex(review)
    return review


def seed(stdout):
    users = {u.username: u for u in get_user_model().objects.all()}
    created = 0
    for spec in REVIEWS:
        if not Review.objects.filter(external_id=spec["key"]).exists():
            _create(spec, users)
            created += 1
    overdue = Action.objects.overdue().filter(review__external_id__startswith="demo-").count()
    stdout.write(f"  {len(REVIEWS)} demo reviews ({created} new), {overdue} overdue demo actions")
