from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from wagtail.views import serve as wagtail_serve

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from common import fragments

from . import two_factor
from .roles import has_any_role


class SignInRequiredMiddleware(LoginRequiredMiddleware):
    """Sign-in everywhere, except where another gate decides.

    Wagtail pages decide per page (see `people.wagtail_hooks`), the admin has its own sign-in,
    the API authenticates by token, and static files are public.
    """

    open_prefixes = ("/static/", "/media/", "/admin/", "/api/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve or request.path.startswith(self.open_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, without its query on every request (#16).

    Theirs reads the device the session names each time a request asks whether its person passed
    the second factor, to check it is still a confirmed device of theirs. Here that answer is kept
    per person until a device is added, confirmed or removed (`two_factor.is_confirmed_device_of`),
    and the device is read only if something uses it (`request.user.otp_device` is lazy). A device
    that is no longer theirs, or no longer confirmed, leaves the session unverified at the next
    request, as theirs does."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            if persistent_id and two_factor.is_confirmed_device_of(
                user, self._normalize_persistent_id(persistent_id)
            ):
                user.otp_device = SimpleLazyObject(
                    lambda: self._device_from_persistent_id(persistent_id)
                )
            else:
                user.otp_device = self._finalize_device(request, user, None)
        return user


# Pages a signed-in person may reach before the gates below are passed.
ACCOUNT_PAGES = {
    "people:logout",
    "people:account",
    "people:password_change",
    "people:two_factor",
    "people:two_factor_setup",
    "people:two_factor_verify",
}
SECOND_FACTOR_PAGES = {"people:logout", "people:two_factor_verify", "people:two_factor_setup"}


class AccountGateMiddleware:
    """After the password, in order: the second factor if the account has one (or its role needs
    one), then a role. Until both are passed only the account pages open: a signed-in person with
    no role has no rights at all, not a practitioner's. The API checks its tokens itself."""

    open_prefixes = ("/static/", "/media/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.open_prefixes):
            return None
        _remember_permissions(user)
        # Pages anyone may open signed out (the feed, the calendar, public pages) are no more
        # closed to an account without a role; Wagtail pages decide in people.wagtail_hooks.
        public = not getattr(view_func, "login_required", True) or view_func is wagtail_serve
        match = request.resolver_match
        name = match.view_name if match else ""
        if not user.is_verified():
            if two_factor.has_second_factor(user):
                if name not in SECOND_FACTOR_PAGES:
                    return self._to(request, "people:two_factor_verify")
                return None
            if two_factor.is_required_for(user):
                if name not in SECOND_FACTOR_PAGES:
                    return self._to(request, "people:two_factor_setup")
                return None
        if not has_any_role(user) and name not in ACCOUNT_PAGES and not public:
            return render(request, "people/no_role.html", status=403)
        return None

    @staticmethod
    def _to(request, url_name):
        target = request.get_full_path() if request.method == "GET" else "/"
        return redirect(f"{reverse(url_name)}?{urlencode({'next': target})}")


def _remember_permissions(user):
    """Django reads a person's permissions afresh on every request (two queries); read them once
    per person and `people` data version instead (a change of permission or role is a write to
    people or auth, which starts a new one). ModelBackend uses `_perm_cache` when it is set."""
    if not hasattr(user, "_perm_cache"):
        user._perm_cache = fragments.per_person(
            user, "permissions", user.get_all_permissions, depends=("people",)
        )
