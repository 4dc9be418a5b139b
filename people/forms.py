from django import forms

from django_otp import match_token

from .models import User
from .two_factor import normalise_token


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "job_title", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = True
        self.fields["agency"].help_text = "Everyone belongs to an agency; pick yours."


class TokenField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "inputmode": "numeric",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return normalise_token(super().clean(value))


class SecondFactorForm(forms.Form):
    """The code from the authenticator app, or one recovery code."""

    token = TokenField(
        label="Code",
        help_text="The 6-digit code your authenticator app shows now, or a recovery code.",
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"]
        self.device = match_token(self.user, token)
        if self.device is None:
            raise forms.ValidationError(
                "That code is not right, or was already used. Check the time on your phone is set "
                "automatically and enter the code it shows now. After several wrong codes you "
                "must wait a little before trying again."
            )
        return token


class SetupForm(forms.Form):
    token = TokenField(
        label="Code from your app", help_text="Enter the 6-digit code the app shows after scanning."
    )
