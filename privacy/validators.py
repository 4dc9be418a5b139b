"""Identifier checks for data that arrives without a form: model fields, importers, APIs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from django.core.exceptions import ValidationError

from privacy.audit import log_findings
from privacy.guard import NAME, Finding, find_identifiers

IDENTIFIER_CODE = "identifier"


def text_values(value: object) -> Iterator[str]:
    """The strings in a value: itself, or the strings in a list, tuple or set (tags)."""
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            if isinstance(item, str) and item:
                yield item
            elif hasattr(item, "name") and isinstance(item.name, str):
                yield item.name  # a Tag


def scan(value: object, pseudonyms: Iterable[str] = ()) -> list[Finding]:
    """Findings in a value that may be Markdown, rich-text HTML or a list of strings.

    `pseudonyms` are the made-up names the record may use: a walked-alongside participant's
    alias in that participant's own touchpoints ("Sam said the hostel felt safer"). A name
    finding that is exactly one of them is not an identifier there; anywhere else it still is.
    """
    allowed = {name.strip().casefold() for name in pseudonyms if name and name.strip()}
    findings: list[Finding] = []
    for text in text_values(value):
        findings.extend(
            finding
            for finding in find_identifiers(text)
            if not (finding.kind == NAME and _without_possessive(finding.text) in allowed)
        )
    return findings


def _without_possessive(name: str) -> str:
    name = name.strip().casefold()
    for ending in ("'s", "\u2019s"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def validation_errors(findings: list[Finding]) -> list[ValidationError]:
    return [ValidationError(finding.message, code=IDENTIFIER_CODE) for finding in findings]


def validate_no_identifiers(value: object) -> None:
    """Django validator for model and form fields: raises one error per identifier found."""
    findings = scan(value)
    if findings:
        log_findings(findings)
        raise ValidationError(validation_errors(findings))


def check_fields(values: Mapping[str, object]) -> dict[str, list[str]]:
    """Map each field that holds identifiers to its messages; clean fields are left out."""
    messages: dict[str, list[str]] = {}
    for field, value in values.items():
        findings = scan(value)
        if findings:
            log_findings(findings, field)
            messages[field] = [finding.message for finding in findings]
    return messages


def assert_no_identifiers(values: Mapping[str, object]) -> None:
    """Raise `ValidationError({field: [...]})` listing every identifier in `values`."""
    problems = check_fields(values)
    if problems:
        raise ValidationError(
            {
                field: [ValidationError(message, code=IDENTIFIER_CODE) for message in messages]
                for field, messages in problems.items()
            }
        )
