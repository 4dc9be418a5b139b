from django.urls import path

from . import views

app_name = "discussion"

urlpatterns = [
    path("<str:label>/<str:object_id>/add/", views.add, name="add"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/hide/", views.hide, name="hide"),
    path("<int:pk>/unhide/", views.unhide, name="unhide"),
]
