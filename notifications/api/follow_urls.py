from django.urls import path

from notifications.api import follow_views

urlpatterns = [
    path("follows/", follow_views.FollowListApi.as_view(), name="api-follow-list"),
    path("follows/<int:pk>/", follow_views.FollowDetailApi.as_view(), name="api-follow-detail"),
    path("subscriptions/", follow_views.SubscriptionApi.as_view(), name="api-subscription-create"),
]
