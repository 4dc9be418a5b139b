"""Build a large, realistic barrier log for load testing (not for real sites)."""

import datetime
import math
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from taxonomy.models import Agency, AgencySector, Area, BarrierCategory, BarrierTheme, Need

from ...models import Barrier, BarrierEvent, BarrierMonth, Occurrence

SNAGS = [
    "Told to come back when things are worse",
    "Referral bounced between {service} and {other}",
    "Had to retell the story at {service}",
    "Relapse closed the case at {service}",
    "Appointment letters sent to no fixed address",
    "Online-only forms at {service}",
    "{service} will not see someone still using",
    "Discharged from {service} with nowhere to stay",
    "No recourse to public funds blocks {service}",
    "Risk information not shared between {service} and {other}",
    "Plan agreed without the person at {service}",
    "Labelled as not engaging by {service}",
    "Pilot funding ended at {service}",
    "Support conditional on abstinence at {service}",
]
SERVICES = [
    "housing options",
    "the community mental health team",
    "drug and alcohol services",
    "A&E",
    "probation",
    "adult social care",
    "the jobcentre",
    "the GP practice",
    "the hostel",
    "the women's refuge",
]
STATUS_WEIGHTS = [
    (Barrier.Status.OPEN, 40),
    (Barrier.Status.ACKNOWLEDGED, 12),
    (Barrier.Status.ESCALATED, 8),
    (Barrier.Status.IN_PROGRESS, 12),
    (Barrier.Status.RESOLVED, 23),
    (Barrier.Status.CLOSED, 5),
]


class Command(BaseCommand):
    help = (
        "Generate --barriers barriers and --occurrences occurrences over --years years, with "
        "skewed recurrence (a few barriers met very often), for benchmarks. Uses bulk_create "
        "in batches; generated barriers are not added to the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--barriers", type=int, default=50_000)
        parser.add_argument("--occurrences", type=int, default=1_000_000)
        parser.add_argument("--years", type=int, default=3, help="History length, default 3.")
        parser.add_argument("--agencies", type=int, default=300, help="Agencies to spread over.")
        parser.add_argument("--areas", type=int, default=30, help="Areas to spread over.")
        parser.add_argument("--batch-size", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=7, help="Random seed (repeatable).")

    def handle(self, *args, **options):
        count, total = options["barriers"], options["occurrences"]
        if count < 1 or total < count:
            raise CommandError("Need at least one barrier and one occurrence per barrier.")
        self.rng = random.Random(options["seed"])
        self.batch = options["batch_size"]
        self.today = timezone.localdate()
        self.days = 365 * options["years"]
        started = time.monotonic()
        with transaction.atomic():
            areas, agencies = self.places(options["areas"], options["agencies"])
            themes = list(BarrierTheme.objects.all()) or [BarrierTheme.objects.create(name="Snag")]
            needs = list(Need.objects.all())
            categories = list(BarrierCategory.objects.all())
            barriers = self.make_barriers(count, areas, agencies, categories)
            self.make_links(barriers, themes, needs, agencies)
        self.make_occurrences(barriers, total, agencies, areas)
        with transaction.atomic():
            self.make_events(barriers)
            BarrierMonth.objects.rebuild()
            self.stdout.write(f"Monthly roll-up: {BarrierMonth.objects.count():,} rows")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {count:,} barriers and {total:,} occurrences in "
                f"{time.monotonic() - started:.0f}s."
            )
        )

    def progress(self, label, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(
            f"\r{label}: [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}", ending=""
        )
        if done >= total:
            self.stdout.write("")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()

    def places(self, area_count, agency_count):
        sector = AgencySector.objects.order_by("pk").first()
        areas = list(Area.objects.all())
        for number in range(len(areas), area_count):
            areas.append(Area.objects.create(name=f"Generated area {number + 1}"))
        agencies = list(Agency.objects.all())
        for number in range(len(agencies), agency_count):
            agencies.append(
                Agency.objects.create(
                    name=f"Generated agency {number + 1}",
                    sector=sector,
                    area=areas[number % len(areas)],
                )
            )
        return areas, agencies

    def day_in_history(self):
        # More recent days are likelier: logging grows as the practice spreads.
        back = int(self.days * (1 - math.sqrt(self.rng.random())))
        return self.today - datetime.timedelta(days=back)

    def make_barriers(self, count, areas, agencies, categories):
        statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
        levels = [Barrier.Level.INDIVIDUAL, Barrier.Level.SERVICE, Barrier.Level.SYSTEM]
        made = []
        for start in range(0, count, self.batch):
            rows = []
            for number in range(start, min(start + self.batch, count)):
                first_met = self.day_in_history()
                status = self.rng.choices(statuses, weights)[0]
                service, other = self.rng.sample(SERVICES, 2)
                template = self.rng.choice(SNAGS)
                barrier = Barrier(
                    title=f"{template.format(service=service, other=other)} (#{number + 1})",
                    description="Generated for load testing.",
                    level=self.rng.choices(levels, [2, 5, 3])[0],
                    category=self.rng.choice(categories) if categories else None,
                    area=self.rng.choice(areas),
                    fix_agency=self.rng.choice(agencies),
                    status=status,
                    first_met=first_met,
                )
                if status in Barrier.CLOSED_STATUSES:
                    span = max((self.today - first_met).days, 1)
                    resolved_on = first_met + datetime.timedelta(
                        days=min(int(self.rng.expovariate(1 / 90)), span)
                    )
                    barrier.resolved_at = datetime.datetime.combine(
                        resolved_on, datetime.time(12), tzinfo=datetime.UTC
                    )
                    barrier.resolution_note = "Generated resolution."
                if self.rng.random() < 0.15 or status == Barrier.Status.ESCALATED:
                    barrier.escalation_level = self.rng.choice(
                        [Barrier.Escalation.OPERATIONAL, Barrier.Escalation.STRATEGIC]
                    )
                    barrier.response_due = first_met + datetime.timedelta(
                        days=Barrier.RESPONSE_DAYS[barrier.escalation_level]
                        + self.rng.randint(0, 120)
                    )
                if self.rng.random() < 0.06:
                    barrier.reopened_count = self.rng.randint(1, 3)
                rows.append(barrier)
            made += Barrier.objects.bulk_create(rows, batch_size=self.batch)
            self.progress("Barriers", len(made), count)
        return made

    def make_links(self, barriers, themes, needs, agencies):
        links = [
            (Barrier.themes.through, "barriertheme_id", themes, (1, 2)),
            (Barrier.needs.through, "need_id", needs, (1, 2)),
            (Barrier.agencies.through, "agency_id", agencies, (1, 3)),
        ]
        for through, column, choices, (low, high) in links:
            if not choices:
                continue
            rows = []
            for barrier in barriers:
                for chosen in self.rng.sample(
                    choices, min(self.rng.randint(low, high), len(choices))
                ):
                    rows.append(through(barrier_id=barrier.pk, **{column: chosen.pk}))
            through.objects.bulk_create(rows, batch_size=self.batch)
            self.stdout.write(f"{through._meta.verbose_name_plural}: {len(rows):,}")

    def occurrence_counts(self, barriers, total):
        """Each barrier has a steady rate from a heavy tail (1/rank^0.7), so its count grows with
        its age; every barrier is met at least once, and the counts sum to `total`."""
        count = len(barriers)
        rates = [1 / (rank**0.7) for rank in range(1, count + 1)]
        self.rng.shuffle(rates)
        weights = [
            rate * max((self.today - barrier.first_met).days, 1)
            for rate, barrier in zip(rates, barriers, strict=True)
        ]
        scale = (total - count) / sum(weights)
        counts = [1 + int(weight * scale) for weight in weights]
        short = total - sum(counts)
        for index in self.rng.sample(range(count), min(short, count)):
            counts[index] += 1
        return counts

    def make_occurrences(self, barriers, total, agencies, areas):
        counts = self.occurrence_counts(barriers, total)
        sources = [choice for choice, _ in Occurrence.Source.choices]
        done = 0
        rows = []
        for barrier, count in zip(barriers, counts, strict=True):
            span = max((self.today - barrier.first_met).days, 0)
            home = self.rng.sample(agencies, min(3, len(agencies)))
            for index in range(count):
                day = barrier.first_met
                if index:
                    day += datetime.timedelta(days=self.rng.randint(0, span))
                agency = self.rng.choice(home) if self.rng.random() < 0.8 else None
                rows.append(
                    Occurrence(
                        barrier_id=barrier.pk,
                        date=day,
                        source=self.rng.choices(sources, [6, 2, 1, 1])[0],
                        agency=agency,
                        area=agency.area if agency else self.rng.choice(areas),
                    )
                )
            if len(rows) >= self.batch:
                done += self.flush(rows, total, done)
                rows = []
        if rows:
            done += self.flush(rows, total, done)

    def flush(self, rows, total, done):
        with transaction.atomic():
            Occurrence.objects.bulk_create(rows, batch_size=self.batch)
        self.progress("Occurrences", done + len(rows), total)
        return len(rows)

    def make_events(self, barriers):
        rows = []
        for barrier in barriers:
            created = datetime.datetime.combine(
                barrier.first_met, datetime.time(9), tzinfo=datetime.UTC
            )
            rows.append(
                BarrierEvent(barrier_id=barrier.pk, kind="created", detail="Logged", at=created)
            )
            span = max((self.today - barrier.first_met).days, 1)
            for _ in range(barrier.reopened_count):
                rows.append(
                    BarrierEvent(
                        barrier_id=barrier.pk,
                        kind="reopened",
                        detail="Reopened: met again while resolved",
                        at=created + datetime.timedelta(days=self.rng.randint(1, span)),
                    )
                )
        BarrierEvent.objects.bulk_create(rows, batch_size=self.batch)
        self.stdout.write(f"Events: {len(rows):,}")
