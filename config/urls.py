from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import views

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("core.api_urls")),
    path("", include("acts.api.urls")),
    path("", include("consultations.api.urls")),
    path("", include("opinions.api.urls")),
    path("", include("documents.api.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("accounts.urls")),
    path("organisations/", include("accounts.organisation_urls")),
    path("acts/", include("acts.urls")),
    path("consultations/", include("consultations.urls")),
    path("council/", include("opinions.urls")),
    path("documents/", include("documents.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        # Swagger UI sets inline styles; its scripts stay same-origin (the split view).
        csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]

# Under /api/ errors answer in the API's JSON shape; pages keep the HTML templates.
handler400 = "core.error_views.bad_request"
handler403 = "core.error_views.permission_denied"
handler404 = "core.error_views.page_not_found"
handler500 = "core.error_views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
