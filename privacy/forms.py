"""Form mixin that blocks direct identifiers and collects gentle writing hints."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError

from common.markdown import reader_text
from privacy.audit import log_findings
from privacy.labels import LabelHint, find_label_hints
from privacy.validators import scan, text_values, validation_errors


class PrivacyGuardMixin:
    """Mix into a Form or ModelForm (before the form class) to check its text fields.

    Every text value in `cleaned_data` is checked (strings, and lists of strings such as tags),
    or only `privacy_fields` when set, minus `privacy_exempt_fields`. Identifiers become field
    errors (code "identifier"); labels to avoid become `self.label_hints[field]` and never block.
    The bound data is untouched, so a re-rendered form still shows everything the writer typed.
    """

    privacy_fields: tuple[str, ...] | None = None
    privacy_exempt_fields: tuple[str, ...] = ()
    # Wagtail builds inline-panel and comment forms itself, from unguarded classes; the parent
    # form checks every form of its formsets (and theirs: comment replies) as well.
    privacy_guard_formsets = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_hints: dict[str, list[LabelHint]] = {}

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data is None:
            cleaned_data = self.cleaned_data
        self.label_hints = {}
        for field, value in list(self._privacy_values(cleaned_data)):
            self._guard_field(field, value)
        if self.privacy_guard_formsets:
            for formset in (getattr(self, "formsets", None) or {}).values():
                _guard_formset(formset)
        return cleaned_data

    def privacy_guarded_fields(self) -> list[str]:
        """The names of the fields this form checks (used by the discovery test)."""
        names = self.privacy_fields if self.privacy_fields is not None else list(self.fields)
        return [name for name in names if name not in self.privacy_exempt_fields]

    def _privacy_values(self, cleaned_data: dict) -> Iterator[tuple[str, str]]:
        names = self.privacy_fields if self.privacy_fields is not None else cleaned_data
        for name in names:
            if name in self.privacy_exempt_fields:
                continue
            for text in text_values(cleaned_data.get(name)):
                yield name, text

    def privacy_pseudonyms(self) -> tuple[str, ...]:
        """Made-up names this form's text may use (see `privacy.validators.scan`)."""
        return ()

    def _guard_field(self, field: str, value: str) -> None:
        hints = find_label_hints(reader_text(value).text)
        if hints:
            self.label_hints.setdefault(field, []).extend(hints)
        findings = scan(value, self.privacy_pseudonyms())
        if findings:
            log_findings(findings, field)
            self.add_error(field, ValidationError(validation_errors(findings)))


def _guard_formset(formset) -> None:
    for form in formset.forms:
        if isinstance(form, PrivacyGuardMixin) or not form.is_bound:
            continue
        cleaned_data = getattr(form, "cleaned_data", None) if form.errors is not None else None
        if not cleaned_data or cleaned_data.get("DELETE"):
            continue
        for name, value in list(cleaned_data.items()):
            findings = scan(value)
            if findings:
                log_findings(findings, f"{formset.prefix}.{name}")
                form.add_error(name, ValidationError(validation_errors(findings)))
        for nested in (getattr(form, "formsets", None) or {}).values():
            _guard_formset(nested)
