"""Wagtail search backends for the engines, with synonyms in the mapping and an outbox for writes.

`engine_backend("opensearch3")` subclasses Wagtail's backend of that name so that:
- every text field is analysed with `learning_index` (the standard tokenizer, lower case, ASCII
  folding and the English Snowball stemmer: the Porter2 stems `search.text.stem` gives) and
  searched with `learning_search`, which adds a `synonym_graph` filter holding the vocabulary's
  synonyms (read from the database when the index is created, so `rebuild_search` picks up edited
  synonyms); the learning search, whose queries already carry the synonyms, searches with
  `learning_index` so they are applied once, as on the database backend;
- a learning record's text fields also have an unstemmed `exact` subfield (`learning_exact`):
  phrases match the words as written there, as the database backend's phrases do;
- a learning record's document holds each text once per analysis the learning search uses: no
  `_all_text` copies and no `_edgengrams` (Wagtail's own searches of records name the fields
  instead: `LearningFieldsMixin`), and its taxonomy links are flat `<relation>_filter` id lists
  rather than nested documents (one Lucene document per record, not one per link as well);
- a learning record's facet fields (`FACET_FIELDS`: columns and links alike) are `keyword`s with
  eager global ordinals: a `terms` aggregation then counts each match into an array by ordinal,
  where over numbers it hashes every value (the facet keys come back as strings and
  `search.backends.elasticsearch` turns them back into the database's types);
- `add`, `add_bulk` and `delete` record an outbox row in the caller's transaction; `send_bulk`
  and `send_deletes` are the real writes, used only by `search.engine.outbox.send_due`.
"""

from collections.abc import Iterable
from copy import deepcopy
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.conf import settings as django_settings
from django.db.models import Model

from modelsearch.utils import deep_update
from wagtail.search import index

from . import outbox
from .documents import FACET_FIELDS, link_field

ENGINES = ("elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")
INDEX_ANALYZER = "learning_index"
SEARCH_ANALYZER = "learning_search"
EXACT_ANALYZER = "learning_exact"
EXACT_SUBFIELD = "exact"
# Porter2, as `snowballstemmer` in Python ("language": "english" would be Lucene's older Porter).
STEMMER = {"type": "snowball", "language": "English"}
# A facet field: its values counted by ordinal (built once per refresh, not by the first search).
FACET_FIELD_MAPPING = {"type": "keyword", "eager_global_ordinals": True}
# Seconds a bulk request may take on a busy node (searches keep the configured TIMEOUT).
BULK_TIMEOUT = 60

# The mixins below extend Wagtail's (modelsearch's) Elasticsearch classes, combined with them in
# `engine_backend`: to mypy they stand on an unknown base, whose attributes are Wagtail's.
if TYPE_CHECKING:
    WagtailInternals = Any
else:
    WagtailInternals = object


def analysis_settings(rules: list[str] | None = None) -> dict[str, Any]:
    """Index settings with the synonym filter and the two analysers the mapping names."""
    from ..synonyms import solr_rules

    rules = solr_rules() if rules is None else rules
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "learning_synonyms": {
                        "type": "synonym_graph",
                        "synonyms": rules,
                        "lenient": True,
                    },
                    "learning_stemmer": STEMMER,
                },
                "analyzer": {
                    INDEX_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "learning_stemmer"],
                    },
                    SEARCH_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [
                            "lowercase",
                            "learning_synonyms",
                            "asciifolding",
                            "learning_stemmer",
                        ],
                    },
                    EXACT_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"],
                    },
                },
            }
        }
    }


def slice_settings(slices: int) -> dict[str, Any]:
    """OpenSearch index settings searching one request's segments (a large segment in
    partitions) on `slices` threads at once; {} for 1 (OpenSearch's default on two cores)."""
    if slices <= 1:
        return {}
    concurrent = {
        "concurrent_segment_search": {"mode": "all"},
        "concurrent": {"max_slice_count": slices},
    }
    return {"settings": {"index": {"search": concurrent}}}


def _analysed(mapping: dict[str, Any], exact: bool = False) -> dict[str, Any]:
    if mapping.get("type") == "text" and "analyzer" not in mapping:
        mapping["analyzer"] = INDEX_ANALYZER
        mapping["search_analyzer"] = SEARCH_ANALYZER
        if exact:
            mapping["fields"] = {EXACT_SUBFIELD: {"type": "text", "analyzer": EXACT_ANALYZER}}
    return mapping


def _stems(mapping: dict[str, Any]) -> dict[str, Any]:
    """A record's `stems` field holds stems already: indexed as written, never stemmed again."""
    mapping["analyzer"] = mapping["search_analyzer"] = EXACT_ANALYZER
    return mapping


class SynonymMappingMixin(WagtailInternals):
    """Search fields (and the `_all_text` fields Wagtail copies them to) are stemmed and use the
    synonyms; a learning record's also keep the words as written (for phrases), and are indexed
    only where the learning search reads them."""

    def _is_learning(self) -> bool:
        from ..models import LearningRecord

        return self.model is LearningRecord

    def get_field_mapping(
        self, field: index.BaseField | index.RelatedFields
    ) -> tuple[str, dict[str, Any]]:
        if self._is_learning() and isinstance(field, index.RelatedFields):
            # Filtered and counted by id only: a flat id list, not a nested document per link.
            _name, nested = super().get_field_mapping(field)
            return link_field(field.field_name), nested["properties"]["id_filter"]
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, index.SearchField):
            if self._is_learning() and field.field_name == "stems":
                _stems(mapping)
            else:
                _analysed(mapping, exact=self._is_learning())
        return name, mapping

    def get_mapping(self) -> dict[str, Any]:
        mapping = super().get_mapping()
        properties = mapping["properties"]
        if self._is_learning():
            # The learning search names its fields: the catch-all copies would only cost time.
            for name in [name for name in properties if name.startswith("_all_text")]:
                del properties[name]
            del properties["_edgengrams"]
            for field_mapping in properties.values():
                field_mapping.pop("copy_to", None)
            for name in FACET_FIELDS:
                properties[name] = dict(FACET_FIELD_MAPPING)
            return mapping
        for name, field_mapping in properties.items():
            if name.startswith("_all_text"):
                _analysed(field_mapping)
        return mapping

    def get_document(self, obj: index.Indexed) -> dict[str, Any]:
        document = super().get_document(obj)
        if self._is_learning():
            del document["_edgengrams"]
            for field in obj.get_search_fields():
                if isinstance(field, index.RelatedFields):
                    links = document.pop(field.field_name)
                    document[link_field(field.field_name)] = [link["id_filter"] for link in links]
        return document


class LearningFieldsMixin(WagtailInternals):
    """Wagtail's own searches of learning records without fields search their fields by name
    (with their boosts), as the mapping has no `_all_text` copies for them."""

    def _remap_fields(self, fields: list[str] | None) -> Any:
        from ..models import LearningRecord

        if not fields and self.queryset.model is LearningRecord:
            fields = [field.field_name for field in self.get_searchable_fields()]
        return super()._remap_fields(fields)


class LearningAutocompleteMixin(WagtailInternals):
    """Wagtail's autocomplete of learning records without fields reads `title_edgengrams` (the
    mapping has no `_edgengrams` copy for them)."""

    remapped_fields: list[Any]  # set by Wagtail's compiler

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ..models import LearningRecord

        super().__init__(*args, **kwargs)
        if not self.remapped_fields and self.queryset.model is LearningRecord:
            self.remapped_fields = [
                self.mapping.get_field_column_name(field)
                for field in LearningRecord.get_autocomplete_search_fields()
            ]


class SynonymIndexMixin(WagtailInternals):
    def put(self) -> None:
        """Create the index with the synonyms as they are in the database now (and, on
        OpenSearch, the concurrent search slices SEARCH_SLICES asks for)."""
        base = self.backend.settings
        settings = deep_update(deepcopy(base), analysis_settings())
        if self.backend.client_kind == "opensearch":
            settings = deep_update(settings, slice_settings(django_settings.SEARCH_SLICES))
            self.es.indices.create(index=self.name, body=settings)
        else:
            self.es.indices.create(index=self.name, **settings)

    def exists(self) -> bool:
        return self.es.indices.exists(index=self.name)


class OutboxBackendMixin(WagtailInternals):
    """Writes go to the outbox in the caller's transaction; the worker sends them."""

    client_kind = "elasticsearch"

    def __init__(self, params: dict[str, Any]) -> None:
        # Room for the outbox's concurrent bulk requests (and searches) in the connection pool.
        pool = "pool_maxsize" if self.client_kind == "opensearch" else "connections_per_node"
        params = {**params, "OPTIONS": {pool: 4, **params.get("OPTIONS", {})}}
        super().__init__(params)

    def add(self, obj: Model) -> None:
        outbox.record(type(obj), [obj.pk])

    def add_bulk(self, model: type[Model], obj_list: Iterable[Model]) -> None:
        outbox.record(model, [obj.pk for obj in obj_list])

    def delete(self, obj: Model) -> None:
        outbox.record(type(obj), [obj.pk])

    def send_bulk(self, model: type[Model], obj_list: Iterable[Model]) -> None:
        """Index `obj_list` now (raises if the engine refuses any of them)."""
        super().add_bulk(model, obj_list)

    def send_documents(
        self,
        model: type[Model],
        documents: dict[int, dict[str, Any]],
        max_bytes: int | None = None,
    ) -> None:
        """Index ready-made documents ({id: document}) now, in one bulk request (more when
        they pass `max_bytes`)."""
        name = self.get_index_for_model(model).name
        actions = [
            {"_index": name, "_id": str(pk), "_source": document}
            for pk, document in documents.items()
        ]
        if actions:
            sizes: dict[str, int] = {"chunk_size": len(actions)}
            if max_bytes:
                sizes["max_chunk_bytes"] = max_bytes
            self.bulk(self.es, actions, **sizes)

    def bulk(self, client: Any, actions: list[dict[str, Any]], **options: Any) -> Any:
        """Wagtail's bulk helper, with a timeout for bulk work rather than for one search."""
        if self.client_kind == "opensearch":
            options.setdefault("request_timeout", BULK_TIMEOUT)
        else:
            client = client.options(request_timeout=BULK_TIMEOUT)
        return super().bulk(client, actions, **options)

    def empty_indexes(self) -> None:
        """Delete every index under this backend's prefix and create each one empty, with its
        mapping (a test run's or a benchmark's fresh start; `rebuild_search` refills them)."""
        from modelsearch.management.commands.rebuild_modelsearch_index import (
            group_models_by_index,
        )
        from wagtail.search.index import get_indexed_models

        for name in self.es.indices.get(index=f"{self.index_prefix}*"):
            self.es.indices.delete(index=name)
        for search_index, models in group_models_by_index(self, get_indexed_models()).items():
            search_index.put()
            for model in models:
                search_index.add_model(model)

    def send_deletes(self, model: type[Model], ids: Iterable[Any]) -> None:
        """Delete the documents of `ids` now; ones already gone are fine."""
        name = self.get_index_for_model(model).name
        actions = [{"_op_type": "delete", "_index": name, "_id": str(pk)} for pk in ids]
        if actions:
            self.bulk(self.es, actions, ignore_status=(404,))


def engine_backend(engine: str) -> type:
    """Wagtail's backend class for `engine` (a name in ENGINES), with synonyms and the outbox."""
    if engine not in ENGINES:
        raise ValueError(f"Unknown search engine {engine!r}: use one of {', '.join(ENGINES)}.")
    base = import_module(f"modelsearch.backends.{engine}").SearchBackend
    title = engine.capitalize()
    mapping = type(f"{title}Mapping", (SynonymMappingMixin, base.mapping_class), {})
    index_class = type(f"{title}Index", (SynonymIndexMixin, base.index_class), {})
    compiler = type(
        f"{title}QueryCompiler",
        (LearningFieldsMixin, base.query_compiler_class),
        {"mapping_class": mapping},
    )
    autocomplete = type(
        f"{title}AutocompleteCompiler",
        (LearningAutocompleteMixin, base.autocomplete_query_compiler_class),
        {"mapping_class": mapping},
    )
    return type(
        f"{title}LearningBackend",
        (OutboxBackendMixin, base),
        {
            "mapping_class": mapping,
            "index_class": index_class,
            "query_compiler_class": compiler,
            "autocomplete_query_compiler_class": autocomplete,
            "client_kind": "opensearch" if engine.startswith("opensearch") else "elasticsearch",
            "engine": engine,
            "__module__": f"search.engine.{engine}",
        },
    )
