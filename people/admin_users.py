"""Wagtail's user admin, with the agency and job title every user has."""

from django import forms

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from taxonomy.models import Agency


class AgencyFieldsMixin(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(), help_text="Everyone belongs to an agency."
    )
    job_title = forms.CharField(max_length=150, required=False)


class PeopleUserCreationForm(AgencyFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, "agency", "job_title"]


class PeopleUserEditForm(AgencyFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, "agency", "job_title"]


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PeopleUserEditForm if for_update else PeopleUserCreationForm
