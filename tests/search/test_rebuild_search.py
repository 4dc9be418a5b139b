import io

from django.core.management import call_command

import pytest

from search.models import LearningRecord
from search.service import search_learning

pytestmark = pytest.mark.django_db


def test_rebuild_restores_records_and_index_with_progress(practitioner, corpus):
    LearningRecord.objects.all().delete()
    assert search_learning(practitioner, "naloxone").count == 0
    out = io.StringIO()
    call_command("rebuild_search", stdout=out)
    output = out.getvalue()
    assert "100% (25/25)" in output
    assert "records: barriers.Barrier" in output and "index: search.LearningRecord" in output
    assert LearningRecord.objects.count() == 60
    assert [r.id for r in search_learning(practitioner, "naloxone").results][0] == "bs-007"


def test_rebuild_removes_records_that_should_no_longer_be_shared(corpus):
    from barriers.models import Barrier

    Barrier.objects.filter(external_id="bar-001").update(
        merged_into=Barrier.objects.get(external_id="bar-016")
    )
    call_command("rebuild_search", "--records-only", stdout=io.StringIO())
    assert not LearningRecord.objects.filter(external_id="bar-001").exists()
