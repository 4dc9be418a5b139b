import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from barriers import services
from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import Barrier, BarrierEvent, Occurrence

pytestmark = pytest.mark.django_db


def log_data(**changes):
    data = {
        "title": "Discharged from hospital with nowhere to stay",
        "description": "Ward discharges on a Friday afternoon when housing is closed.",
        "level": "system",
        "date": timezone.localdate().isoformat(),
        "note": "",
    }
    data.update(changes)
    return data


def test_list_filters_and_shows_recurrence(practitioner_client, themes):
    wanted = BarrierFactory(title="Eligibility threshold too high", themes=[themes[0]])
    BarrierFactory(title="Interpreter not booked", status="resolved")
    OccurrenceFactory(barrier=wanted)
    OccurrenceFactory(barrier=wanted)

    response = practitioner_client.get(
        reverse("barriers:list"), {"theme": themes[0].pk, "status": "open"}
    )
    assert response.status_code == 200
    assert list(response.context["listing"]["rows"]) == [wanted]
    assert response.context["listing"]["rows"][0].occurrence_count == 2
    assert "Interpreter not booked" not in response.content.decode()


def test_list_text_filter(practitioner_client):
    BarrierFactory(title="Eligibility threshold too high")
    BarrierFactory(title="Interpreter not booked")
    response = practitioner_client.get(reverse("barriers:list"), {"q": "interpreter"})
    assert [b.title for b in response.context["listing"]["rows"]] == ["Interpreter not booked"]


def test_list_paginates(practitioner_client):
    for _ in range(30):
        BarrierFactory()
    response = practitioner_client.get(reverse("barriers:list"), {"page": 2})
    assert len(response.context["listing"]["rows"]) == 5
    assert "Page 2 of 2" in response.content.decode()


def test_detail_shows_recurrence_history_and_source_links(practitioner_client, agencies, areas):
    barrier = BarrierFactory(description="Told to **come back** when worse")
    OccurrenceFactory(barrier=barrier, date=datetime.date(2026, 1, 5), agency=agencies[0])
    OccurrenceFactory(
        barrier=barrier, date=datetime.date(2026, 2, 9), agency=agencies[1], area=areas[1]
    )
    other = BarrierFactory(title="Linked source")
    OccurrenceFactory(
        barrier=barrier,
        date=datetime.date(2026, 2, 10),
        source_type_id=__import__("django.contrib.contenttypes.models", fromlist=["ContentType"])
        .ContentType.objects.get_for_model(Barrier)
        .pk,
        source_id=str(other.pk),
    )
    BarrierEvent.objects.create(barrier=barrier, kind="edited", detail="Edited: title")

    response = practitioner_client.get(reverse("barriers:detail", args=[barrier.pk]))
    page = response.content.decode()
    assert response.context["barrier"].occurrence_count == 3
    assert response.context["barrier"].agency_count == 2
    assert response.context["barrier"].area_count == 1
    assert "5 Jan 2026" in page and "10 Feb 2026" in page
    assert "<strong>come back</strong>" in page
    assert f'href="{other.get_absolute_url()}"' in page
    assert "Edited: title" in page


def test_merged_barrier_redirects_to_its_target(practitioner_client):
    target = BarrierFactory()
    duplicate = BarrierFactory()
    services.merge_barriers(duplicate, target)
    response = practitioner_client.get(reverse("barriers:detail", args=[duplicate.pk]))
    assert response.status_code == 302
    assert response.url == target.get_absolute_url()


def test_detail_shows_overdue(practitioner_client):
    barrier = BarrierFactory(
        escalation_level="operational",
        response_due=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = practitioner_client.get(barrier.get_absolute_url()).content.decode()
    assert "Overdue" in page


def test_log_check_shows_similar_barriers_without_js(practitioner_client):
    existing = BarrierFactory(title="Discharged from hospital with nowhere to stay")
    response = practitioner_client.post(
        reverse("barriers:log"), {"title": "hospital discharge nowhere", "action": "check"}
    )
    assert response.status_code == 200
    assert existing in response.context["similar"]
    page = response.content.decode()
    assert f'value="same-{existing.pk}"' in page
    assert "There is a problem" not in page
    assert not Occurrence.objects.exists()


def test_log_this_is_the_same_asks_for_details_before_counting(practitioner_client, agencies):
    existing = BarrierFactory(title="Discharged from hospital with nowhere to stay")
    OccurrenceFactory(barrier=existing)
    response = practitioner_client.post(
        reverse("barriers:log"),
        log_data(action=f"same-{existing.pk}", agency=agencies[0].pk, note="Friday again"),
    )
    assert response.status_code == 200
    assert existing.occurrences.count() == 1
    page = response.content.decode()
    assert "Nothing is counted until you choose" in page
    assert f'action="{reverse("barriers:record_again", args=[existing.pk])}"' in page
    form = response.context["form"]
    assert str(form["agency"].value()) == str(agencies[0].pk)
    assert form["note"].value() == "Friday again"

    response = practitioner_client.post(
        reverse("barriers:record_again", args=[existing.pk]),
        {"date": timezone.localdate().isoformat(), "agency": agencies[0].pk, "note": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == existing.get_absolute_url()
    assert "Counted: this barrier has now been met 2 times." in response.content.decode()
    assert existing.occurrences.count() == 2
    assert agencies[0] in existing.agencies.all()
    assert Barrier.objects.count() == 1


def test_this_is_the_same_on_a_resolved_barrier_reopens_once_counted(practitioner_client):
    existing = BarrierFactory(
        status="resolved", resolution_note="Fixed", resolved_at=timezone.now()
    )
    practitioner_client.post(reverse("barriers:log"), log_data(action=f"same-{existing.pk}"))
    existing.refresh_from_db()
    assert existing.status == "resolved"
    response = practitioner_client.post(
        reverse("barriers:record_again", args=[existing.pk]),
        {"date": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "it has been reopened" in response.content.decode()
    existing.refresh_from_db()
    assert existing.status == "open"


def test_log_this_is_new_creates_barrier_occurrence_and_event(practitioner_client, themes):
    response = practitioner_client.post(
        reverse("barriers:log"),
        log_data(action="new", themes=[themes[0].pk, themes[1].pk]),
        follow=True,
    )
    barrier = Barrier.objects.get()
    assert response.redirect_chain[-1][0] == barrier.get_absolute_url()
    assert barrier.level == "system"
    assert set(barrier.themes.all()) == {themes[0], themes[1]}
    assert barrier.occurrences.count() == 1
    assert barrier.events.filter(kind="created").exists()


def test_log_form_keeps_what_was_typed_when_invalid(practitioner_client):
    response = practitioner_client.post(
        reverse("barriers:log"),
        log_data(action="new", description="Call Mrs Smith on 07700 900123"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Discharged from hospital with nowhere to stay" in page
    assert not Barrier.objects.exists()


def test_log_failing_write_leaves_nothing(practitioner_client, monkeypatch):
    from barriers import services as barrier_services

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(barrier_services, "record_occurrence", broken)
    with pytest.raises(RuntimeError):
        practitioner_client.post(reverse("barriers:log"), log_data(action="new"))
    assert not Barrier.objects.exists()
    assert not BarrierEvent.objects.exists()


def test_similar_json(practitioner_client):
    existing = BarrierFactory(title="Having to retell the story to every service")
    OccurrenceFactory(barrier=existing, date=datetime.date(2026, 4, 2))
    data = practitioner_client.get(reverse("barriers:similar"), {"q": "retell story"}).json()
    assert data["results"][0] == {
        "id": existing.pk,
        "title": existing.title,
        "status": "Open",
        "occurrences": 1,
        "last_seen": "2026-04-02",
        "url": existing.get_absolute_url(),
    }


def test_practitioner_cannot_edit_or_merge(practitioner_client):
    barrier = BarrierFactory()
    assert practitioner_client.get(reverse("barriers:edit", args=[barrier.pk])).status_code == 403
    assert practitioner_client.get(reverse("barriers:merge", args=[barrier.pk])).status_code == 403


def test_owner_can_edit(client, practitioner):
    barrier = BarrierFactory(owner=practitioner)
    client.force_login(practitioner)
    assert client.get(reverse("barriers:edit", args=[barrier.pk])).status_code == 200


def test_leader_edits_status_and_escalation(leader_client):
    barrier = BarrierFactory()
    response = leader_client.post(
        reverse("barriers:edit", args=[barrier.pk]),
        {
            "title": barrier.title,
            "description": "",
            "level": "system",
            "status": "escalated",
            "escalation_level": "strategic",
            "response_due": "",
            "resolution_note": "",
            "permission_granted": "",
        },
    )
    assert response.status_code == 302
    barrier.refresh_from_db()
    assert barrier.status == "escalated"
    assert barrier.response_due == timezone.localdate() + datetime.timedelta(days=28)
    details = list(barrier.events.values_list("detail", flat=True))
    assert any(d.startswith("Escalation: strategic board, response due") for d in details)
    assert "Status changed from open to escalated" in details


def test_leader_merges_with_confirmation(leader_client):
    target = BarrierFactory()
    duplicate = BarrierFactory()
    OccurrenceFactory(barrier=duplicate)
    url = reverse("barriers:merge", args=[duplicate.pk])
    response = leader_client.post(url, {"target": target.pk})
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    response = leader_client.post(url, {"target": target.pk, "confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == target.get_absolute_url()
    assert "1 occurrences moved" in response.content.decode()
    assert target.occurrences.count() == 1


def test_record_again_from_detail(practitioner_client):
    barrier = BarrierFactory()
    response = practitioner_client.post(
        reverse("barriers:record_again", args=[barrier.pk]),
        {"date": timezone.localdate().isoformat(), "note": "Again at the front desk"},
        follow=True,
    )
    assert "met 1 time." in response.content.decode()
    assert barrier.occurrences.get().note == "Again at the front desk"


def test_detail_has_the_discussion_at_the_bottom(practitioner_client):
    barrier = BarrierFactory()
    page = practitioner_client.get(barrier.get_absolute_url()).content.decode()
    assert 'id="discussion"' in page
    assert page.index('id="history-heading"') < page.index('id="discussion"')


def test_log_shows_a_staff_name_hint_before_saving_then_keeps_the_wording(practitioner_client):
    data = log_data(action="new", title="Nurse Patel refuses referrals from outreach")
    response = practitioner_client.post(reverse("barriers:log"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Barrier.objects.exists()
    assert "Check the writing hints below" in page
    assert "never individual staff" in page
    assert 'name="keep_wording" value="Nurse Patel"' in page

    response = practitioner_client.post(
        reverse("barriers:log"), {**data, "keep_wording": "Nurse Patel"}
    )
    assert response.status_code == 302
    assert Barrier.objects.get().title == "Nurse Patel refuses referrals from outreach"


def test_log_with_a_label_to_avoid_saves_straight_away(practitioner_client):
    data = log_data(action="new", title="Service-resistant clients turned away from the hub")
    assert practitioner_client.post(reverse("barriers:log"), data).status_code == 302
    assert Barrier.objects.get().title.startswith("Service-resistant")


def test_log_without_hints_saves_straight_away(practitioner_client):
    data = log_data(action="new", title="GP Surgery will not register without an address")
    assert practitioner_client.post(reverse("barriers:log"), data).status_code == 302
    assert Barrier.objects.count() == 1


def test_counting_again_checks_only_the_note_it_saves(practitioner_client):
    existing = BarrierFactory(title="Nurse Patel refuses referrals")
    response = practitioner_client.post(
        reverse("barriers:record_again", args=[existing.pk]),
        {"date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert existing.occurrences.count() == 1

    response = practitioner_client.post(
        reverse("barriers:record_again", args=[existing.pk]),
        {"date": timezone.localdate().isoformat(), "note": "Social worker Sarah said no again"},
    )
    assert response.status_code == 200
    assert "Check the writing hints below" in response.content.decode()
    assert existing.occurrences.count() == 1


def test_edit_shows_a_new_staff_name_hint_before_saving(leader_client):
    barrier = BarrierFactory(title="Referrals refused")
    data = {
        "title": barrier.title,
        "description": "",
        "level": "service",
        "status": "open",
        "escalation_level": "practitioner",
        "response_due": "",
        "resolution_note": "",
        "permission_granted": "Agreed by Manager Jones",
    }
    url = reverse("barriers:edit", args=[barrier.pk])
    response = leader_client.post(url, data)
    assert response.status_code == 200
    assert "Check the writing hints below" in response.content.decode()
    barrier.refresh_from_db()
    assert barrier.permission_granted == ""
    assert leader_client.post(url, {**data, "keep_wording": "Manager Jones"}).status_code == 302
    barrier.refresh_from_db()
    assert barrier.permission_granted == "Agreed by Manager Jones"


def test_met_again_link_of_a_merged_barrier_goes_to_its_target(practitioner_client):
    target = BarrierFactory()
    duplicate = BarrierFactory()
    services.merge_barriers(duplicate, target)
    url = reverse("barriers:record_again", args=[duplicate.pk])
    response = practitioner_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("barriers:record_again", args=[target.pk])
    practitioner_client.post(url, {"date": timezone.localdate().isoformat(), "note": ""})
    assert target.occurrences.count() == 1


def test_barrier_log_names_no_recorder_and_leads_to_no_journey(
    practitioner_client, case_team_member
):
    from stories.factories import TouchpointFactory
    from stories.services import link_barriers

    case_team_member.first_name, case_team_member.last_name = "Quenby", "Marchetti"
    case_team_member.save()
    barrier = BarrierFactory(title="First appointment nobody owns")
    touchpoint = TouchpointFactory()
    link_barriers(touchpoint, [barrier], case_team_member)
    services.record_occurrence(barrier, user=case_team_member, note="Met at the front desk")

    page = practitioner_client.get(reverse("barriers:detail", args=[barrier.pk])).text
    assert "Walking alongside journey" in page
    assert "Met at the front desk" in page
    assert "Quenby" not in page and "Marchetti" not in page
    assert "/case-learning/participants/" not in page
    assert "/case-learning/touchpoints/" not in page


@pytest.mark.usefixtures("fragment_cache")
def test_a_kept_barrier_shows_a_new_occurrence_and_a_new_title_at_once(
    practitioner_client, committed
):
    barrier = BarrierFactory(title="Forms need a fixed address")
    OccurrenceFactory(barrier=barrier)
    url = reverse("barriers:detail", args=[barrier.pk])
    assert "<dd>1</dd>" in practitioner_client.get(url).content.decode()
    with committed():
        services.record_occurrence(barrier, note="Met again at the housing desk")
    page = practitioner_client.get(url).content.decode()
    assert "<dd>2</dd>" in page
    barrier.title = "Forms need any address at all"
    with committed():
        barrier.save()
    assert "Forms need any address at all" in practitioner_client.get(url).content.decode()


def test_a_barrier_number_that_is_no_barrier_is_not_found(practitioner_client):
    assert practitioner_client.get(reverse("barriers:detail", args=[999999])).status_code == 404


def test_a_kept_barrier_holds_no_password_hash(practitioner_client, practitioner, kept_bytes):
    barrier = BarrierFactory(owner=practitioner)
    assert practitioner_client.get(reverse("barriers:detail", args=[barrier.pk])).status_code == 200
    assert kept_bytes()  # the page was kept
    assert practitioner.password.encode() not in kept_bytes()
