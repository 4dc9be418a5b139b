from django.utils.functional import SimpleLazyObject

from common import fragments

from . import roles

# (label, url, roles that see it; None means everyone signed in)
NAVIGATION = [
    ("Bright Spots", "/bright-spots/", None),
    ("Forum", "/forum/", None),
    ("Reviews", "/reviews/", None),
    ("Case learning", "/case-learning/", None),
    ("Barriers", "/barriers/", None),
    ("Search", "/search/", None),
    # The dashboard answers 403 to anyone else (barriers.insights_views.INSIGHT_ROLES).
    ("Insights", "/insights/", (roles.LEADER, roles.ADMINISTRATOR)),
    ("Audit log", "/audit/", (roles.ADMINISTRATOR,)),
]


def navigation(request):
    """The main navigation for this user, with the current section marked for `aria-current`."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_navigation": []}
    path = request.path
    return {
        # Read only when the header is not in the fragment cache (base.html: per person and
        # section).
        "main_navigation": SimpleLazyObject(
            lambda: [
                {"label": label, "url": url, "current": path.startswith(url)}
                for label, url, needs in NAVIGATION
                if needs is None or user.has_role(*needs)
            ]
        ),
        "current_section": next((url for _, url, _ in NAVIGATION if path.startswith(url)), ""),
        # The header's account links, on every page: read once per person until a write to
        # people (roles, permissions, agency) or taxonomy (the agency's name).
        "account": SimpleLazyObject(
            lambda: fragments.per_person(
                user, "account", lambda: _account(user), depends=("people", "taxonomy")
            )
        ),
    }


def _account(user):
    return {
        "agency": str(user.agency or ""),
        "opens_admin": user.is_staff or user.has_perm("wagtailadmin.access_admin"),
    }
