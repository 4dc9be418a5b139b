"""A read log's transaction commits without waiting for the disk; nothing else does."""

from django.db import connection, transaction

import pytest

from audit.models import AuditEvent
from common.transactions import unsynced_atomic

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's PRAGMA synchronous")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's synchronous_commit"
)


def durability():
    """How the current transaction's commit will wait for the disk."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous")
            return {0: "off", 1: "normal", 2: "full", 3: "extra"}[cursor.fetchone()[0]]
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def write_event(detail="read"):
    AuditEvent.objects.create(kind=AuditEvent.Kind.CASE_LEARNING_READ, detail=detail)


@on_sqlite
def test_on_sqlite_only_that_transaction_skips_the_wait_and_the_next_one_waits_again():
    synced = durability()
    with unsynced_atomic():
        write_event()
        assert durability() == "normal"
    assert durability() == synced == "full"
    assert AuditEvent.objects.filter(detail="read").count() == 1


@on_postgresql
def test_on_postgresql_only_that_transaction_skips_the_wait_and_the_next_one_waits_again():
    with unsynced_atomic():
        write_event()
        assert durability() == "off"
    with transaction.atomic():
        assert durability() == "on"
    assert AuditEvent.objects.filter(detail="read").count() == 1


def test_inside_another_transaction_it_joins_it_and_the_commit_still_waits():
    with transaction.atomic():
        synced = durability()
        with unsynced_atomic():
            write_event()
            assert durability() == synced
    assert AuditEvent.objects.filter(detail="read").count() == 1


def test_it_rolls_back_like_any_transaction_and_the_next_commit_waits():
    synced = durability()
    with pytest.raises(RuntimeError), unsynced_atomic():
        write_event()
        raise RuntimeError("the page failed")
    assert not AuditEvent.objects.exists()
    with transaction.atomic():
        assert durability() == synced


def test_with_read_log_synced_every_commit_waits(settings):
    settings.READ_LOG_SYNCED = True
    with transaction.atomic():
        synced = durability()
    with unsynced_atomic():
        write_event()
        assert durability() == synced
