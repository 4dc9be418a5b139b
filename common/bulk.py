"""Bulk writes of plain values, for imports and index rebuilds that write many thousands of rows.

`bulk_create` builds a model instance and prepares every field for each row; for link tables
of two ids that costs more than the insert itself.
"""

import datetime
import functools

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKey,
    IntegerField,
    TextField,
)


def insert_rows(model, fields, rows):
    """INSERT `rows` (tuples of database-ready values, in the order of `fields`) into `model`'s
    table with one executemany. No model instances, no signals (like bulk_create)."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(_insert_sql(model, tuple(fields), connection.vendor), rows)


@functools.lru_cache(maxsize=256)
def _insert_sql(model, fields, vendor):
    """The INSERT statement for `fields` of `model` (made once: a read's log is written on
    every journey read, #16). `vendor` keys it, as quoting is the database's."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608


def insert_selected(model, fields, queryset):
    """INSERT the rows `queryset` selects (a `values()` query whose columns are, in order, the
    values of `fields`) into `model`'s table with one INSERT ... SELECT: no row passes through
    Python. No signals (like bulk_create)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    select, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) {select}",  # noqa: S608
            params,
        )


def add_to_rows(model, fields, rows):
    """Add to numeric columns of existing rows in place (`column = column + change`, so two
    writers of a row never lose a change) with one executemany: `rows` are
    (change for each of `fields`..., primary key). A statement per row by primary key costs the
    database less than one statement with a CASE branch per row, and Python far less."""
    rows = list(rows)
    if not rows:
        return
    quote = connection.ops.quote_name
    changes = ", ".join(
        f"{quote(column)} = {quote(column)} + %s"
        for column in (model._meta.get_field(name).column for name in fields)
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(model._meta.db_table)} SET {changes} "  # noqa: S608
            f"WHERE {quote(model._meta.pk.column)} = %s",
            rows,
        )


def insert_objects(model, objects, *, exclude=("id",)):
    """INSERT unsaved `objects` into `model`'s own table (its local columns only: for a
    multi-table child, the parent rows must exist and the link set) with one executemany.

    Values go through each field's `pre_save` and `get_db_prep_save` as `Model.save` would,
    without building SQL per row as `bulk_create` does; no signals, and the new ids are not read
    back (select them by a unique column).
    """
    # The connection itself, not django.db's proxy: the proxy looks it up again (in a
    # context-local store) on every attribute a field's preparation reads.
    database = connections[DEFAULT_DB_ALIAS]
    names, prepare = _insert_plan(model, tuple(exclude), database, settings.USE_TZ)
    insert_rows(model, names, (tuple(ready(obj) for ready in prepare) for obj in objects))


@functools.lru_cache(maxsize=256)
def _insert_plan(model, exclude, database, use_tz):
    """(the field names `insert_objects` writes, each one's preparer), made once per model and
    connection: working out which fields keep Django's steps costs more than a short insert.
    `use_tz` keys it because a preparer reads that setting when it is made."""
    fields = [f for f in model._meta.local_concrete_fields if f.name not in exclude]
    return tuple(f.name for f in fields), tuple(_preparer(field, database) for field in fields)


# The steps a value goes through to be saved (`Model.save` calls the first two, they call the
# rest). A field whose class keeps Django's own steps for its kind prepares a value of exactly
# the type `_fast` names (or None) with one call, the last of those steps; any other value or
# field takes every step.
_STEPS = ("pre_save", "get_db_prep_save", "get_db_prep_value", "get_prep_value")


def _keeps_steps_of(kind, django_kind):
    return all(getattr(kind, step) is getattr(django_kind, step) for step in _STEPS)


def _fast(field, database):
    """(the value type prepared in one call, that call or None for none) for `field`, or None:
    each call gives what the field's own steps give for a value of exactly that type (None
    always gives None on these fields)."""
    kind, ops = type(field), database.ops
    not_auto = not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
    if _keeps_steps_of(kind, CharField) or _keeps_steps_of(kind, TextField):
        return str, None
    if _keeps_steps_of(kind, ForeignKey) and _keeps_steps_of(type(field.target_field), AutoField):
        return int, ops.validate_autopk_value
    if _keeps_steps_of(kind, IntegerField):
        internal_type = field.get_internal_type()
        return int, lambda value: ops.adapt_integerfield_value(value, internal_type)
    if _keeps_steps_of(kind, BooleanField):
        return bool, None
    # An aware datetime only: a naive one is made aware, with a warning, by its own steps.
    if _keeps_steps_of(kind, DateTimeField) and not_auto:
        return datetime.datetime, ops.adapt_datetimefield_value
    if _keeps_steps_of(kind, DateField) and not_auto:
        return datetime.date, ops.adapt_datefield_value
    return None


def _preparer(field, database):
    """obj -> the field's database value as `Model.save` prepares it. A value of the type
    `_fast` names for the field (or None) is prepared with one call or none: an import's
    columns are mostly text, keys, numbers and dates, and each value's five or six calls
    through Django cost more than its insert."""
    attname = field.attname

    def prepared(obj):
        return field.get_db_prep_save(field.pre_save(obj, True), database)

    fast = _fast(field, database)
    if fast is None:
        return prepared
    wanted, adapt = fast
    aware_only = wanted is datetime.datetime and settings.USE_TZ

    def quick(obj):
        value = getattr(obj, attname)
        if value is None:
            return None
        if type(value) is not wanted or (aware_only and value.utcoffset() is None):
            return prepared(obj)
        return value if adapt is None else adapt(value)

    return quick
