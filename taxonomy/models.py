"""Shared vocabularies from the systems-change reports; every other app tags against these."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from common.models import optional_foreign_key


class Term(models.Model):
    """A named entry in a controlled list that administrators can extend."""

    name = models.CharField(max_length=255, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Priority(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=255)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return f"{self.code} {self.name}"


class Principle(models.Model):
    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    name = models.CharField(max_length=255)
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="principles")
    practice = models.TextField(help_text="The practice that shows this principle at work.")

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class BarrierLevel(models.Model):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=100)
    examples = models.TextField(blank=True, help_text="One example per line.")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name

    @property
    def example_list(self):
        return [line for line in self.examples.splitlines() if line.strip()]


class BarrierCategory(models.Model):
    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "barrier categories"

    def __str__(self):
        return self.name


class BarrierTheme(Term):
    pass


class Need(Term):
    pass


class SpecificGroup(Term):
    pass


class AgencySector(Term):
    pass


class Area(Term):
    """A place: usually a local authority area."""


class Agency(Term):
    sector = optional_foreign_key(AgencySector, related_name="agencies")
    area = optional_foreign_key(Area, related_name="agencies")

    class Meta(Term.Meta):
        verbose_name_plural = "agencies"


class MeetingType(Term):
    """A multi-agency meeting where people with multiple needs are discussed."""

    merged_into = optional_foreign_key(
        "self",
        related_name="merged_from",
        help_text="Set when this meeting no longer runs on its own.",
    )

    @property
    def is_active(self):
        return self.merged_into_id is None


# The vocabularies a learning record is tagged with, by the short names the search's filters,
# facets and API parameters use.
VOCABULARIES = {
    "principle": Principle,
    "priority": Priority,
    "need": Need,
    "category": BarrierCategory,
    "theme": BarrierTheme,
    "agency": Agency,
    "area": Area,
}
