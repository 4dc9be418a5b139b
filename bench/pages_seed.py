"""The pages benchmark's data: fills var/bench_pages_<n>.sqlite3 if needed (`seed_demo`, then
`generate_learning`), then prints JSON with the sessions, a token and the pages to time.

Run by bench/bench_pages.py as a child process on the dev settings (so `seed_demo` may run):
`python -m bench.pages_seed` with BENCH_PAGES_SIZE set."""

import json
import os
import sys

from bench import load


def seed():
    """Fill the database if needed, then print JSON: sessions, a token and the pages to time."""
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from barriers.models import Barrier
    from brightspots.models import BrightSpotIndexPage, BrightSpotPage, ForumSessionPage
    from people import roles
    from people.models import User
    from reviews.models import Review
    from search.models import ApiToken, LearningRecord
    from stories.models import Participant
    from taxonomy.models import Agency, Principle

    size = int(os.environ["BENCH_PAGES_SIZE"])
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="practitioner").exists():
        call_command("seed_demo", stdout=sys.stderr)
    if LearningRecord.objects.count() < size:
        call_command("generate_learning", count=size, seed=16, stdout=sys.stderr)
    bare = _bare_page()

    practitioner = User.objects.get(username="practitioner")
    caseteam = User.objects.get(username="caseteam")
    leader = User.objects.get(username="leader")
    agency = Agency.objects.order_by("pk").first()
    group = Group.objects.get(name=roles.PRACTITIONER)
    load_users = []
    for number in range(load.USERS):
        user, created = User.objects.get_or_create(
            username=f"bench-load-{number:02d}",
            defaults={"agency": agency, "job_title": "Outreach worker"},
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
        load_users.append(user)

    def session(user, device=None):
        client = Client()
        client.force_login(user)
        if device:
            stored = client.session
            stored[DEVICE_ID_SESSION_KEY] = device.persistent_id
            stored.save()
        return client.session.session_key

    device = TOTPDevice.objects.filter(user=caseteam, confirmed=True).first()
    ApiToken.objects.filter(user=practitioner, name="Pages benchmark").delete()
    _token, plain_token = ApiToken.issue(practitioner, "Pages benchmark")

    index = BrightSpotIndexPage.objects.live().first()
    spots = BrightSpotPage.objects.live().order_by("pk")
    spot = spots[spots.count() // 2]
    principle = Principle.objects.order_by("number").first()
    forum_session = ForumSessionPage.objects.live().order_by("-pk").first()
    review = Review.objects.visible_to(practitioner).order_by("-pk").first()
    barrier = Barrier.objects.order_by("-pk").first()
    participant = Participant.objects.visible_to(caseteam).order_by("pk").first()
    pages = [
        ("home", "/", "practitioner"),
        ("Bright Spots index", index.url, "practitioner"),
        ("Bright Spots index, filtered", f"{index.url}?principle={principle.pk}", "practitioner"),
        ("one Bright Spot", spot.url, "practitioner"),
        ("forum session", forum_session.url, "practitioner"),
        ("reviews list", "/reviews/", "practitioner"),
        ("one review", f"/reviews/{review.pk}/", "practitioner"),
        ("journey (participant)", f"/case-learning/participants/{participant.pk}/", "caseteam"),
        ("barrier log", "/barriers/", "practitioner"),
        ("one barrier", f"/barriers/{barrier.pk}/", "practitioner"),
        ("search ?q=housing", "/search/?q=housing", "practitioner"),
        ("insights", "/insights/", "leader"),
        ("API search list", "/api/v1/search?q=housing", "token"),
    ]
    print(
        json.dumps(
            {
                "records": LearningRecord.objects.count(),
                "bare": bare.url,
                "pages": pages,
                "sessions": {
                    "practitioner": session(practitioner),
                    "caseteam": session(caseteam, device),
                    "leader": session(leader),
                },
                "token": plain_token,
                "load_sessions": [session(user) for user in load_users],
                "load_paths": {
                    "spots": [p.url for p in spots[:200]],
                    "index": index.url,
                    "forum_session": forum_session.url,
                    "barriers": list(
                        Barrier.objects.order_by("-pk").values_list("pk", flat=True)[:200]
                    ),
                    # Completed reviews: every load user may open them (a draft only its own
                    # people may, so one of the practitioner's drafts answered 404 to the others).
                    "reviews": list(Review.objects.completed().values_list("pk", flat=True)[:100]),
                    "principles": list(Principle.objects.values_list("pk", flat=True)),
                },
            }
        )
    )


def _bare_page():
    """A plain `wagtailcore.Page` under the site root, rendered by bench/templates."""
    from wagtail.models import Page, Site

    root = Site.objects.get(is_default_site=True).root_page
    page = Page.objects.child_of(root).filter(slug="bare-wagtail").first()
    if page is None:
        page = root.add_child(instance=Page(title="Bare Wagtail page", slug="bare-wagtail"))
    return page


if __name__ == "__main__":
    seed()
