"""``manage.py seed_demo``: idempotent demo data for every role, app by app.

Each app seeds its own data through its services (``accounts.demo``, ``acts.demo``,
``consultations.demo``, ``opinions.demo``); this command only runs them in dependency order
and reports the accounts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from accounts.demo import print_accounts, seed_accounts
from accounts.models import User
from acts.demo import seed_acts
from consultations.demo import seed_consultations
from consultations.models import Consultation
from core.models import AuditEvent, LegalPage
from opinions.demo import print_council_accounts, seed_council

# Kept by --reset: the audit log, and what its rows point to (the accounts that acted,
# the object types); and the legal pages, which administrators wrote, not the demo.
_KEPT_TABLES = frozenset(
    {
        AuditEvent._meta.db_table,
        LegalPage._meta.db_table,
        User._meta.db_table,
        "django_content_type",
        "auth_permission",
    }
)


def _reset_database() -> int:
    """Empty every table but the audit log and the legal pages; remove the accounts the
    log does not name.
    Returns the number of audit events kept."""
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True)
        if table not in _KEPT_TABLES
    ]
    with transaction.atomic():
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
        )
        actors = AuditEvent.objects.filter(actor_id__isnull=False).values("actor_id")
        User.objects.exclude(pk__in=actors).delete()
    return AuditEvent.objects.count()


class Command(BaseCommand):
    help = "Create demo data: accounts for every role, organisations, acts and consultations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any user exists."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Empty the database first, then seed. The audit log is kept, with the accounts "
                "it names. Outside DEBUG only with --yes-i-mean-it=<database name>."
            ),
        )
        parser.add_argument(
            "--yes-i-mean-it",
            metavar="DATABASE_NAME",
            default="",
            help="Confirms --reset outside DEBUG: the name of the database to empty.",
        )

    def _check_reset_allowed(self, confirmation: str) -> None:
        if settings.DEBUG:
            return
        name = str(connection.settings_dict["NAME"])
        if confirmation != name:
            raise CommandError(
                "Refusing --reset outside DEBUG: it empties the database. If you mean it, "
                f"run it again with --yes-i-mean-it={name}"
            )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            self._check_reset_allowed(options["yes_i_mean_it"])
            kept = _reset_database()
            self.stdout.write(f"The database has been emptied; {kept} audit events kept.")
        elif options["if_empty"] and User.objects.exists():
            self.stdout.write("Users exist already; no demo data added.")
            return
        with transaction.atomic():
            accounts = seed_accounts(self.stdout)
            seed_acts(self.stdout, department=accounts.department, actor=accounts.official)
            people = accounts.people
            forum, heritage = (
                accounts.organisations["ngo.rep@example.org"],
                accounts.organisations["other.ngo@example.org"],
            )
            seed_consultations(
                self.stdout,
                department=accounts.department,
                official=accounts.official,
                organisations=[forum, heritage],
                representatives=[people["ngo.rep@example.org"], people["other.ngo@example.org"]],
                members=[people["ngo.member@example.org"]],
                resident=people["resident@example.org"],
            )
            open_consultation = (
                Consultation.objects.open_at(timezone.now())
                .filter(version__act__department=accounts.department)
                .order_by("pk")
                .first()
            )
            seed_council(self.stdout, accounts=accounts, consultation=open_consultation)
        print_accounts(self.stdout)
        print_council_accounts(self.stdout)
