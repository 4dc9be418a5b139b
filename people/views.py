from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

import django_otp

from audit.services import Kind, record
from common.urls import next_path

from . import two_factor
from .forms import AccountForm, SecondFactorForm, SetupForm

NEW_CODES_SESSION_KEY = "people_new_recovery_codes"


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "people/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "people/password_reset.html"
    email_template_name = "people/email/password_reset.txt"
    subject_template_name = "people/email/password_reset_subject.txt"
    success_url = reverse_lazy("people:password_reset_sent")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_sent.html"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(Kind.PASSWORD, user=form.user, request=self.request, detail="Reset by email link")
        return response


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.html"


def account(request):
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details are saved.")
        return redirect("people:account")
    return render(request, "people/account.html", {"form": form})


def two_factor_status(request):
    user = request.user
    return render(
        request,
        "people/two_factor.html",
        {
            "has_second_factor": two_factor.has_second_factor(user),
            "required": two_factor.is_required_for(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "new_codes": request.session.pop(NEW_CODES_SESSION_KEY, None),
        },
    )


def two_factor_setup(request):
    user = request.user
    device = two_factor.pending_app_device(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_app_device(device, form.cleaned_data["token"]):
            django_otp.login(request, device)
            request.session[NEW_CODES_SESSION_KEY] = two_factor.new_recovery_codes(user)
            record(Kind.SECOND_FACTOR, user=user, request=request, detail="Authenticator set up")
            messages.success(request, "Two-step sign-in is on. Keep your recovery codes safe.")
            return redirect("people:two_factor")
        form.add_error(
            "token", "That code does not match. Scan the code again and try the new one."
        )
    return render(
        request,
        "people/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "key": two_factor.readable_key(device),
            "required": two_factor.is_required_for(user),
        },
    )


def two_factor_verify(request):
    user = request.user
    if not two_factor.has_second_factor(user):
        return redirect("people:two_factor_setup")
    form = SecondFactorForm(user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            django_otp.login(request, form.device)
            record(Kind.SECOND_FACTOR, user=user, request=request, detail="Code accepted")
            if form.device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You used a recovery code; {left} left. Make new ones on your account page.",
                )
            return redirect(next_path(request, "/"))
        record(Kind.SECOND_FACTOR, user=user, request=request, detail="Wrong code")
    return render(
        request, "people/two_factor_verify.html", {"form": form, "next": next_path(request, "/")}
    )


@require_POST
def recovery_codes(request):
    if not request.user.is_verified():
        return redirect("people:two_factor_verify")
    request.session[NEW_CODES_SESSION_KEY] = two_factor.new_recovery_codes(request.user)
    record(Kind.SECOND_FACTOR, user=request.user, request=request, detail="New recovery codes")
    return redirect(reverse("people:two_factor"))


@require_POST
def two_factor_off(request):
    user = request.user
    if two_factor.is_required_for(user):
        messages.error(request, "Your role needs two-step sign-in, so it cannot be turned off.")
        return redirect("people:two_factor")
    two_factor.turn_off(user)
    record(Kind.SECOND_FACTOR, user=user, request=request, detail="Turned off")
    messages.success(request, "Two-step sign-in is off.")
    return redirect("people:two_factor")
