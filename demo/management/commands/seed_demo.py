"""``manage.py seed_demo``: idempotent demo data for every role, app by app.

Each app seeds its own data through its services (``accounts.demo``, ``consultations.demo``);
this command only runs them in dependency order and reports the accounts.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from accounts.demo import print_accounts, seed_accounts
from accounts.models import User
from consultations.demo import seed_acts


class Command(BaseCommand):
    help = "Create demo data: accounts for every role, organisations, acts and consultations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any user exists."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the whole database first (all data, the audit log included), then seed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("The database has been emptied.")
        elif options["if_empty"] and User.objects.exists():
            self.stdout.write("Users exist already; no demo data added.")
            return
        with transaction.atomic():
            accounts = seed_accounts(self.stdout)
            seed_acts(self.stdout, department=accounts.department, actor=accounts.official)
        print_accounts(self.stdout)
