from django.urls import path

from acts import views

app_name = "acts"

VERSION = "<int:pk>/versions/<int:number>/"
PROVISION = f"{VERSION}provisions/<int:provision_id>/"

urlpatterns = [
    path("", views.ActListView.as_view(), name="list"),
    path("new/", views.ActCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ActDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ActEditView.as_view(), name="edit"),
    path("<int:pk>/versions/new/", views.VersionCreateView.as_view(), name="version_create"),
    path(VERSION, views.VersionDetailView.as_view(), name="version"),
    path(f"{VERSION}edit/", views.VersionEditView.as_view(), name="version_edit"),
    path(f"{VERSION}reparse/", views.VersionReparseView.as_view(), name="version_reparse"),
    path(f"{VERSION}publish/", views.VersionPublishView.as_view(), name="version_publish"),
    path(f"{VERSION}redline/", views.RedlineView.as_view(), name="redline"),
    path(f"{VERSION}consolidated/", views.ConsolidatedView.as_view(), name="consolidated"),
    path(PROVISION, views.ProvisionUpdateView.as_view(), name="provision_update"),
    path(f"{PROVISION}split/", views.ProvisionSplitView.as_view(), name="provision_split"),
    path(f"{PROVISION}merge/", views.ProvisionMergeView.as_view(), name="provision_merge"),
    path(f"{PROVISION}delete/", views.ProvisionDeleteView.as_view(), name="provision_delete"),
]
