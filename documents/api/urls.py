from django.urls import path

from documents.api import views

urlpatterns = [
    path("documents/", views.DocumentListApi.as_view(), name="api-document-list"),
    path("documents/<int:pk>/", views.DocumentDetailApi.as_view(), name="api-document-detail"),
    path("documents/<int:pk>/file/", views.DocumentFileApi.as_view(), name="api-document-file"),
]
