"""The search form (GET: the page and the API share it), saved searches and API tokens."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

from django import forms
from django.db.models import Model
from django.utils import timezone

from privacy.forms import PrivacyGuardMixin
from taxonomy.models import VOCABULARIES

from .models import ApiToken, LearningRecord, SavedSearch
from .service import FACETS, LEVEL_LABELS, MAX_PAGE_SIZE, SORTS

FACET_FIELDS = tuple(FACETS)
# Far past any real result list; a larger number would overflow the database's integers.
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 200


def _choices(queryset: Iterable[Model], label: Callable[[Any], str] = str) -> list[tuple[str, str]]:
    return [(str(item.pk), label(item)) for item in queryset]


class SearchForm(forms.Form):
    """What to search for: the words, facet filters, a date range, the order and the page."""

    q = forms.CharField(label="Search for", required=False, max_length=MAX_QUERY_LENGTH)
    type = forms.MultipleChoiceField(
        label="Type", required=False, choices=LearningRecord.Kind.choices
    )
    principle = forms.TypedMultipleChoiceField(label="Principle", required=False, coerce=int)
    priority = forms.TypedMultipleChoiceField(label="Priority", required=False, coerce=int)
    need = forms.TypedMultipleChoiceField(label="Need", required=False, coerce=int)
    level = forms.MultipleChoiceField(
        label="Barrier level", required=False, choices=list(LEVEL_LABELS.items())
    )
    category = forms.TypedMultipleChoiceField(label="Barrier category", required=False, coerce=int)
    theme = forms.TypedMultipleChoiceField(label="Barrier theme", required=False, coerce=int)
    agency = forms.TypedMultipleChoiceField(label="Agency", required=False, coerce=int)
    area = forms.TypedMultipleChoiceField(label="Area", required=False, coerce=int)
    year = forms.TypedMultipleChoiceField(label="Year", required=False, coerce=int)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="On or after this date.",
    )  # fmt: skip
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="On or before this date.",
    )  # fmt: skip
    sort = forms.ChoiceField(
        label="Order", required=False, choices=list(SORTS.items()), initial="relevance"
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput
    )
    page_size = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, model in VOCABULARIES.items():
            # Read only when a value of it is checked: most searches choose no facet.
            self._choice_field(name).choices = partial(_choices, model._default_manager.all())
        this_year = timezone.localdate().year
        self._choice_field("year").choices = [
            (str(y), str(y)) for y in range(this_year + 1, 1989, -1)
        ]

    def _choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The 'to' date must be on or after the 'from' date.")
        return cleaned

    def search_arguments(self) -> dict[str, Any]:
        """Keyword arguments for `search_learning` (call after is_valid)."""
        data = self.cleaned_data
        filters = {name: data[name] for name in FACET_FIELDS if data.get(name)}
        if data.get("date_from"):
            filters["date_from"] = data["date_from"]
        if data.get("date_to"):
            filters["date_to"] = data["date_to"]
        return {
            "query": data.get("q") or "",
            "filters": filters,
            "sort": data.get("sort") or "relevance",
            "page": data.get("page") or 1,
            "page_size": data.get("page_size") or 20,
        }

    def saved_filters(self) -> dict[str, list[str]]:
        """The filters in the JSON form a SavedSearch keeps."""
        data = self.cleaned_data
        saved = {name: [str(v) for v in data[name]] for name in FACET_FIELDS if data.get(name)}
        for name in ("date_from", "date_to"):
            if data.get(name):
                saved[name] = [data[name].isoformat()]
        return saved


class SavedSearchForm(PrivacyGuardMixin, forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"name": "Name this search", "frequency": "Email me new matches"}
        help_texts = {"name": "So you can find it again, e.g. 'Hospital discharge in Gateshead'."}


class ApiTokenForm(PrivacyGuardMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": "Token name"}
