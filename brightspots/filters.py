"""The filters of the Bright Spot list: vocabulary only, so the index page can use them without
importing the app's model forms."""

from django import forms
from django.utils import timezone

from taxonomy.models import Agency, Area, Need, Principle


class BrightSpotFilterForm(forms.Form):
    principle = forms.ModelChoiceField(
        queryset=Principle.objects.order_by("number"), required=False, empty_label="Any"
    )
    need = forms.ModelChoiceField(queryset=Need.objects.all(), required=False, empty_label="Any")
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(), required=False, empty_label="Any"
    )
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False, empty_label="Any")
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", "Any")] + [
            (year, str(year)) for year in range(this_year, this_year - 10, -1)
        ]
