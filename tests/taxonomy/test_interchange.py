"""Names in an imported file become rows: once each, whether met at once or batch by batch."""

from taggit.models import Tag

import pytest

from taxonomy.interchange import Lookups
from taxonomy.models import Agency, Area

pytestmark = pytest.mark.django_db


def test_names_added_batch_by_batch_are_created_once_each():
    Agency.objects.create(name="Housing Options")
    lookups = Lookups(wanted={"areas": {"Northgate"}, "agencies": set(), "tags": {"Peer work"}})
    lookups.add({"areas": {"Northgate", "Southmead"}, "agencies": {"Housing Options"},
                 "tags": {"Peer work", "peer-work"}})  # fmt: skip
    lookups.add({"areas": {"Southmead"}, "agencies": {"Outreach"}, "tags": {"Peer Work"}})

    assert sorted(Area.objects.values_list("name", flat=True)) == ["Northgate", "Southmead"]
    assert sorted(Agency.objects.values_list("name", flat=True)) == ["Housing Options", "Outreach"]
    assert lookups.agencies["Housing Options"] == Agency.objects.get(name="Housing Options").pk
    # Three tags whose names make the same slug, met in three calls: three slugs.
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs == {
        "Peer work": "peer-work",
        "peer-work": "peer-work-2",
        "Peer Work": "peer-work-3",
    }
    assert {lookups.tags[name] for name in slugs} == set(Tag.objects.values_list("pk", flat=True))
