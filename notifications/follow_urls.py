from django.urls import path

from notifications import follow_views

app_name = "following"

urlpatterns = [
    path("following/", follow_views.FollowListView.as_view(), name="list"),
    path("following/change/", follow_views.FollowView.as_view(), name="follow"),
    path("subscribe/", follow_views.SubscribeView.as_view(), name="subscribe"),
    path(
        "subscribe/confirm/<str:token>/",
        follow_views.SubscriptionConfirmView.as_view(),
        name="subscription_confirm",
    ),
    path(
        "subscribe/unsubscribe/<str:token>/",
        follow_views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
]
