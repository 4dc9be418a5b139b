from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page, WorkflowPage

import pytest

from brightspots.factories import (
    AgendaItemFactory,
    BrightSpotPageFactory,
    ForumSessionPageFactory,
)
from brightspots.models import (
    AgendaItem,
    BrightSpotIndexPage,
    BrightSpotModerationTask,
    BrightSpotPage,
    ForumIndexPage,
    ForumSessionPage,
    same_weekday_next_month,
)
from people import roles
from taxonomy.models import Need, Principle

pytestmark = pytest.mark.django_db


def test_migration_creates_index_pages_under_home():
    index = BrightSpotIndexPage.objects.get()
    forum = ForumIndexPage.objects.get()
    assert (index.slug, index.title, index.url) == (
        "bright-spots",
        "Bright Spots",
        "/bright-spots/",
    )
    assert (forum.slug, forum.title, forum.url) == ("forum", "Bright Spots forum", "/forum/")
    assert index.get_parent().specific_class.__name__ == "HomePage"
    assert Page.find_problems() == ([], [], [], [], [])


def test_migration_wires_moderation_workflow_and_host_permissions():
    index = BrightSpotIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow.name == "Bright Spot moderation"
    task = index.get_workflow().tasks.get().specific
    assert isinstance(task, BrightSpotModerationTask)
    assert list(task.groups.values_list("name", flat=True)) == [roles.FORUM_HOST]
    codenames = set(
        GroupPagePermission.objects.filter(group__name=roles.FORUM_HOST, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames


def test_queryset_filters():
    one, two = Principle.objects.get(number=1), Principle.objects.get(number=2)
    need = Need.objects.get(name="Mental health")
    first = BrightSpotPageFactory(principles=[one], needs=[need])
    second = BrightSpotPageFactory(principles=[two])
    assert list(BrightSpotPage.objects.for_principle(one)) == [first]
    assert list(BrightSpotPage.objects.for_need(need)) == [first]
    assert set(BrightSpotPage.objects.filtered(principle=two)) == {second}
    assert BrightSpotPage.objects.filtered().count() == 2


def test_in_year_uses_happened_on_then_publication_date():
    old = BrightSpotPageFactory(happened_on=datetime(2023, 5, 1).date())
    undated = BrightSpotPageFactory(happened_on=None)
    this_year = timezone.now().year
    assert list(BrightSpotPage.objects.in_year(2023)) == [old]
    assert list(BrightSpotPage.objects.in_year(this_year)) == [undated]


def test_visible_to_anonymous_only_public(practitioner):
    from django.contrib.auth.models import AnonymousUser

    public = BrightSpotPageFactory(is_public=True)
    BrightSpotPageFactory(is_public=False)
    assert list(BrightSpotPage.objects.visible_to(AnonymousUser())) == [public]
    assert BrightSpotPage.objects.visible_to(practitioner).count() == 2


def test_related_spots_share_principles_or_needs_and_exclude_drafts():
    one = Principle.objects.get(number=1)
    spot = BrightSpotPageFactory(principles=[one])
    related = BrightSpotPageFactory(principles=[one])
    BrightSpotPageFactory(principles=[Principle.objects.get(number=9)])
    BrightSpotPageFactory(principles=[one], live=False)
    assert list(BrightSpotPage.objects.related_to(spot)) == [related]


def test_related_spots_most_shared_first_then_newest():
    one, two, three = Principle.objects.filter(number__in=[1, 2, 3]).order_by("number")
    need = Need.objects.order_by("pk").first()
    spot = BrightSpotPageFactory(principles=[one, two, three], needs=[need])
    shares_all = BrightSpotPageFactory(principles=[one, two, three], needs=[need])
    shares_two_older = BrightSpotPageFactory(principles=[one], needs=[need])
    shares_two_newer = BrightSpotPageFactory(principles=[two, three])
    shares_one = BrightSpotPageFactory(principles=[three])
    BrightSpotPageFactory(principles=[Principle.objects.get(number=9)])
    now = timezone.now()
    for age, page in enumerate([shares_one, shares_two_newer, shares_two_older, shares_all]):
        page.first_published_at = now - timedelta(days=age)
        page.save(update_fields=["first_published_at"])

    related = BrightSpotPage.objects.related_to(spot)

    assert related == [shares_all, shares_two_newer, shares_two_older, shares_one]
    assert BrightSpotPage.objects.related_to(spot, limit=2) == [shares_all, shares_two_newer]


def test_newest_of_many_ids_reads_them_a_chunk_at_a_time():
    pages = BrightSpotPageFactory.create_batch(5)
    now = timezone.now()
    for age, page in enumerate(pages):
        page.first_published_at = now - timedelta(days=age)
        page.save(update_fields=["first_published_at"])
    ids = [page.pk for page in reversed(pages)]

    newest = BrightSpotPage.objects.all()._newest_of(ids, 3, chunk=2)

    assert newest == pages[:3]


def test_filter_by_principle_lists_each_spot_once():
    one, two = Principle.objects.filter(number__in=[1, 2]).order_by("number")
    both = BrightSpotPageFactory(principles=[one, two], needs=list(Need.objects.all()[:2]))
    BrightSpotPageFactory(principles=[two])

    assert list(BrightSpotPage.objects.for_principle(one)) == [both]
    assert BrightSpotPage.objects.for_principle(two).count() == 2


def test_own_words_need_consent():
    spot = BrightSpotPageFactory.build(persons_own_words="It helped.", involvement="not_asked")
    with pytest.raises(ValidationError) as error:
        spot.clean()
    assert "persons_own_words" in error.value.message_dict


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2026, 1, 13, 14, 0), datetime(2026, 2, 10, 14, 0)),  # 2nd Tuesday
        (datetime(2026, 12, 8, 14, 0), datetime(2027, 1, 12, 14, 0)),  # over the year end
        (datetime(2026, 9, 29, 10, 0), datetime(2026, 10, 27, 10, 0)),  # 5th becomes last
        (datetime(2026, 3, 10, 14, 0), datetime(2026, 4, 14, 14, 0)),  # across the clock change
    ],
)
def test_same_weekday_next_month(start, expected):
    moved = same_weekday_next_month(timezone.make_aware(start))
    assert timezone.localtime(moved).replace(tzinfo=None) == expected


def test_session_validation_messages():
    starts = timezone.now() + timedelta(days=10)
    session = ForumSessionPage(
        title="x",
        starts_at=starts,
        ends_at=starts - timedelta(hours=1),
        presentations_close_on=(starts + timedelta(days=2)).date(),
        format="in_person",
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    errors = error.value.message_dict
    assert "end after it starts" in errors["ends_at"][0]
    assert "on or before the session date" in errors["presentations_close_on"][0]
    assert "in-person or hybrid" in errors["place"][0]


def test_agenda_only_takes_published_bright_spots():
    draft = BrightSpotPageFactory(live=False)
    item = AgendaItem(session=ForumSessionPageFactory(), bright_spot=draft)
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "published" in error.value.message_dict["bright_spot"][0]


def test_presentations_listed_on_the_bright_spot(practitioner_client):
    item = AgendaItemFactory()
    assert item.bright_spot.presentations == [item]
    html = practitioner_client.get(item.bright_spot.url).content.decode()
    assert item.session.title in html


def test_session_querysets():
    soon = ForumSessionPageFactory(starts_at=timezone.now() + timedelta(hours=5))
    later = ForumSessionPageFactory(starts_at=timezone.now() + timedelta(days=20))
    sessions = ForumSessionPage.objects.live()
    assert list(sessions.upcoming()) == [soon, later]
    assert list(sessions.starting_within(24)) == [soon]
    assert list(sessions.past()) == []


def test_admin_refuses_a_new_session_in_the_past(administrator):
    from wagtail.admin.panels import get_edit_handler

    forum = ForumIndexPage.objects.get()
    form_class = get_edit_handler(ForumSessionPage).get_form_class()
    past = timezone.localtime(timezone.now() - timedelta(days=3))
    data = {
        "title": "Too late",
        "slug": "too-late",
        "starts_at": past.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (past + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "format": "online",
        "capacity": 30,
        "agenda_items-TOTAL_FORMS": 0,
        "agenda_items-INITIAL_FORMS": 0,
        "agenda_items-MIN_NUM_FORMS": 0,
        "agenda_items-MAX_NUM_FORMS": 1000,
    }
    form = form_class(data, instance=ForumSessionPage(), parent_page=forum, for_user=administrator)
    assert not form.is_valid()
    assert "must start in the future" in form.errors["starts_at"][0]


def _admin_form(model, parent, user, data, instance=None):
    form_class = model.get_edit_handler().get_form_class()
    return form_class(data, instance=instance or model(), parent_page=parent, for_user=user)


def test_admin_bright_spot_form_runs_the_privacy_guard_and_text_limits(administrator):
    data = {
        "title": "Street triage",
        "slug": "street-triage",
        "summary": "A nurse rides with the police; call 07700 900123 to join.",
        "what_happened": "x" * 20_001,
        "involvement": "not_asked",
        "contact": "none",
    }
    form = _admin_form(BrightSpotPage, BrightSpotIndexPage.objects.get(), administrator, data)
    assert not form.is_valid()
    assert "phone number" in form.errors["summary"][0]
    assert "Keep this under 20000 characters (it has 20001)" in form.errors["what_happened"][0]
    data.update(summary="A nurse rides with the police.", what_happened="It worked.")
    form = _admin_form(BrightSpotPage, BrightSpotIndexPage.objects.get(), administrator, data)
    assert form.is_valid(), form.errors


def test_admin_session_form_guards_notes_but_not_the_joining_link(administrator):
    session = ForumSessionPageFactory(joining_link="https://meet.example.org/07700900123")
    starts = timezone.localtime(session.starts_at)
    data = {
        "title": session.title,
        "slug": session.slug,
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "format": "online",
        "joining_link": session.joining_link,
        "capacity": 30,
        "notes": "Mrs Jones (NHS 943 476 5919) told us how it went.",
        "agenda_items-TOTAL_FORMS": 0,
        "agenda_items-INITIAL_FORMS": 0,
        "agenda_items-MIN_NUM_FORMS": 0,
        "agenda_items-MAX_NUM_FORMS": 1000,
    }
    form = _admin_form(
        ForumSessionPage, ForumIndexPage.objects.get(), administrator, data, instance=session
    )
    assert not form.is_valid()
    assert set(form.errors) == {"notes"}
    data["notes"] = "Good questions about information sharing."
    form = _admin_form(
        ForumSessionPage, ForumIndexPage.objects.get(), administrator, data, instance=session
    )
    assert form.is_valid(), form.errors
