"""A double-submitted form makes one record; failures half-way leave nothing half-written."""

import json

from django.db import IntegrityError
from django.utils import timezone

import pytest

from barriers import services
from barriers.models import Barrier, BarrierEvent, Occurrence
from reviews import interchange as review_interchange
from search.interchange import import_lines

pytestmark = pytest.mark.django_db


def snag(title="Discharged from hospital with nowhere to stay"):
    return {
        "title": title,
        "description": "Ward discharges on a Friday afternoon when housing is closed.",
        "level": "system",
        "date": timezone.localdate().isoformat(),
        "note": "",
        "action": "new",
    }


def test_a_double_submitted_form_makes_one_record(practitioner_client, settings):
    settings.DOUBLE_SUBMIT_WINDOW_SECONDS = 10
    first = practitioner_client.post("/barriers/log/", snag())
    second = practitioner_client.post("/barriers/log/", snag())
    assert first.status_code == 302
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert Barrier.objects.count() == 1
    different = practitioner_client.post("/barriers/log/", snag("Interpreter not booked"))
    assert different.status_code == 302
    assert Barrier.objects.count() == 2


def test_a_form_with_errors_can_be_sent_again(practitioner_client, settings):
    settings.DOUBLE_SUBMIT_WINDOW_SECONDS = 10
    bad = {**snag(), "title": ""}
    assert practitioner_client.post("/barriers/log/", bad).status_code == 200
    assert practitioner_client.post("/barriers/log/", bad).status_code == 200


def test_a_failure_half_way_through_a_multi_row_save_leaves_nothing(monkeypatch, practitioner):
    def fail(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(services, "record_occurrence", fail)
    with pytest.raises(IntegrityError):
        services.log_new_barrier(Barrier(title="Half-written", level="system"), user=practitioner)
    assert not Barrier.objects.exists()
    assert not BarrierEvent.objects.exists()
    assert not Occurrence.objects.exists()


def test_a_failure_half_way_through_an_import_leaves_nothing(monkeypatch):
    lines = [json.dumps({"id": f"b-{n}", "type": "barrier", "title": f"Snag {n}"}) for n in (1, 2)]
    lines.append(json.dumps({"id": "r-1", "type": "review", "title": "A review"}))

    def fail(self, records):
        raise IntegrityError("connection lost")

    monkeypatch.setattr(review_interchange.ReviewWriter, "write", fail)
    with pytest.raises(IntegrityError):
        import_lines(lines)
    assert not Barrier.objects.exists()
