from django import forms
from django.contrib.auth import get_user_model

from .models import AuditEvent


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="What happened", required=False, choices=[("", "Anything"), *AuditEvent.Kind.choices]
    )
    user = forms.ModelChoiceField(
        label="Account", required=False, queryset=get_user_model().objects.order_by("username")
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def events(self):
        """The events the filter selects (call after is_valid; an invalid filter selects all)."""
        events = AuditEvent.objects.select_related("user")
        if self.is_valid():
            return events.filtered(**self.cleaned_data)
        return events
