"""Forms for writing and moderating comments. Every text field runs the privacy guard."""

from django import forms
from django.forms.utils import ErrorDict

from privacy.forms import PrivacyGuardMixin

from .models import BODY_MAX_LENGTH, REASON_MAX_LENGTH


class DraftRestoringForm(forms.Form):
    """A form that can be rebuilt after a redirect, with the writer's text and its errors."""

    def to_draft(self) -> dict:
        """What to keep in the session so nothing typed is lost when we redirect back."""
        return {
            "data": {name: self.data.get(self.add_prefix(name), "") for name in self.fields},
            "errors": {
                field: [error["message"] for error in errors]
                for field, errors in self.errors.get_json_data().items()
            },
            "hints": {
                field: [{"text": hint.text, "suggestion": hint.suggestion} for hint in hints]
                for field, hints in getattr(self, "label_hints", {}).items()
            },
        }

    @classmethod
    def from_draft(cls, draft: dict, **kwargs):
        """Bind the kept text and show the kept errors without validating (and logging) again."""
        data = {
            (f"{kwargs['prefix']}-{name}" if kwargs.get("prefix") else name): value
            for name, value in draft.get("data", {}).items()
        }
        form = cls(data=data, **kwargs)
        form._errors = ErrorDict()
        form.cleaned_data = {}
        for field, messages in draft.get("errors", {}).items():
            form._errors[field] = form.error_class(
                messages,
                error_class="nonfield" if field == "__all__" else None,
                renderer=form.renderer,
            )
        form.label_hints = draft.get("hints", {})
        return form


class CommentForm(PrivacyGuardMixin, DraftRestoringForm):
    body = forms.CharField(
        label="Your comment",
        max_length=BODY_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "data-discussion-body": ""}),
        help_text=(
            "Markdown is fine: *emphasis*, lists and links. Talk about services and what "
            "worked, never name or describe the person. Up to 5,000 characters."
        ),
        error_messages={
            "required": "Write your comment before posting it.",
            "max_length": "Keep your comment to 5,000 characters or fewer "
            "(it has %(show_value)d). Shorten it or split it into two comments.",
        },
    )


class HideCommentForm(PrivacyGuardMixin, DraftRestoringForm):
    reason = forms.CharField(
        label="Why are you hiding this comment?",
        max_length=REASON_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The writer sees this reason on their comment. Up to 500 characters.",
        error_messages={
            "required": "Give a reason: the writer sees it so they know what to change.",
            "max_length": "Keep the reason to 500 characters or fewer (it has %(show_value)d).",
        },
    )
