"""Demo consultations: one closed weeks ago with every comment answered and its report
published (on the first version of the award regulations, so its summary links the second
version's redline); one open now on the second version, with comments of two organisations
and a resident, one of them hidden; and one starting next week on a short programme.

Called by ``manage.py seed_demo`` after ``acts.demo.seed_acts``. The closed one is told as
it happened, through the services, inside ``clock.replaying_at`` (so the deadline checks
read the story's time, not today's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Department, Organisation, User
from acts import services as act_services
from acts.demo import ACTS
from acts.models import ActType, ActVersion, LegalAct, Provision, ProvisionKind
from consultations import services
from consultations.models import Audience, Comment, CommentVisibility, Consultation
from consultations.services import clock
from core.dates import end_of_local_day, start_of_local_day

CLOSED_TITLE = "Konsultacje projektu regulaminu Nagrody „Sopocka Organizacja Pozarządowa Roku”"
OPEN_TITLE = "Konsultacje zmienionego projektu regulaminu Nagrody (wersja 2)"
SCHEDULED_TITLE = "Konsultacje programu „Sopockie Senioralia 2028”"
SENIORS_ACT_TITLE = "Projekt zarządzenia w sprawie programu „Sopockie Senioralia 2028”"
SENIORS_ACT_TEXT = """PROJEKT

ZARZĄDZENIE NR .../2027
PREZYDENTA MIASTA SOPOTU

w sprawie programu „Sopockie Senioralia 2028”

Na podstawie art. 30 ust. 1 ustawy o samorządzie gminnym zarządza się, co następuje:

§ 1. Przyjmuje się program „Sopockie Senioralia 2028”, stanowiący załącznik do zarządzenia.

§ 2. 1. Program realizują organizacje pozarządowe wyłonione w otwartym konkursie ofert.
2. Na realizację programu przeznacza się kwotę 120 000 zł.

§ 3. Zarządzenie wchodzi w życie z dniem podpisania.
"""


@dataclass(frozen=True)
class DemoComment:
    organisation: int | None  # index into ``organisations``; None: the resident
    provision: int | None  # index into the version's commentable provisions; None: whole act
    proposed_wording: str
    justification: str
    disposition: str = ""
    answer: str = ""
    hidden_reason: str = ""


CLOSED_COMMENTS = [
    DemoComment(
        0,
        1,
        "Kandydatów do Nagrody mogą zgłaszać organizacje pozarządowe oraz grupy co najmniej "
        "15 mieszkańców Sopotu.",
        "Mieszkańcy znają lokalne organizacje najlepiej; próg 15 osób chroni przed "
        "zgłoszeniami przypadkowymi.",
        "partly_accepted",
        "Uwzględniono częściowo: kandydatów mogą zgłaszać także członkowie rad osiedli.",
    ),
    DemoComment(
        1,
        1,
        "Kandydatów do Nagrody mogą zgłaszać także członkowie rad osiedli.",
        "Rady osiedli współpracują z organizacjami na co dzień.",
        "accepted",
        "Uwaga przyjęta; zmiana w § 1 ust. 2 pkt 2 regulaminu.",
    ),
    DemoComment(
        0,
        None,
        "",
        "Termin zgłoszeń kandydatów powinien upływać 30 listopada, a nie 31 października.",
        "accepted",
        "Uwaga przyjęta; termin przesunięty na 30 listopada.",
    ),
    DemoComment(
        1,
        3,
        "Kapituła liczy 7 członków, w tym 2 przedstawicieli mieszkańców.",
        "Większa kapituła lepiej reprezentuje różne środowiska.",
        "not_accepted",
        "Nie przyjęto: kapitułę powołuje Rada spośród swoich członków (§ 5 Regulaminu Rady).",
    ),
]

OPEN_COMMENTS = [
    DemoComment(
        0,
        1,
        "Kandydatów do Nagrody mogą zgłaszać organizacje pozarządowe, mieszkańcy Sopotu "
        "oraz rady osiedli jako organy.",
        "Zgłoszenie przez radę osiedla jako organ ma większą wagę niż zgłoszenie członka.",
    ),
    DemoComment(
        1,
        1,
        "Kandydatów do Nagrody mogą zgłaszać także uczniowskie samorządy sopockich szkół.",
        "Młodzież angażuje się w wolontariat i powinna móc wskazać organizacje, z którymi pracuje.",
    ),
    DemoComment(
        0,
        4,
        "Laureat otrzymuje nagrodę pieniężną w wysokości 10 000 zł.",
        "Nagroda honorowa nie pokrywa kosztów działań, za które ją przyznano.",
    ),
    DemoComment(
        1,
        None,
        "",
        "Prosimy o dodanie kategorii „Debiut roku” dla organizacji działających krócej niż "
        "dwa lata.",
    ),
    DemoComment(
        1,
        4,
        "Proponuję, by nagrodę wręczał Jan Kowalski, tel. 600 100 200.",
        "Znam go osobiście.",
        hidden_reason="Komentarz zawierał dane osobowe osoby trzeciej (imię, nazwisko i "
        "numer telefonu).",
    ),
    DemoComment(
        None,
        2,
        "Wręczenie Nagrody odbywa się podczas Sopockiego Forum Organizacji Pozarządowych.",
        "Jako mieszkanka chętnie przyszłabym na wręczenie, gdyby było otwarte.",
    ),
]


def _commentable(version: ActVersion) -> list[Provision]:
    """The version's units with text of their own, in order: what people comment on."""
    return [
        provision
        for provision in version.provisions.order_by("order")
        if provision.text.strip()
        and provision.kind
        in {
            ProvisionKind.PARAGRAPH,
            ProvisionKind.USTEP,
            ProvisionKind.POINT,
            ProvisionKind.ARTICLE,
        }
    ]


@dataclass(frozen=True)
class _People:
    organisations: Sequence[Organisation]
    representatives: Sequence[User]
    resident: User


def _submit_comments(
    consultation: Consultation, demo_comments: list[DemoComment], people: _People
) -> list[tuple[DemoComment, Comment]]:
    organisations, representatives = people.organisations, people.representatives
    provisions = _commentable(consultation.version)
    made = []
    for demo in demo_comments:
        provision = (
            provisions[min(demo.provision, len(provisions) - 1)]
            if demo.provision is not None and provisions
            else None
        )
        organisation = organisations[demo.organisation] if demo.organisation is not None else None
        actor = (
            representatives[demo.organisation] if demo.organisation is not None else people.resident
        )
        comment = services.comment_create(
            consultation=consultation,
            actor=actor,
            organisation=organisation,
            provision=provision,
            proposed_wording=demo.proposed_wording,
            justification=demo.justification,
            submit=True,
        )
        made.append((demo, comment))
    return made


def _text_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), "text/plain")


def _hide_where_told(made: list[tuple[DemoComment, Comment]], official: User) -> None:
    for demo, comment in made:
        if demo.hidden_reason:
            services.comment_hide(comment=comment, actor=official, reason=demo.hidden_reason)


def seed_consultations(
    stdout: TextIO | Any,
    *,
    department: Department,
    official: User,
    organisations: Sequence[Organisation],
    representatives: Sequence[User],
    members: Sequence[User],
    resident: User,
) -> list[Consultation]:
    """Create the demo consultations (those missing) on the demo acts of ``department``.

    ``organisations[i]`` is represented by ``representatives[i]``; ``members[i]``, when
    given, is a member of ``organisations[i]`` (the open consultation gets their draft).
    The first two organisations comment. Needs ``seed_acts`` first. Returns the
    consultations created.
    """
    if len(organisations) < 2 or len(representatives) < 2:
        stdout.write("Two organisations with representatives are needed; no consultations.\n")
        return []
    award = LegalAct.objects.filter(title=ACTS[0].title).first()
    versions = list(award.versions.published().order_by("number")) if award else []
    if len(versions) < 2:
        stdout.write("The demo acts are missing; no demo consultations added.\n")
        return []
    first_version, second_version = versions[0], versions[1]
    people = _People(organisations, representatives, resident)
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate(now)
    created = []

    if not Consultation.objects.filter(title=CLOSED_TITLE).exists():
        starts = now - dt.timedelta(days=45)
        ends = end_of_local_day(today - dt.timedelta(days=21))
        with clock.replaying_at(starts - dt.timedelta(days=2)):
            closed = services.consultation_create(
                actor=official,
                version=first_version,
                title=CLOSED_TITLE,
                description=(
                    "Zapraszamy organizacje pozarządowe do zgłaszania uwag do projektu "
                    "regulaminu Nagrody."
                ),
                starts_at=starts,
                ends_at=ends,
            )
            closed = services.consultation_schedule(consultation=closed, actor=official)
        with clock.replaying_at(starts + dt.timedelta(days=3)):
            made = _submit_comments(closed, CLOSED_COMMENTS, people)
        with clock.replaying_at(ends + dt.timedelta(days=5)):
            for demo, comment in made:
                services.answer_give(
                    comment=comment,
                    actor=official,
                    disposition=demo.disposition,
                    justification=demo.answer,
                )
            closed = services.report_publish(consultation=closed, actor=official)
        created.append(closed)

    if not Consultation.objects.filter(title=OPEN_TITLE).exists():
        with clock.replaying_at(now - dt.timedelta(days=3)):  # prepared and scheduled then
            opened = services.consultation_create(
                actor=official,
                version=second_version,
                title=OPEN_TITLE,
                description=(
                    "Projekt uwzględnia uwagi z pierwszych konsultacji. Uwagi mogą zgłaszać "
                    "organizacje pozarządowe i mieszkańcy Sopotu."
                ),
                starts_at=now - dt.timedelta(days=3),
                ends_at=today + dt.timedelta(days=14),
                audience=Audience.ORGANISATIONS_AND_RESIDENTS,
            )
            opened = services.consultation_schedule(consultation=opened, actor=official)
        services.meeting_add(
            consultation=opened,
            actor=official,
            starts_at=start_of_local_day(today + dt.timedelta(days=7)) + dt.timedelta(hours=17),
            place="Sopockie Centrum Organizacji Pozarządowych, ul. Kościuszki 25/27",
            notes="Spotkanie otwarte; prosimy o wcześniejsze zgłoszenie udziału.",
        )
        # Files to download (each through its object's rule, core.files).
        services.consultation_attachment_add(
            consultation=opened,
            actor=official,
            uploaded_file=_text_file(
                "Harmonogram konsultacji.txt",
                "Konsultacje trwają dwa tygodnie; spotkanie otwarte w połowie terminu.",
            ),
        )
        made = _submit_comments(opened, OPEN_COMMENTS, people)
        if made:
            demo, comment = made[0]
            services.comment_attachment_add(
                comment=comment,
                actor=(
                    representatives[demo.organisation]
                    if demo.organisation is not None
                    else resident
                ),
                uploaded_file=_text_file(
                    "Uzasadnienie – załącznik.txt", "Dane, na które powołuje się uwaga."
                ),
            )
        _hide_where_told(made, official)
        if members:
            services.comment_create(
                consultation=opened,
                actor=members[0],
                organisation=organisations[0],
                provision=next(iter(_commentable(second_version)), None),
                justification="Szkic do uzgodnienia w zarządzie.",
            )
        created.append(opened)

    if not Consultation.objects.filter(title=SCHEDULED_TITLE).exists():
        act = LegalAct.objects.filter(title=SENIORS_ACT_TITLE).first()
        if act is None:
            act = act_services.act_create(
                actor=official,
                department=department,
                title=SENIORS_ACT_TITLE,
                subject="w sprawie programu „Sopockie Senioralia 2028”",
                act_type=ActType.PROGRAMME,
                issuing_authority="Prezydent Miasta Sopotu",
                legal_basis="art. 30 ust. 1 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym",
            )
            draft = act_services.version_create(act=act, actor=official, text=SENIORS_ACT_TEXT)
            act_services.version_publish(version=draft, actor=official)
        version = act.versions.published().order_by("-number").first()
        if version is not None:
            starts_on = today + dt.timedelta(days=7)
            upcoming = services.consultation_create(
                actor=official,
                version=version,
                title=SCHEDULED_TITLE,
                description="Konsultacje rozpoczną się w przyszłym tygodniu.",
                starts_at=starts_on,
                ends_at=starts_on + dt.timedelta(days=21),
                audience=Audience.ORGANISATIONS_AND_RESIDENTS,
                comment_visibility=CommentVisibility.AFTER_END,
            )
            created.append(services.consultation_schedule(consultation=upcoming, actor=official))

    for consultation in created:
        stdout.write(f"Demo consultation: {consultation.title}\n")
    return created
