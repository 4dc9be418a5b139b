"""Text kept in the session between a refused POST and the page it redirects back to."""

SESSION_PREFIX = "discussion-draft"


def drafts_prefix(label: str, object_id) -> str:
    """What the keys of every draft kept for one object start with."""
    return f"{SESSION_PREFIX}:{label}:{object_id}:"


def draft_key(label: str, object_id, parent_id=None) -> str:
    return f"{drafts_prefix(label, object_id)}{parent_id or 'new'}"


def keep_draft(request, key: str, form) -> None:
    request.session[key] = form.to_draft()


def take_draft(request, key: str) -> dict | None:
    """The kept draft, removed from the session so it shows once."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    return session.pop(key, None)
