# ruff: noqa: S608 - table names come from model metadata; nothing from the user is interpolated.
"""Facet counts on SQLite by bitsets: one Python int per facet value, one bit per search row.

Counting facets in SQL means a GROUP BY (a sort) per facet over every match, which at 100,000
records costs more than finding and ranking the matches. Instead each facet value keeps a bitset
of the search rows that have it; a search turns its matching row ids into one bitset and each
count is `(matches & value).bit_count()`, a few microseconds per value.

The bitsets are built from `search.SearchRow` and cached per process, keyed by the table's row
count and highest id. Row ids are Wagtail's index entry ids (SQLite AUTOINCREMENT, never
reused) and a row is never updated in place (a changed record gets a new row), so the key
changes whenever any facet value does, and the rows added or removed since are all there is to
apply: up to REFRESH_LIMIT changed rows refresh the bitsets (tens of milliseconds at 100,000
rows), more rebuild them. Bitsets made inside a transaction may see writes that are later
rolled back, so they serve that search only and are never cached.
"""

import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorWrapper

# Above this many bytes of bitsets (facet values x rows / 8) counting falls back to SQL.
MEMORY_BUDGET = 64 * 2**20
# More changed rows than this since the cached bitsets were made, and they are rebuilt.
REFRESH_LIMIT = 2000

# Facets read from a column of the search row: facet name -> column.
COLUMN_FACETS = {
    "type": "kind", "level": "level", "category": "category_id", "area": "area_id",
    "year": "year",
}  # fmt: skip

# A search row as `_select_rows` reads it: (id, the COLUMN_FACETS columns..., links JSON).
Row = tuple[Any, ...]

_lock = threading.Lock()
_cached = None  # (key, FacetBitsets or None when over the memory budget)


@dataclass
class FacetBitsets:
    key: tuple[int, int]  # (row count, highest row id) of the rows it holds
    positions: dict[int, int]  # search row id -> bit position
    size: int  # bit positions in use, including those of rows removed since
    alive: int  # the positions holding a current row
    values: dict[str, dict[Any, int]]  # facet name -> {value: bitset}

    def mask(self, rows: Iterable[tuple[int]]) -> int:
        """The bitset of `rows` ((row id,) tuples, as fetched)."""
        return self.mask_ids(row_id for (row_id,) in rows)

    def mask_ids(self, row_ids: Iterable[int]) -> int:
        """The bitset of `row_ids`; ids that are not search rows (index entries of other
        models) are ignored."""
        positions = self.positions
        bits = bytearray((self.size + 7) // 8)
        for row_id in row_ids:
            position = positions.get(row_id)
            if position is not None:
                bits[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(bits, "little")

    def every_row(self) -> int:
        return self.alive

    def filtered(self, filters: dict[str, Any]) -> int:
        """The rows with any of the chosen values of every filtered facet."""
        mask = self.alive
        for name, chosen in filters.items():
            if not chosen:
                continue
            values = self.values.get(name, {})
            either = 0
            for value in chosen:
                either |= values.get(_facet_value(name, value), 0)
            mask &= either
        return mask

    def counts(self, mask: int) -> dict[str, dict[Any, int]]:
        """{facet: {value: number of rows in `mask` with it}}, zero counts left out."""
        counts: dict[str, dict[Any, int]] = {}
        for name, values in self.values.items():
            found: dict[Any, int] = {}
            for value, bitset in values.items():
                number = (mask & bitset).bit_count()
                if number:
                    found[value] = number
            if found:
                counts[name] = found
        return counts


def _facet_value(name: str, value: Any) -> str | int | None:
    """A filter value as the bitsets key it: text for type and level, else a whole number."""
    if name in ("type", "level"):
        return str(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _table() -> str:
    from ..models import SearchRow

    return SearchRow._meta.db_table


def _link_facets() -> dict[str, str]:
    from ..models import SearchRow

    return {letter: name for name, letter in SearchRow.LINK_PREFIXES.items()}


def _bits(positions: Iterable[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def _select_rows(cursor: CursorWrapper, after: int | None = None) -> Iterator[Row]:
    """The search rows (after row id `after`), read a batch at a time: a worker's memory stays
    near what the bitsets keep, not what 100,000 fetched rows would take at once."""
    columns = ", ".join(COLUMN_FACETS.values())
    where = "" if after is None else " WHERE id > %s"
    cursor.execute(
        f"SELECT id, {columns}, links FROM {_table()}{where} ORDER BY id",
        [] if after is None else [after],
    )
    while batch := cursor.fetchmany(5000):
        yield from batch


def _members(
    rows: Iterable[Row], first_position: int
) -> tuple[dict[int, int], dict[str, dict[Any, "array[int]"]]]:
    """({row id: position}, {facet: {value: positions}}) for rows as `_select_rows` reads.
    Positions are kept in compact arrays (4 or 8 bytes each, not a Python int apiece)."""
    link_facets = _link_facets()
    positions: dict[int, int] = {}
    members: dict[str, dict[Any, array[int]]] = {
        name: defaultdict(_positions) for name in (*COLUMN_FACETS, *link_facets.values())
    }
    column_members = [members[name] for name in COLUMN_FACETS]
    for position, (row_id, *values, links) in enumerate(rows, start=first_position):
        positions[row_id] = position
        for by_value, value in zip(column_members, values, strict=True):
            if value is not None and value != "":
                by_value[value].append(position)
        # `links` is a JSON list of short codes, e.g. ["n3", "p12"]: no quotes or commas inside.
        for link in links.strip("[]").replace('"', "").split(", "):
            if link:
                members[link_facets[link[0]]][int(link[1:])].append(position)
    return positions, members


def _positions() -> "array[int]":
    return array("l")


def _build(cursor: CursorWrapper, key: tuple[int, int]) -> FacetBitsets | None:
    """Bitsets for every search row, or None when they would not fit MEMORY_BUDGET."""
    positions, members = _members(_select_rows(cursor), 0)
    size = len(positions)
    if sum(len(by_value) for by_value in members.values()) * ((size + 7) // 8) > MEMORY_BUDGET:
        return None
    values = {
        name: {value: _bits(found, size) for value, found in by_value.items()}
        for name, by_value in members.items()
    }
    return FacetBitsets(key, positions, size, (1 << size) - 1, values)


def _refresh(cursor: CursorWrapper, old: FacetBitsets, key: tuple[int, int]) -> FacetBitsets | None:
    """`old` with the rows added and removed since it was made, or None to rebuild instead."""
    count, _highest = key
    old_count, old_highest = old.key
    added = list(_select_rows(cursor, after=old_highest or 0))
    removed = old_count + len(added) - count
    if len(added) + removed > REFRESH_LIMIT or removed < 0:
        return None
    positions = dict(old.positions)
    keep = -1
    if removed:
        cursor.execute(f"SELECT id FROM {_table()} WHERE id <= %s", [old_highest])
        still_there = {row_id for (row_id,) in cursor.fetchall()}
        gone = [row_id for row_id in positions if row_id not in still_there]
        keep = ~_bits([positions.pop(row_id) for row_id in gone], old.size)
    new_positions, members = _members(added, old.size)
    positions.update(new_positions)
    size = old.size + len(added)
    if size >= 2 * len(positions):
        return None  # as many removed rows as current: start again with compact positions
    values: dict[str, dict[Any, int]] = {}
    for name, by_value in old.values.items():
        values[name] = {value: bits & keep for value, bits in by_value.items()}
    for name, new_by_value in members.items():
        for value, found in new_by_value.items():
            values[name][value] = values[name].get(value, 0) | _bits(found, size)
    values = {
        name: {value: bits for value, bits in by_value.items() if bits}
        for name, by_value in values.items()
    }
    alive = (old.alive & keep) | (((1 << len(added)) - 1) << old.size)
    return FacetBitsets(key, positions, size, alive, values)


def current() -> FacetBitsets | None:
    """The bitsets for the search rows as they are now, or None when they would not fit."""
    global _cached
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {_table()}")
        key = tuple(cursor.fetchone())
        cached = _cached
        if cached is not None and cached[0] == key:
            return cached[1]
        with _lock:
            cached = _cached
            if cached is not None and cached[0] == key:
                return cached[1]
            bitsets = None
            if cached is not None and cached[1] is not None:
                bitsets = _refresh(cursor, cached[1], key)
            if bitsets is None:
                bitsets = _build(cursor, key)
            if not connection.in_atomic_block:
                _cached = (key, bitsets)
            return bitsets


def forget() -> None:
    """Drop the cached bitsets (tests; after replacing the database file under a running site)."""
    global _cached
    _cached = None
