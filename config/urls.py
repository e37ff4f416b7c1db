from csp.decorators import csp_update
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from acts.api.views import VersionSourceApi
from config import views, work_api
from consultations.api.views.files import CommentAttachmentApi, ConsultationAttachmentApi
from core.models import LegalPageKind
from opinions.api.views.files import RequestAttachmentApi

api_v1: list[URLPattern | URLResolver] = [
    path("me/work/", work_api.MyWorkApi.as_view(), name="api-me-work"),
    path("", include("accounts.api.urls")),
    path("", include("core.api_urls")),
    path("", include("acts.api.urls")),
    path("", include("consultations.api.urls")),
    path("", include("opinions.api.urls")),
    path("", include("documents.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("notifications.api.follow_urls")),
]

# Every uploaded file, through its object's rule (core.files); the pages and the API link
# here, a session or an API token says who asks.
files = [
    path(
        "act-versions/<int:pk>/source/",
        VersionSourceApi.as_view(),
        name="act-version-source",
    ),
    path(
        "consultation-attachments/<int:pk>/",
        ConsultationAttachmentApi.as_view(),
        name="consultation-attachment",
    ),
    path(
        "comment-attachments/<int:pk>/",
        CommentAttachmentApi.as_view(),
        name="comment-attachment",
    ),
    path(
        "council-request-attachments/<int:pk>/",
        RequestAttachmentApi.as_view(),
        name="council-request-attachment",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("my-work/", views.my_work, name="my_work"),
    path("privacy/", views.legal_page, {"kind": LegalPageKind.PRIVACY}, name="privacy"),
    path(
        "accessibility/",
        views.legal_page,
        {"kind": LegalPageKind.ACCESSIBILITY},
        name="accessibility",
    ),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("accounts.urls")),
    path("organisations/", include("accounts.organisation_urls")),
    path("acts/", include("acts.urls")),
    path("consultations/", include("consultations.urls")),
    path("council/", include("opinions.urls")),
    path("documents/", include("documents.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("notifications.follow_urls")),
    path("admin/", admin.site.urls),
    path("files/", include((files, "files"))),
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
