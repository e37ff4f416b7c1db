from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Following's own event (the subscription's confirmation mail) and its beat task.
        from notifications import follow_events, follow_tasks  # noqa: F401

        follow_events.register()
