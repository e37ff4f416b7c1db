"""The benchmark's data: two open consultations, verified organisations with API tokens,
and thousands of submitted comments.

- The *reading* consultation has an act of ``provisions`` provisions and ``comments``
  submitted comments spread over them (a few provisions draw many comments, as in life).
  The page and the comments API are measured on it.
- The *submission* consultation has a small act; the load generator submits to it through
  the API, so the reading consultation stays the same size throughout the run. The floor
  inserts into a consultation of its own on the same act version, so the rows it adds do
  not enlarge the consultation the application is measured on.
- ``submitters`` organisations, each verified with one representative who has an API
  token: every load generator client acts for its own organisation.

Acts, versions, consultations, organisations and tokens go through the services, as in
production; the comments of the reading consultation are bulk-inserted (the services
would take minutes and the benchmark does not measure seeding).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Authority, Department, OfficialPost, User
from acts import services as act_services
from acts.models import ActType, ActVersion
from consultations import services
from consultations.models import Comment, CommentStatus, CommentVisibility, Consultation
from core.tracking import CROCKFORD_ALPHABET

SEED = 20_261_126
AUTHORITY_CODE = "BENCH"
TRACKING_PREFIX = "SEED"
SUBMISSION_PROVISIONS = 20
CONSULTATION_DAYS = 30
BATCH_SIZE = 500
SAMPLE_TEXT = (
    "organizacja pozarządowa dotacja konkurs ofert zadanie publiczne miasto gmina rada "
    "prezydent uchwała program współpracy realizacja sprawozdanie termin dni ogłoszenie "
    "wniosek komisja ocena środki budżet finansowy rok kalendarzowy podmiot uprawniony "
    "działalność pożytek publiczny wolontariat stowarzyszenie fundacja członek posiedzenie "
    "protokół wynik jawny biuletyn informacji publicznej strona internetowa urząd wydział "
    "właściwy sprawy społeczne zdrowie kultura sport turystyka oświata ochrona środowiska "
    "przyroda bezpieczeństwo mieszkańcy dzieci młodzież seniorzy żółty łąka źródło"
)
VOCABULARY = SAMPLE_TEXT.split()


@dataclass(frozen=True)
class Submitter:
    user_id: int
    organisation_id: int
    token: str


@dataclass(frozen=True)
class SeededData:
    reading_consultation_id: int
    submission_consultation_id: int
    floor_consultation_id: int
    submission_provision_ids: list[int]
    submitters: list[Submitter]
    provisions: int
    comments: int


def act_text(provisions: int, *, title: str) -> str:
    """An act that the parser reads as exactly ``provisions`` provisions: the legal basis,
    paragraphs of two subsections (3 provisions each) and up to two single paragraphs."""
    if provisions < 1:
        raise ValueError("An act has at least its legal basis.")
    full, single = divmod(provisions - 1, 3)
    words = random.Random(f"{SEED}-{title}")
    lines = [
        "PROJEKT",
        "",
        "UCHWAŁA NR .../2026",
        "RADY MIASTA BENCHMARKOWO",
        "z dnia 26 listopada 2026 r.",
        "",
        f"w sprawie {title}",
        "",
        "Na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym "
        "Rada Miasta uchwala, co następuje:",
        "",
    ]
    for number in range(1, full + single + 1):
        if number <= full:
            lines.append(f"§ {number}. 1. {_sentence(words, 12, 30)}")
            lines.append(f"2. {_sentence(words, 12, 30)}")
        else:
            lines.append(f"§ {number}. {_sentence(words, 12, 30)}")
        lines.append("")
    return "\n".join(lines)


def _sentence(randomness: random.Random, shortest: int, longest: int) -> str:
    words = randomness.choices(VOCABULARY, k=randomness.randint(shortest, longest))
    return " ".join(words).capitalize() + "."


def _tracking_number(index: int, year: int) -> str:
    """Deterministic and unique per index, in the shape of real ones (40 bits)."""
    characters = []
    for _ in range(8):
        index, remainder = divmod(index, len(CROCKFORD_ALPHABET))
        characters.append(CROCKFORD_ALPHABET[remainder])
    random_part = "".join(reversed(characters))
    return f"{TRACKING_PREFIX}-{year:04d}-{random_part[:4]}-{random_part[4:]}"


def _published_version(
    *, official: User, department: Department, title: str, size: int
) -> ActVersion:
    act = act_services.act_create(
        actor=official,
        department=department,
        title=f"Projekt uchwały w sprawie {title}",
        subject=f"w sprawie {title}",
        act_type=ActType.CITY_COUNCIL_RESOLUTION,
        issuing_authority="Rada Miasta Benchmarkowo",
    )
    version = act_services.version_create(act=act, actor=official, text=act_text(size, title=title))
    stored = version.provisions.count()
    if stored != size:
        raise RuntimeError(f"The generated act has {stored} provisions, expected {size}.")
    return act_services.version_publish(version=version, actor=official)


def _open_consultation(*, official: User, version: ActVersion, title: str) -> Consultation:
    now = timezone.now()
    consultation = services.consultation_create(
        actor=official,
        version=version,
        title=title,
        description="Konsultacje do pomiarów wydajności.",
        starts_at=now.replace(microsecond=0),  # opens when scheduled, a moment later
        ends_at=now + timedelta(days=CONSULTATION_DAYS),
        comment_visibility=CommentVisibility.IMMEDIATELY,
    )
    consultation = services.consultation_schedule(consultation=consultation, actor=official)
    if not consultation.is_open:
        raise RuntimeError(f"The consultation {consultation.pk} is not open after seeding.")
    return consultation


def _user(email: str, full_name: str, **extra: object) -> User:
    return User.objects.create_user(
        email, None, full_name=full_name, email_verified_at=timezone.now(), **extra
    )


def _comments(
    *,
    consultation: Consultation,
    count: int,
    submitters: list[Submitter],
    start: datetime,
) -> int:
    provision_ids = list(
        consultation.version.provisions.order_by("order").values_list("pk", flat=True)
    )
    randomness = random.Random(SEED)
    draw_order = provision_ids[:]
    randomness.shuffle(draw_order)
    # Zipf-like: the n-th provision in the draw order is chosen with weight 1 / (n + 1).
    weights = [1 / (rank + 1) for rank in range(len(draw_order))]
    chosen = randomness.choices(draw_order, weights=weights, k=count)
    span = max((timezone.now() - start).total_seconds(), 1.0)
    batch: list[Comment] = []
    for index, provision_id in enumerate(chosen):
        submitter = submitters[index % len(submitters)]
        batch.append(
            Comment(
                consultation=consultation,
                provision_id=provision_id,
                organisation_id=submitter.organisation_id,
                author_id=submitter.user_id,
                submitted_by_id=submitter.user_id,
                proposed_wording=_sentence(randomness, 10, 40),
                justification=_sentence(randomness, 20, 60),
                status=CommentStatus.SUBMITTED,
                submitted_at=start + timedelta(seconds=span * index / max(count, 1)),
                tracking_number=_tracking_number(index, start.year),
            )
        )
    Comment.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    return len(batch)


@transaction.atomic
def seed(
    *,
    provisions: int = 300,
    comments: int = 2000,
    submitters: int = 32,
    submission_provisions: int = SUBMISSION_PROVISIONS,
) -> SeededData:
    """Create the data on an empty database (the runner recreates it for every run)."""
    authority = Authority.objects.create(
        name="Urząd Miasta Benchmarkowo", short_name="UM Benchmarkowo", code=AUTHORITY_CODE
    )
    department = Department.objects.create(
        authority=authority, name="Wydział Pomiarów", symbol="WP"
    )
    official = _user("bench.official@example.org", "Urzędniczka Pomiarowa")
    OfficialPost.objects.create(user=official, department=department, job_title="inspektor")
    administrator = _user(
        "bench.admin@example.org", "Administrator Pomiarów", is_staff=True, is_superuser=True
    )

    people: list[Submitter] = []
    for number in range(1, submitters + 1):
        representative = _user(f"bench.ngo{number}@example.org", f"Przedstawiciel {number}")
        organisation = account_services.organisation_register(
            actor=representative, name=f"Stowarzyszenie Pomiarowe nr {number}"
        )
        account_services.organisation_verify(organisation=organisation, actor=administrator)
        token = account_services.api_token_create(user=representative)
        people.append(Submitter(representative.pk, organisation.pk, token.key))

    reading_version = _published_version(
        official=official,
        department=department,
        title="programu współpracy z organizacjami pozarządowymi",
        size=provisions,
    )
    reading = _open_consultation(
        official=official, version=reading_version, title="Konsultacje programu współpracy"
    )
    submission_version = _published_version(
        official=official,
        department=department,
        title="regulaminu konkursu ofert",
        size=submission_provisions,
    )
    submission = _open_consultation(
        official=official, version=submission_version, title="Konsultacje regulaminu konkursu"
    )
    floor = _open_consultation(
        official=official, version=submission_version, title="Konsultacje podłogi pomiarów"
    )
    created = _comments(
        consultation=reading, count=comments, submitters=people, start=reading.starts_at
    )
    return SeededData(
        reading_consultation_id=reading.pk,
        submission_consultation_id=submission.pk,
        floor_consultation_id=floor.pk,
        submission_provision_ids=list(
            submission_version.provisions.order_by("order").values_list("pk", flat=True)
        ),
        submitters=people,
        provisions=provisions,
        comments=created,
    )
