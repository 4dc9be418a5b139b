"""Discovery: every text field on every model and form in the project is guarded.

The lists are found, not written down: a model, field, form or admin form added later is picked up
here and fails until it is guarded or given a reasoned exemption in privacy/registry.py or below.
"""

import importlib
import pkgutil

from django import forms
from django.apps import apps
from django.db.models.signals import pre_save

from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

import pytest

from privacy.forms import PrivacyGuardMixin
from privacy.registry import (
    EXEMPT_MODELS,
    LIBRARY_MODELS,
    PROJECT_APPS,
    IdentifierRefused,
    check_instance,
    field_exemption,
    guarded_fields,
    text_fields,
)

IDENTIFIER = "Seen by <Dave Smith, 07700 9*00*123>"
# The evasions an independent checker types, each with the part of it the message must quote.
EVASIONS = {
    "Mr **Smith** rang": "Mr **Smith**",
    "Seen by <Dave Smith, 07700 900123>": "07700 900123",
    "Call &#48;7700 900123": "&#48;7700 900123",
    "Call 07700\u200b900123": "07700\u200b900123",
    "Call \uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13": (
        "\uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13"
    ),
    "Seen by [Dave Smith](#)": "Dave Smith",
    "## Fenella Grimshaw": "Fenella Grimshaw",
    "<b>Dave</b> Smith was there": "<b>Dave</b> Smith",
}

# Forms whose text is never stored: each says why.
UNSTORED_FORMS = {
    "barriers.forms.BarrierFilterForm": "filters the barrier list; the query is not stored",
    "barriers.forms.InsightsFilterForm": "filters the dashboard; nothing is stored",
    "brightspots.filters.BrightSpotFilterForm": "filters the Bright Spot list; nothing is stored",
    "reviews.forms.ReviewFilterForm": "filters the review list; nothing is stored",
    "search.forms.SearchForm": "a search; the query is not stored (saved searches are guarded)",
    "stories.forms.AuditFilterForm": "filters the audit log; nothing is stored",
}
# Staff accounts (people.User is exempt in privacy/registry.py for the same reason).
ACCOUNT_FORMS = {
    "people.forms.AccountForm",
    "people.admin_users.PeopleUserCreationForm",
    "people.admin_users.PeopleUserEditForm",
    "people.admin_users.AgencyFieldsMixin",
    "people.forms.SecondFactorForm",
    "people.forms.SetupForm",
}
# Form fields a guarded form may skip, and why.
EXEMPT_FORM_FIELDS = {
    "slug": "built from the title, which is checked",
    "joining_link": "a meeting link (a URL), not prose",
    "team_email": "a staff team's work address the author chose to give, not learning text",
}


def _project_models():
    found = [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]
    return found + [apps.get_model(label) for label in LIBRARY_MODELS]


def _model_fields():
    return [
        (model, name)
        for model in _project_models()
        for name in text_fields(model)
        if model._meta.label not in EXEMPT_MODELS
    ]


def _import_project_modules():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _project_forms():
    _import_project_modules()
    found = {}
    for form_class in _subclasses(forms.BaseForm):
        if form_class.__module__.split(".")[0] in PROJECT_APPS:
            found[f"{form_class.__module__}.{form_class.__qualname__}"] = form_class
    return sorted(found.items())


def _text_form_fields(form_class):
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field, forms.TypedChoiceField)
    ]


@pytest.mark.parametrize(
    ("model", "name"),
    _model_fields(),
    ids=lambda value: value if isinstance(value, str) else value._meta.label,
)
@pytest.mark.django_db
def test_every_model_text_field_is_guarded_or_exempt_with_a_reason(model, name):
    reason = field_exemption(model, name)
    if reason is not None:
        assert len(reason) > 10, f"{model._meta.label}.{name}: give the exemption a reason"
        return
    instance = model()
    setattr(instance, name, IDENTIFIER)
    errors = check_instance(instance)
    assert name in errors, f"{model._meta.label}.{name} holds an identifier unchecked"
    assert any("07700 9*00*123" in str(error) for error in errors[name])


@pytest.mark.django_db
def test_every_guarded_field_refuses_each_evasion_and_quotes_what_was_typed():
    # The save guard stands behind the forms, the Wagtail admin, the API, the importer and the
    # commands: each evasion is refused in every guarded field, quoted as typed.
    unrefused = []
    for model in _project_models():
        for name in guarded_fields(model):
            for typed, quoted in EVASIONS.items():
                instance = model()
                setattr(instance, name, typed)
                errors = check_instance(instance).get(name, [])
                if not any(f"“{quoted}”" in " ".join(error.messages) for error in errors):
                    unrefused.append((model._meta.label, name, typed, errors))
    assert unrefused == []


@pytest.mark.parametrize(
    "model",
    [model for model in _project_models() if guarded_fields(model)],
    ids=lambda model: model._meta.label,
)
@pytest.mark.django_db
def test_every_save_of_a_guarded_model_is_refused_with_an_identifier(model):
    instance = model()
    setattr(instance, guarded_fields(model)[0], IDENTIFIER)
    with pytest.raises(IdentifierRefused):
        pre_save.send(sender=model, instance=instance, raw=False)


def test_exempt_models_each_give_a_reason():
    for label, reason in EXEMPT_MODELS.items():
        assert apps.get_model(label) and len(reason) > 10


@pytest.mark.parametrize(("path", "form_class"), _project_forms(), ids=lambda v: str(v))
def test_every_form_with_text_is_guarded(path, form_class):
    text = _text_form_fields(form_class)
    if not text or path in ACCOUNT_FORMS:
        return
    if path in UNSTORED_FORMS:
        assert len(UNSTORED_FORMS[path]) > 10
        return
    assert issubclass(form_class, PrivacyGuardMixin), f"{path} stores {text} unguarded"
    checked = form_class.privacy_fields
    for name in text:
        if name in form_class.privacy_exempt_fields:
            assert name in EXEMPT_FORM_FIELDS, f"{path}.{name} is skipped without a reason"
        elif checked is not None:
            assert name in checked or name in EXEMPT_FORM_FIELDS, f"{path}.{name} not checked"


def _admin_form_classes():
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        yield f"snippet {model._meta.label}", viewset.get_form_class()
    for model in get_page_models():
        if model is Page or model._meta.app_label not in PROJECT_APPS:
            continue
        yield f"page {model._meta.label}", model.get_edit_handler().get_form_class()


@pytest.mark.parametrize(
    ("label", "form_class"), list(_admin_form_classes()), ids=lambda value: str(value)[:60]
)
def test_every_wagtail_admin_form_and_inline_panel_is_guarded(label, form_class):
    assert issubclass(form_class, PrivacyGuardMixin), f"{label}: admin form unguarded"
    for name, formset in (getattr(form_class, "formsets", None) or {}).items():
        guarded = issubclass(formset.form, PrivacyGuardMixin) or form_class.privacy_guard_formsets
        assert guarded, f"{label}: inline {name} unguarded"
