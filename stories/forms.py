from django import forms
from django.contrib.auth import get_user_model

from barriers.models import Barrier
from brightspots.models import BrightSpotPage
from privacy.forms import PrivacyGuardMixin
from taxonomy.models import Agency, Need

from .models import Cohort, CohortMembership, CohortSummary, Participant, Touchpoint

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CohortForm(PrivacyGuardMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "area", "starts_on", "ends_on", "status"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}


class MembershipForm(forms.ModelForm):
    """Add someone to a cohort's team."""

    class Meta:
        model = CohortMembership
        fields = ["user", "role"]
        labels = {"user": "Person"}

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(cohort_memberships__cohort=cohort)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["user"].help_text = "Only people not already on this cohort's team are listed."

    def save(self, commit=True):
        self.instance.cohort = self.cohort
        return super().save(commit)


class ParticipantForm(PrivacyGuardMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "alias",
            "consent_status",
            "consent_date",
            "involvement",
            "lead_practitioner",
            "has_expert_by_relationship",
            "expert_by_relationship_role",
            "needs",
        ]
        widgets = {
            "consent_date": DATE_INPUT,
            "involvement": forms.RadioSelect,
            "needs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.fields["lead_practitioner"].queryset = cohort.team.order_by("first_name", "last_name")
        self.fields["lead_practitioner"].help_text = "A member of the cohort's team."
        self.fields["needs"].queryset = Need.objects.order_by("name")
        # Withdrawal is its own action, because it also removes the narrative.
        self.fields["consent_status"].choices = [
            choice
            for choice in Participant.Consent.choices
            if choice[0] != Participant.Consent.WITHDRAWN
        ]
        self.fields[
            "consent_status"
        ].help_text = (
            "To record that the person withdrew consent, use 'Withdraw consent' on their page."
        )

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("consent_status") == Participant.Consent.GIVEN
            and not cleaned_data.get("consent_date")
            and "consent_date" not in self.errors
        ):
            self.add_error("consent_date", "Enter the date the person gave consent.")
        return cleaned_data

    def save(self, commit=True):
        self.instance.cohort = self.cohort
        return super().save(commit)


class TouchpointForm(PrivacyGuardMixin, forms.ModelForm):
    """A touchpoint; the barriers chosen are linked (and counted) by the view's service call."""

    class Meta:
        model = Touchpoint
        fields = [
            "date",
            "agency",
            "service",
            "kind",
            "outcome",
            "what_happened",
            "persons_view",
            "learning_note",
            "bright_spots",
        ]
        widgets = {
            "date": DATE_INPUT,
            "outcome": forms.RadioSelect,
            "what_happened": forms.Textarea(attrs={"rows": 6}),
            "persons_view": forms.Textarea(attrs={"rows": 3}),
            "learning_note": forms.Textarea(attrs={"rows": 3}),
            "bright_spots": forms.CheckboxSelectMultiple,
        }
        help_texts = {"bright_spots": "Bright Spots this touchpoint shows or led to."}

    barriers = forms.ModelMultipleChoiceField(
        queryset=Barrier.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Barriers met",
        help_text="Each barrier linked here is counted as met again on the barrier log.",
    )

    def __init__(self, *args, participant=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant or (self.instance.participant if self.instance.pk else None)
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["barriers"].queryset = Barrier.objects.active().order_by("title")
        if self.instance.pk:
            self.fields["barriers"].initial = list(
                self.instance.barrier_links.values_list("barrier_id", flat=True)
            )
        self.fields["bright_spots"].queryset = BrightSpotPage.objects.live().order_by("title")
        self.fields["bright_spots"].required = False

    def privacy_pseudonyms(self):
        """The participant's alias may be used in their own touchpoints (never elsewhere)."""
        return (self.participant.alias,) if self.participant else ()


class CohortSummaryForm(PrivacyGuardMixin, forms.ModelForm):
    class Meta:
        model = CohortSummary
        fields = ["title", "summary", "published"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 12})}
        labels = {"published": "Publish this summary for every signed-in user to read"}


class WithdrawConsentForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand this permanently removes the alias and every narrative, own-words "
        "and learning note text from this person's journey.",
        error_messages={"required": "Tick the box to confirm, or go back to the journey."},
    )


class AuditFilterForm(forms.Form):
    cohort = forms.ModelChoiceField(queryset=Cohort.objects.order_by("name"), required=False)
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("username"), required=False, label="Person"
    )
    date_from = forms.DateField(required=False, label="From", widget=DATE_INPUT)
    date_to = forms.DateField(required=False, label="To", widget=DATE_INPUT)
