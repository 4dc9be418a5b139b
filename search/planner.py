"""Fresh table statistics after a bulk write, so PostgreSQL plans searches for the real sizes.

PostgreSQL chooses how to join from statistics that autovacuum refreshes in the background, some
time after a change and only once the change is committed. Right after an import or a rebuild
(and always inside the transaction that wrote the rows) the planner still believes the learning
tables hold a row or two, and joins Wagtail's index to the records by a nested loop that tests
every record's text once per record: a search that takes 50 ms with statistics took minutes
without. ANALYZE is cheap (it samples), so every bulk write ends with one.
"""

from collections.abc import Iterable

from django.apps import apps
from django.db import connection
from django.db.models import Model


def search_tables() -> list[str]:
    """The tables a search reads: the shared records, their facet links, Wagtail's index."""
    from .models import LearningRecord, SearchRow

    models: list[type[Model]] = [LearningRecord, SearchRow]
    links: list[type[Model]] = []
    for field in LearningRecord._meta.local_many_to_many:
        through = field.remote_field.through
        if through is not None and through._meta.auto_created:
            links.append(through)
    index_entry = apps.get_model("wagtailsearch", "IndexEntry")
    return [model._meta.db_table for model in [*models, *links, index_entry]]


def refresh_statistics(tables: Iterable[str] | None = None) -> None:
    """ANALYZE the search tables on PostgreSQL (SQLite plans without needing it). Works inside a
    transaction, counting the rows it has written but not yet committed."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables or search_tables():
            cursor.execute(f"ANALYZE {quote(table)}")
