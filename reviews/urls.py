from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.review_start, name="start"),
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/overdue/", views.overdue_actions, name="overdue_actions"),
    path("actions/<int:pk>/update/", views.action_update, name="action_update"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/run/", views.review_run, name="run"),
    path("<int:pk>/autosave/", views.review_autosave, name="autosave"),
    path("<int:pk>/reopen/", views.review_reopen, name="reopen"),
    path("<int:pk>/export.md", views.review_export, name="export"),
]
