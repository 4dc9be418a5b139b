"""Wagtail admin forms with the privacy guard, for pages, snippets and their inline panels (and
`common.admin_forms`: a chooser sent a value that is not an id is an error, not a crash).

Wagtail builds an InlinePanel's child forms from the metaclass's `child_form()`, not from the
parent form's class, so the guard's metaclass hands out a guarded child form too: questions of a
review template are checked like the template's own name.
"""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.models import WagtailAdminModelFormMetaclass

from common.admin_forms import ChooserValuesMixin
from privacy.forms import PrivacyGuardMixin


class GuardedAdminFormMetaclass(WagtailAdminModelFormMetaclass):
    @classmethod
    def child_form(cls):
        return GuardedAdminModelForm


class GuardedAdminModelForm(
    PrivacyGuardMixin,
    ChooserValuesMixin,
    WagtailAdminModelForm,
    metaclass=GuardedAdminFormMetaclass,
):
    """The admin's snippet form, refusing identifiers in every text field and tag."""


class GuardedAdminPageForm(
    PrivacyGuardMixin, ChooserValuesMixin, WagtailAdminPageForm, metaclass=GuardedAdminFormMetaclass
):
    """The admin's page form, refusing identifiers in the title, the promote tab and the body."""

    privacy_exempt_fields = ("slug",)


def guard_admin_forms() -> None:
    """Give every project model still on Wagtail's plain admin form the guarded one.

    A model with its own `base_form_class` keeps it; the discovery test
    (tests/privacy/test_coverage.py) fails if that form is not guarded.
    """
    from django.apps import apps

    from wagtail.models import Page

    from privacy.registry import PROJECT_APPS

    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        current = getattr(model, "base_form_class", None)
        if issubclass(model, Page) and current in (None, WagtailAdminPageForm):
            model.base_form_class = GuardedAdminPageForm
        elif current is None or current is WagtailAdminModelForm:
            model.base_form_class = GuardedAdminModelForm
