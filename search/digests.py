"""Email digests of learning newly shared since a saved search's last digest."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .forms import SearchForm
from .models import SavedSearch
from .service import SearchPage, search_learning

DIGEST_LIMIT = 20


def new_matches(
    saved: SavedSearch, since: datetime, limit: int = DIGEST_LIMIT
) -> SearchPage | None:
    """The saved search's results first shared after `since` (a SearchPage), or None if the
    saved criteria are no longer valid."""
    form = SearchForm(QueryDict(saved.querystring()))
    if not form.is_valid():
        return None
    arguments = form.search_arguments()
    arguments["filters"]["shared_after"] = since
    arguments.update(sort="newest", page=1, page_size=limit)
    return search_learning(saved.user, **arguments, broaden=False)


def send_digest(saved: SavedSearch, now: datetime | None = None) -> int:
    """Email the new matches, if any. Returns how many new matches were sent (0: no email)."""
    now = now or timezone.now()
    since = saved.last_sent_at or saved.created_at
    if not saved.user.email or not saved.user.is_active:
        return 0
    page = new_matches(saved, since)
    if page is None or page.count == 0:
        return 0
    base = settings.BASE_URL.rstrip("/")
    context = {
        "saved": saved,
        "page": page,
        "since": since,
        "base_url": base,
        "search_url": f"{base}{reverse('search:search')}?{saved.querystring()}",
        "account_url": f"{base}{reverse('people:account')}#saved-searches",
    }
    body = render_to_string("search/email/digest.txt", context)
    plural = "" if page.count == 1 else "es"
    subject = f"{page.count} new match{plural} for “{saved.name}”"
    with transaction.atomic():
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [saved.user.email])
        SavedSearch.objects.filter(pk=saved.pk).update(last_sent_at=now)
    return page.count


def send_due_digests(now: datetime | None = None) -> tuple[int, int]:
    """Send every due digest. Returns (digests sent, saved searches checked)."""
    now = now or timezone.now()
    sent = checked = 0
    for saved in SavedSearch.objects.due(now):
        checked += 1
        if send_digest(saved, now):
            sent += 1
    return sent, checked
