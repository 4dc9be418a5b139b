"""Rendered page fragments shared between the people who may see the same thing (#16).

A fragment's key holds three things:
- what it shows (a name and the values the template passes, e.g. the page's id);
- the *audience*: everything about the viewer that may change what a page shows them: signed in
  or not, superuser, staff, role groups, every permission, agency, and whatever the apps add with
  `add_audience_part` (stories adds the cohorts the person belongs to). Two people share a
  fragment only when all of it is equal, so no one is ever served a view meant for another;
- the *data version*: a random token replaced after every committed write that may show on a page:
  `common.apps` connects `post_save` and `m2m_changed` for every model but those in
  IGNORED_APPS/IGNORED_MODELS, and `DataVersionMiddleware` replaces it after every request that
  may write (a form post that deletes, or writes in bulk without model signals). A new record
  shows at once, on every worker. Deletes are not followed by signal (a `post_delete` receiver
  for every model would stop Django deleting in bulk), nor are bulk writes outside a request (a
  management command): those show within FRAGMENT_CACHE_SECONDS.

The fragments live in the `fragments` cache (settings.CACHES): Django's file-based cache under
var/cache/fragments, shared by every worker on a host and needing no other service. Nothing
personal goes in a fragment: the CSRF token, messages and the person's own name are rendered
outside it (base.html), and fragments hold only what the audience key says is the same.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

CACHE = "fragments"
VERSION_KEY = "data-version"
_audience_parts = []


def add_audience_part(part):
    """`part(user)` returns a string for what else (beyond roles and permissions) may change what
    `user` sees; called for signed-in users only."""
    _audience_parts.append(part)


def data_version():
    cache = caches[CACHE]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def _new_version():
    caches[CACHE].set(VERSION_KEY, uuid.uuid4().hex, None)


def data_changed():
    """Forget every fragment once the current transaction commits (at once outside one). A reader
    that renders before the commit stores the old rows under the old version, which no one asks
    for after it; one that reads the new version also reads the new rows."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        callback is _new_version for _ids, callback, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_new_version)


def per_person(user, name, compute):
    """`compute()` for this signed-in person, kept in the cache until the data version changes.
    For what follows from their roles, permissions, agency and cohorts only: a change of any of
    them is a write, which starts a new data version, so it is read afresh after it."""
    cache = caches[CACHE]
    key = f"person:{name}:{user.pk}:{data_version()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.FRAGMENT_CACHE_SECONDS)
    return found


def audience(user):
    """A short key for everything about `user` that may change what a fragment shows."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    return per_person(user, "audience", lambda: _audience_of(user))


def _audience_of(user):
    parts = [
        "superuser" if user.is_superuser else "",
        "staff" if user.is_staff else "",
        ",".join(sorted(user.group_names)),
        ",".join(sorted(user.get_all_permissions())),
        str(user.agency_id or ""),
        *(part(user) for part in _audience_parts),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def fragment_key(name, values, user):
    what = hashlib.sha256("|".join([name, *map(str, values)]).encode()).hexdigest()[:32]
    return f"fragment:{what}:{audience(user)}:{data_version()}"


def get(key):
    return caches[CACHE].get(key)


def put(key, html):
    caches[CACHE].set(key, html, settings.FRAGMENT_CACHE_SECONDS)


# Models whose writes never show in a fragment: sessions, sign-in attempts, audit trails (the
# site's, and case learning's record of every read, shown only on its own uncached page), second
# factor devices' counters and API tokens' last use. A read writes some of these; were they
# followed, every read would forget every fragment. Every other write forgets the fragments.
IGNORED_APPS = {"sessions", "axes", "audit", "otp_totp", "otp_static", "admin"}
IGNORED_MODELS = {"search.apitoken", "stories.accesslogentry"}


def _affects_pages(sender):
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return True
    return meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def on_model_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if _affects_pages(sender):
        data_changed()


class DataVersionMiddleware:
    """A request that may write (any method but GET, HEAD, OPTIONS) forgets the fragments when it
    ends: bulk writes (`bulk_create`, `update()`) send no model signals."""

    SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in self.SAFE:
            _new_version()
        return response
