from common.urls import route

from . import views

app_name = "discussion"

urlpatterns = [
    route("<str:label>/<str:object_id>/add/", views.add),
    route("<int:pk>/reply/", views.reply),
    route("<int:pk>/edit/", views.edit),
    route("<int:pk>/delete/", views.delete),
    route("<int:pk>/hide/", views.hide),
    route("<int:pk>/unhide/", views.unhide),
]
