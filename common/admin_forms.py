"""What every Wagtail admin form of the project adds to Wagtail's own (privacy.admin_forms builds
the project's admin forms on it)."""

from wagtail.admin.widgets.chooser import BaseChooser


class ChooserValuesMixin:
    """A chooser (Wagtail's picker of a page, a snippet or another record) whose hidden input
    holds something other than an id is refused by its field as any choice is ("Select a valid
    choice"); but when the form is shown again with that error, Wagtail's chooser widget looks
    the value up and lets the ValueError out (a 500). So a refused value that is not an id is
    shown as nothing chosen, beside its error. Only a hand-made request sends one."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        refused = [
            self.add_prefix(name)
            for name, field in self.fields.items()
            if name in self._errors
            and isinstance(field.widget, BaseChooser)
            and not str(self.data.get(self.add_prefix(name), "")).strip().isdecimal()
        ]
        if refused:
            self.data = self.data.copy()
            for key in refused:
                self.data[key] = ""
