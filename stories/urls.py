app_name = "stories"

urlpatterns = []
