"""The vocabulary as the learning interchange format reads and writes it (docs/interchange.md).

`Vocabulary` is what validation checks names and codes against; `Lookups` turns the names in
validated records into row ids, creating unknown agencies, areas and tags in bulk. The record
types themselves live in their own apps (`<app>/interchange.py`).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.utils.text import slugify

from taggit.models import Tag

from common.interchange import BATCH

from .models import Agency, Area, BarrierCategory, BarrierTheme, Need, Principle


class Vocabulary:
    """The names and codes a file may use, read once per import."""

    def __init__(self) -> None:
        self.needs = {n.lower(): n for n in Need.objects.values_list("name", flat=True)}
        self.themes = {t.lower(): t for t in BarrierTheme.objects.values_list("name", flat=True)}
        self.categories = set(BarrierCategory.objects.values_list("code", flat=True))
        self.principles = set(Principle.objects.values_list("number", flat=True))


def referenced(
    models: Iterable[Any], into: dict[str, set[str]] | None = None
) -> dict[str, set[str]]:
    """{"areas"|"agencies"|"tags": names} that validated `models` reference (their
    `referenced_names`), added to `into` when it is given."""
    names = into if into is not None else {"areas": set(), "agencies": set(), "tags": set()}
    for model in models:
        for kind, name in model.referenced_names():
            names[kind].add(name)
    return names


class Lookups:
    """Names to rows, creating unknown agencies, areas and tags in bulk."""

    def __init__(
        self, records: Iterable[Any] = (), *, wanted: dict[str, set[str]] | None = None
    ) -> None:
        """`records` validated, or `wanted`: {"areas"|"agencies"|"tags": set of names} (a
        streamed import collects the names while checking and keeps no records; one written as
        it is checked adds each batch's names with `add`)."""
        self.needs = {n.name.lower(): n.pk for n in Need.objects.all()}
        self.themes = {t.name.lower(): t.pk for t in BarrierTheme.objects.all()}
        self.categories = dict(BarrierCategory.objects.values_list("code", "pk"))
        self.principles = dict(Principle.objects.values_list("number", "pk"))
        wanted = wanted or referenced(record.model for record in records)
        self.areas: dict[str, int] = {}
        self.agencies: dict[str, int] = {}
        self.tags: dict[str, int] = {}
        self._slugs: set[str] | None = None
        self.add(wanted)

    def add(self, wanted: dict[str, set[str]]) -> None:
        """The rows of names not met before ({"areas"|"agencies"|"tags": names}), created in bulk
        when they are new."""
        self.areas.update(self._ensure(Area, set(wanted["areas"]) - self.areas.keys()))
        self.agencies.update(self._ensure(Agency, set(wanted["agencies"]) - self.agencies.keys()))
        self.tags.update(self._ensure_tags(set(wanted["tags"]) - self.tags.keys()))

    def ids(self, data: dict, name: str) -> list[int]:
        values = data.get(name, [])
        if name == "principles":
            return [self.principles[n] for n in values]
        if name in ("needs", "themes"):
            return [getattr(self, name)[n.lower()] for n in values]
        return [getattr(self, name)[n] for n in values]

    def _ensure(self, model: type[Model], names: set[str]) -> dict[str, int]:
        if not names:
            return {}
        existing = dict(model.objects.filter(name__in=names).values_list("name", "pk"))
        missing = sorted(names - set(existing))
        model.objects.bulk_create([model(name=name) for name in missing], batch_size=BATCH)
        existing.update(model.objects.filter(name__in=missing).values_list("name", "pk"))
        return existing

    def _ensure_tags(self, names: set[str]) -> dict[str, int]:
        if not names:
            return {}
        existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        if self._slugs is None:
            self._slugs = set(Tag.objects.values_list("slug", flat=True))
        used_slugs = self._slugs
        new = []
        for name in sorted(names - set(existing)):
            base = slugify(name)[:90] or "tag"
            slug, n = base, 1
            while slug in used_slugs:
                n += 1
                slug = f"{base}-{n}"
            used_slugs.add(slug)
            new.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(new, batch_size=BATCH)
        existing.update(
            Tag.objects.filter(name__in=[t.name for t in new]).values_list("name", "pk")
        )
        return existing
