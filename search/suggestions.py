"""Completions for the search box: vocabulary terms first, then record titles."""

import re
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from taxonomy.models import BarrierTheme, Need

from .backends import SearchUnavailable, get_learning_backend
from .models import Synonym

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from people.models import User

__all__ = ["suggest"]


def suggest(
    user: "User | AnonymousUser | None", text: str | None, limit: int = 8
) -> list[dict[str, str]]:
    """Completions for the search box: vocabulary terms first, then record titles."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied("Sign in to search shared learning.")
    text = (text or "").strip()
    if len(text) < 2:
        return []
    lowered = text.lower()
    suggestions = []
    for phrase in _term_phrases():
        if phrase.lower().startswith(lowered) and phrase.lower() != lowered:
            suggestions.append({"label": phrase, "kind": "term"})
        if len(suggestions) >= limit // 2:
            break
    # Words only: quotes and operators typed into the box are search syntax to the backend.
    words = " ".join(re.findall(r"\w+", text))
    if not words:
        return suggestions
    try:
        titles = get_learning_backend().titles(words, limit * 2)
    except SearchUnavailable:
        titles = []  # the vocabulary terms above still help while the engine is down
    seen = {s["label"].lower() for s in suggestions}
    for record in titles:
        if record.title.lower() not in seen:
            seen.add(record.title.lower())
            suggestions.append({"label": record.title, "kind": "title", "url": record.url})
        if len(suggestions) >= limit:
            break
    return suggestions


def _term_phrases() -> list[str]:
    phrases = cache.get("search:term-phrases")
    if phrases is None:
        phrases = []
        for synonym in Synonym.objects.all():
            phrases.extend(synonym.phrases())
        phrases.extend(Need.objects.values_list("name", flat=True))
        phrases.extend(BarrierTheme.objects.values_list("name", flat=True))
        phrases = sorted(dict.fromkeys(phrases), key=str.lower)
        cache.set("search:term-phrases", phrases, 300)
    return phrases
