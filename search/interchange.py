"""Import and export learning in the interchange format (docs/interchange.md).

The record types live in their apps (`<app>/interchange.py`, found by
`common.interchange.record_types`); this module reads and writes whole files:
`parse_lines` checks a file and returns every problem as `line N: field: what is wrong`
(pydantic models per type, then the length limits and the privacy guard on every string at every
depth); `import_records` writes validated records in one transaction with bulk operations and
indexes them; `export_lines` writes records sorted by type then id so that
export -> import -> export is byte-identical.
"""

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, cast

from django.core.management.base import OutputWrapper
from django.db import connections, transaction
from django.db.models import Model
from django.db.models.signals import post_save

from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from pydantic import ValidationError

from common.garbage import fewer_collections
from common.interchange import (
    MAX_TEXT_LENGTH,
    TEXT_LIMITS,
    BaseRecord,
    Problem,
    Record,
    RecordType,
    problems_from,
    record_types,
    to_line,
)
from people import roles
from privacy.audit import log_findings
from privacy.guard import Finding, find_identifiers
from taxonomy.interchange import Lookups, Vocabulary, referenced

from . import indexing, planner, sources, sync

__all__ = [
    "ImportFailed", "Problem", "Record", "check_file", "export_lines", "import_file",
    "import_lines", "import_records", "may_export_drafts", "parse_lines",
]  # fmt: skip

logger = logging.getLogger(__name__)

# Codes checked against fixed lists: never prose, so not worth scanning.
_CODES = {"type", "level", "status", "kind", "source", "category", "date", "due"}


# The privacy scan remembers strings up to this long, at most this many at a time.
REMEMBERED_LENGTH = 500
REMEMBERED_STRINGS = 50_000
# {type: (created, updated)}, with "source_index" (bool) and, from `import_file`, "records".
ImportSummary = dict[str, Any]
# (line number, data, model, problems) of one line; data and model are None on a problem.
Checked = tuple[int, dict[str, Any] | None, BaseRecord | None, list[Problem]]


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


# Validation --------------------------------------------------------------------------------


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) for every string in a JSON value, at any depth: "occurrences[2].agency"."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _strings(item, f"{path}[{position}]")


def _field_name(path: str) -> str:
    """The field a path ends in: "occurrences[2].agency" -> "agency", "tags[0]" -> "tags"."""
    return path.rsplit(".", 1)[-1].split("[", 1)[0]


class Validator:
    """Checks one parsed line against its type's model, then every string in it."""

    def __init__(self) -> None:
        self.types = record_types()
        self.context = {"vocabulary": Vocabulary()}
        self.all_fields: set[str] = set().union(
            *(t.schema.model_fields for t in self.types.values())
        )
        # Names, tags, places and stock phrases recur across a file: each distinct short string
        # is scanned once per import (the guard is a pure function of the text).
        self.findings: dict[str, list[Finding]] = {}

    def validate(self, line: int, data: dict[str, Any]) -> tuple[BaseRecord | None, list[Problem]]:
        """(model or None, problems) for one JSON object."""
        problems: list[Problem] = []
        kind = data.get("type")
        if "type" not in data:
            problems.append(Problem(line, "type", "is required"))
            kind = None
        elif not isinstance(kind, str) or kind not in self.types:
            known = ", ".join(self.types)
            wrong = f"unknown type {kind!r}" if isinstance(kind, str) else "must be text"
            problems.append(Problem(line, "type", f"{wrong} (use one of: {known})"))
            kind = None
        model = None
        if kind is None:
            # Without a type, check what every type shares and name the fields none of them has.
            problems += [
                Problem(line, n, "unknown field") for n in data if n not in self.all_fields
            ]
            shared = {n: v for n, v in data.items() if n in BaseRecord.model_fields}
            problems += self._check(BaseRecord, shared, line, None)[1]
        else:
            model, found = self._check(self.types[kind].schema, data, line, kind)
            problems += found
        already = {problem.field for problem in problems}
        strings = dict(_strings(data))
        for path, value in strings.items():
            limit = TEXT_LIMITS.get(_field_name(path), MAX_TEXT_LENGTH)
            if len(value) > limit and path not in already:
                problems.append(
                    Problem(line, path, f"must be at most {limit} characters (it has {len(value)})")
                )
        scanned = {
            path: value for path, value in strings.items() if _field_name(path) not in _CODES
        }
        for name, value in scanned.items():
            findings = self._identifiers(value)
            if findings:
                log_findings(findings, name)
                problems += [Problem(line, name, finding.message) for finding in findings]
        return (None if problems else model), problems

    def model_of(self, data: dict[str, Any]) -> BaseRecord | None:
        """The record's model if it passes its type's model alone (no length limits, no privacy
        scan), else None: what an import written while it is checked aside reads names from."""
        kind = data.get("type")
        record_type = self.types.get(kind) if isinstance(kind, str) else None
        if record_type is None:
            return None
        try:
            return record_type.schema.model_validate(data, context=self.context)
        except ValidationError:
            return None

    def _identifiers(self, value: str) -> list[Finding]:
        if len(value) > REMEMBERED_LENGTH:
            return find_identifiers(value)
        findings = self.findings.get(value)
        if findings is None:
            if len(self.findings) >= REMEMBERED_STRINGS:
                self.findings.clear()
            findings = self.findings[value] = find_identifiers(value)
        return findings

    def _check(
        self, schema: type[BaseRecord], data: dict[str, Any], line: int, kind: str | None
    ) -> tuple[BaseRecord | None, list[Problem]]:
        try:
            return schema.model_validate(data, context=self.context), []
        except ValidationError as error:
            return None, problems_from(error, line, kind)


def _checked(lines: Iterable[str], validator: Validator) -> Iterator[Checked]:
    """(line number, data, model, problems) for every non-blank line, nothing kept; duplicate
    ids are problems of the later line. Data and model are set when there is no problem."""
    seen: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            yield number, None, None, [Problem(number, "json", f"not valid JSON ({error.msg})")]
            continue
        if not isinstance(data, dict):
            yield number, None, None, [Problem(number, "json", "each line must be one JSON object")]
            continue
        model, found = validator.validate(number, data)
        if not found:
            key = (data["type"], data["id"])
            if key in seen:
                found = [
                    Problem(number, "id", f"{data['id']!r} already appears on line {seen[key]}")
                ]
            else:
                seen[key] = number
        yield number, data, model, found


def parse_lines(lines: Iterable[str]) -> tuple[list[Record], list[Problem]]:
    """(records, problems) for an iterable of text lines; nothing is written."""
    records: list[Record] = []
    problems: list[Problem] = []
    for number, data, model, found in _checked(lines, Validator()):
        problems.extend(found)
        if not found:
            records.append(Record(number, cast(dict[str, Any], data), model=model))
    return records, problems


# Writing ---------------------------------------------------------------------------------


@contextlib.contextmanager
def search_signals_paused(models_: Iterable[type[Model]]) -> Iterator[None]:
    """Wagtail's per-save indexing is replaced by bulk indexing at the end of the import."""
    disconnected = [m for m in models_ if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        # Imported records reference only taxonomy; `rebuild_references_index` can fill it in.
        with sync.paused(), disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


# Above this many records an import indexes the shared learning search (what the search page
# and API read) and leaves each source model's own Wagtail index to `rebuild_search`.
SOURCE_INDEX_LIMIT = 5000


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def index_sources(model: Any, ids: Iterable[int], *, source_index: bool = True) -> None:
    """The shared records for the source objects (and Wagtail's index for them), in batches.
    `model` is a source model: a Django model with Wagtail's `index.Indexed` mixin."""
    backends = list(get_search_backends(with_auto_update=True)) if source_index else []
    source = model._default_manager.all()
    if backends:
        # The objects Wagtail indexes; its SQLite index is written from the relations
        # `sources.prefetched` fetches (`indexing.source_index_entries`), so the prefetches of
        # `get_indexed_objects` are kept only for another backend's own `add_bulk`.
        source = model.get_indexed_objects()
        if all(indexing.writes_sqlite_entries(backend) for backend in backends):
            source = source.prefetch_related(None)
    for batch in _chunks(list(ids), 2000):
        objects = list(sources.prefetched(model, source.filter(pk__in=batch)))
        for backend in backends:
            if indexing.writes_sqlite_entries(backend):
                indexing.source_index_entries(model, objects)
            else:
                backend.add_bulk(model, objects)
        sync.sync_objects(model, objects)


def import_records(
    records: list[Record], *, stdout: OutputWrapper | None = None, index: bool = True
) -> ImportSummary:
    """Upsert validated records in one transaction. Returns {type: (created, updated)}."""
    types = record_types()
    summary: ImportSummary = {}
    models_ = [t.model for t in types.values()]
    with fewer_collections(), search_signals_paused(models_), transaction.atomic():
        lookups = Lookups(records)
        written: dict[str, list[int]] = {}
        for kind, record_type in types.items():
            mine = [record for record in records if record.type == kind]
            summary[kind], written[kind] = record_type.writer(lookups).write(mine)
        if index:
            source_index = len(records) <= SOURCE_INDEX_LIMIT
            for kind, ids in written.items():
                if ids:
                    index_sources(types[kind].model, ids, source_index=source_index)
            summary["source_index"] = source_index
        planner.refresh_statistics()
    return summary


def import_lines(lines: Iterable[str], *, stdout: OutputWrapper | None = None) -> ImportSummary:
    """Validate everything, then write everything; raises ImportFailed listing every problem."""
    records, problems = parse_lines(lines)
    if problems:
        raise ImportFailed(problems)
    return import_records(records, stdout=stdout)


# Lines written per batch by a streamed import: each batch is written, then indexed, with bulk
# statements, inside the import's one transaction.
STREAM_BATCH = 2000


def check_file(
    handle: Iterable[str], validator: Validator | None = None
) -> tuple[int, list[Problem], dict[str, set[str]], str]:
    """Pass one of `import_file`: (records, problems, names referenced, digest), keeping nothing
    but the names (for `Lookups`) and the ids seen."""
    wanted = referenced(())
    problems: list[Problem] = []
    count, digest = 0, hashlib.sha256()
    for _number, _data, model, found in _checked(_hashed(handle, digest), validator or Validator()):
        problems.extend(found)
        if not found:
            count += 1
            referenced([model], into=wanted)
    return count, problems, wanted, digest.hexdigest()


def _hashed(lines: Iterable[str], digest: "hashlib._Hash") -> Iterator[str]:
    for line in lines:
        digest.update(line.encode())
        yield line


def import_file(
    handle: TextIO, *, stdout: OutputWrapper | None = None, index: bool = True
) -> ImportSummary:
    """Import a seekable text file without holding it in memory: check every line (raises
    ImportFailed listing every problem; nothing is written), and read it again to write it in
    batches of STREAM_BATCH lines, all in one transaction. Returns {type: (created, updated)}
    with "records" (the number imported) and "source_index" as `import_records` does.

    A file on disk of CHECK_ASIDE_BYTES or more is checked in a second process (`CheckAside`)
    while this one writes it, and the transaction commits only once that check has found no
    problem; a smaller one is checked first, then written. The garbage collector leaves out
    what the process held before (`common.garbage.fewer_collections`)."""
    validator = Validator()
    with fewer_collections():
        aside = CheckAside.start(handle, validator)
        if aside is None:
            checked = check_file(handle, validator)
            if checked[1]:
                raise ImportFailed(checked[1])
            handle.seek(0)
            return _write_file(handle, checked[0], checked, index)
        try:
            lines = sum(1 for line in handle if line.strip())
            handle.seek(0)
            return _write_file(handle, lines, aside, index)
        finally:
            aside.close()


# (records, problems, names referenced, digest): what `check_file` finds.
FileCheck = tuple[int, list[Problem], dict[str, set[str]], str]


def _write_file(
    handle: TextIO, lines: int, check: "FileCheck | CheckAside", index: bool
) -> ImportSummary:
    """Pass two of `import_file`, once the file is checked (`check` is what `check_file`
    found) or while it is (`check` is the `CheckAside`; each batch's names are then read with
    the record types' models alone, and the check's answer is awaited before the commit)."""
    types = record_types()
    summary: ImportSummary = dict.fromkeys(types, (0, 0))
    aside = check if isinstance(check, CheckAside) else None
    source_index = lines <= SOURCE_INDEX_LIMIT
    digest = hashlib.sha256()
    with search_signals_paused([t.model for t in types.values()]), transaction.atomic():
        lookups = Lookups(wanted=None if aside else cast(FileCheck, check)[2])
        try:
            batch: list[Record] = []
            for number, raw in enumerate(_hashed(handle, digest), start=1):
                if raw.strip():
                    batch.append(Record(number, json.loads(raw)))
                if len(batch) == STREAM_BATCH:
                    if aside:
                        aside.prepare(batch, lookups)
                    _write_batch(types, lookups, batch, summary, index, source_index)
                    batch = []
            if aside:
                aside.prepare(batch, lookups)
            _write_batch(types, lookups, batch, summary, index, source_index)
        except ImportFailed:
            raise
        except Exception as error:
            # A line the check aside has not passed may fail to write: then what is wrong with
            # the file is the answer, not how the write failed.
            if aside and aside.result()[1]:
                raise ImportFailed(aside.result()[1]) from error
            raise
        count, problems, _wanted, checked_digest = (
            aside.result() if aside else cast(FileCheck, check)
        )
        if problems:
            raise ImportFailed(problems)
        if digest.hexdigest() != checked_digest:
            # The file changed between the check and the write: roll everything back.
            raise ImportFailed([Problem(0, "file", "changed while it was being imported")])
        planner.refresh_statistics()
    summary["records"] = count
    summary["source_index"] = source_index
    return summary


# A file of at least this many bytes (about a thousand records) is checked in a second process
# while it is written: checking is a sixth of an import's time (docs/performance.md).
CHECK_ASIDE_BYTES = 1_000_000
CHECK_ASIDE_PATIENCE = 60.0


class CheckAside:
    """`check_file` run in a forked process, on the file's path, while this one writes the file.

    The child is forked after the vocabulary is read (`Validator`), so it never queries the
    database: it shares this process's connections, and a query there would corrupt them
    (`_check_aside` refuses any). If the child fails or ends without an answer, the file is
    checked here instead, after the write, before the commit: the answer is the same, later."""

    def __init__(self, handle: TextIO, validator: Validator) -> None:
        self.handle, self.validator = handle, validator
        context = multiprocessing.get_context("fork")
        self._answers, answer = context.Pipe(duplex=False)
        # Output waiting in this process's buffers would be written by the child as well.
        sys.stdout.flush()
        sys.stderr.flush()
        self._process = context.Process(
            target=_check_aside,
            args=(handle.name, handle.encoding, handle.errors, validator, answer),
            daemon=True,
        )
        self._process.start()
        answer.close()
        self._started = time.monotonic()
        self._answer: tuple[str, Any] | None = None
        self._result: FileCheck | None = None

    @classmethod
    def start(cls, handle: TextIO, validator: Validator) -> "CheckAside | None":
        """A check of `handle` in a second process, or None if it cannot have one: not a file
        on disk, smaller than CHECK_ASIDE_BYTES, or no `fork` on this system."""
        name = getattr(handle, "name", None)
        if not isinstance(name, str) or not os.path.isfile(name):
            return None
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        if os.path.getsize(name) < CHECK_ASIDE_BYTES:
            return None
        return cls(handle, validator)

    def prepare(self, batch: list[Record], lookups: Lookups) -> None:
        """Before `batch` is written: stop with the check's problems if it has finished and
        found some, or if a line of the batch is not a record its type's model accepts; add the
        names the batch references to `lookups`."""
        answer = self._answer_if_sent()
        if answer is not None and answer[0] == "checked" and answer[1][1]:
            raise ImportFailed(answer[1][1])
        models = []
        for record in batch:
            model = self.validator.model_of(record.data)
            if model is None:
                raise ImportFailed(
                    self.result()[1] or [Problem(record.line, "type", "is not a valid record")]
                )
            models.append(model)
        lookups.add(referenced(models))

    def result(self) -> FileCheck:
        """What the check found, waiting for it if need be (checked here if the child failed)."""
        if self._result is None:
            self._wait()
            status, value = cast(tuple[str, Any], self._answer)
            if status != "checked":
                logger.warning("The check aside failed (%s); checking the file here.", value)
                self.handle.seek(0)
                value = check_file(self.handle, self.validator)
            self._result = value
        return self._result

    def close(self) -> None:
        """Stop the child if it is still checking (the import failed or was interrupted)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._answers.close()

    def _answer_if_sent(self) -> tuple[str, Any] | None:
        """The child's answer if it has sent it (or ended), without waiting."""
        if self._answer is None and self._answers.poll():
            self._wait()
        return self._answer

    def _wait(self) -> None:
        if self._answer is not None:
            return
        # The check takes a fraction of the write; one that has not answered after as long again
        # as the import has taken (at least CHECK_ASIDE_PATIENCE seconds) is stuck: stopped.
        patience = max(CHECK_ASIDE_PATIENCE, time.monotonic() - self._started)
        try:
            if self._answers.poll(patience):
                self._answer = self._answers.recv()
            else:
                self._answer = ("failed", f"no answer after {patience:.1f} s more")
                self._process.terminate()
        except (EOFError, OSError) as error:
            self._answer = ("failed", f"the checking process ended without an answer: {error}")
        self._process.join()


def _check_aside(
    path: str, encoding: str, errors: str | None, validator: Validator, answer: Any
) -> None:
    """The child of `CheckAside`: check the file at `path`, send what was found."""
    try:
        with contextlib.ExitStack() as refusing:
            for alias in connections:
                refusing.enter_context(connections[alias].execute_wrapper(_refuse_query))
            with open(path, encoding=encoding, errors=errors) as handle:
                found = check_file(handle, validator)
        answer.send(("checked", found))
    except BaseException as error:  # noqa: BLE001 (the parent checks the file itself instead)
        with contextlib.suppress(OSError):  # the parent may have stopped waiting
            answer.send(("failed", repr(error)))
    finally:
        answer.close()


def _refuse_query(*args: Any) -> None:
    raise RuntimeError("the check aside shares the importer's connections: no query there")


def _write_batch(
    types: dict[str, RecordType],
    lookups: Lookups,
    batch: list[Record],
    summary: ImportSummary,
    index: bool,
    source_index: bool,
) -> None:
    for kind, record_type in types.items():
        mine = [record for record in batch if record.type == kind]
        if not mine:
            continue
        (created, updated), ids = record_type.writer(lookups).write(mine)
        summary[kind] = (summary[kind][0] + created, summary[kind][1] + updated)
        if index and ids:
            index_sources(record_type.model, ids, source_index=source_index)


# Export ----------------------------------------------------------------------------------


def may_export_drafts(user: Any) -> bool:
    """Unpublished Bright Spots go only to those who moderate them (forum hosts, administrators)."""
    return bool(
        user
        and user.is_active
        and (user.is_superuser or user.has_role(roles.FORUM_HOST, roles.ADMINISTRATOR))
    )


def export_lines(*, include_drafts: bool = False) -> Iterator[str]:
    """Every exportable record as JSON lines, sorted by type then id: published records only,
    unless `include_drafts` (check `may_export_drafts` first)."""
    for record_type in record_types().values():
        for record in record_type.export(include_drafts=include_drafts):
            yield to_line(record)
