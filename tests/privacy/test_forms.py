import logging

from django import forms
from django.contrib.auth import get_user_model

from privacy.forms import PrivacyGuardMixin

NHS = "943 476 5919"


class NoteForm(PrivacyGuardMixin, forms.Form):
    title = forms.CharField()
    body = forms.CharField(widget=forms.Textarea, required=False)
    visits = forms.IntegerField(required=False)


class BodyOnlyForm(NoteForm):
    privacy_fields = ("body",)


class TitleExemptForm(NoteForm):
    privacy_exempt_fields = ("title",)


def test_identifier_adds_error_to_its_field_quoting_the_span():
    form = NoteForm(data={"title": "Discharge", "body": f"NHS {NHS} was on the letter."})

    assert not form.is_valid()
    assert list(form.errors) == ["body"]
    (error,) = form.errors.as_data()["body"]
    assert error.code == "identifier"
    assert f"“{NHS}”" in error.message
    assert "NHS number" in error.message


def test_one_message_per_finding():
    form = NoteForm(data={"title": "x", "body": "Mrs Patel, 07700 900123, NE8 4QR"})

    assert not form.is_valid()
    messages = form.errors["body"]
    assert len(messages) == 3
    assert [m.split("“")[1].split("”")[0] for m in messages] == [
        "Mrs Patel",
        "07700 900123",
        "NE8 4QR",
    ]


def test_nothing_entered_is_lost():
    data = {"title": "Housing", "body": f"NHS {NHS} and a good outcome.", "visits": "3"}
    form = NoteForm(data=data)

    assert not form.is_valid()
    assert form.data == data
    assert form["body"].value() == data["body"]
    assert form["title"].value() == "Housing"
    assert form.cleaned_data["title"] == "Housing"
    assert form.cleaned_data["visits"] == 3


def test_clean_form_is_valid():
    form = NoteForm(data={"title": "Bright Spot", "body": "On 12 March 2024 the hub paid £250."})
    assert form.is_valid(), form.errors


def test_label_hints_do_not_block():
    form = NoteForm(data={"title": "Review", "body": "He was seen as hard to reach."})

    assert form.is_valid()
    (hint,) = form.label_hints["body"]
    assert hint.term == "hard to reach"
    assert "title" not in form.label_hints


def test_hints_and_errors_together():
    form = NoteForm(data={"title": "Review", "body": "Mr Smith, a frequent flyer, came back."})

    assert not form.is_valid()
    assert form.errors["body"]
    assert [hint.term for hint in form.label_hints["body"]] == ["frequent flyer"]


def test_label_hints_empty_before_validation():
    assert NoteForm().label_hints == {}


def test_privacy_fields_restricts_the_check():
    form = BodyOnlyForm(data={"title": "Mrs Patel", "body": "fine"})
    assert form.is_valid()


def test_privacy_exempt_fields_are_skipped():
    form = TitleExemptForm(data={"title": "Mrs Patel", "body": "Call 07700 900123"})

    assert not form.is_valid()
    assert list(form.errors) == ["body"]


def test_rich_text_html_is_read_as_text():
    form = NoteForm(data={"title": "x", "body": "<p>NHS&nbsp;943&nbsp;476&nbsp;5919</p>"})

    assert not form.is_valid()
    assert "NHS number" in form.errors["body"][0]


def test_log_names_kind_and_field_never_the_identifier(caplog):
    caplog.set_level(logging.INFO, logger="privacy")
    NoteForm(data={"title": "x", "body": f"NHS {NHS}, jo@example.com"}).is_valid()

    records = [r for r in caplog.records if r.name == "privacy"]
    assert [(r.levelno, r.privacy_kind, r.privacy_field) for r in records] == [
        (logging.INFO, "nhs_number", "body"),
        (logging.INFO, "email", "body"),
    ]
    for record in records:
        logged = record.getMessage() + repr(vars(record))
        assert NHS not in logged
        assert "jo@example.com" not in logged


def test_formset_reports_errors_per_form():
    NoteFormSet = forms.formset_factory(NoteForm, extra=0)
    formset = NoteFormSet(
        data={
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-title": "First",
            "form-0-body": "Nothing identifying here.",
            "form-1-title": "Second",
            "form-1-body": "Email sam@example.org for the plan.",
        }
    )

    assert not formset.is_valid()
    assert formset.errors[0] == {}
    assert list(formset.errors[1]) == ["body"]


def test_model_form_blocks_before_the_instance_is_updated():
    class NameForm(PrivacyGuardMixin, forms.ModelForm):
        class Meta:
            model = get_user_model()
            fields = ["first_name", "last_name"]

    form = NameForm(data={"first_name": "Housing", "last_name": "Mr Smith"})

    assert not form.is_valid()
    assert list(form.errors) == ["last_name"]
    assert form.instance.last_name == ""


def test_subclass_clean_still_guarded():
    class CustomForm(NoteForm):
        def clean(self):
            cleaned_data = super().clean()
            cleaned_data["title"] = cleaned_data.get("title", "").strip()
            return cleaned_data

    form = CustomForm(data={"title": " x ", "body": "DOB 12/03/1985"})

    assert not form.is_valid()
    assert "date of birth" in form.errors["body"][0]
