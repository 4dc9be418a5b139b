"""An integer no column can hold matches nothing, on every database, through every lookup.

SQLite refuses to bind a Python integer beyond 64 bits (`OverflowError`), so an id of twenty
digits typed into the address bar (`/forum/<id>/session.ics`) or sent as a choice (a ticked box
of the Bright Spot form, a chooser in the admin) answered 500 instead of 404 or "Select a valid
choice". Django (5.0 and later) already makes an
out-of-range value match nothing for an integer field's `exact`, `gt`, `gte`, `lt` and `lte`
(`IntegerFieldOverflow`). These do the same for what it leaves out, the lookups a form's choice
fields run: `in` on an integer field, and `exact` and `in` through a foreign key or a one-to-one
link (a page type's link to its page). Registered with Django's lookup API (`register_lookup`),
so every query uses them: forms, the admin, the API and the importer alike.

`in` with a list of plain integers also takes a short way to its SQL: Django prepares each value
through five or six calls (about 12% of an import, whose batches read 2,000 rows by id), where
an integer column needs only its field's `get_db_prep_value` (the backend's adapting call). The
SQL and parameters are the ones Django's own steps give (tests/common/test_lookups.py).
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In
from django.utils.datastructures import OrderedSet


def integer_column(field):
    """The integer field whose column `field` reads, following links to the field they point
    at; None when it is not an integer column."""
    while isinstance(field, ForeignKey):
        field = field.target_field
    return field if isinstance(field, IntegerField) else None


def column_range(field, connection):
    """(lowest, highest) the column of `field` holds on `connection`; None when it is not an
    integer column."""
    column = integer_column(field)
    if column is None:
        return None
    try:
        return connection.ops.integer_field_range(column.get_internal_type())
    except KeyError:  # an integer field type the backend does not list
        return None


def _plain_integers(values):
    # OrderedSet: what Django's `In.process_rhs` passes on (the list without repeats or None).
    return isinstance(values, (list, tuple, set, frozenset, OrderedSet)) and all(
        type(value) is int for value in values
    )


def _outside(value, bounds):
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    low, high = bounds
    return (low is not None and value < low) or (high is not None and value > high)


class _KeepsToColumnRange:
    """Leaves out the values no row can hold: EmptyResultSet when none is left (the query then
    finds nothing without asking the database, as Django does for an empty `in`)."""

    def process_rhs(self, compiler, connection):
        output_field = getattr(self.lhs, "output_field", None)
        bounds = self.rhs_is_direct_value() and column_range(output_field, connection)
        if bounds:
            if self.lookup_name == "in":
                kept = [value for value in self.rhs if not _outside(value, bounds)]
                if not kept:
                    raise EmptyResultSet
                if len(kept) < len(self.rhs):
                    # A copy: the same lookup may be compiled again for another database.
                    lookup = self.copy()
                    lookup.rhs = kept
                    return super(_KeepsToColumnRange, lookup).process_rhs(compiler, connection)
            elif _outside(self.rhs, bounds):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class _PlainIntegersIn(_KeepsToColumnRange):
    """`in` over an integer column with a list of plain integers: each value prepared by the
    column's field as Django's own steps end up preparing it, without the per-value steps for
    expressions, model instances and strings that such a list cannot hold."""

    def get_prep_lookup(self):
        # An integer column's field prepares a plain int as that same int (`int(value)`).
        if integer_column(getattr(self.lhs, "output_field", None)) is not None and _plain_integers(
            self.rhs
        ):
            return list(self.rhs)
        return super().get_prep_lookup()

    def batch_process_rhs(self, compiler, connection, rhs=None):
        values = self.rhs if rhs is None else rhs
        column = integer_column(getattr(self.lhs, "output_field", None))
        if column is None or self.bilateral_transforms or not _plain_integers(values):
            return super().batch_process_rhs(compiler, connection, rhs)
        # The one call Django's `get_db_prep_lookup` makes per value, found as it finds it.
        field = self.lhs.output_field
        prepare = getattr(getattr(field, "target_field", None), "get_db_prep_value", None)
        prepare = prepare or field.get_db_prep_value
        return ["%s"] * len(values), tuple(
            prepare(value, connection, prepared=True) for value in values
        )


@IntegerField.register_lookup
class IntegerIn(_PlainIntegersIn, In):
    pass


@ForeignKey.register_lookup
class ForeignKeyExact(_KeepsToColumnRange, RelatedExact):
    pass


@ForeignKey.register_lookup
class ForeignKeyIn(_PlainIntegersIn, RelatedIn):
    pass
