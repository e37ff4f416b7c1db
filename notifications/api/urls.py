from django.urls import path

from notifications.api import views

urlpatterns = [
    path("notifications/", views.NotificationListApi.as_view(), name="api-notification-list"),
    path(
        "notifications/read-all/",
        views.NotificationReadAllApi.as_view(),
        name="api-notification-read-all",
    ),
    path(
        "notifications/preferences/",
        views.PreferencesApi.as_view(),
        name="api-notification-preferences",
    ),
    path(
        "notifications/<int:pk>/read/",
        views.NotificationReadApi.as_view(),
        name="api-notification-read",
    ),
]
