from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views
from .feeds import BrightSpotFeed

app_name = "brightspots"

urlpatterns = [
    path("bright-spots/submit/", views.submit, name="submit"),
    path("bright-spots/mine/", views.mine, name="mine"),
    path("bright-spots/moderate/", views.moderate, name="moderate"),
    path(
        "bright-spots/moderate/<int:page_id>/",
        views.moderation_preview,
        name="moderation_preview",
    ),
    path("bright-spots/<int:page_id>/edit/", views.edit, name="edit"),
    path("bright-spots/feed/", login_not_required(BrightSpotFeed()), name="feed"),
    path("forum/calendar.ics", views.forum_calendar, name="forum_calendar"),
    path("forum/<int:page_id>/session.ics", views.session_ics, name="session_ics"),
    path("forum/<int:page_id>/register/", views.register, name="register"),
    path("forum/<int:page_id>/cancel/", views.cancel_registration, name="cancel_registration"),
    path("forum/new/", views.new_session, name="new_session"),
    path("forum/<int:page_id>/next/", views.next_session, name="next_session"),
    path("forum/<int:page_id>/record/", views.record_session, name="record_session"),
    path("forum/<int:page_id>/manage/", views.manage_session, name="manage_session"),
    path("forum/<int:page_id>/attendees.csv", views.attendees_csv, name="attendees_csv"),
]
