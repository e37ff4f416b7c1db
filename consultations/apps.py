from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from consultations import audit_rules

        audit_rules.register()

        from consultations.sections import register_sections

        register_sections()

        from consultations import documents

        documents.register()

        from consultations import following

        following.register()

        from consultations import notifications

        notifications.register_event_types()
