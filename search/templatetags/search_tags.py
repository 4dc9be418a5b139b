from typing import Any

from django import template
from django.template import Context

from people.models import User
from search.forms import ApiTokenForm, SavedSearchForm
from search.models import ApiToken, SavedSearch
from search.views import NEW_TOKEN_SESSION_KEY

register = template.Library()


@register.inclusion_tag("search/account_sections.html", takes_context=True)
def search_account_sections(context: Context, user: User) -> dict[str, Any]:
    """Saved searches and API tokens on the account page. A new token is shown once."""
    request = context.get("request")
    new_token = request.session.pop(NEW_TOKEN_SESSION_KEY, None) if request else None
    saved = SavedSearch.objects.filter(user=user)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "saved_searches": [
            {"saved": s, "form": SavedSearchForm(instance=s, prefix=f"saved-{s.pk}")} for s in saved
        ],
        "tokens": ApiToken.objects.filter(user=user),
        "token_form": ApiTokenForm(prefix="token"),
        "new_token": new_token,
    }
