"""Who may edit search synonyms (Wagtail: Snippets > Search synonyms)."""

from people import roles

PERMISSIONS = {
    roles.ADMINISTRATOR: [
        "search.add_synonym",
        "search.change_synonym",
        "search.delete_synonym",
        "search.view_synonym",
    ],
}
