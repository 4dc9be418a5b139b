from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggestions, name="suggest"),
    path("saved/", views.save_search, name="save"),
    path("saved/<int:pk>/edit/", views.edit_saved_search, name="saved_edit"),
    path("saved/<int:pk>/delete/", views.delete_saved_search, name="saved_delete"),
    path("tokens/", views.create_token, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="token_revoke"),
]
