"""Forms for starting and running a review. Every free-text field goes through the privacy guard."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from common.formsets import BoundedInlineFormSet, BoundedModelFormSet
from common.models import filter_given
from privacy.forms import PrivacyGuardMixin
from privacy.validators import check_fields
from taxonomy.models import Agency, Area, Need, Principle

from .models import Action, Answer, Lesson, Review, ReviewParticipant, ReviewTemplate

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.agency})" if obj.agency_id else name


def active_users():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("agency")
        .order_by("first_name", "last_name", "username")
    )


class ReviewDetailsForm(PrivacyGuardMixin, forms.ModelForm):
    """What the review is about, and the records it links to."""

    class Meta:
        model = Review
        fields = [
            "title",
            "date",
            "kind",
            "about",
            "area",
            "forum_session",
            "bright_spot",
            "barrier",
            "tags",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "kind": forms.RadioSelect,
            "about": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "forum_session": "Forum session it follows",
            "bright_spot": "Bright Spot it looks at",
            "barrier": "Barrier it looks at",
        }
        help_texts = {"tags": "Optional free tags, separated by commas."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from brightspots.models import BrightSpotPage, ForumSessionPage

        self.fields["kind"].choices = Review.Kind.choices
        self.fields["area"].queryset = Area.objects.order_by("name")
        self.fields["forum_session"].queryset = ForumSessionPage.objects.live().order_by(
            "-starts_at"
        )
        self.fields["bright_spot"].queryset = BrightSpotPage.objects.live().order_by("title")
        self.fields["barrier"].queryset = self.fields["barrier"].queryset.filter(
            merged_into__isnull=True
        )
        for name in ("area", "forum_session", "bright_spot", "barrier"):
            self.fields[name].empty_label = "None"
        self.fields["date"].error_messages["invalid"] = "Enter the date as day, month and year."

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        problems = check_fields({"tags": ", ".join(tags)})
        if problems:
            raise forms.ValidationError(problems["tags"])
        return tags


class ReviewStartForm(ReviewDetailsForm):
    template = forms.ModelChoiceField(
        queryset=ReviewTemplate.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        label="Template",
        help_text="The questions the review will ask. You can skip any question on the day.",
        error_messages={"required": "Choose a template for the review's questions."},
    )

    class Meta(ReviewDetailsForm.Meta):
        fields = ["template", *ReviewDetailsForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReviewTemplate.objects.live().order_by("name")
        self.fields["title"].error_messages["required"] = (
            "Give the review a title: what it is about, without names."
        )


class AnswerForm(PrivacyGuardMixin, forms.ModelForm):
    """One question as asked in this review; its label is the question itself."""

    privacy_fields = ("answer",)

    class Meta:
        model = Answer
        fields = ["answer", "skipped"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = self.instance.question
        self.fields["answer"].help_text = self.instance.guidance

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("skipped") and (cleaned_data.get("answer") or "").strip():
            self.add_error(
                "skipped",
                "You skipped a question you have answered: untick \u201cSkip this question\u201d "
                "or clear the answer.",
            )
        return cleaned_data


AnswerFormSet = forms.modelformset_factory(
    Answer, form=AnswerForm, formset=BoundedModelFormSet, extra=0, can_delete=False
)


class LessonForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("text",)

    class Meta:
        model = Lesson
        fields = ["kind", "text", "principles", "needs", "agencies"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "principles": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
            "agencies": forms.CheckboxSelectMultiple,
        }
        help_texts = {"text": "One thing to keep doing, or to do differently next time."}
        error_messages = {"text": {"required": "Write the lesson, or remove this row."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Lesson.Kind.choices
        self.fields["principles"].queryset = Principle.objects.order_by("number")
        self.fields["needs"].queryset = Need.objects.order_by("name")
        self.fields["agencies"].queryset = Agency.objects.order_by("name")


class ActionForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("description", "completion_note")

    owner = UserChoiceField(
        queryset=get_user_model().objects.none(),
        label="Owner",
        help_text="The person who will make sure it happens.",
        error_messages={"required": "Give the action an owner."},
    )

    class Meta:
        model = Action
        fields = ["description", "owner", "owner_agency", "due", "status", "completion_note"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due": DATE_WIDGET,
            "completion_note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"owner_agency": "Owner's agency"}
        error_messages = {
            "description": {"required": "Say what will be done, or remove this row."},
            "due": {"required": "Give the action a due date."},
        }

    def __init__(self, *args, review_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.review_date = review_date
        self.fields["owner"].queryset = active_users()
        self.fields["owner_agency"].queryset = Agency.objects.order_by("name")
        self.fields["owner_agency"].empty_label = "Same as the owner's"
        self.fields["due"].required = True
        self.fields["due"].error_messages["invalid"] = "Enter the due date as day, month and year."

    def clean(self):
        cleaned_data = super().clean()
        due = cleaned_data.get("due")
        if due and self.review_date and due < self.review_date:
            self.add_error(
                "due",
                f"The due date cannot be before the review ({self.review_date:%-d %B %Y}). "
                "Choose that day or later.",
            )
        owner = cleaned_data.get("owner")
        if owner and not cleaned_data.get("owner_agency") and owner.agency_id:
            cleaned_data["owner_agency"] = owner.agency
            self.instance.owner_agency = owner.agency
        return cleaned_data


class ParticipantForm(forms.ModelForm):
    user = UserChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Colleague with an account (optional)",
        help_text="Named colleagues can edit the draft. Leave empty for anyone else: "
        "they are recorded by role only.",
    )

    class Meta:
        model = ReviewParticipant
        fields = ["role", "agency", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = active_users()
        self.fields["user"].empty_label = "No account: role only"
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["agency"].empty_label = "No agency (for example, the person)"

    def clean(self):
        cleaned_data = super().clean()
        user = cleaned_data.get("user")
        if user and not cleaned_data.get("agency") and user.agency_id:
            cleaned_data["agency"] = user.agency
            self.instance.agency = user.agency
        return cleaned_data


def child_formset(model, form, extra):
    return forms.inlineformset_factory(
        Review,
        model,
        form=form,
        formset=BoundedInlineFormSet,
        extra=extra,
        can_delete=True,
    )


class BarrierRaiseForm(PrivacyGuardMixin, forms.Form):
    """A barrier the review met: count it again on an existing barrier, or start a new one."""

    privacy_fields = ("note", "new_title")

    existing = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="An existing barrier",
        help_text="If it is already in the barrier log, choose it: it is counted again, "
        "not copied.",
        empty_label="None",
    )
    new_title = forms.CharField(
        max_length=255,
        required=False,
        label="Or start a new barrier: what got in the way?",
        help_text="Name the service or process, never a member of staff.",
    )
    new_level = forms.ChoiceField(
        required=False,
        label="Level of the new barrier",
        choices=[("", "Choose a level")],
    )
    note = forms.CharField(
        max_length=500,
        required=False,
        label="Note (optional)",
        help_text="How it showed up in this case, in a sentence. 500 characters at most.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        from barriers.models import Barrier

        self.review = review
        barriers = Barrier.objects.filter(merged_into__isnull=True)
        if review is not None and review.area_id:
            # Snags met in this area, and those not tied to one place.
            barriers = barriers.filter(Q(area_id=review.area_id) | Q(area__isnull=True))
        self.fields["existing"].queryset = barriers.order_by("title")
        self.fields["new_level"].choices = [("", "Choose a level"), *Barrier.Level.choices]

    def clean(self):
        cleaned_data = super().clean()
        existing = cleaned_data.get("existing")
        new_title = (cleaned_data.get("new_title") or "").strip()
        if existing and new_title:
            self.add_error(
                "new_title",
                "Choose an existing barrier or start a new one, not both. Clear one of them.",
            )
        if new_title and not cleaned_data.get("new_level"):
            self.add_error("new_level", "Choose the level of the new barrier.")
        if (
            existing
            and self.review is not None
            and self.review.pk
            and self.review.barrier_occurrences().filter(barrier=existing).exists()
        ):
            self.add_error("existing", "This review has already raised that barrier.")
        if cleaned_data.get("note") and not (existing or new_title):
            self.add_error("note", "Choose an existing barrier or start a new one for this note.")
        return cleaned_data

    def has_barrier(self):
        return bool(self.cleaned_data.get("existing") or self.cleaned_data.get("new_title"))


class ActionUpdateForm(PrivacyGuardMixin, forms.ModelForm):
    """The owner or the facilitator moves an action on."""

    class Meta:
        model = Action
        fields = ["status", "completion_note"]
        widgets = {"completion_note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"completion_note": "What was done, when it is done."}


class ReviewFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Words", max_length=200)
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Review.Kind.choices])
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *Review.Status.choices])
    principle = forms.ModelChoiceField(
        queryset=Principle.objects.order_by("number"), required=False, empty_label="Any"
    )
    need = forms.ModelChoiceField(
        queryset=Need.objects.order_by("name"), required=False, empty_label="Any"
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.order_by("name"), required=False, empty_label="Any"
    )
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Year")

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any year"), *[(y, str(y)) for y in years]]

    def filter(self, queryset):
        data = self.cleaned_data
        queryset = queryset.matching(data.get("q"))
        queryset = filter_given(queryset, kind=data.get("kind"), status=data.get("status"))
        if data.get("principle"):
            queryset = queryset.for_principle(data["principle"])
        if data.get("need"):
            queryset = queryset.for_need(data["need"])
        if data.get("agency"):
            queryset = queryset.for_agency(data["agency"])
        if data.get("year"):
            queryset = queryset.in_year(data["year"])
        return queryset
