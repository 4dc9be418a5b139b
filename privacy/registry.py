"""Which stored text the guard checks: every text field of every model in the project's apps
(and taggit's tags), except the fields listed here with the reason they need no check.

`check_instance` is the last line behind the forms, the importer and the API: the `pre_save`
signal (privacy/apps.py) runs it on every save of a guarded model, so text written by a path
nobody thought of (a management command, the shell, a new view) is still refused. Bulk writes
(`bulk_create`, `update`) skip signals; the importer checks its records before it writes.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from privacy.audit import log_findings
from privacy.validators import IDENTIFIER_CODE, scan


def _project_apps() -> tuple[str, ...]:
    """Every installed app that lives in this repository, so a new app is guarded (or must say
    why not) from the day it is added."""
    base = Path(settings.BASE_DIR)
    labels = (name.split(".")[0] for name in settings.INSTALLED_APPS)
    return tuple(dict.fromkeys(label for label in labels if (base / label / "apps.py").exists()))


PROJECT_APPS = _project_apps()
# Models from libraries whose text people type into this project: tags, Wagtail's page comments
# and replies, and the comment a moderator leaves on a workflow task.
LIBRARY_MODELS = (
    "taggit.Tag",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.TaskState",
)

# Whole models that hold no learning text of their own, with the reason.
EXEMPT_MODELS = {
    "people.User": "staff accounts: a user's own name, email and job title belong there",
    "search.LearningRecord": "search index rows copied from records the guard already checked",
    "search.SearchRow": "search index rows copied from records the guard already checked",
    "stories.AccessLogEntry": "audit log written by the system: paths and record labels",
    "audit.AuditEvent": "security log written by the system: event kinds, record ids, paths",
}
# Single fields that hold no typed prose, with the reason.
EXEMPT_FIELDS = {
    "path": "Wagtail's position in the page tree",
    "url_path": "Wagtail's URL, built from slugs",
    "slug": "built from the title, which is checked",
    "draft_title": "Wagtail's copy of the title, which is checked",
    "search.ApiToken.token_hash": "a hash of a secret",
    "search.ApiToken.prefix": "the first characters of a generated secret",
    "stories.Participant.code": "a pseudonym the system generates",
    "discussion.Comment.object_id": "the id of the record a comment is about",
    "barriers.Occurrence.source_id": "the id of the record an occurrence came from",
    "brightspots.ForumSessionPage.joining_link": "a meeting link (a URL), not prose",
    "brightspots.BrightSpotPage.team_email": (
        "a staff team's work address the author chose to give; shown only to signed-in staff"
    ),
    "search.LearningRecord.url": "a URL",
    "wagtailcore.Comment.contentpath": "the path of the field a comment is attached to",
    "wagtailcore.Comment.position": "where in the field a comment sits (offsets)",
}


def _is_text_field(field: models.Field) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.concrete
    )


def field_exemption(model: type[models.Model], name: str) -> str | None:
    """Why a field is not checked, or None when it is."""
    label = model._meta.label
    if label in EXEMPT_MODELS:
        return EXEMPT_MODELS[label]
    return EXEMPT_FIELDS.get(f"{label}.{name}") or EXEMPT_FIELDS.get(name)


def text_fields(model: type[models.Model]) -> list[str]:
    """Every text field on a model (its own and inherited), guarded or not."""
    return [field.name for field in model._meta.concrete_fields if _is_text_field(field)]


def guarded_fields(model: type[models.Model]) -> list[str]:
    return [name for name in text_fields(model) if field_exemption(model, name) is None]


def guarded_models() -> list[type[models.Model]]:
    found = [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and model._meta.label not in EXEMPT_MODELS
    ]
    found += [apps.get_model(label) for label in LIBRARY_MODELS]
    return [model for model in found if guarded_fields(model)]


def check_instance(instance: models.Model) -> dict[str, list[ValidationError]]:
    """Field name to errors for every guarded field of `instance` that holds an identifier."""
    errors: dict[str, list[ValidationError]] = {}
    # A model may name the made-up names its text uses (a touchpoint: its participant's alias).
    pseudonyms = getattr(instance, "privacy_pseudonyms", tuple)()
    for name in guarded_fields(type(instance)):
        findings = scan(getattr(instance, name, None), pseudonyms)
        if findings:
            log_findings(findings, f"{instance._meta.label}.{name}")
            errors[name] = [
                ValidationError(finding.message, code=IDENTIFIER_CODE) for finding in findings
            ]
    return errors


class IdentifierRefused(ValidationError):
    """Raised by the save guard; privacy.middleware turns it into a 400 page, never a 500."""


def refuse_identifiers(sender, instance, raw=False, **kwargs):
    """`pre_save` receiver: refuse to store an identifier in any guarded field."""
    if raw:  # loading fixtures
        return
    errors = check_instance(instance)
    if errors:
        raise IdentifierRefused(errors)
