from django.contrib.auth.views import redirect_to_login

from wagtail import hooks


@hooks.register("before_serve_page")
def require_sign_in_for_private_pages(page, request, serve_args, serve_kwargs):
    """Pages are for signed-in staff unless the page says it is public (`is_public`)."""
    if request.user.is_authenticated or getattr(page, "is_public", False):
        return None
    return redirect_to_login(request.get_full_path())
