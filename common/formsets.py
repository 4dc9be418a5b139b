"""Formsets (a list of rows edited on one page: a review's lessons, a session's actions) that
take only as many rows as a person could add.

A formset builds one form for each row the request says it sends (`TOTAL_FORMS`). Django stops
at 2,000, but a hand-made request claiming millions of rows still had a review's run page build
and show 2,000 empty lessons: 23 seconds of a worker's time and a 17 MB page, for each request.
Here a list takes the rows it already has (counted from the database, not from the request) plus
`NEW_ROWS_AT_ONCE`; a request claiming more gets the message below and nothing is saved.
"""

from django import forms

NEW_ROWS_AT_ONCE = 50
TOO_MANY_ROWS = (
    "This list takes at most %(num)d rows at once. Save what you have, then add the rest."
)


class _BoundedRows:
    default_error_messages = {"too_many_forms": TOO_MANY_ROWS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rows the formset edits are read here once; building its forms reuses them.
        self.max_num = self.absolute_max = len(self.get_queryset()) + NEW_ROWS_AT_ONCE


class BoundedModelFormSet(_BoundedRows, forms.BaseModelFormSet):
    pass


class BoundedInlineFormSet(_BoundedRows, forms.BaseInlineFormSet):
    pass
