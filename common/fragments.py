"""Rendered page fragments shared between the people who may see the same thing (#16).

A fragment's key holds three things:
- what it shows (a name and the values the template passes, e.g. the page's id);
- the *audience*: everything about the viewer that may change what a page shows them: signed in
  or not, superuser, staff, role groups, every permission, agency, and whatever the apps add with
  `add_audience_part` (stories adds the cohorts the person belongs to). Two people share a
  fragment only when all of it is equal, so no one is ever served a view meant for another;
- the *data versions* of the topics it depends on. A topic is the app label of the models written
  (`barriers`, `brightspots`, `reviews`, `stories`, `taxonomy`, `wagtailcore` for pages and
  revisions, ...; `auth` counts as `people` and Wagtail's search index as `search`: TOPIC_ALIASES).
  Each topic's version is a random token replaced once a transaction that wrote to it commits, so
  a new barrier occurrence forgets the barrier log but not a Bright Spot's article. A fragment
  names its topics (`{% shared_fragment "barrier-log" ... depends="barriers taxonomy" %}`); one
  that names none depends on every write (the `any` version, replaced by each). Every key also
  holds the root version, replaced when a write cannot be placed (a table no model owns).

What was written is found in two ways:
- in a request, `DataVersionMiddleware` watches the SQL the request runs
  (`connection.execute_wrapper`): each INSERT, UPDATE, DELETE or REPLACE names its table, which
  `table_topics()` maps to its model's app label (many-to-many tables included). That sees
  deletes and bulk writes, which send no model signals; a write to a table no model owns, or a
  statement it cannot read (DDL, a CTE that writes), replaces every version;
- outside a request (management commands, background tasks run by a worker) the model signals
  do it, as before: `common.apps` connects `post_save` and `m2m_changed` for every model. Deletes
  and bulk writes there are not followed (a `post_delete` receiver for every model would stop
  Django deleting in bulk): those show within FRAGMENT_CACHE_SECONDS.
Writes to IGNORED_APPS/IGNORED_MODELS (sessions, sign-in attempts, audit trails, the search
outbox, what only the Wagtail admin shows) and a sign-in's time never replace a version: a read
writes some of them. `per_person` values (the audience key, permissions, the header's account)
follow `people` (auth included), plus `stories` for the audience's cohorts and `taxonomy` for
the agency's name.

The fragments live in the `fragments` cache (settings.CACHES): Django's file-based cache under
var/cache/fragments, shared by every worker on a host and needing no other service. Nothing
personal goes in a fragment: messages and the person's own name are rendered outside it
(base.html), a form's CSRF token inside one is a stand-in replaced by the request's own as it is
served (`with_csrf`), and fragments hold only what the audience key says is the same.
"""

import contextlib
import functools
import hashlib
import re
import threading
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction

CACHE = "fragments"
# The root version, in every key: replaced when a write cannot be placed in a topic.
VERSION_KEY = "data-version"
# Replaced by every write: the version of fragments that name no topics.
ANY = "any"
EVERYTHING = None
# Apps whose writes count as another topic's: roles and permissions are the people's, and
# Wagtail's search index entries are search's.
TOPIC_ALIASES = {"auth": "people", "wagtailsearch": "search", "wagtailusers": "people"}
# What `per_person` values read by default: the account (superuser, staff, agency id), its role
# groups and permissions (auth, counted as people); `audience` adds its parts' topics.
PERSON_TOPICS = ("people",)

# Models whose writes never show in a fragment: sessions, sign-in attempts, audit trails (the
# site's, and case learning's record of every read, shown only on its own uncached page), second
# factor devices' counters, API tokens' last use, the search engine's outbox (its state is in
# the search keys already: `index_state()`), and what only the Wagtail admin shows: its editing
# sessions, Wagtail's log entries and its reference index (which every snippet save rewrites, a
# barrier met again included). A read writes some of these; were they followed, every read would
# forget fragments.
IGNORED_APPS = {"sessions", "axes", "audit", "otp_totp", "otp_static", "admin", "wagtailadmin"}
IGNORED_MODELS = {
    "search.apitoken",
    "search.indexchange",
    "stories.accesslogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
}

# Per thread: whether a request's SQL is being watched, and the versions it has read.
_watching = threading.local()

_audience_parts = []
_audience_topics = set(PERSON_TOPICS)


def add_audience_part(part, topics):
    """`part(user)` returns a string for what else (beyond roles and permissions) may change what
    `user` sees; called for signed-in users only. `topics`: what it reads (a write to one of them
    makes everyone's audience be worked out again)."""
    _audience_parts.append(part)
    _audience_topics.update(topics)


def topic_of(model):
    """The topic a write to `model` changes, or None when it never shows in a fragment."""
    meta = model._meta
    if meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return None
    return TOPIC_ALIASES.get(meta.app_label, meta.app_label)


@functools.cache
def known_topics():
    return frozenset(
        topic for model in apps.get_models(include_auto_created=True) if (topic := topic_of(model))
    )


@functools.cache
def table_topics():
    """{table: topic or None (ignored)} for every model's table, many-to-many tables included."""
    tables = {
        model._meta.db_table: topic_of(model)
        for model in apps.get_models(include_auto_created=True)
    }
    # A database cache (README: the fragments may live in one) is written by every read.
    for cache in settings.CACHES.values():
        if cache["BACKEND"].endswith("DatabaseCache"):
            tables[cache["LOCATION"]] = None
    return tables


def _version_key(topic):
    return VERSION_KEY if topic is EVERYTHING else f"{VERSION_KEY}:{topic}"


def data_version(topics=(ANY,)):
    """A short token for the current versions of `topics` (and the root version): it changes
    whenever a committed write changes one of them."""
    cache = caches[CACHE]
    keys = [VERSION_KEY, *(_version_key(topic) for topic in sorted(set(topics)))]
    # In a request, each version is read from the cache once (see DataVersionMiddleware).
    memo = getattr(_watching, "versions", None)
    found = {} if memo is None else {key: memo[key] for key in keys if key in memo}
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(cache.get_many(missing))
    for key in missing:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    if memo is not None:
        memo.update(found)
    if len(keys) == 2:
        return f"{found[keys[0]]}.{found[keys[1]]}"
    return hashlib.sha256("|".join(str(found[key]) for key in keys).encode()).hexdigest()[:32]


def _new_version(topics=EVERYTHING):
    """Replace the versions of `topics` (and of `any`) now; EVERYTHING replaces the root."""
    keys = [VERSION_KEY] if topics is EVERYTHING else [_version_key(t) for t in {*topics, ANY}]
    versions = {key: uuid.uuid4().hex for key in keys}
    caches[CACHE].set_many(versions, None)
    memo = getattr(_watching, "versions", None)
    if memo is not None:
        memo.update(versions)


class _NewVersions:
    """The on-commit callback of one transaction: every topic it wrote, replaced once."""

    def __init__(self):
        self.topics = set()
        self.everything = False

    def add(self, topics):
        if topics is EVERYTHING:
            self.everything = True
        else:
            self.topics.update(topics)

    def __call__(self):
        if self.everything:
            _new_version(EVERYTHING)
        elif self.topics:
            _new_version(self.topics)


def data_changed(topics=EVERYTHING, using=None):
    """Forget the fragments of `topics` (EVERYTHING: all of them) once the current transaction
    commits (at once outside one). A reader that renders before the commit stores the old rows
    under the old versions, which no one asks for after it; one that reads the new versions also
    reads the new rows. One transaction replaces each topic once, however many rows it writes."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _ids, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _NewVersions):
                callback.add(topics)
                return
    callback = _NewVersions()
    callback.add(topics)
    transaction.on_commit(callback, using=using)


def per_person(user, name, compute, depends=PERSON_TOPICS):
    """`compute()` for this signed-in person, kept in the cache until a write to one of the
    `depends` topics. For what follows from their roles, permissions and agency: a change of any
    of them is a write to `people` (auth counts as people), so it is read afresh after it. Pass
    more topics when `compute` reads more (an agency's name is taxonomy's)."""
    return _kept(f"person:{name}:{user.pk}:{data_version(depends)}", compute)


def shared(user, name, compute, depends=None):
    """`compute()` kept for everyone who shares `user`'s audience (see `audience`) until a write
    to one of the `depends` topics (None: any write). For data a fragment shows that is the same
    for all of them, when the fragment around it is personal and so rarely shared."""
    if depends:
        _check_topics(depends)
    return _kept(f"shared:{name}:{audience(user)}:{data_version(depends or (ANY,))}", compute)


def everyone(name, compute, depends):
    """`compute()` kept for every reader until a write to one of the `depends` topics: for what
    is the same whoever asks (which restrictions cover a page), never for what a person's roles
    may change."""
    _check_topics(depends)
    return _kept(f"everyone:{name}:{data_version(depends)}", compute)


def _check_topics(depends):
    """A misspelt topic is a version no write replaces: a value kept under it would never be
    read afresh. ValueError naming it."""
    if not set(depends) <= known_topics():
        parse_depends(" ".join(depends))


def _kept(key, compute):
    """The cached value under `key`, or `compute()`'s, kept there. In a request each key is read
    from the cache once (a page asks for the audience once per fragment)."""
    memo = getattr(_watching, "kept", None)
    if memo is not None and key in memo:
        return memo[key]
    cache = caches[CACHE]
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.FRAGMENT_CACHE_SECONDS)
    if memo is not None:
        memo[key] = found
    return found


def audience(user):
    """A short key for everything about `user` that may change what a fragment shows."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    return per_person(
        user, "audience", lambda: _audience_of(user), depends=tuple(sorted(_audience_topics))
    )


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


def parse_depends(text):
    """The topics in "barriers taxonomy" as a tuple; ValueError naming any unknown topic."""
    topics = tuple(sorted(set(text.split())))
    unknown = [topic for topic in topics if topic not in known_topics()]
    if unknown:
        raise ValueError(
            f"unknown topic {', '.join(unknown)}: use app labels such as "
            f"{', '.join(sorted(known_topics()))}"
        )
    if not topics:
        raise ValueError("depends names no topic: leave it out to depend on every write")
    return topics


def fragment_key(name, values, user, depends=None):
    """The cache key of fragment `name` showing `values` to `user`; `depends` is the topics it
    shows (None: every write)."""
    what = hashlib.sha256("|".join([name, *map(str, values)]).encode()).hexdigest()[:32]
    return f"fragment:{what}:{audience(user)}:{data_version(depends or (ANY,))}"


# A CSRF token inside a fragment is rendered as this stand-in and the request's own token is put
# in its place each time the fragment is served (`render_keeping_csrf_out`, `with_csrf`).
CSRF_STAND_IN = "csrf-stand-in-for-this-request"


def render_keeping_csrf_out(context, render):
    """`render(context)` with the CSRF token standing in for the person's own, so that forms may
    sit inside a shared fragment (`with_csrf` puts the real token back)."""
    with context.push(csrf_token=CSRF_STAND_IN):
        return render(context)


def with_csrf(html, context):
    """`html` with the request's own CSRF token where the stand-in is."""
    if CSRF_STAND_IN not in html:
        return html
    token = context.get("csrf_token")
    token = "" if token in (None, "NOTPROVIDED") else str(token)
    return html.replace(CSRF_STAND_IN, token)


def get(key):
    return caches[CACHE].get(key)


def put(key, html):
    caches[CACHE].set(key, html, settings.FRAGMENT_CACHE_SECONDS)


def on_model_change(sender, **kwargs):
    """Signal receiver for writes outside a request (in one, `DataVersionMiddleware` sees the
    SQL itself, deletes and bulk writes included)."""
    if kwargs.get("raw") or getattr(_watching, "active", False):
        return
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # a sign-in (SIGN_IN below)
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    meta = getattr(sender, "_meta", None)
    if meta is None:
        data_changed(EVERYTHING)
        return
    topic = topic_of(sender)
    if topic is not None:
        data_changed({topic}, using=kwargs.get("using"))


# Statements that never write; anything else that is not a plain INSERT, UPDATE, DELETE or
# REPLACE (DDL, a WITH that writes) replaces every version.
READS = {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "PRAGMA", "SET", "SHOW"}
WRITE = re.compile(
    r"""\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)
    \s+[`"\[]?([\w.]+)""",
    re.IGNORECASE | re.VERBOSE,
)
WRITING_WORD = re.compile(r"\b(?:INSERT|UPDATE|DELETE|REPLACE|MERGE)\b", re.IGNORECASE)


# A sign-in records its time on the account, which no page shows (Django's update_last_login).
SIGN_IN = re.compile(r'\s*UPDATE\s+"?people_user"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE', re.I)


def written_topics(sql):
    """What statement `sql` writes: an empty set for a read or an ignored table, a set of
    topics, or EVERYTHING when it cannot say."""
    if SIGN_IN.match(sql):
        return set()
    verb = sql.lstrip()[:10].split(None, 1)[0].upper() if sql.strip() else ""
    if verb in READS:
        return set()
    if verb == "WITH":
        return EVERYTHING if WRITING_WORD.search(sql) else set()
    match = WRITE.match(sql)
    if match is None:
        return EVERYTHING
    table = match.group(1).rsplit(".", 1)[-1]
    tables = table_topics()
    if table not in tables:
        return EVERYTHING
    topic = tables[table]
    return set() if topic is None else {topic}


class _WriteWatcher:
    """`connection.execute_wrapper` for one request: after each statement that writes, its
    topics are replaced once the transaction commits (at once in autocommit)."""

    def __init__(self, alias):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        topics = written_topics(sql)
        if topics is EVERYTHING or topics:
            data_changed(topics, using=self.alias)
        return result


class DataVersionMiddleware:
    """Replaces the data versions of what each request actually wrote (see the module's
    docstring); a request that writes nothing, or only sessions and audit rows, forgets nothing.

    It also keeps the versions a request has read (`_watching.versions`), so that a page with
    many fragments reads each topic's version from the cache once, not once per fragment; the
    request's own writes replace them there too. Values kept per person or audience are read once
    per request as well (`_watching.kept`: their keys hold the versions, so a write in the request
    makes a new key). Another request's write during this one shows
    from the next request, as it would had this one rendered a moment earlier."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with contextlib.ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(_WriteWatcher(connection.alias)))
            previous = (
                getattr(_watching, "active", False),
                getattr(_watching, "versions", None),
                getattr(_watching, "kept", None),
            )
            _watching.active, _watching.versions, _watching.kept = True, {}, {}
            try:
                return self.get_response(request)
            finally:
                _watching.active, _watching.versions, _watching.kept = previous
