"""System checks for the engine settings."""

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register()
def elasticsearch_client_matches_the_engine(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """An Elasticsearch 8 server refuses the 9.x client (it asks for version-9 responses)."""
    if getattr(settings, "SEARCH_ENGINE", "") != "elasticsearch8":
        return []
    from elasticsearch import __versionstr__

    if int(__versionstr__.split(".")[0]) < 9:
        return []
    return [
        Warning(
            f"SEARCH_ENGINE=elasticsearch8 with the elasticsearch {__versionstr__} client: "
            "Elasticsearch 8 servers refuse 9.x clients.",
            hint='Install the 8.x client in this deployment: pip install "elasticsearch>=8.18,<9"',
            id="search.W001",
        )
    ]
