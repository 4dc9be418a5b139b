"""Which page a URL is, kept between requests (#16).

For every page Wagtail finds the site of the request (one query), the site's root page and its
specific type (one more), then the page at the path below it (`HomePage.route`: two). What it
finds changes only when a page, a site or a page type's own table is written, so the site and
the route found for a host, port and path are kept in the fragment cache (common.fragments),
under the data versions of those tables: the next request for the same URL makes none of those
queries. Whether this person may see the page is still decided for every request, after this
(Wagtail's and `people.wagtail_hooks`' `before_serve_page` hooks); nothing about the person is
kept. A path that is no page's is never kept.

Wagtail's own gate reads which view restrictions cover a page (two queries: the page's
ancestors, then their restrictions). This project's page types keep the restrictions' ids
until a write to Wagtail's tables (`home.models.KeptViewRestrictionsMixin`): none, the usual
answer, costs no query, and a restriction still decides for each request.
"""

import functools
import hashlib

from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from common import fragments


@functools.cache
def page_topics():
    """The topics whose writes may change which page a URL is, or what that page holds:
    Wagtail's own tables (pages, sites, locales) and every page type's app."""
    topics = {fragments.topic_of(model) for model in get_page_models()}
    return tuple(sorted(topic for topic in topics | {"wagtailcore"} if topic))


def route_key(request, path):
    where = f"{request._get_raw_host()}|{request.get_port()}|{path}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return f"page-route:{digest}:{fragments.data_version(page_topics())}"


class KeptPageRouteMiddleware:
    """Puts the kept site and route on a request Wagtail is about to serve (where Wagtail looks
    for them: `request._wagtail_site`, `request._wagtail_route_for_request`), or finds and keeps
    them. Last in MIDDLEWARE, so a request turned away earlier finds nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        key = route_key(request, path)
        kept = fragments.get(key)
        if kept is not None:
            request._wagtail_site, request._wagtail_route_for_request = kept
            return None
        route = Page.route_for_request(request, path)
        if isinstance(route, RouteResult):
            fragments.put(key, (request._wagtail_site, route))
        return None
