"""Response headers from the OWASP secure-headers list that Django does not set itself, and the
Content-Security-Policy (django-csp) with one relaxation for Wagtail's admin."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class SecurityHeadersMiddleware:
    """Permissions-Policy, cross-origin isolation of resources, and `Cache-Control: no-store` on
    everything a signed-in person sees (a shared computer's back button or cache shows nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("X-Permitted-Cross-Domain-Policies", "none")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere; Wagtail's admin (staff only, behind the second factor) still
    ships inline scripts in a few widgets and inline styles, so it gets those and nothing more."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(ADMIN_PREFIX):
            parts.update = {
                **(parts.update or {}),
                "script-src": ["'unsafe-inline'"],
                "style-src": ["'unsafe-inline'"],
            }
        return parts
