app_name = "barriers"

urlpatterns = []
