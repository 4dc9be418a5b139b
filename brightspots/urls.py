app_name = "brightspots"

urlpatterns = []
