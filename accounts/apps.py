from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from accounts import audit_rules, checks  # noqa: F401 (registers the checks)

        audit_rules.register()

        from accounts import notifications

        notifications.register_event_types()
