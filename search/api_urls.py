"""/api/v1/: the ninja API's operations and its OpenAPI document (no docs page, no API root)."""

from django.urls import path

from .api import api, openapi

app_name = "api"

urlpatterns = [
    *(pattern for pattern in api.urls[0] if getattr(pattern, "name", "") != "api-root"),
    path("openapi.json", openapi, name="openapi"),
]
