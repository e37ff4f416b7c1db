"""The categories a user chooses how to be told about (``Preference``), one per event type."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    CONSULTATIONS = "consultations", _("Consultations")
    MY_COMMENTS = "my_comments", _("My comments")
    COUNCIL = "council", _("NGO council")
    ORGANISATION = "organisation", _("My organisation")
    # Account and security messages: essential ones always go; not a choice on the page.
    ACCOUNT = "account", _("My account")


CONSULTATIONS = Category.CONSULTATIONS
MY_COMMENTS = Category.MY_COMMENTS
COUNCIL = Category.COUNCIL
ORGANISATION = Category.ORGANISATION
ACCOUNT = Category.ACCOUNT

# The categories offered on the preferences page and in its API.
CHOOSABLE: tuple[Category, ...] = (CONSULTATIONS, MY_COMMENTS, COUNCIL, ORGANISATION, ACCOUNT)
