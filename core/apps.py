from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core import audit_visibility, checks  # noqa: F401 (registers the checks)

        # A legal page's events carry its published text: nothing a reader may not see.
        audit_visibility.register_public("legal_page")
        from core import lookups

        lookups.install()
