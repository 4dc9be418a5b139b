from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("search", api.search, name="search"),
    path("openapi.json", api.openapi, name="openapi"),
]
