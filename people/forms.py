from django import forms

from .models import User


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "job_title", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = True
        self.fields["agency"].help_text = "Everyone belongs to an agency; pick yours."
