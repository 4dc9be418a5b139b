from django.urls import path

from . import views

app_name = "barriers"

urlpatterns = [
    path("", views.barrier_list, name="list"),
    path("log/", views.log_snag, name="log"),
    path("similar/", views.similar, name="similar"),
    path("<int:pk>/", views.barrier_detail, name="detail"),
    path("<int:pk>/edit/", views.barrier_edit, name="edit"),
    path("<int:pk>/met-again/", views.record_again, name="record_again"),
    path("<int:pk>/merge/", views.barrier_merge, name="merge"),
]
