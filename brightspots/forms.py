"""Forms for sharing Bright Spots and running the forum. Every text field is privacy-checked."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from common.formsets import BoundedModelFormSet
from people import roles
from privacy.forms import PrivacyGuardMixin
from taxonomy.models import Agency, Area, Need, Principle

from .models import (
    MARKDOWN_FIELDS,
    MARKDOWN_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    BrightSpotPage,
    FollowUpAction,
    ForumSessionPage,
)
from .models.forum import NOTES_MAX_LENGTH

MARKDOWN_HELP = "Markdown: **bold**, *italic*, lists with -, links as [text](https://...)."
TAGS_MAX = 20


def _markdown_field(label, help_text=MARKDOWN_HELP, rows=6):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MARKDOWN_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "data-markdown": "true"}),
        error_messages={
            "max_length": (
                "Keep this under %(limit_value)s characters (it has %(show_value)s). "
                "Move detail to the evidence, or shorten it."
            )
        },
    )


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def split_tags(value):
    return [tag.strip() for tag in (value or "").split(",") if tag.strip()]


class BrightSpotForm(PrivacyGuardMixin, forms.Form):
    """A Bright Spot as a practitioner tells it. Saved as a draft or submitted for moderation."""

    title = forms.CharField(
        max_length=255,
        help_text="A short name for what worked, e.g. 'Keeping a tenancy open during a sentence'.",
        error_messages={"required": "Enter a title.", "max_length": (
            "Keep the title under %(limit_value)s characters (it has %(show_value)s)."
        )},
    )  # fmt: skip
    summary = forms.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text="One paragraph, plain text: what worked and for whom.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a summary.", "max_length": (
            "Keep the summary under %(limit_value)s characters (it has %(show_value)s)."
        )},
    )  # fmt: skip
    what_happened = _markdown_field("What happened")
    what_made_the_difference = _markdown_field("What made the difference")
    where_else = _markdown_field("Where else it could apply")
    evidence = _markdown_field(
        "Evidence", help_text="What shows it worked: outcomes, numbers, feedback. " + MARKDOWN_HELP
    )
    involvement = forms.ChoiceField(
        label="Was the person involved?",
        choices=BrightSpotPage.Involvement.choices,
        initial=BrightSpotPage.Involvement.NOT_ASKED,
        widget=forms.RadioSelect,
    )
    persons_own_words = _markdown_field(
        "The person's own words",
        help_text="Only where the person took part or consented. Leave out anything that "
        "identifies them.",
        rows=4,
    )
    happened_on = forms.DateField(
        label="When it happened", required=False, widget=_date_input(),
        help_text="Roughly is fine: the month it happened.",
    )  # fmt: skip
    principles = forms.ModelMultipleChoiceField(
        queryset=Principle.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which of the 12 principles this shows.",
    )
    needs = forms.ModelMultipleChoiceField(
        queryset=Need.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies involved",
        queryset=Agency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every agency that took part.",
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), required=False, empty_label="No particular area"
    )
    tags = forms.CharField(
        required=False,
        max_length=500,
        help_text="Comma-separated, e.g. housing, hospital discharge.",
    )
    would_present = forms.BooleanField(
        label="I would present this at a forum session", required=False
    )
    contact = forms.ChoiceField(
        label="How can colleagues get in touch about it?",
        choices=BrightSpotPage.Contact.choices,
        initial=BrightSpotPage.Contact.NONE,
        required=False,
        widget=forms.RadioSelect,
        help_text="Shown only to signed-in staff, never to readers who are not signed in.",
    )
    team_email = forms.EmailField(
        label="Team email address",
        required=False,
        help_text="Only if you chose a team email address, e.g. outreach.team@example.nhs.uk.",
    )

    # A team's work address is a contact the author chose to give, not learning text.
    privacy_exempt_fields = ("team_email",)

    def clean_contact(self):
        return self.cleaned_data.get("contact") or BrightSpotPage.Contact.NONE

    def clean_tags(self):
        value = self.cleaned_data.get("tags", "")
        tags = split_tags(value)
        if len(tags) > TAGS_MAX:
            raise forms.ValidationError(f"Use at most {TAGS_MAX} tags (there are {len(tags)}).")
        if any(len(tag) > 100 for tag in tags):
            raise forms.ValidationError("Keep each tag under 100 characters.")
        return value

    def clean(self):
        cleaned_data = super().clean()
        involvement = cleaned_data.get("involvement")
        if (
            cleaned_data.get("persons_own_words")
            and involvement
            and involvement not in BrightSpotPage.OWN_WORDS_ALLOWED
        ):
            self.add_error(
                "persons_own_words",
                "Only include the person's own words when they took part or consented. Choose "
                "who was involved above, or remove their words.",
            )
        if cleaned_data.get("contact") == BrightSpotPage.Contact.TEAM and not cleaned_data.get(
            "team_email"
        ):
            self.add_error(
                "team_email", "Enter the team's email address, or choose another contact option."
            )
        return cleaned_data

    def preview(self):
        """The text fields as they would be published (sanitised Markdown), from the raw input."""
        from common.markdown import render_markdown

        return {
            name: render_markdown(self.data.get(name, "")[:MARKDOWN_MAX_LENGTH])
            for name in MARKDOWN_FIELDS
        }


class ModerationForm(PrivacyGuardMixin, forms.Form):
    """The host's decision; the comment reaches the submitter by email, so it is guarded too."""

    privacy_fields = ("comment",)

    action = forms.ChoiceField(
        choices=[
            ("approve", "Approve and publish"),
            ("request_changes", "Ask for changes"),
            ("decline", "Decline"),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment for the submitter",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you ask for changes or decline: say what to change, or why.",
    )

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("action") in ("request_changes", "decline")
            and "comment" not in self.errors
            and not cleaned_data.get("comment", "").strip()
        ):
            self.add_error(
                "comment", "Say what to change, or why you are declining: the submitter sees this."
            )
        return cleaned_data


def forum_hosts():
    return (
        get_user_model()
        .objects.filter(groups__name=roles.FORUM_HOST, is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


class ForumSessionForm(PrivacyGuardMixin, forms.Form):
    """A new forum session, usually copied from the last one."""

    privacy_exempt_fields = ("joining_link",)

    title = forms.CharField(max_length=255)
    starts_at = forms.DateTimeField(label="Starts (UK time)", widget=_datetime_input())
    ends_at = forms.DateTimeField(label="Ends (UK time)", widget=_datetime_input())
    format = forms.ChoiceField(choices=ForumSessionPage.Format.choices)
    place = forms.CharField(max_length=255, required=False, help_text="For in-person or hybrid.")
    joining_link = forms.URLField(required=False, assume_scheme="https", max_length=200)
    theme = forms.CharField(max_length=255, required=False)
    description = _markdown_field("Description")
    hosts = forms.ModelMultipleChoiceField(
        queryset=forum_hosts(), required=False, widget=forms.CheckboxSelectMultiple
    )
    call_for_presentations = _markdown_field("Call for presentations")
    presentations_close_on = forms.DateField(
        label="Offers to present close on", required=False, widget=_date_input()
    )
    capacity = forms.IntegerField(min_value=1, max_value=1000, initial=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hosts"].queryset = forum_hosts()

    def clean(self):
        cleaned_data = super().clean()
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts_at and starts_at < timezone.now():
            self.add_error(
                "starts_at", "A new session must start in the future. Choose a later date."
            )
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", "The session must end after it starts. Change the end time.")
        closes = cleaned_data.get("presentations_close_on")
        if starts_at and closes and closes > timezone.localdate(starts_at):
            self.add_error(
                "presentations_close_on",
                "The call for presentations must close on or before the session date "
                f"({timezone.localdate(starts_at):%-d %B %Y}).",
            )
        if cleaned_data.get("format") in ("in_person", "hybrid") and not cleaned_data.get("place"):
            self.add_error("place", "Say where an in-person or hybrid session takes place.")
        return cleaned_data


class SessionRecordForm(PrivacyGuardMixin, forms.Form):
    """What the host records after a session."""

    attended = forms.MultipleChoiceField(
        label="Who attended", required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        required=False, max_length=NOTES_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What was presented and discussed. " + MARKDOWN_HELP,
    )  # fmt: skip
    lessons = forms.CharField(
        required=False, max_length=NOTES_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the forum learned. " + MARKDOWN_HELP,
    )  # fmt: skip
    barriers = forms.ModelMultipleChoiceField(
        label="Barriers raised", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the barriers from the log that came up.",
    )  # fmt: skip

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(r.pk), r.user.get_full_name() or r.user.username) for r in registrations
        ]
        # The session links barriers by a lazy model string; brightspots never imports barriers.
        barrier = ForumSessionPage._meta.get_field("barriers").related_model
        self.fields["barriers"].queryset = barrier.objects.active().order_by("title")


class FollowUpActionForm(PrivacyGuardMixin, forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["text", "owner", "owner_agency", "due_on", "status"]
        widgets = {"due_on": _date_input()}
        labels = {"text": "Action", "owner_agency": "Owning agency"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        )


FollowUpActionFormSet = forms.modelformset_factory(
    FollowUpAction,
    form=FollowUpActionForm,
    formset=BoundedModelFormSet,
    extra=2,
    can_delete=True,
)


def _people():
    return get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")


class AgendaItemForm(forms.Form):
    """Add an approved Bright Spot to a session's agenda (no free text, so nothing to guard)."""

    bright_spot = forms.ModelChoiceField(
        label="Approved Bright Spot",
        queryset=BrightSpotPage.objects.none(),
        empty_label="Choose a Bright Spot",
        help_text="Only approved, published Bright Spots can be presented. Those whose authors "
        "offered to present come first.",
    )
    presenter = forms.ModelChoiceField(
        label="Presenter",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="The person who shared it",
    )
    starts_at = forms.TimeField(
        label="Start time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Optional, 24-hour clock, for example 14:15.",
    )
    minutes = forms.IntegerField(label="Slot (minutes)", min_value=1, max_value=240, initial=15)

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        spots = BrightSpotPage.objects.live().order_by("-would_present", "title")
        if session is not None:
            spots = spots.exclude(agenda_items__session=session)
        self.fields["bright_spot"].queryset = spots
        self.fields["presenter"].queryset = _people()


class RegisterColleagueForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label="Colleague",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a colleague",
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = _people().select_related("agency")
        if session is not None:
            people = people.exclude(
                forum_registrations__in=session.registrations.active()
            ).distinct()
        self.fields["colleague"].queryset = people
        self.fields["colleague"].label_from_instance = _person_label


def _person_label(user):
    name = user.get_full_name() or user.username
    return f"{name}, {user.agency}" if getattr(user, "agency", None) else name
