"""Demo accounts: the Sopot city hall, areas of public benefit, five NGOs, one user per persona.

Safe to run again: whatever exists already is left as it is. Organisations and memberships
are made through their services (so the audit log tells their story); reference data with
no service (the authority, departments, areas, official posts) through ``get_or_create``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TextIO

from django.conf import settings
from django.utils import timezone

from accounts import services
from accounts.models import (
    ActivityArea,
    Authority,
    Department,
    LegalForm,
    Membership,
    MembershipRole,
    MembershipStatus,
    OfficialPost,
    Organisation,
    OrganisationStatus,
    User,
)

AUTHORITY = {"name": "Urząd Miasta Sopotu", "short_name": "UM Sopot", "code": "SOP"}
SOCIAL_AFFAIRS = "Wydział Spraw Społecznych"
ENVIRONMENT = "Wydział Ochrony Środowiska"
DEPARTMENTS = [(SOCIAL_AFFAIRS, "SS"), (ENVIRONMENT, "OŚ")]

# Areas of public benefit, after art. 4 ust. 1 of the act on public benefit activity and
# volunteering (ustawa o działalności pożytku publicznego i o wolontariacie).
ACTIVITY_AREAS = [
    ("pomoc-spoleczna", "Pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji"),
    ("osoby-niepelnosprawne", "Działalność na rzecz osób niepełnosprawnych"),
    ("seniorzy", "Działalność na rzecz osób w wieku emerytalnym"),
    ("zdrowie", "Ochrona i promocja zdrowia"),
    ("edukacja", "Nauka, edukacja, oświata i wychowanie"),
    ("kultura", "Kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego"),
    ("sport", "Wspieranie i upowszechnianie kultury fizycznej"),
    ("ekologia", "Ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego"),
    ("turystyka", "Turystyka i krajoznawstwo"),
    ("wspolnoty-lokalne", "Działalność wspomagająca rozwój wspólnot i społeczności lokalnych"),
    ("dzieci-i-mlodziez", "Działalność na rzecz dzieci i młodzieży, w tym wypoczynku"),
    ("uzaleznienia", "Przeciwdziałanie uzależnieniom i patologiom społecznym"),
    ("wolontariat", "Promocja i organizacja wolontariatu"),
    ("bezpieczenstwo", "Porządek i bezpieczeństwo publiczne"),
]


@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    role: str
    staff: bool = False
    department: str = ""
    job_title: str = ""


@dataclass(frozen=True)
class DemoOrganisation:
    representative: str  # e-mail of the person who registers it
    verified: bool
    data: dict[str, Any]
    areas: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


PEOPLE = [
    Person("admin@example.org", "Katarzyna Wiśniewska", "administrator", staff=True),
    Person(
        "official@example.org",
        "Anna Kowalska",
        "official, Wydział Spraw Społecznych",
        department=SOCIAL_AFFAIRS,
        job_title="inspektor ds. współpracy z organizacjami pozarządowymi",
    ),
    Person(
        "official.other@example.org",
        "Marek Nowicki",
        "official, Wydział Ochrony Środowiska",
        department=ENVIRONMENT,
        job_title="podinspektor",
    ),
    Person("ngo.rep@example.org", "Piotr Zieliński", "representative, Sopockie Forum"),
    Person("ngo.member@example.org", "Magdalena Wójcik", "member, Sopockie Forum"),
    Person("other.ngo@example.org", "Tomasz Lewandowski", "representative, Bałtyckie Dziedzictwo"),
    Person("resident@example.org", "Ewa Kamińska", "resident"),
    Person("jadwiga.kaczmarek@example.org", "Jadwiga Kaczmarek", "representative, seniorzy"),
    Person("krzysztof.dabrowski@example.org", "Krzysztof Dąbrowski", "representative, klub"),
    Person("barbara.szymanska@example.org", "Barbara Szymańska", "representative, pending NGO"),
]

ORGANISATIONS = [
    DemoOrganisation(
        representative="ngo.rep@example.org",
        verified=True,
        members=["ngo.member@example.org"],
        areas=["wspolnoty-lokalne", "edukacja", "wolontariat"],
        data={
            "name": "Stowarzyszenie Sopockie Forum Obywatelskie",
            "legal_form": LegalForm.ASSOCIATION,
            "krs": "0000412301",
            "nip": "5843017709",
            "regon": "220601150",
            "street": "ul. Bohaterów Monte Cassino 12",
            "postal_code": "81-704",
            "city": "Sopot",
            "email": "kontakt@forum-sopot.example.org",
            "website": "https://forum-sopot.example.org",
            "description": (
                "Łączymy mieszkańców Sopotu, którzy chcą współdecydować o swoim mieście: "
                "prowadzimy debaty, szkolenia z budżetu obywatelskiego i konsultacji."
            ),
        },
    ),
    DemoOrganisation(
        representative="other.ngo@example.org",
        verified=True,
        areas=["ekologia", "kultura", "turystyka"],
        data={
            "name": "Fundacja Bałtyckie Dziedzictwo",
            "legal_form": LegalForm.FOUNDATION,
            "krs": "0000412302",
            "nip": "5843017715",
            "regon": "220601166",
            "street": "ul. Haffnera 20",
            "postal_code": "81-717",
            "city": "Sopot",
            "email": "biuro@baltyckie-dziedzictwo.example.org",
            "description": (
                "Chronimy przyrodę i zabytki polskiego wybrzeża; prowadzimy spacery "
                "edukacyjne i sprzątanie plaż."
            ),
        },
    ),
    DemoOrganisation(
        representative="jadwiga.kaczmarek@example.org",
        verified=True,
        areas=["seniorzy", "pomoc-spoleczna", "zdrowie"],
        data={
            "name": "Sopockie Towarzystwo Pomocy Seniorom",
            "legal_form": LegalForm.ASSOCIATION,
            "krs": "0000412303",
            "nip": "5843017721",
            "regon": "220601172",
            "street": "ul. Kościuszki 5",
            "postal_code": "81-703",
            "city": "Sopot",
            "email": "seniorzy@example.org",
            "description": "Wolontariusze odwiedzają samotnych seniorów i pomagają im w sprawach.",
        },
    ),
    DemoOrganisation(
        representative="krzysztof.dabrowski@example.org",
        verified=True,
        areas=["sport", "dzieci-i-mlodziez"],
        data={
            "name": "Klub Sportowy Sopot Biega",
            "legal_form": LegalForm.SPORTS_CLUB,
            "krs": "0000412304",
            "nip": "5843017738",
            "regon": "220601189",
            "street": "al. Niepodległości 800",
            "postal_code": "81-810",
            "city": "Sopot",
            "email": "klub@sopotbiega.example.org",
            "description": "Bieganie dla wszystkich: treningi dla dzieci, dorosłych i seniorów.",
        },
    ),
    DemoOrganisation(
        representative="barbara.szymanska@example.org",
        verified=False,
        areas=["ekologia", "wspolnoty-lokalne"],
        data={
            "name": "Fundacja Zielony Sopot",
            "legal_form": LegalForm.FOUNDATION,
            "krs": "0000412305",
            "nip": "5843017744",
            "regon": "220601195",
            "street": "ul. Grunwaldzka 18",
            "postal_code": "81-759",
            "city": "Sopot",
            "email": "zielony@example.org",
            "description": "Sadzimy drzewa i zakładamy ogrody społeczne na sopockich osiedlach.",
        },
    ),
]

VERIFIER = "official@example.org"


@dataclass(frozen=True)
class DemoAccounts:
    """What the other apps' demo data builds on."""

    departments: dict[str, Department]
    people: dict[str, User]
    organisations: dict[str, Organisation]

    @property
    def official(self) -> User:
        return self.people["official@example.org"]

    @property
    def department(self) -> Department:
        return self.departments[SOCIAL_AFFAIRS]


def seed_accounts(stdout: TextIO | Any) -> DemoAccounts:
    """Create what is missing; leave what exists as it is. Run inside a transaction."""
    seeder = _AccountSeeder()
    departments = seeder.seed_authority()
    areas = seeder.seed_areas()
    people = seeder.seed_people(departments)
    organisations = seeder.seed_organisations(people, areas)
    return DemoAccounts(departments=departments, people=people, organisations=organisations)


def print_accounts(stdout: TextIO | Any) -> None:
    stdout.write("Demo data is ready. Accounts:\n")
    width = max(len(person.email) for person in PEOPLE)
    for person in PEOPLE:
        stdout.write(f"  {person.email.ljust(width)}  {person.role}\n")
    stdout.write(f"Password for every account: {settings.DEMO_PASSWORD}\n")


class _AccountSeeder:
    # --- Reference data -----------------------------------------------------------------

    def seed_authority(self) -> dict[str, Department]:
        authority, _created = Authority.objects.get_or_create(
            code=AUTHORITY["code"],
            defaults={"name": AUTHORITY["name"], "short_name": AUTHORITY["short_name"]},
        )
        departments = {}
        for name, symbol in DEPARTMENTS:
            department, _created = Department.objects.get_or_create(
                authority=authority, name=name, defaults={"symbol": symbol}
            )
            departments[name] = department
        return departments

    def seed_areas(self) -> dict[str, ActivityArea]:
        areas = {}
        for slug, name in ACTIVITY_AREAS:
            area, _created = ActivityArea.objects.get_or_create(slug=slug, defaults={"name": name})
            areas[slug] = area
        return areas

    # --- People -------------------------------------------------------------------------

    def seed_people(self, departments: dict[str, Department]) -> dict[str, User]:
        people = {}
        for person in PEOPLE:
            user = User.objects.filter(email=person.email).first()
            if user is None:
                # Not user_register: the demo password is deliberately weak and the
                # addresses are confirmed at once, without an e-mail.
                create = User.objects.create_superuser if person.staff else User.objects.create_user
                user = create(
                    person.email,
                    settings.DEMO_PASSWORD,
                    full_name=person.full_name,
                    email_verified_at=timezone.now(),
                )
            if person.department:
                OfficialPost.objects.get_or_create(
                    user=user,
                    department=departments[person.department],
                    defaults={"job_title": person.job_title},
                )
            people[person.email] = user
        return people

    # --- Organisations ------------------------------------------------------------------

    def seed_organisations(
        self, people: dict[str, User], areas: dict[str, ActivityArea]
    ) -> dict[str, Organisation]:
        verifier = people[VERIFIER]
        organisations = {}
        for demo in ORGANISATIONS:
            representative = people[demo.representative]
            organisation = Organisation.objects.filter(krs=demo.data["krs"]).first()
            if organisation is None:
                organisation = services.organisation_register(
                    actor=representative,
                    areas=[areas[slug] for slug in demo.areas],
                    **demo.data,
                )
            if demo.verified and organisation.status == OrganisationStatus.PENDING:
                organisation = services.organisation_verify(
                    organisation=organisation, actor=verifier
                )
            for email in demo.members:
                self.seed_member(organisation, people[email], representative)
            organisations[demo.representative] = organisation
        return organisations

    def seed_member(self, organisation: Organisation, user: User, representative: User) -> None:
        live = Membership.objects.filter(
            user=user,
            organisation=organisation,
            status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED],
        ).first()
        if live is None:
            live = services.membership_request(organisation=organisation, actor=user)
        if live.status == MembershipStatus.REQUESTED:
            services.membership_approve(
                membership=live, actor=representative, role=MembershipRole.MEMBER
            )
