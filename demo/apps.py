from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Composes every app's demo data; sits above all domain apps, so they never import it."""

    name = "demo"
    verbose_name = _("Demo data")
