from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("", views.cohort_list, name="cohort_list"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", views.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/journeys.csv", views.cohort_export, name="cohort_export"),
    path("cohorts/<int:pk>/team/", views.cohort_team, name="cohort_team"),
    path(
        "cohorts/<int:pk>/team/<int:membership_pk>/remove/",
        views.cohort_team_remove,
        name="cohort_team_remove",
    ),
    path(
        "cohorts/<int:pk>/participants/new/",
        views.participant_create,
        name="participant_create",
    ),
    path("cohorts/<int:pk>/summary/", views.summary_edit, name="summary_edit"),
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="participant_edit"),
    path(
        "participants/<int:pk>/withdraw/",
        views.participant_withdraw,
        name="participant_withdraw",
    ),
    path(
        "participants/<int:pk>/touchpoints/new/",
        views.touchpoint_create,
        name="touchpoint_create",
    ),
    path("touchpoints/<int:pk>/edit/", views.touchpoint_edit, name="touchpoint_edit"),
    path("summaries/<int:pk>/", views.summary_detail, name="summary_detail"),
    path("audit/", views.audit_log, name="audit_log"),
]
