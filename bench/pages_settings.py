"""Settings for the pages and load benchmarks: the production settings unchanged, plus a template
directory holding the bare Wagtail page's template (`wagtailcore/page.html`), the floor the
project's pages are compared with. Never used outside `make bench`."""

from config.settings.production import *  # noqa: F403
from config.settings.production import BASE_DIR, TEMPLATES

TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
