"""Every page of the admin opens for the administrator on the demo data: each model's list
and the page of each of its demo objects (the production smoke walks them over HTTP too)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

# Enough objects of each model to meet every inline and field the admin shows.
OBJECTS_PER_MODEL = 5


def test_every_admin_list_and_object_page_opens_on_the_demo_data():
    call_command("seed_demo", stdout=StringIO())
    # A server error is a failure to list, not an exception that stops at the first.
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(email="admin@example.org"))

    failures = []
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        pages = [changelist] + [
            reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk])
            for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[
                :OBJECTS_PER_MODEL
            ]
        ]
        for page in pages:
            status = client.get(page).status_code
            if status != 200:
                failures.append(f"{page} -> {status}")

    assert failures == []
