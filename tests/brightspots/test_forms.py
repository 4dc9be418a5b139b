import pytest

from brightspots.forms import BrightSpotForm, ForumSessionForm
from brightspots.models import MARKDOWN_MAX_LENGTH

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Street triage on Friday nights",
    "summary": "A mental health nurse rides with officers.",
    "what_happened": "The nurse **knew** the person.",
    "involvement": "not_asked",
}


def test_valid_form():
    form = BrightSpotForm(VALID)
    assert form.is_valid(), form.errors


def test_identifier_error_is_on_the_right_field_and_nothing_is_lost():
    data = {**VALID, "evidence": "Call her on 07700 900123 to hear more."}
    form = BrightSpotForm(data)
    assert not form.is_valid()
    assert list(form.errors) == ["evidence"]
    assert "07700 900123" in " ".join(form.errors["evidence"])
    assert form["what_happened"].value() == VALID["what_happened"]
    assert form["evidence"].value() == data["evidence"]


def test_identifier_in_title_is_caught():
    form = BrightSpotForm({**VALID, "title": "Help for jo.bloggs@example.org"})
    assert not form.is_valid()
    assert "title" in form.errors


def test_own_words_refused_without_consent():
    form = BrightSpotForm({**VALID, "persons_own_words": "They listened to me."})
    assert not form.is_valid()
    assert "took part or consented" in form.errors["persons_own_words"][0]
    form = BrightSpotForm(
        {**VALID, "persons_own_words": "They listened to me.", "involvement": "consented"}
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("field", "size", "message"),
    [
        ("title", 256, "Keep the title under 255"),
        ("summary", 1001, "Keep the summary under 1000"),
        ("what_happened", MARKDOWN_MAX_LENGTH + 1, f"Keep this under {MARKDOWN_MAX_LENGTH}"),
    ],
)
def test_oversized_text_has_clear_message(field, size, message):
    form = BrightSpotForm({**VALID, field: "a" * size})
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_missing_required_fields():
    form = BrightSpotForm({"involvement": "not_asked"})
    assert not form.is_valid()
    assert form.errors["title"] == ["Enter a title."]
    assert form.errors["summary"] == ["Enter a summary."]


def test_preview_is_sanitised():
    form = BrightSpotForm({**VALID, "what_happened": "[x](javascript:alert(1)) <script>x</script>"})
    html = form.preview()["what_happened"]
    assert "javascript:" not in html
    assert "<script" not in html


def test_new_session_in_the_past_and_closing_after_the_session():
    form = ForumSessionForm(
        {
            "title": "Forum",
            "starts_at": "2020-01-14T14:00",
            "ends_at": "2020-01-14T13:00",
            "format": "online",
            "presentations_close_on": "2020-02-01",
            "capacity": 30,
        }
    )
    assert not form.is_valid()
    assert "must start in the future" in form.errors["starts_at"][0]
    assert "must end after it starts" in form.errors["ends_at"][0]
    assert "on or before the session date" in form.errors["presentations_close_on"][0]
