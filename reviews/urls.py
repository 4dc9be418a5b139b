from django.urls import path

from .views import actions, runs

app_name = "reviews"

urlpatterns = [
    path("", runs.review_list, name="list"),
    path("new/", runs.review_start, name="start"),
    path("actions/", actions.my_actions, name="my_actions"),
    path("actions/overdue/", actions.overdue_actions, name="overdue_actions"),
    path("actions/<int:pk>/update/", actions.action_update, name="action_update"),
    path("<int:pk>/", runs.review_detail, name="detail"),
    path("<int:pk>/run/", runs.review_run, name="run"),
    path("<int:pk>/autosave/", runs.review_autosave, name="autosave"),
    path("<int:pk>/reopen/", runs.review_reopen, name="reopen"),
    path("<int:pk>/export.md", runs.review_export, name="export"),
]
