"""Bulk writes of plain values, for imports and index rebuilds that write many thousands of rows.

`bulk_create` builds a model instance and prepares every field for each row; for link tables
of two ids that costs more than the insert itself.
"""

from django.db import connection


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
