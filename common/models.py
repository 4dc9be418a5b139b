import uuid
from typing import Any, TypeVar

from django.db import models


def new_stable_id():
    return uuid.uuid4().hex


class StableIdMixin(models.Model):
    """A record's stable external id: the `id` of the interchange format, kept across sites."""

    external_id = models.CharField(
        max_length=100, unique=True, default=new_stable_id, editable=False, db_index=True
    )

    class Meta:
        abstract = True


class TimestampsMixin(models.Model):
    """When a record was created and when it was last saved."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def optional_foreign_key(to, **options):
    """A link that may be empty, and is emptied rather than deleted when what it names goes."""
    return models.ForeignKey(to, null=True, blank=True, on_delete=models.SET_NULL, **options)


Given = TypeVar("Given", bound=models.QuerySet[Any])


def filter_given(queryset: Given, **lookups: Any) -> Given:
    """`queryset` filtered by each lookup whose value was given (not None, "" or empty): what a
    filter form or an optional argument asks for."""
    return queryset.filter(**{lookup: value for lookup, value in lookups.items() if value})
