"""Sign-ins, failed sign-ins, lockouts and sign-outs, from Django's and django-axes' signals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from axes.signals import user_locked_out

from .services import Kind, record


def _account(username):
    """The account a typed username names, if any. The typed text itself is never kept: people
    type passwords into the username box."""
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record(Kind.SIGN_IN, user=user, request=request, detail="Password accepted")


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    user = _account(credentials.get("username"))
    detail = "Wrong password" if user else "No such account"
    record(Kind.SIGN_IN_FAILED, user=user, request=request, detail=detail)


@receiver(user_locked_out)
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(Kind.LOCKED_OUT, user=_account(username), request=request, detail="Too many failures")


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.SIGN_OUT, user=user, request=request)
