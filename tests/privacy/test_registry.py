"""The save guard: the last line behind forms, the importer and the API."""

from taggit.models import Tag

import pytest

from barriers.models import Barrier
from brightspots.factories import FollowUpActionFactory
from privacy.middleware import IdentifierRefusedMiddleware
from privacy.registry import IdentifierRefused
from reviews.factories import ReviewTemplateFactory
from taxonomy.models import Agency

pytestmark = pytest.mark.django_db


def test_saving_an_identifier_from_code_is_refused_and_nothing_is_stored():
    with pytest.raises(IdentifierRefused) as refused:
        Barrier.objects.create(title="Letters to Mr **Smith** went to the old flat")
    assert "Mr **Smith" in str(refused.value.message_dict["title"])
    assert not Barrier.objects.exists()


def test_tags_and_vocabulary_rows_are_guarded():
    with pytest.raises(IdentifierRefused):
        Tag.objects.create(name="07700 900123", slug="phone")
    with pytest.raises(IdentifierRefused):
        Agency.objects.create(name="Dave Smith's team")
    assert not Tag.objects.filter(slug="phone").exists()


def test_snippets_and_inline_rows_are_guarded_when_saved_directly():
    action = FollowUpActionFactory()
    action.text = "Ring <jo.bloggs@example.org> about the referral"
    with pytest.raises(IdentifierRefused):
        action.save()
    template = ReviewTemplateFactory()
    question = template.questions.first()
    question.question = "What did Dr Patel expect?"
    with pytest.raises(IdentifierRefused):
        question.save()


def test_a_refusal_nobody_caught_is_a_page_saying_what_to_change(rf, administrator):
    request = rf.post("/somewhere/")
    request.user = administrator
    with pytest.raises(IdentifierRefused) as refused:
        Barrier.objects.create(title="Seen at NE8 4QR")
    response = IdentifierRefusedMiddleware(lambda r: None).process_exception(request, refused.value)
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert "NE8 4QR" in response.content.decode()
