from django.urls import path

from . import insights_views

app_name = "insights"

urlpatterns = [
    path("", insights_views.dashboard, name="dashboard"),
    path("<slug:panel>.csv", insights_views.panel_csv, name="csv"),
]
