"""Text kept in the session between a refused POST and the page it redirects back to."""

SESSION_PREFIX = "discussion-draft"


def draft_key(label: str, object_id, parent_id=None) -> str:
    return f"{SESSION_PREFIX}:{label}:{object_id}:{parent_id or 'new'}"


def keep_draft(request, key: str, form) -> None:
    request.session[key] = form.to_draft()


def take_draft(request, key: str) -> dict | None:
    """The kept draft, removed from the session so it shows once."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    return session.pop(key, None)
