"""Demo data of the NGO council: the Sopot NGO Council (Sopocka Rada Organizacji
Pozarządowych), its current term and its members, with a position for each stage of work.

Members (9 active, 1 former):

- ``chair@example.org`` (chair), ``secretary@example.org`` (secretary),
  ``council@example.org`` (vice-chair), ``council2@example.org`` … ``council5@example.org``
  and the co-opted ``council6@example.org``: each registers and represents an NGO of their
  own, verified by the demo official;
- ``ngo.rep@example.org`` (of ``accounts.demo``), representing Stowarzyszenie Sopockie Forum
  Obywatelskie, so that the NGO representative persona also sits on the council;
- ``council7@example.org``: sat from the start of the term and left it two months ago, the
  "former member" persona (reads public things only).

Positions: an adopted resolution (the first number of the year when the demo is seeded in
a fresh year), a recommendation asked for by Sopockie Forum and being voted on by
circulation (its representative recused), and, when a consultation is given, an opinion on
it in drafting, built from its NGO comments, with an amendment waiting for the drafter.

Safe to run again: what exists (by e-mail, KRS number, council name, position subject) is
left as it is. Everything is made through the services, so the audit log tells the story.
Called by ``manage.py seed_demo`` after the accounts and consultations demo data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TextIO

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts import services as account_services
from accounts.demo import DemoAccounts
from accounts.models import LegalForm, Organisation, OrganisationStatus, User
from consultations.models import Consultation, ConsultationStatus
from consultations.selectors.council import council_comment_candidates
from opinions import services
from opinions.models import (
    BallotChoice,
    Council,
    Office,
    Position,
    PositionKind,
    RequestKind,
    Term,
    TermMember,
    VoteMode,
)
from opinions.selectors import term_current

COUNCIL = {
    "name": "Sopocka Rada Organizacji Pozarządowych",
    "short_name": "SROP",
    "letterhead": (
        "Sopocka Rada Organizacji Pozarządowych\n"
        "Urząd Miasta Sopotu, ul. Tadeusza Kościuszki 25/27, 81-704 Sopot\n"
        "rada.ngo@sopot.example.org"
    ),
}
ADMINISTRATOR = "admin@example.org"
VERIFIER = "official@example.org"
NGO_REPRESENTATIVE = "ngo.rep@example.org"
FORMER_MEMBER = "council7@example.org"
CO_OPTED_MEMBER = "council6@example.org"


@dataclass(frozen=True)
class DemoMember:
    email: str
    full_name: str
    office: str
    organisation: str  # the NGO the member registers and represents
    krs: str


MEMBERS = [
    DemoMember(
        "chair@example.org",
        "Elżbieta Grabowska",
        Office.CHAIR,
        "Fundacja Sopocka Inicjatywa Rodzinna",
        "0000412311",
    ),
    DemoMember(
        "secretary@example.org",
        "Paweł Mazur",
        Office.SECRETARY,
        "Stowarzyszenie Przyjaciół Opery Leśnej",
        "0000412312",
    ),
    DemoMember(
        "council@example.org",
        "Agnieszka Krawczyk",
        Office.VICE_CHAIR,
        "Sopockie Stowarzyszenie Osób Niepełnosprawnych „Razem”",
        "0000412313",
    ),
    DemoMember(
        "council2@example.org",
        "Michał Jankowski",
        Office.MEMBER,
        "Fundacja Edukacji Morskiej",
        "0000412314",
    ),
    DemoMember(
        "council3@example.org",
        "Joanna Pawlak",
        Office.MEMBER,
        "Stowarzyszenie Sopockich Rodzin Zastępczych",
        "0000412315",
    ),
    DemoMember(
        "council4@example.org",
        "Tomasz Michalski",
        Office.MEMBER,
        "Uczniowski Klub Sportowy Kamienny Potok",
        "0000412316",
    ),
    DemoMember(
        "council5@example.org",
        "Katarzyna Zając",
        Office.MEMBER,
        "Fundacja Teatr Na Plaży",
        "0000412317",
    ),
    DemoMember(
        CO_OPTED_MEMBER,
        "Andrzej Król",
        Office.MEMBER,
        "Sopockie Towarzystwo Ekologiczne",
        "0000412318",
    ),
    DemoMember(
        FORMER_MEMBER,
        "Ewelina Wieczorek",
        Office.MEMBER,
        "Stowarzyszenie Kultury Kaszubskiej w Sopocie",
        "0000412319",
    ),
]

ADOPTED_SUBJECT = "w sprawie przyznania tytułu „Sopocka Organizacja Pozarządowa Roku”"
VOTING_SUBJECT = "Rekomendacja dla Stowarzyszenia Sopockie Forum Obywatelskie"
DRAFT_SUBJECT_PREFIX = "Opinia w sprawie: "


def print_council_accounts(stdout: TextIO | Any) -> None:
    """The council's demo accounts, for the list ``seed_demo`` prints."""
    width = max(len(member.email) for member in MEMBERS)
    stdout.write("Council accounts (same password):\n")
    for member in MEMBERS:
        role = "former member" if member.email == FORMER_MEMBER else str(member.office)
        stdout.write(f"  {member.email.ljust(width)}  council: {role}\n")
    stdout.write(f"  {NGO_REPRESENTATIVE.ljust(width)}  council: member\n")


def seed_council(
    stdout: TextIO | Any, *, accounts: DemoAccounts, consultation: Consultation | None = None
) -> Council:
    """Create what is missing of the demo council; run inside a transaction."""
    seeder = _CouncilSeeder(stdout, accounts)
    council = seeder.council()
    term = seeder.term(council)
    seats = seeder.members(term)
    seeder.adopted_resolution(term, seats)
    seeder.recommendation_being_voted(term, seats)
    if consultation is not None:
        seeder.opinion_in_drafting(term, seats, consultation)
    return council


class _CouncilSeeder:
    def __init__(self, stdout: TextIO | Any, accounts: DemoAccounts) -> None:
        self.stdout = stdout
        self.accounts = accounts
        self.administrator = accounts.people[ADMINISTRATOR]
        self.verifier = accounts.people[VERIFIER]
        self.today = timezone.localdate()

    # --- The council, its term and members ----------------------------------------------

    def council(self) -> Council:
        council = Council.objects.filter(name=COUNCIL["name"]).first()
        if council is None:
            council = services.council_create(actor=self.administrator, **COUNCIL)
            self.stdout.write(f"Demo council: {council.name}\n")
        return council

    def term(self, council: Council) -> Term:
        term = term_current(council=council)
        if term is not None:
            return term
        starts_on = dt.date(self.today.year - 1, 3, 1)
        ends_on = dt.date(self.today.year + 2, 2, 28)
        return services.term_create(
            council=council,
            actor=self.administrator,
            name=f"Kadencja {starts_on.year}–{ends_on.year}",
            starts_on=starts_on,
            ends_on=ends_on,
        )

    def _user(self, member: DemoMember) -> User:
        user = User.objects.filter(email=member.email).first()
        if user is None:
            # As accounts.demo: the demo password is weak and the address confirmed at once.
            user = User.objects.create_user(
                member.email,
                settings.DEMO_PASSWORD,
                full_name=member.full_name,
                email_verified_at=timezone.now(),
            )
        return user

    def _organisation(self, member: DemoMember, user: User) -> Organisation:
        organisation = Organisation.objects.filter(krs=member.krs).first()
        if organisation is None:
            organisation = account_services.organisation_register(
                actor=user,
                name=member.organisation,
                legal_form=LegalForm.FOUNDATION
                if member.organisation.startswith("Fundacja")
                else LegalForm.ASSOCIATION,
                krs=member.krs,
                city="Sopot",
            )
        if organisation.status == OrganisationStatus.PENDING:
            organisation = account_services.organisation_verify(
                organisation=organisation, actor=self.verifier
            )
        return organisation

    def members(self, term: Term) -> dict[str, TermMember]:
        seats = {seat.user.email: seat for seat in term.members.select_related("user")}
        wanted = [(member, self._user(member)) for member in MEMBERS]
        for member, user in wanted:
            if member.email in seats:
                continue
            organisation = self._organisation(member, user)
            co_opted = member.email == CO_OPTED_MEMBER
            joined_on = term.starts_on
            if co_opted:
                joined_on = max(term.starts_on, self.today - dt.timedelta(days=120))
            seats[member.email] = services.member_add(
                term=term,
                actor=self.administrator,
                user=user,
                organisation=organisation,
                office=member.office,
                joined_on=joined_on,
                co_opted=co_opted,
            )
        if NGO_REPRESENTATIVE not in seats:
            representative = self.accounts.people[NGO_REPRESENTATIVE]
            seats[NGO_REPRESENTATIVE] = services.member_add(
                term=term,
                actor=self.administrator,
                user=representative,
                organisation=self.accounts.organisations[NGO_REPRESENTATIVE],
                joined_on=term.starts_on,
            )
        former = seats[FORMER_MEMBER]
        if former.left_on is None:
            left_on = max(former.joined_on, self.today - dt.timedelta(days=60))
            seats[FORMER_MEMBER] = services.member_end(
                member=former, actor=self.administrator, left_on=left_on
            )
        return seats

    # --- Positions ----------------------------------------------------------------------

    def _existing(self, term: Term, subject: str) -> Position | None:
        return Position.objects.filter(term=term, subject=subject).first()

    def _user_of(self, seats: dict[str, TermMember], email: str) -> User:
        return seats[email].user

    def adopted_resolution(self, term: Term, seats: dict[str, TermMember]) -> None:
        """Adopted at a meeting, all but one member present."""
        if self._existing(term, ADOPTED_SUBJECT) is not None:
            return
        drafter = self._user_of(seats, "council@example.org")
        secretary = self._user_of(seats, "secretary@example.org")
        laureate = self.accounts.organisations.get("jadwiga.kaczmarek@example.org")
        position = services.position_create(
            term=term,
            actor=drafter,
            kind=PositionKind.NGO_OF_THE_YEAR,
            subject=ADOPTED_SUBJECT,
            subject_organisation=laureate,
            justification=(
                "Kapituła wskazała organizację, która w minionym roku najpełniej służyła "
                "sopockim seniorom: prowadziła wolontariat odwiedzin domowych, punkt porad "
                "i zajęcia ruchowe, współpracując z Miejskim Ośrodkiem Pomocy Społecznej."
            ),
        )
        services.item_add(
            position=position,
            actor=drafter,
            text=(
                "Sopocka Rada Organizacji Pozarządowych przyznaje tytuł „Sopocka Organizacja "
                "Pozarządowa Roku” Sopockiemu Towarzystwu Pomocy Seniorom."
            ),
        )
        services.item_add(
            position=position,
            actor=drafter,
            text="Wręczenie tytułu nastąpi podczas Sopockiego Forum Organizacji Pozarządowych.",
        )
        vote = services.vote_open(position=position, actor=secretary, mode=VoteMode.MEETING)
        voters = [
            seat
            for email, seat in seats.items()
            if seat.is_active and email != "council5@example.org"
        ]
        services.attendance_record(
            vote=vote, actor=secretary, present_member_ids=[seat.pk for seat in voters]
        )
        for index, seat in enumerate(voters):
            choice = BallotChoice.ABSTAIN if index == len(voters) - 1 else BallotChoice.FOR
            services.ballot_record(vote=vote, actor=secretary, member=seat, choice=choice)
        vote = services.vote_close(vote=vote, actor=secretary)
        position.refresh_from_db()
        self.stdout.write(f"Demo resolution: {position.title} ({vote.get_outcome_display()})\n")

    def recommendation_being_voted(self, term: Term, seats: dict[str, TermMember]) -> None:
        """Asked for by Sopockie Forum (whose representative is recused), open by
        circulation for five more days, with three votes cast."""
        if self._existing(term, VOTING_SUBJECT) is not None:
            return
        representative = self.accounts.people[NGO_REPRESENTATIVE]
        forum = self.accounts.organisations[NGO_REPRESENTATIVE]
        request = services.request_submit(
            organisation=forum,
            actor=representative,
            kind=RequestKind.RECOMMENDATION,
            subject=VOTING_SUBJECT,
            description=(
                "Prosimy o rekomendację do konkursu Pomorskiego Urzędu Wojewódzkiego na "
                "prowadzenie punktu nieodpłatnego poradnictwa obywatelskiego w Sopocie."
            ),
            attachments=[
                SimpleUploadedFile(
                    "Opis punktu poradnictwa.txt",
                    "Punkt działa od 2019 roku, dwa dyżury w tygodniu.".encode(),
                    "text/plain",
                )
            ],
        )
        position = Position.objects.get(request=request)
        chair = self._user_of(seats, "chair@example.org")
        services.item_add(
            position=position,
            actor=chair,
            text=(
                "Rada rekomenduje Stowarzyszenie Sopockie Forum Obywatelskie jako organizację "
                "rzetelną, od lat prowadzącą poradnictwo obywatelskie dla mieszkańców Sopotu."
            ),
        )
        vote = services.vote_open(
            position=position,
            actor=chair,
            mode=VoteMode.CIRCULATION,
            deadline=timezone.now() + dt.timedelta(days=5),
        )
        for email, choice in [
            ("chair@example.org", BallotChoice.FOR),
            ("council2@example.org", BallotChoice.FOR),
            ("secretary@example.org", BallotChoice.ABSTAIN),
        ]:
            services.ballot_cast(vote=vote, actor=self._user_of(seats, email), choice=choice)
        self.stdout.write(f"Demo vote by circulation: {position.subject}\n")

    def opinion_in_drafting(
        self, term: Term, seats: dict[str, TermMember], consultation: Consultation
    ) -> None:
        """An opinion on ``consultation`` built from its NGO comments, with a pending
        amendment and a note in the margin."""
        subject = f"{DRAFT_SUBJECT_PREFIX}{consultation.title}"[:500]
        if consultation.status == ConsultationStatus.DRAFT or self._existing(term, subject):
            return
        drafter = self._user_of(seats, "council@example.org")
        position = services.position_create(
            term=term,
            actor=drafter,
            kind=PositionKind.CONSULTATION_OPINION,
            subject=subject,
            consultation=consultation,
            justification=(
                "Rada zapoznała się z uwagami organizacji zgłoszonymi w konsultacjach i "
                "popiera te, które wzmacniają współpracę miasta z organizacjami."
            ),
        )
        comments = list(council_comment_candidates(consultation=consultation)[:4])
        if comments:
            items = services.items_from_comments(
                position=position, actor=drafter, comments=comments[:2]
            )
            if len(comments) > 2:
                items += services.items_from_comments(
                    position=position, actor=drafter, comments=comments[2:], merge=True
                )
        else:
            items = [
                services.item_add(
                    position=position,
                    actor=drafter,
                    text="Rada pozytywnie opiniuje projekt bez uwag szczegółowych.",
                )
            ]
        first = items[0]
        services.amendment_propose(
            item=first,
            actor=self._user_of(seats, "council2@example.org"),
            text=first.text.rstrip(".") + ", z zastrzeżeniem konsultacji z radami osiedli.",
            reason="Rady osiedli powinny wypowiedzieć się o zmianach w swoich dzielnicach.",
        )
        services.note_add(
            item=first,
            actor=self._user_of(seats, "secretary@example.org"),
            text="Sprawdźmy, czy ta uwaga nie powtarza stanowiska z zeszłego roku.",
        )
        self.stdout.write(f"Demo opinion in drafting: {position.subject}\n")
