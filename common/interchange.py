"""The learning interchange format (docs/interchange.md): shared pieces and the registry.

Each record type lives in its own app as `<app>/interchange.py`, which defines `RECORD_TYPE`: a
`RecordType` naming the pydantic model that validates a line, the writer that upserts validated
records and the exporter that reads them back. `record_types()` finds them the way
`common.contributions` finds other per-app modules, so adding a record type touches one app and
no app imports `search`. `search.interchange` reads the file, runs the privacy guard and indexes.

Validation errors read `line N: field: what is wrong`; `problems_from` turns pydantic's errors
into that form. Vocabulary checks (needs, themes, categories, principles) read the vocabulary
passed as the validation context, so the models themselves never query the database.
"""

from __future__ import annotations

import datetime
import html
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union

import nh3
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from common.bulk import insert_rows
from common.contributions import app_functions
from common.text_limits import LONG_TEXT_MAX_LENGTH

BATCH = 1000

# Every string at every depth is length-limited; limits follow the columns the text lands in
# (names of agencies and areas 255, tags 100). Anything not named here may hold MAX_TEXT_LENGTH.
MAX_TEXT_LENGTH = LONG_TEXT_MAX_LENGTH  # the same limit the forms and the admin enforce
TEXT_LIMITS = {
    "id": 100, "title": 255, "summary": 1000, "area": 255, "agencies": 255, "agency": 255,
    "owner": 255, "tags": 100, "themes": 255, "needs": 255, "question": 255, "note": 500,
}  # fmt: skip
# Top-level lists of names or numbers: their item errors are reported against the list.
NAME_LISTS = ("agencies", "tags", "needs", "themes", "principles")


# Problems ------------------------------------------------------------------------------------


@dataclass
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class Record:
    """One validated line: the JSON object as written, and the model it was checked against."""

    line: int
    data: dict
    problems: list = field(default_factory=list)
    model: BaseRecord | None = None

    @property
    def type(self) -> str:
        return self.data["type"]

    @property
    def id(self) -> str:
        return self.data["id"]


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("interchange", "{message}", {"message": message})


def path_of(loc: Iterable[Any]) -> str:
    """pydantic's location as the format writes it: ("occurrences", 2, "agency") ->
    "occurrences[2].agency"."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems_from(error: ValidationError, line: int, kind: str | None) -> list[Problem]:
    """pydantic's errors as `Problem`s, in the wording the format has always used."""
    problems = []
    for item in error.errors(include_url=False):
        loc, value, context = item["loc"], item.get("input"), item.get("ctx") or {}
        name = path_of(loc)
        kind_of_error = item["type"]
        if kind_of_error == "string_too_long":
            limit = context["max_length"]
            message = f"must be at most {limit} characters (it has {len(value)})"
        else:
            if len(loc) == 2 and loc[0] in NAME_LISTS and isinstance(loc[1], int):
                name = loc[0]
            if kind_of_error == "interchange":
                message = context["message"]
            elif kind_of_error == "missing":
                message = "is required"
            elif kind_of_error == "extra_forbidden":
                message = "unknown field" + (f" for {kind}" if kind and len(loc) == 1 else "")
            elif kind_of_error == "string_too_short":
                message = "must not be empty"
            elif kind_of_error == "string_type":
                message = "must be text"
            elif kind_of_error == "bool_type":
                message = "must be true or false"
            elif kind_of_error in ("int_type", "int_from_float"):
                message = f"{value!r} is not a whole number"
            elif kind_of_error in ("greater_than_equal", "less_than_equal"):
                message = f"{value} is outside 1-12"
            elif kind_of_error in ("model_type", "list_type", "dict_type", "model_attributes_type"):
                name, message = str(loc[0]), "must be a list of objects"
            else:
                message = item["msg"]
        problems.append(Problem(line, name, message))
    return problems


# Field types --------------------------------------------------------------------------------


def one_of(*choices: str):
    """A code from a fixed list, with the list in the message."""

    def check(value: Any) -> Any:
        if value not in choices:
            raise _fail(f"{value!r} is not one of: {', '.join(choices)}")
        return value

    return Annotated[Literal[choices], BeforeValidator(check)]


def parse_date(value: Any) -> datetime.date:
    """`YYYY-MM-DD` only; anything else raises ValueError."""
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(value)
    return datetime.date.fromisoformat(value)


def _check_date(value: Any) -> Any:
    try:
        parse_date(value)
    except ValueError:
        raise _fail(f"{value!r} is not a date (use YYYY-MM-DD)") from None
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise _fail("must not be empty")
    return value


def _names_list(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail("must be a list of non-empty strings")
    return value


def _numbers_list(value: Any) -> Any:
    if not isinstance(value, list):
        raise _fail("must be a list of numbers 1-12")
    return value


def _objects_list(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _fail("must be a list of objects")
    return value


def _vocabulary(info: ValidationInfo):
    return (info.context or {})["vocabulary"]


def _known_need(value: str, info: ValidationInfo) -> str:
    if value.lower() not in _vocabulary(info).needs:
        raise _fail(f"unknown need {value!r}")
    return value


def _known_theme(value: str, info: ValidationInfo) -> str:
    if value.lower() not in _vocabulary(info).themes:
        raise _fail(f"unknown theme {value!r}")
    return value


def _known_category(value: Any, info: ValidationInfo) -> Any:
    if not isinstance(value, str) or value not in _vocabulary(info).categories:
        raise _fail(f"unknown category code {value!r}")
    return value


def _known_principle(value: int, info: ValidationInfo) -> int:
    if value not in _vocabulary(info).principles:
        raise _fail(f"principle {value} is not in the vocabulary")
    return value


def text(max_length: int = MAX_TEXT_LENGTH, *, required: bool = False):
    if required:
        return Annotated[
            str, Field(min_length=1, max_length=max_length), AfterValidator(_not_blank)
        ]
    return Annotated[str, Field(max_length=max_length)]


def names(max_length: int, *checks: Callable):
    item = Annotated[str, Field(min_length=1, max_length=max_length), *map(AfterValidator, checks)]
    return Annotated[list[item], BeforeValidator(_names_list)]


def objects(model: type[BaseModel]):
    return Annotated[list[model], BeforeValidator(_objects_list)]


Date = Annotated[str, BeforeValidator(_check_date), Field(json_schema_extra={"format": "date"})]
Category = Annotated[str, BeforeValidator(_known_category)]
Principle = Annotated[int, Field(ge=1, le=12), AfterValidator(_known_principle)]
Needs = names(TEXT_LIMITS["needs"], _known_need)
Themes = names(TEXT_LIMITS["themes"], _known_theme)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class BaseRecord(Strict):
    """The fields every record has (docs/interchange.md, "File")."""

    id: text(TEXT_LIMITS["id"], required=True)
    title: text(TEXT_LIMITS["title"], required=True)
    summary: text(TEXT_LIMITS["summary"]) = ""
    body: text() = ""
    date: Date = None
    area: text(TEXT_LIMITS["area"]) = ""
    agencies: names(TEXT_LIMITS["agencies"]) = []
    principles: Annotated[list[Principle], BeforeValidator(_numbers_list)] = []
    needs: Needs = []
    tags: names(TEXT_LIMITS["tags"]) = []

    def referenced_names(self) -> Iterator[tuple[str, str]]:
        """("areas"|"agencies"|"tags", name) for every name the writer must find or create."""
        if self.area:
            yield "areas", self.area
        for agency in self.agencies:
            yield "agencies", agency
        for tag in self.tags:
            yield "tags", tag


# Registry -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordType:
    """One kind of record in the file, contributed by the app that owns its model.

    `schema` validates a line; `model` is the Django model the records become (its per-save
    search indexing is paused during an import); `writer(lookups)` returns an object whose
    `write(records)` upserts them and returns ((created, updated), ids); `export(include_drafts=)`
    yields the records as dicts, sorted by id.
    """

    kind: str
    schema: type[BaseRecord]
    model: type
    writer: Callable
    export: Callable[..., Iterator[dict]]


def record_types() -> dict[str, RecordType]:
    """{kind: RecordType} for every installed app with an `interchange.RECORD_TYPE`, by kind."""
    found = [record_type for _app, record_type in app_functions("interchange", "RECORD_TYPE")]
    return {record_type.kind: record_type for record_type in sorted(found, key=lambda t: t.kind)}


def json_schema() -> dict:
    """The JSON Schema of one line, generated from the registered models."""
    schemas = tuple(record_type.schema for record_type in record_types().values())
    one_line = Annotated[Union[schemas], Field(discriminator="type")]  # noqa: UP007
    schema = TypeAdapter(one_line).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Learning interchange record (one line of a JSON Lines file)"
    return schema


# Writing and exporting helpers -----------------------------------------------------------------


def clean_markdown(value: str | None) -> str:
    """Markdown in, Markdown out: raw HTML tags are removed, the text itself is kept."""
    if not value or "<" not in value:
        return value or ""
    return html.unescape(nh3.clean(value, tags=set()))


def replace_links(through, owner_column: str, owner_ids, value_column: str, pairs) -> None:
    """Replace the many-to-many rows of `owner_ids` with `pairs` of (owner id, value id)."""
    through.objects.filter(**{f"{owner_column}__in": owner_ids}).delete()
    insert_rows(through, (owner_column, value_column), pairs)


def existing_by_id(model, records) -> dict:
    """{external id: object} for the records that are already on the site (an import updates)."""
    ids = [record.id for record in records]
    return {obj.external_id: obj for obj in model.objects.filter(external_id__in=ids)}


def description(data: dict) -> str:
    """`summary` then the cleaned `body`, for models with one text field for both."""
    text = clean_markdown(data.get("body", ""))
    if data.get("summary"):
        text = f"{data['summary']}\n\n{text}".strip()
    return text


VOCABULARY_COLUMNS = {
    "principles": "principle_id", "needs": "need_id", "agencies": "agency_id",
    "themes": "barriertheme_id",
}  # fmt: skip


def replace_vocabulary(model, owner_column: str, rows, lookups, names) -> None:
    """Replace the vocabulary links `names` and the tags of each (object, data) in `rows`."""
    ids = [obj.pk for obj, _data in rows]
    for name in names:
        pairs = [(obj.pk, value) for obj, data in rows for value in set(lookups.ids(data, name))]
        replace_links(
            getattr(model, name).through, owner_column, ids, VOCABULARY_COLUMNS[name], pairs
        )
    if hasattr(model, "tags"):
        pairs = [(obj.pk, lookups.tags[t]) for obj, data in rows for t in set(data.get("tags", []))]
        replace_links(model.tags.through, "content_object_id", ids, "tag_id", pairs)


def put(out: dict, key: str, value: Any) -> None:
    """Set `key` unless `value` is empty: exports leave out what a record does not have."""
    if value not in (None, "", [], {}):
        out[key] = value


def exported_head(obj: Any, kind: str, *, body: str, date: Any, area: Any) -> dict[str, Any]:
    """The fields a record's export starts with: id, type, title, then body, date and area when
    it has them."""
    out = {"id": obj.external_id, "type": kind, "title": obj.title}
    put(out, "body", body)
    put(out, "date", date.isoformat() if date else None)
    put(out, "area", area.name if area else None)
    return out


def sorted_names(items) -> list[str]:
    return sorted({item.name for item in items})


def to_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
