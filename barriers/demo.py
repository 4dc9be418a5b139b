"""Demo barriers: recurring system snags across the demo agencies and areas, met over the last
18 months; some resolved, some reopened, some escalated with an overdue response.
Idempotent: a barrier whose title already exists is left alone."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from people.models import User
from taxonomy.models import Agency, BarrierCategory, BarrierTheme, Need

from .models import Barrier, BarrierEvent, BarrierMonth, Occurrence

GH, HO, PO, MH, DA, AE = (
    "Gateshead Adult Social Care",
    "Gateshead Housing Options",
    "Northumbria Police (Gateshead)",
    "Gateshead Community Mental Health Team",
    "Gateshead Drug and Alcohol Service",
    "Queen Elizabeth Hospital A&E",
)
LO, SW, LP, LH, SR, JC, WC = (
    "Lambeth Outreach Team",
    "Southwark Women's Centre",
    "Lewisham Probation Delivery Unit",
    "Lambeth Housing Needs",
    "South London Recovery Service",
    "Birmingham Jobcentre Plus",
    "Wolverhampton Council Adult Services",
)

# title, level, category code, theme prefixes, needs, agencies, times met, months since first,
# outcome: open | resolved | reopened | overdue | escalated | in_progress | acknowledged
BARRIERS = [
    ("Told to come back when mental health is worse", "service", "service-design",
     ["Eligibility"], ["Mental health"], [MH, AE, LO], 14, 17, "overdue"),
    ("Discharged from hospital with nowhere to stay", "system", "service-design",
     ["Transitions"], ["Homelessness and rough sleeping", "Physical health"], [AE, HO, LH], 11, 16,
     "escalated"),
    ("Mental health team will not assess while someone is still drinking", "system",
     "service-design", ["Dual diagnosis"], ["Dual diagnosis", "Mental health"], [MH, DA, SR], 16,
     18, "overdue"),
    ("Released from prison on a Friday afternoon with no housing appointment", "system", "policy",
     ["Transitions"], ["Offending and criminal justice", "Homelessness and rough sleeping"],
     [LP, LH, HO], 9, 15, "in_progress"),
    ("Having to retell the story to each new worker", "system", "information-sharing",
     ["Having to retell"], ["Mental health", "Domestic abuse"], [SW, MH, LO], 12, 18, "reopened"),
    ("Risk information not shared between police and housing", "system", "information-sharing",
     ["Information not shared"], ["Domestic abuse"], [PO, HO], 6, 12, "acknowledged"),
    ("Appointment letters sent to an address the person has left", "service", "service-design",
     ["Appointment times"], ["Homelessness and rough sleeping"], [MH, JC], 8, 14, "resolved"),
    ("Benefit claim only possible online, with no device or data", "service", "policy",
     ["Digital exclusion"], ["Debt and arrears"], [JC, LO], 10, 13, "open"),
    ("Case closed after one missed appointment", "service", "service-design",
     ["Relapse treated", "Appointment times"], ["Substance use (drugs and alcohol)"], [SR, DA], 7,
     11, "resolved"),
    ("Recovery service closes the case after a relapse", "service", "support-design",
     ["Relapse treated"], ["Substance use (drugs and alcohol)"], [SR, DA], 5, 10, "reopened"),
    ("Refuge place refused because of rent arrears", "service", "commissioning",
     ["Eligibility", "Conditional"], ["Domestic abuse", "Debt and arrears"], [SW, LH], 4, 9,
     "open"),
    ("No recourse to public funds blocks emergency accommodation", "system", "policy",
     ["No recourse"], ["Homelessness and rough sleeping"], [LH, LO], 6, 12, "escalated"),
    ("Care plan agreed at a meeting the person was not invited to", "service", "workforce",
     ["Decisions made without"], ["Mental health"], [GH, MH], 5, 8, "resolved"),
    ("Case notes describe the person with stigmatising labels", "service", "workforce",
     ["Stigmatising"], ["Substance use (drugs and alcohol)"], [AE, PO], 4, 7, "in_progress"),
    ("Outreach pilot ends when its short-term funding runs out", "system", "commissioning",
     ["Short-term funding"], ["Homelessness and rough sleeping"], [LO, WC], 3, 6, "acknowledged"),
    ("Hostel place conditional on engaging with treatment", "service", "support-design",
     ["Conditional"], ["Substance use (drugs and alcohol)", "Homelessness and rough sleeping"],
     [HO, DA], 6, 13, "resolved"),
    ("Referral bounced between drug service and mental health team", "system", "service-design",
     ["Referral bounced", "Dual diagnosis"], ["Dual diagnosis"], [DA, MH], 9, 17, "overdue"),
    ("Adult social care threshold excludes people with fluctuating needs", "service", "policy",
     ["Eligibility"], ["Learning disability", "Mental health"], [GH, WC], 7, 15, "open"),
    ("Police custody release with no link to drug service", "service", "service-design",
     ["Transitions"], ["Substance use (drugs and alcohol)", "Offending and criminal justice"],
     [PO, DA], 3, 5, "open"),
    ("Leaving care support stops at 21 regardless of need", "system", "policy",
     ["Transitions", "Eligibility"], ["Care leaving"], [WC, LH], 2, 9, "open"),
    ("GP registration refused without proof of address", "service", "service-design",
     ["Eligibility"], ["Physical health", "Homelessness and rough sleeping"], [LO, AE], 8, 14,
     "resolved"),
    ("Domestic abuse referral needs the person to repeat everything by phone", "service",
     "information-sharing", ["Having to retell"], ["Domestic abuse"], [SW, PO], 5, 11, "open"),
    ("Jobcentre sanctions during a mental health crisis", "system", "policy",
     ["Conditional"], ["Mental health", "Debt and arrears"], [JC, MH], 6, 12, "reopened"),
    ("Interpreter not booked for assessments", "service", "workforce",
     ["Appointment times"], ["Mental health"], [GH, AE], 3, 4, "open"),
    ("Probation and housing appointments booked at the same time", "service", "service-design",
     ["Appointment times", "Referral bounced"], ["Offending and criminal justice"], [LP, LH], 4,
     8, "resolved"),
]  # fmt: skip


def _theme(prefix, themes):
    return next(theme for theme in themes if theme.name.startswith(prefix))


def seed(stdout):
    themes = list(BarrierTheme.objects.all())
    agencies = {agency.name: agency for agency in Agency.objects.all()}
    categories = {category.code: category for category in BarrierCategory.objects.all()}
    needs = {need.name: need for need in Need.objects.all()}
    owner = User.objects.filter(username="leader").first()
    practitioner = User.objects.filter(username="practitioner").first()
    today = timezone.localdate()
    created = 0
    for row in BARRIERS:
        title = row[0]
        if Barrier.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            _create(row, today, themes, agencies, categories, needs, owner, practitioner)
        created += 1
    stdout.write(f"  {created} barriers created ({len(BARRIERS) - created} already there)")


def _create(row, today, themes, agencies, categories, needs, owner, practitioner):
    title, level, category, theme_prefixes, need_names, agency_names, times, months, outcome = row
    rng = random.Random(title)
    first_met = today - datetime.timedelta(days=months * 30 + rng.randint(0, 20))
    involved = [agencies[name] for name in agency_names if name in agencies]
    barrier = Barrier.objects.create(
        title=title,
        description=f"{title}. Logged by practitioners across "
        f"{len(involved)} agencies; each time it is met the person waits longer for help.",
        level=level,
        category=categories.get(category),
        area=involved[0].area if involved else None,
        fix_agency=involved[-1] if involved else None,
        owner=owner,
        first_met=first_met,
        created_by=practitioner,
    )
    barrier.themes.set([_theme(prefix, themes) for prefix in theme_prefixes])
    barrier.needs.set([needs[name] for name in need_names if name in needs])
    barrier.agencies.set(involved)
    BarrierEvent.objects.create(
        barrier=barrier,
        kind=BarrierEvent.Kind.CREATED,
        detail="Logged as a new barrier",
        user=practitioner,
        at=_at(first_met),
    )
    span = (today - first_met).days
    days = sorted([0, *(rng.randint(1, span) for _ in range(times - 1))])
    Occurrence.objects.bulk_create(
        Occurrence(
            barrier=barrier,
            date=first_met + datetime.timedelta(days=offset),
            source=rng.choice(["practitioner", "practitioner", "review", "forum", "journey"]),
            agency=rng.choice(involved) if involved else None,
            area=involved[0].area if involved else None,
            recorded_by=practitioner,
        )
        for offset in days
    )
    BarrierMonth.objects.rebuild([barrier.pk])  # bulk_create sends no signals
    _apply_outcome(barrier, outcome, first_met, days, today, rng)


def _at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _apply_outcome(barrier, outcome, first_met, days, today, rng):
    last_seen = first_met + datetime.timedelta(days=days[-1])
    events = []
    if outcome in ("escalated", "overdue"):
        barrier.status = Barrier.Status.ESCALATED
        barrier.escalation_level = rng.choice(["operational", "strategic"])
        due_in = rng.randint(10, 25)
        barrier.response_due = today + datetime.timedelta(
            days=-due_in if outcome == "overdue" else due_in
        )
        events.append(
            (BarrierEvent.Kind.ESCALATED, f"Escalation: {barrier.get_escalation_level_display()}")
        )
    elif outcome in ("in_progress", "acknowledged"):
        barrier.status = outcome
    elif outcome == "resolved":
        barrier.status = Barrier.Status.RESOLVED
        barrier.resolved_at = _at(
            min(last_seen + datetime.timedelta(days=rng.randint(7, 40)), today)
        )
        barrier.resolution_note = (
            "Agreed a shared protocol between the agencies involved; reviewed at the operational "
            "group after three months."
        )
        barrier.permission_granted = (
            "The operational group lead allowed workers to skip the usual referral form."
        )
        events.append((BarrierEvent.Kind.STATUS, "Status changed from open to resolved"))
    elif outcome == "reopened":
        barrier.reopened_count = 1
        barrier.resolution_note = "Thought fixed by a new referral route; it was met again."
        events.append((BarrierEvent.Kind.REOPENED, "Reopened: met again while resolved"))
    barrier.save()
    for kind, detail in events:
        at = barrier.resolved_at if kind == BarrierEvent.Kind.STATUS else _at(last_seen, 15)
        BarrierEvent.objects.create(barrier=barrier, kind=kind, detail=detail, at=at)
