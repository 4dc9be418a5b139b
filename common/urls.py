"""URL helpers shared by the apps' `urls.py`."""

from django.urls import path


def route(pattern, view):
    """A path named after its view function, so a URL's name and its view never drift apart."""
    return path(pattern, view, name=view.__name__)
