from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from wagtail import hooks

from .roles import has_any_role


@hooks.register("before_serve_page")
def require_sign_in_for_private_pages(page, request, serve_args, serve_kwargs):
    """Pages are for signed-in staff with a role unless the page says it is public
    (`is_public`)."""
    if getattr(page, "is_public", False):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_any_role(request.user):
        return render(request, "people/no_role.html", status=403)
    return None
