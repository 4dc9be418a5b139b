"""A form posted twice (a double click, a resend after a slow response) is saved once.

The first post of a given body, from one session to one address, claims a key in the cache for
DOUBLE_SUBMIT_WINDOW_SECONDS; an identical post inside that window is not run again but sent
where the first one went. Use a shared cache (not the per-process default) with several workers.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect

IN_PROGRESS = "in-progress"
SKIPPED_PREFIXES = ("/api/", "/static/", "/sign-in/", "/sign-out/", "/account/two-step/")


def _key(request):
    digest = hashlib.sha256()
    digest.update(request.session.session_key.encode())
    digest.update(request.path.encode())
    for name in sorted(request.POST):
        if name == "csrfmiddlewaretoken":
            continue
        for value in request.POST.getlist(name):
            digest.update(f"\0{name}={value}".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"\0{name}:{upload.name}:{upload.size}".encode())
    return f"once:{digest.hexdigest()}"


class DoubleSubmitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        window = getattr(settings, "DOUBLE_SUBMIT_WINDOW_SECONDS", 0)
        if (
            not window
            or request.method != "POST"
            or request.path.startswith(SKIPPED_PREFIXES)
            or not getattr(request, "user", None)
            or not request.user.is_authenticated
            or not request.session.session_key
        ):
            return self.get_response(request)
        key = _key(request)
        if not cache.add(key, IN_PROGRESS, window):
            return self._repeat(cache.get(key))
        response = self.get_response(request)
        if response.status_code in (301, 302, 303):
            cache.set(key, response["Location"], window)
        else:
            # Not saved (a form with errors shows them again): a resend may try again.
            cache.delete(key)
        return response

    @staticmethod
    def _repeat(outcome):
        if outcome and outcome != IN_PROGRESS:
            return HttpResponseRedirect(outcome)
        return HttpResponse(
            "This form is already being saved. Wait a moment, then reload the page to see it.",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
