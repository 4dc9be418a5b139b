from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("people.urls")),
    path("", include("brightspots.urls")),
    path("comments/", include("discussion.urls")),
    path("reviews/", include("reviews.urls")),
    path("case-learning/", include("stories.urls")),
    path("barriers/", include("barriers.urls")),
    path("insights/", include("barriers.insights_urls")),
    path("search/", include("search.urls")),
    path("api/v1/", include("search.api_urls")),
    path("audit/", include("audit.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it catches every path not matched above.
urlpatterns.append(path("", include(wagtail_urls)))
