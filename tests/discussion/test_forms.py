from discussion.forms import CommentForm, HideCommentForm


def test_identifiers_are_refused_with_the_span_quoted():
    form = CommentForm(data={"body": "Her NHS number is 943 476 5919."})
    assert not form.is_valid()
    assert "943 476 5919" in form.errors["body"][0]


def test_labels_to_avoid_give_a_hint_but_do_not_block():
    form = CommentForm(data={"body": "He was called a non-engager by the last team."})
    assert form.is_valid()
    assert [hint.text for hint in form.label_hints["body"]] == ["non-engager"]


def test_empty_and_over_long_comments_get_messages_that_say_what_to_do():
    empty = CommentForm(data={"body": "   "})
    assert empty.errors["body"] == ["Write your comment before posting it."]
    long = CommentForm(data={"body": "x" * 5001})
    assert "Keep your comment to 5,000 characters or fewer (it has 5001)" in long.errors["body"][0]


def test_a_draft_survives_the_round_trip_with_its_errors_and_hints():
    form = CommentForm(data={"r-body": "A non-engager, call 07700 900123"}, prefix="r")
    assert not form.is_valid()

    restored = CommentForm.from_draft(form.to_draft(), prefix="r")

    assert restored["body"].value() == "A non-engager, call 07700 900123"
    assert restored.errors["body"] == form.errors["body"]
    assert restored.label_hints["body"][0]["text"] == "non-engager"


def test_hiding_needs_a_reason_without_identifiers():
    assert not HideCommentForm(data={"reason": ""}).is_valid()
    refused = HideCommentForm(data={"reason": "Names Jo Bloggs at jo@example.org"})
    assert not refused.is_valid()
    assert HideCommentForm(data={"reason": "Please name the service, not staff"}).is_valid()
