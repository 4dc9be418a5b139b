"""Idle sessions without a database write on every request."""

import time

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware

RENEWED_KEY = "_renewed_at"


class RenewingSessionMiddleware(SessionMiddleware):
    """Django's session middleware, renewing an unchanged session's expiry at most once every
    SESSION_RENEW_SECONDS rather than saving it on every response (`SESSION_SAVE_EVERY_REQUEST`
    cost a write and a commit per page). A session still ends SESSION_COOKIE_AGE after its last
    renewal, so at most SESSION_RENEW_SECONDS earlier than after the last request."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.modified:
            renewed = session.get(RENEWED_KEY, 0)
            if not session.is_empty() and time.time() - renewed >= settings.SESSION_RENEW_SECONDS:
                session[RENEWED_KEY] = int(time.time())
        return super().process_response(request, response)
