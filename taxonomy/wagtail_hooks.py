from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Agency,
    AgencySector,
    Area,
    BarrierCategory,
    BarrierLevel,
    BarrierTheme,
    MeetingType,
    Need,
    Principle,
    Priority,
    SpecificGroup,
)


def term_viewset(term_model, columns=("name",), filters=()):
    return type(
        f"{term_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": term_model,
            "list_display": list(columns),
            "list_filter": list(filters),
            "search_fields": None,
            "ordering": term_model._meta.ordering,
        },
    )


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 300
    items = (
        term_viewset(Priority, columns=("code", "name")),
        term_viewset(Principle, columns=("number", "name", "priority"), filters=("priority",)),
        term_viewset(BarrierLevel, columns=("code", "name")),
        term_viewset(BarrierCategory, columns=("code", "name")),
        term_viewset(BarrierTheme),
        term_viewset(Need),
        term_viewset(SpecificGroup),
        term_viewset(AgencySector),
        term_viewset(Area),
        term_viewset(Agency, columns=("name", "sector", "area"), filters=("sector", "area")),
        term_viewset(MeetingType, columns=("name", "merged_into")),
    )


register_snippet(TaxonomyGroup)
