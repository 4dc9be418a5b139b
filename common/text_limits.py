"""How long typed text may be: one limit for every long text field, in forms, the admin and imports.

Every `TextField` of the project's own models gets a form field with `LONG_TEXT_MAX_LENGTH`
(front-end model forms and Wagtail's admin forms both build theirs from the model field), the
importer checks the same number, and `TextLengthLimitMixin` covers hand-declared form fields.
Short text (`CharField`) already carries its own `max_length`.
"""

from functools import partial
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models

LONG_TEXT_MAX_LENGTH = 20_000
TAGS_MAX_LENGTH = 500
TOO_LONG = (
    "Keep this under %(limit_value)s characters (it has %(show_value)s). Shorten it, "
    "or link to a longer document instead of pasting it in."
)
TOO_LONG_ERRORS = {"max_length": TOO_LONG}


def too_long_message(limit, length):
    """The same words for places that check lengths without a form (the importer)."""
    return TOO_LONG % {"limit_value": f"{limit:,}", "show_value": f"{length:,}"}


def _bounded_formfield(model_field, **kwargs):
    kwargs.setdefault("max_length", LONG_TEXT_MAX_LENGTH)
    kwargs["error_messages"] = {**TOO_LONG_ERRORS, **kwargs.get("error_messages", {})}
    return models.TextField.formfield(model_field, **kwargs)


def is_project_app(app_config):
    """The apps in this repository, not Django's, Wagtail's or another installed package's."""
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return base in path.parents and ".venv" not in path.parts and "site-packages" not in path.parts


def long_text_fields():
    """Every TextField without its own max_length on the project's models."""
    for app_config in apps.get_app_configs():
        if not is_project_app(app_config):
            continue
        for model in app_config.get_models():
            for field in model._meta.local_fields:
                if isinstance(field, models.TextField) and field.max_length is None:
                    yield field


def tag_fields():
    """Every tag list (django-taggit) on the project's models: typed as one line of text."""
    from taggit.managers import TaggableManager

    for app_config in apps.get_app_configs():
        if is_project_app(app_config):
            for model in app_config.get_models():
                for field in model._meta.private_fields + model._meta.local_many_to_many:
                    if isinstance(field, TaggableManager):
                        yield field


def _bounded_tag_formfield(model_field, **kwargs):
    from taggit.managers import TaggableManager

    kwargs.setdefault("max_length", TAGS_MAX_LENGTH)
    kwargs["error_messages"] = {**TOO_LONG_ERRORS, **kwargs.get("error_messages", {})}
    return TaggableManager.formfield(model_field, **kwargs)


def limit_long_text_fields():
    """Give each long text field and tag list a bounded form field. Migrations are untouched:
    only the form field changes, never the column."""
    for field in long_text_fields():
        field.formfield = partial(_bounded_formfield, field)
    for field in tag_fields():
        field.formfield = partial(_bounded_tag_formfield, field)


class TextLengthLimitMixin:
    """For forms with hand-declared text fields: any CharField without a max_length gets the
    shared limit and message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                limit_form_field(field)


def limit_form_field(field, limit=LONG_TEXT_MAX_LENGTH):
    from django.core.validators import MaxLengthValidator

    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.error_messages = {**field.error_messages, **TOO_LONG_ERRORS}
    field.widget.attrs.update(field.widget_attrs(field.widget))
