"""Demo legal acts: one with two published versions (so its redline shows something), one
with a version still being checked, and an adopted resolution with a published draft that
amends it (so the links to the amended units and the consolidated text show something).

Called by ``manage.py seed_demo`` after the city hall and its officials exist. Safe to run
again: an act whose title exists already is left as it is. Acts and versions are made
through their services, so the audit log tells their story; topics (reference data with no
service) through ``get_or_create``. The texts are in ``demo_data/``, each with a one-line
source note that is not part of the act.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from accounts.models import Department, OfficialPost, User
from acts import services
from acts.models import ActType, LegalAct, Topic

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
SOURCE_NOTE_PREFIX = "# "

TOPICS = [
    ("wspolpraca-z-ngo", "Współpraca z organizacjami pozarządowymi"),
    ("pamiec-historyczna", "Pamięć historyczna"),
    ("kultura", "Kultura"),
]


@dataclass(frozen=True)
class DemoVersion:
    file: str
    publish: bool
    change_note: str = ""


@dataclass(frozen=True)
class DemoAct:
    title: str
    subject: str
    act_type: str
    issuing_authority: str
    legal_basis: str
    topics: list[str]
    versions: list[DemoVersion] = field(default_factory=list)
    number: str = ""
    # The title of the demo act this one amends.
    amends: str = ""


ACTS = [
    DemoAct(
        title="Projekt uchwały w sprawie regulaminu Nagrody „Sopocka Organizacja Pozarządowa Roku”",
        subject="w sprawie regulaminu Nagrody „Sopocka Organizacja Pozarządowa Roku”",
        act_type=ActType.COUNCIL_REGULATION,
        issuing_authority="Sopocka Rada Organizacji Pozarządowych",
        legal_basis="§ 5 ust. 2 Regulaminu Sopockiej Rady Organizacji Pozarządowych",
        topics=["wspolpraca-z-ngo", "kultura"],
        versions=[
            DemoVersion("regulamin_nagrody_v1.txt", publish=True),
            DemoVersion(
                "regulamin_nagrody_v2.txt",
                publish=True,
                change_note="Termin zgłoszeń przesunięty na 30 listopada; kandydatów mogą "
                "zgłaszać także członkowie rad osiedli; dodano § 3 o wręczeniu nagrody.",
            ),
        ],
    ),
    DemoAct(
        title="Projekt uchwały w sprawie sprawowania opieki nad Kwaterą Żołnierzy Armii Krajowej",
        subject="w sprawie sprawowania opieki nad Kwaterą Żołnierzy Armii Krajowej",
        act_type=ActType.CITY_COUNCIL_RESOLUTION,
        issuing_authority="Rada Miasta Sopotu",
        legal_basis="art. 18 ust. 1 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym",
        topics=["pamiec-historyczna"],
        versions=[DemoVersion("kwatera_ak.txt", publish=False)],
    ),
]


CULTURE_AWARD_TITLE = "Uchwała nr XXX/400/2021 w sprawie Sopockiej Nagrody Kulturalnej"

# An adopted act (numbered) and a draft that amends it.
AMENDMENT_ACTS = [
    DemoAct(
        title=CULTURE_AWARD_TITLE,
        subject="w sprawie Sopockiej Nagrody Kulturalnej",
        act_type=ActType.CITY_COUNCIL_RESOLUTION,
        issuing_authority="Rada Miasta Sopotu",
        legal_basis="art. 18 ust. 2 pkt 14a ustawy z dnia 8 marca 1990 r. o samorządzie gminnym",
        topics=["kultura"],
        versions=[DemoVersion("nagroda_kulturalna.txt", publish=True)],
        number="XXX/400/2021",
    ),
    DemoAct(
        title="Projekt uchwały w sprawie zmiany uchwały w sprawie Sopockiej Nagrody Kulturalnej",
        subject="w sprawie zmiany uchwały w sprawie Sopockiej Nagrody Kulturalnej",
        act_type=ActType.CITY_COUNCIL_RESOLUTION,
        issuing_authority="Rada Miasta Sopotu",
        legal_basis="art. 18 ust. 2 pkt 14a ustawy z dnia 8 marca 1990 r. o samorządzie gminnym",
        topics=["kultura"],
        versions=[DemoVersion("nagroda_kulturalna_zmiana.txt", publish=True)],
        amends=CULTURE_AWARD_TITLE,
    ),
]


def demo_text(name: str) -> str:
    """A demo act's text without its source note."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith(SOURCE_NOTE_PREFIX):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


def _default_department_and_actor() -> tuple[Department, User] | None:
    """The first official appointed (the demo's official of social affairs) and their
    department."""
    post = (
        OfficialPost.objects.filter(is_active=True, user__is_active=True)
        .select_related("user", "department")
        .order_by("pk")
        .first()
    )
    return (post.department, post.user) if post is not None else None


def seed_acts(
    stdout: TextIO | Any, *, department: Department | None = None, actor: User | None = None
) -> list[LegalAct]:
    """Create the demo acts (those missing) for ``department``, by ``actor``, an official of
    it; by default the first department with an official. Returns the acts created."""
    if department is None or actor is None:
        found = _default_department_and_actor()
        if found is None:
            stdout.write("No department has an official yet; no demo acts added.\n")
            return []
        department, actor = found
    topics = {}
    for slug, name in TOPICS:
        topics[slug], _created = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    created = []
    for demo in [*ACTS, *AMENDMENT_ACTS]:
        if LegalAct.objects.filter(title=demo.title).exists():
            continue
        act = services.act_create(
            actor=actor,
            department=department,
            title=demo.title,
            subject=demo.subject,
            act_type=demo.act_type,
            issuing_authority=demo.issuing_authority,
            legal_basis=demo.legal_basis,
            topics=[topics[slug] for slug in demo.topics],
            number=demo.number,
            amends=LegalAct.objects.filter(title=demo.amends).first() if demo.amends else None,
        )
        for demo_version in demo.versions:
            version = services.version_create(
                act=act,
                actor=actor,
                text=demo_text(demo_version.file),
                change_note=demo_version.change_note,
            )
            if demo_version.publish:
                services.version_publish(version=version, actor=actor)
        created.append(act)
        stdout.write(f"Demo act: {act.title}\n")
    return created
