from django.urls import path

from acts.api import views

VERSION = "acts/<int:pk>/versions/<int:number>/"
PROVISION = f"{VERSION}provisions/<int:provision_id>/"

urlpatterns = [
    path("acts/", views.ActListApi.as_view(), name="api-act-list"),
    path("acts/<int:pk>/", views.ActDetailApi.as_view(), name="api-act-detail"),
    path("acts/<int:pk>/withdraw/", views.ActWithdrawApi.as_view(), name="api-act-withdraw"),
    path("acts/<int:pk>/versions/", views.VersionListApi.as_view(), name="api-version-list"),
    path(VERSION, views.VersionDetailApi.as_view(), name="api-version-detail"),
    path(f"{VERSION}publish/", views.VersionPublishApi.as_view(), name="api-version-publish"),
    path(f"{VERSION}diff/", views.VersionDiffApi.as_view(), name="api-version-diff"),
    path(
        f"{VERSION}consolidated/", views.ConsolidatedApi.as_view(), name="api-version-consolidated"
    ),
    path(f"{VERSION}provisions/", views.ProvisionListApi.as_view(), name="api-provision-list"),
    path(PROVISION, views.ProvisionDetailApi.as_view(), name="api-provision-detail"),
    path(f"{PROVISION}split/", views.ProvisionSplitApi.as_view(), name="api-provision-split"),
    path(f"{PROVISION}merge/", views.ProvisionMergeApi.as_view(), name="api-provision-merge"),
    path("topics/", views.TopicListApi.as_view(), name="api-topic-list"),
]
