from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("verify/<str:code>/download/", views.download_by_code, name="verify_download"),
    path("request/", views.RequestDocumentView.as_view(), name="request"),
    path("<int:pk>/download/", views.download, name="download"),
]
