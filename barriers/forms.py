"""Forms for the barrier log: logging a snag, editing, merging, and the list and insight filters."""

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from privacy.forms import PrivacyGuardMixin
from taxonomy.models import Agency, Area, BarrierCategory, BarrierTheme, Need

from .models import Barrier

# A role or honorific followed by a capitalised word reads as a named member of staff.
_STAFF_NAME_RE = re.compile(
    r"\b(?i:nurse|doctor|dr|social worker|support worker|key ?worker|case ?worker|worker|"
    r"manager|officer|consultant|psychiatrist|receptionist|sergeant|inspector|councillor|"
    r"gp|pc|mr|mrs|ms|miss|mx)\.?[ \u00a0]+(?P<name>[A-Z][a-z]+)\b"
    r"(?:(?=(?:['’]s)?[ \u00a0]+(?P<after>[A-Z][a-z]+)))?"
)
# "GP Surgery", "Nurse Practitioner", "Key Worker Scheme", "Officer Team": a role naming a
# service, post or process, not a person. Also the word after a name: "Dr Gray's Hospital".
_SERVICE_WORDS = frozenset(
    """
    Access Allocation Appointment Appointments Approval Assessment Assessments Availability
    Board Building Capacity Caseload Caseloads Center Centre Clinic Clinics Contact Court
    Cover Duty Forum Foundation Group Hospital Hours House Hub Lane Led Letter Letters Liaison
    Line List Lists Lodge Meeting Meetings Network Office Panel Post Posts Practice Practices
    Practitioner Practitioners Referral Referrals Registration Report Reports Review Reviews
    Road Role Roles Rota Scheme Service Services Shortage Shortages Street Support Surgeries
    Surgery Team Teams Training Trust Unit Vacancies Vacancy Visit Visits Waiting Ward Wing
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_BLAMELESS_ADVICE = (
    "Barriers name services and processes, never individual staff. Describe the team, role or "
    "process instead (for example ‘the duty team’ or ‘the discharge process’)."
)


@dataclass(frozen=True)
class BlamelessHint:
    """A non-blocking hint shaped like privacy.labels.LabelHint (text + suggestion)."""

    text: str
    suggestion: str = _BLAMELESS_ADVICE


def blameless_hints(text):
    """Hints for each place `text` seems to name a member of staff by title and name."""
    return [
        BlamelessHint(match.group(0))
        for match in _STAFF_NAME_RE.finditer(text or "")
        if match.group("name") not in _SERVICE_WORDS and match.group("after") not in _SERVICE_WORDS
    ]


class BlamelessHintMixin:
    """Adds blameless hints to `label_hints` (set by PrivacyGuardMixin); never blocks.

    Listed before PrivacyGuardMixin, which resets `label_hints` in its own clean().
    """

    def clean(self):
        cleaned_data = super().clean()
        for name, value in cleaned_data.items():
            if isinstance(value, str) and value:
                hints = blameless_hints(value)
                if hints:
                    self.label_hints.setdefault(name, []).extend(hints)
        return cleaned_data


class OccurrenceForm(BlamelessHintMixin, PrivacyGuardMixin, forms.Form):
    """Where and when a snag was met: one occurrence."""

    agency = forms.ModelChoiceField(
        label="Agency where you met it", queryset=Agency.objects.all(), required=False
    )
    area = forms.ModelChoiceField(label="Area", queryset=Area.objects.all(), required=False)
    date = forms.DateField(
        label="When did you meet it?",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label="Note about this time",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional, up to 500 characters. Link to records instead of retelling them.",
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return date


class LogSnagForm(OccurrenceForm):
    """The short form a practitioner fills in when something got in the way."""

    title = forms.CharField(
        label="What got in the way?",
        max_length=255,
        help_text="A short name for the snag, naming the service or process "
        "(for example ‘Discharged from hospital with nowhere to stay’).",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label="Describe it briefly",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happens, and who it hurts. No names or other identifiers.",
    )
    level = forms.ChoiceField(
        label="Level", choices=Barrier.Level.choices, initial=Barrier.Level.SERVICE
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=BarrierTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["title", "description", "level", "themes", "agency", "area", "date", "note"]

    def build_barrier(self):
        data = self.cleaned_data
        return Barrier(
            title=data["title"],
            description=data["description"],
            level=data["level"],
            area=data["area"],
        )


class BarrierRulesMixin:
    """Status and escalation rules shared by the front-end edit form and the admin form."""

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if status == Barrier.Status.RESOLVED and not cleaned_data.get("resolution_note"):
            self.add_error(
                "resolution_note",
                "Say how the barrier was resolved before marking it resolved.",
            )
        level = cleaned_data.get("escalation_level")
        if level and level != Barrier.Escalation.PRACTITIONER:
            if not cleaned_data.get("response_due"):
                cleaned_data["response_due"] = Barrier.default_response_due(level)
        elif level == Barrier.Escalation.PRACTITIONER:
            cleaned_data["response_due"] = None
        return cleaned_data


class BarrierForm(BarrierRulesMixin, BlamelessHintMixin, PrivacyGuardMixin, forms.ModelForm):
    """Leaders and owners edit a barrier; status and escalation have rules."""

    class Meta:
        model = Barrier
        fields = [
            "title",
            "description",
            "level",
            "category",
            "themes",
            "needs",
            "specific_groups",
            "agencies",
            "area",
            "fix_agency",
            "owner",
            "status",
            "escalation_level",
            "response_due",
            "resolution_note",
            "permission_granted",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
            "specific_groups": forms.CheckboxSelectMultiple,
            "agencies": forms.CheckboxSelectMultiple,
            "response_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
            "resolution_note": forms.Textarea(attrs={"rows": 3}),
            "permission_granted": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "response_due": "Required when escalated. Left empty, it is set to 14 days from "
            "today for the operational group and 28 days for the strategic board.",
            "resolution_note": "Required when the status is resolved: what changed, so the "
            "snag stays fixed for the next person.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["owner"].help_text = "The person who keeps this barrier moving (by role)."


class MergeForm(forms.Form):
    """Merge this barrier (the duplicate) into another, after confirming."""

    target = forms.IntegerField(
        label="Barrier number to merge into",
        min_value=1,
        help_text="The number shown beside each barrier (for example 42).",
    )
    confirm = forms.BooleanField(
        label="I understand: occurrences move to that barrier and this one closes and "
        "redirects there.",
    )

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate = duplicate

    def clean_target(self):
        number = self.cleaned_data["target"]
        if number == self.duplicate.pk:
            raise forms.ValidationError("Choose a different barrier: it cannot merge into itself.")
        target = Barrier.objects.filter(pk=number).first()
        if target is None:
            raise forms.ValidationError(f"There is no barrier number {number}.")
        if target.merged_into_id:
            raise forms.ValidationError(
                f"Barrier {number} was itself merged into barrier {target.merged_into_id}; "
                "merge into that one instead."
            )
        return target


class BarrierFilterForm(forms.Form):
    q = forms.CharField(label="Text", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Barrier.Status.choices]
    )
    level = forms.ChoiceField(
        label="Level", required=False, choices=[("", "Any level"), *Barrier.Level.choices]
    )
    category = forms.ModelChoiceField(
        label="Category",
        required=False,
        queryset=BarrierCategory.objects.all(),
        empty_label="Any category",
    )
    theme = forms.ModelChoiceField(
        label="Theme", required=False, queryset=BarrierTheme.objects.all(), empty_label="Any"
    )
    need = forms.ModelChoiceField(
        label="Need", required=False, queryset=Need.objects.all(), empty_label="Any"
    )
    agency = forms.ModelChoiceField(
        label="Agency", required=False, queryset=Agency.objects.all(), empty_label="Any"
    )
    area = forms.ModelChoiceField(
        label="Area", required=False, queryset=Area.objects.all(), empty_label="Any"
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(title__icontains=data["q"]) | queryset.filter(
                description__icontains=data["q"]
            )
        for name in ("status", "level", "category", "area"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        joined = False
        for name, field in (("theme", "themes"), ("need", "needs"), ("agency", "agencies")):
            if data[name]:
                queryset = queryset.filter(**{field: data[name]})
                joined = True
        # Only a join through several themes, needs or agencies can list a barrier twice, and
        # DISTINCT costs a sort of every row.
        return queryset.distinct() if joined else queryset


class InsightsFilterForm(forms.Form):
    """Dashboard filters. Dates default to the last twelve whole months up to today."""

    area = forms.ModelChoiceField(
        label="Area", required=False, queryset=Area.objects.all(), empty_label="All areas"
    )
    agency = forms.ModelChoiceField(
        label="Agency", required=False, queryset=Agency.objects.all(), empty_label="All agencies"
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        required=False,
        queryset=BarrierTheme.objects.all(),
        empty_label="All themes",
    )
    level = forms.ChoiceField(
        label="Level", required=False, choices=[("", "All levels"), *Barrier.Level.choices]
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned_data

    def filters(self, today=None):
        """The chosen filters as keyword arguments for barriers.insights.Filters."""
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("date_to") or today
        start = data.get("date_from") or default_start(end)
        return {
            "area": data.get("area"),
            "agency": data.get("agency"),
            "theme": data.get("theme"),
            "level": data.get("level") or "",
            "start": start,
            "end": end,
        }


def default_start(end):
    """The first day of the month eleven months before `end`: twelve whole months."""
    month = end.month - 11
    year = end.year
    while month < 1:
        month += 12
        year -= 1
    return datetime.date(year, month, 1)
