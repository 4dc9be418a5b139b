"""Nobody can paste a megabyte into a text field: forms, the admin and the importer refuse it."""

import importlib
import inspect
import json

from django import forms
from django.apps import apps

import pytest

from common.text_limits import LONG_TEXT_MAX_LENGTH, is_project_app, long_text_fields
from search.interchange import parse_lines
from stories.forms import TouchpointForm

MEGABYTE = "a" * 1_048_576


def project_form_classes():
    for app_config in apps.get_app_configs():
        if not is_project_app(app_config):
            continue
        try:
            module = importlib.import_module(f"{app_config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, form_class in inspect.getmembers(module, inspect.isclass):
            if issubclass(form_class, forms.BaseForm) and form_class.__module__ == module.__name__:
                yield form_class


def test_every_long_text_field_of_every_model_has_a_bounded_form_field():
    fields = list(long_text_fields())
    assert len(fields) > 20
    for field in fields:
        assert field.formfield().max_length == LONG_TEXT_MAX_LENGTH, field


@pytest.mark.parametrize("form_class", list(project_form_classes()), ids=lambda cls: cls.__name__)
def test_every_text_field_of_every_form_has_a_limit(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.CharField):
            assert field.max_length, f"{form_class.__name__}.{name} has no max_length"


@pytest.mark.django_db
def test_a_megabyte_in_a_form_gets_a_clear_message():
    form = TouchpointForm(data={"what_happened": MEGABYTE})
    assert not form.is_valid()
    assert form.errors["what_happened"] == [
        "Keep this under 20000 characters (it has 1048576). Shorten it, "
        "or link to a longer document instead of pasting it in."
    ]


def test_the_admin_form_of_a_page_model_has_the_same_limit():
    from brightspots.models import BrightSpotPage

    form_class = BrightSpotPage.get_edit_handler().get_form_class()
    assert form_class.base_fields["what_happened"].max_length == LONG_TEXT_MAX_LENGTH


@pytest.mark.django_db
def test_the_importer_refuses_a_megabyte_with_the_line_and_field():
    record = {"id": "bs-big", "type": "bright_spot", "title": "Big", "body": MEGABYTE}
    _records, problems = parse_lines([json.dumps(record)])
    assert [str(problem) for problem in problems] == [
        f"line 1: body: must be at most {LONG_TEXT_MAX_LENGTH} characters (it has 1048576)"
    ]
