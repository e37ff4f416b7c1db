"""``manage.py seed_demo``: idempotent demo data for every role, app by app.

Each app seeds its own data through its services (``accounts.demo``, ``acts.demo``,
``consultations.demo``, ``opinions.demo``); this command only runs them in dependency order
and reports the accounts.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.demo import print_accounts, seed_accounts
from accounts.models import User
from acts.demo import seed_acts
from consultations.demo import seed_consultations
from consultations.models import Consultation
from opinions.demo import print_council_accounts, seed_council


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
