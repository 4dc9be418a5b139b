from django.contrib.auth.middleware import LoginRequiredMiddleware

from wagtail.views import serve as wagtail_serve


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
