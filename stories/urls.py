from common.urls import route

from .views import cohorts, journeys

app_name = "stories"

urlpatterns = [
    route("", cohorts.cohort_list),
    route("cohorts/new/", cohorts.cohort_create),
    route("cohorts/<int:pk>/", cohorts.cohort_detail),
    route("cohorts/<int:pk>/edit/", cohorts.cohort_edit),
    route("cohorts/<int:pk>/journeys.csv", cohorts.cohort_export),
    route("cohorts/<int:pk>/team/", cohorts.cohort_team),
    route("cohorts/<int:pk>/team/<int:membership_pk>/remove/", cohorts.cohort_team_remove),
    route("cohorts/<int:pk>/participants/new/", journeys.participant_create),
    route("cohorts/<int:pk>/summary/", cohorts.summary_edit),
    route("participants/<int:pk>/", journeys.participant_detail),
    route("participants/<int:pk>/edit/", journeys.participant_edit),
    route("participants/<int:pk>/withdraw/", journeys.participant_withdraw),
    route("participants/<int:pk>/touchpoints/new/", journeys.touchpoint_create),
    route("touchpoints/<int:pk>/edit/", journeys.touchpoint_edit),
    route("summaries/<int:pk>/", cohorts.summary_detail),
    route("audit/", cohorts.audit_log),
]
