import io
from unittest import mock

from django.core.management import call_command

import pytest

from search.models import LearningRecord

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("search_health", stdout=out)
    return exit_info.value.code, out.getvalue()


def test_healthy_after_import(corpus):
    out = io.StringIO()
    call_command("search_health", stdout=out)
    output = out.getvalue()
    assert "Backend: " in output
    assert "barrier" in output and "Healthy" in output


def test_missing_records_are_unhealthy(corpus):
    LearningRecord.objects.filter(kind="barrier")[:1].get().delete()
    code, output = run()
    assert code == 1
    assert "MISMATCH" in output and "UNHEALTHY" in output


def test_unreachable_backend_exits_non_zero(corpus):
    backend = mock.Mock(name="backend", ping=mock.Mock(return_value=(False, "down")))
    backend.name = "elasticsearch"
    with mock.patch(
        "search.management.commands.search_health.get_learning_backend", return_value=backend
    ):
        code, output = run()
    assert code == 1
    assert "unreachable" in output


def test_waiting_index_changes_are_reported_as_lag(corpus):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from search.models import IndexChange

    record = LearningRecord.objects.first()
    IndexChange.objects.create(
        content_type=ContentType.objects.get_for_model(LearningRecord),
        object_id=str(record.pk),
        queued_at=timezone.now() - timezone.timedelta(minutes=10),
    )
    code, output = run()
    assert code == 1
    assert "Index lag: " in output and "oldest 600s" in output
