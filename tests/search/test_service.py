import datetime
import json

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

import pytest

from barriers.factories import BarrierFactory
from reviews.factories import ReviewFactory
from search.evaluation import CORPUS
from search.factories import make_bright_spot
from search.models import LearningRecord
from search.service import search_learning
from stories.factories import CohortSummaryFactory, ParticipantFactory
from taxonomy.models import Need

pytestmark = pytest.mark.django_db


def ids(page):
    return [result.id for result in page.results]


def corpus_rows():
    with open(CORPUS, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_anonymous_users_cannot_search(corpus):
    with pytest.raises(PermissionDenied):
        search_learning(AnonymousUser(), "housing")


def test_results_cover_every_shared_type(practitioner, corpus):
    page = search_learning(practitioner, "hospital discharge", page_size=50)
    assert {"bright_spot", "barrier", "review"} <= {r.type for r in page.results}
    assert "bs-014" in ids(page)
    assert "rev-001" in ids(page)


def test_snippets_are_escaped_and_highlighted(practitioner, corpus):
    page = search_learning(practitioner, "naloxone")
    snippet = page.results[0].snippet
    assert "<mark>naloxone</mark>" in snippet.lower()
    page = search_learning(practitioner, "IDVA A&E")
    assert "&amp;" in "".join(r.snippet for r in page.results) or page.results
    assert "<script" not in "".join(r.snippet for r in page.results)


def test_draft_and_unpublished_bright_spots_are_never_returned(practitioner):
    make_bright_spot("Peer navigators at the food bank", live=False)
    published = make_bright_spot("Peer navigators in the library")
    page = search_learning(practitioner, "peer navigators")
    assert [r.title for r in page.results] == ["Peer navigators in the library"]
    published.unpublish()
    assert search_learning(practitioner, "peer navigators").count == 0


def test_merged_barriers_are_never_returned(practitioner):
    keep = BarrierFactory(title="Pharmacy closes before probation appointments end")
    duplicate = BarrierFactory(title="Pharmacy shuts before probation finishes")
    assert search_learning(practitioner, "pharmacy probation").count == 2
    duplicate.merged_into = keep
    duplicate.save()
    page = search_learning(practitioner, "pharmacy probation")
    assert [r.id for r in page.results] == [keep.external_id]


def test_only_completed_reviews_are_returned(practitioner):
    review = ReviewFactory(title="Review of a missed methadone dose", status="draft")
    assert search_learning(practitioner, "methadone").count == 0
    review.status = "completed"
    review.save()
    assert ids(search_learning(practitioner, "methadone")) == [review.external_id]


def test_only_published_cohort_summaries_and_never_participants(practitioner):
    summary = CohortSummaryFactory(title="What the spring cohort learned about detox waits")
    participant = ParticipantFactory(cohort=summary.cohort, alias="Quillane")
    assert search_learning(practitioner, "detox waits").count == 0
    summary.published = True
    summary.save()
    page = search_learning(practitioner, "detox waits")
    assert [r.type for r in page.results] == ["cohort_summary"]
    assert search_learning(practitioner, participant.alias).count == 0
    assert search_learning(practitioner, participant.code).count == 0
    assert not LearningRecord.objects.exclude(
        kind__in=[k for k, _ in LearningRecord.Kind.choices]
    ).exists()


def test_type_and_need_facet_counts_match_hand_counts(practitioner, corpus):
    rows = corpus_rows()
    page = search_learning(practitioner, "", page_size=1)
    type_counts = {value: count for value, _label, count in page.facets["type"]}
    assert type_counts == {
        kind: sum(1 for row in rows if row["type"] == kind)
        for kind in ("bright_spot", "barrier", "review")
    }
    mental_health = Need.objects.get(name="Mental health")
    need_counts = {value: count for value, _label, count in page.facets["need"]}
    assert need_counts[mental_health.pk] == sum(
        1 for row in rows if "Mental health" in row.get("needs", [])
    )


def test_facet_counts_follow_the_query_and_filters(practitioner, corpus):
    page = search_learning(practitioner, "relapse", {"type": ["barrier"]})
    assert page.count == len(page.results)
    assert all(r.type == "barrier" for r in page.results)
    assert page.facets["type"] == [("barrier", "Barrier", page.count)]
    levels = {value: count for value, _label, count in page.facets["level"]}
    assert sum(levels.values()) == page.count


def test_filter_by_need_principle_area_and_year(practitioner, corpus):
    rows = corpus_rows()
    need = Need.objects.get(name="Domestic abuse")
    page = search_learning(practitioner, "", {"need": [need.pk]}, page_size=100)
    assert sorted(ids(page)) == sorted(
        row["id"] for row in rows if "Domestic abuse" in row.get("needs", [])
    )
    page = search_learning(practitioner, "", {"year": [2022]}, page_size=100)
    assert sorted(ids(page)) == sorted(row["id"] for row in rows if row["date"][:4] == "2022")


def test_date_range_and_newest_first(practitioner, corpus):
    page = search_learning(
        practitioner,
        "",
        {"date_from": datetime.date(2024, 1, 1), "date_to": datetime.date(2024, 3, 31)},
        sort="newest",
        page_size=100,
    )
    dates = [r.date for r in page.results]
    assert dates == sorted(dates, reverse=True)
    assert all(datetime.date(2024, 1, 1) <= d <= datetime.date(2024, 3, 31) for d in dates)


def test_pagination(practitioner, corpus):
    first = search_learning(practitioner, "", page=1, page_size=25)
    third = search_learning(practitioner, "", page=3, page_size=25)
    assert first.count == 60
    assert first.page_count == 3
    assert len(third.results) == 10
    assert not set(ids(first)) & set(ids(third))


def test_typo_is_corrected_when_nothing_matches(practitioner, corpus):
    page = search_learning(practitioner, "naloxne")
    assert page.corrected_from == "naloxne"
    assert page.query == "naloxone"
    assert ids(page)[0] == "bs-007"


def test_nothing_matching_suggests_nothing_silly(practitioner, corpus):
    page = search_learning(practitioner, "zzqx")
    assert page.count == 0
    assert page.results == []


def test_a_misspelt_word_among_known_ones_is_searched_as_its_correction(practitioner, corpus):
    page = search_learning(practitioner, "naloxne hostel")
    assert page.suggestion == "naloxone hostel"
    assert "bs-007" in ids(page)[:3]


def test_without_broadening_nothing_is_corrected(practitioner, corpus):
    page = search_learning(practitioner, "naloxne", broaden=False)
    assert (page.count, page.suggestion) == (0, "")
