"""Bulk writes of plain values, for imports and index rebuilds that write many thousands of rows.

`bulk_create` builds a model instance and prepares every field for each row; for link tables
of two ids that costs more than the insert itself.
"""

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import CharField, Field, TextField


def insert_rows(model, fields, rows):
    """INSERT `rows` (tuples of database-ready values, in the order of `fields`) into `model`'s
    table with one executemany. No model instances, no signals (like bulk_create)."""
    rows = list(rows)
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})",  # noqa: S608
            rows,
        )


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
    fields = [f for f in model._meta.local_concrete_fields if f.name not in exclude]
    # The connection itself, not django.db's proxy: the proxy looks it up again (in a
    # context-local store) on every attribute a field's preparation reads.
    database = connections[DEFAULT_DB_ALIAS]
    prepare = [_preparer(field, database) for field in fields]
    insert_rows(
        model,
        [f.name for f in fields],
        (tuple(ready(obj) for ready in prepare) for obj in objects),
    )


# Text fields whose preparation returns a str value unchanged (Field's and CharField's steps).
_TEXT_STEPS = {
    "get_db_prep_save": Field.get_db_prep_save,
    "get_db_prep_value": Field.get_db_prep_value,
    "pre_save": Field.pre_save,
}
_TEXT_PREP = (Field.get_prep_value, CharField.get_prep_value, TextField.get_prep_value)


def _preparer(field, database):
    """obj -> the field's database value as `Model.save` prepares it. For a text field that
    prepares text unchanged, a str is taken as it is (an import's columns are mostly text, and
    each value's six calls through Django cost more than its insert)."""
    attname = field.attname

    def prepared(obj):
        return field.get_db_prep_save(field.pre_save(obj, True), database)

    kind = type(field)
    plain = all(getattr(kind, step) is method for step, method in _TEXT_STEPS.items())
    if not (
        plain and issubclass(kind, (CharField, TextField)) and kind.get_prep_value in _TEXT_PREP
    ):
        return prepared

    def text(obj):
        value = getattr(obj, attname)
        return value if type(value) is str else prepared(obj)

    return text
