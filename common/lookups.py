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
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def column_range(field, connection):
    """(lowest, highest) the column of `field` holds on `connection`, following links to the
    field they point at; None when it is not an integer column."""
    while isinstance(field, ForeignKey):
        field = field.target_field
    if not isinstance(field, IntegerField):
        return None
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:  # an integer field type the backend does not list
        return None


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


@IntegerField.register_lookup
class IntegerIn(_KeepsToColumnRange, In):
    pass


@ForeignKey.register_lookup
class ForeignKeyExact(_KeepsToColumnRange, RelatedExact):
    pass


@ForeignKey.register_lookup
class ForeignKeyIn(_KeepsToColumnRange, RelatedIn):
    pass
