from django.core.exceptions import PermissionDenied

from .services import Kind, record


class PermissionDenialMiddleware:
    """Every 403 the site answers is an audit event (a refused role, a refused token, a refused
    change), with the account that was refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403 and not getattr(request, "_audit_denial_recorded", False):
            self._record(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            self._record(request)
        return None

    def _record(self, request):
        request._audit_denial_recorded = True
        user = getattr(request, "user", None)
        record(Kind.PERMISSION_DENIED, user=user, request=request, detail=request.method)
