import logging
import os
import time

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()


def warm_up():
    """Speed (#16): each worker answers one search before its first request, so no reader waits
    seconds while a new process loads the search page's templates, word statistics and facet
    sets. Read-only; WARM_UP=0 turns it off. Errors are logged, never raised: a worker that
    could not warm up still serves."""
    if os.environ.get("WARM_UP", "1") == "0":
        return
    started = time.monotonic()
    try:
        from django.db import close_old_connections
        from django.test import RequestFactory

        from people.models import User
        from search.views import search

        user = User.objects.filter(is_active=True).order_by("pk").first()
        if user is not None:
            request = RequestFactory().get("/search/", {"q": "housing"})
            request.user = user
            search(request)
        close_old_connections()
    except Exception:
        logging.getLogger(__name__).exception("Warming up the search page failed")
    logging.getLogger(__name__).info("Warmed up in %.1f s", time.monotonic() - started)


warm_up()
