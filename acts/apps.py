from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActsConfig(AppConfig):
    name = "acts"
    verbose_name = _("Legal acts")

    def ready(self) -> None:
        from acts import audit_rules

        audit_rules.register()

        from acts import following

        following.register()
