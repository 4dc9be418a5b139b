"""URL helpers shared by the apps' `urls.py`."""

from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme


def route(pattern, view):
    """A path named after its view function, so a URL's name and its view never drift apart."""
    return path(pattern, view, name=view.__name__)


def next_path(request, default):
    """Where to go once a form is done: the request's `next` when it is a path on this site (it
    starts with "/"), else `default`. Another site, a scheme, or a bare word (which `redirect`
    would look up as a view name and fail on) all give `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return default
