"""factory_boy factories shared by the whole suite."""

from __future__ import annotations

import factory
from django.utils import timezone

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
from consultations.models import (
    ActStatus,
    ActType,
    ActVersion,
    LegalAct,
    Provision,
    ProvisionKind,
    Topic,
)

# Valid identifiers (checksums correct), used in turn so factories never collide.
VALID_NIPS = [
    "5260250995",
    "5260251061",
    "5260251138",
    "5260251204",
    "5260251279",
    "5260251345",
    "5260251411",
    "5260251486",
    "5260251552",
    "5260251629",
]
VALID_REGONS = [
    "192598184",
    "192598215",
    "192598244",
    "192598273",
    "192598304",
    "192598333",
    "192598362",
    "192598391",
    "192598422",
    "192598451",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.django.Password("correct horse battery staple")
    language = "pl"
    email_verified_at = factory.LazyFunction(timezone.now)


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("code",)

    name = "Urząd Miasta Testowa"
    code = "TST"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"Wydział {n}")


class OfficialPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialPost

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)


class ActivityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Obszar {n}")
    slug = factory.Sequence(lambda n: f"obszar-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stowarzyszenie Testowe nr {n}")
    legal_form = LegalForm.ASSOCIATION
    krs = factory.Sequence(lambda n: f"{n + 1:010d}")
    nip = ""
    regon = ""
    city = "Sopot"
    email = factory.Sequence(lambda n: f"ngo{n}@example.org")
    status = OrganisationStatus.VERIFIED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE


class RepresentativeFactory(MembershipFactory):
    role = MembershipRole.REPRESENTATIVE


# --- Legal acts -------------------------------------------------------------------------
# Versions with parsed text are best made with consultations.services.version_create; these
# factories make rows directly, for tests that need many of them quickly.


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Temat {n}")
    slug = factory.Sequence(lambda n: f"temat-{n}")


class LegalActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalAct

    title = factory.Sequence(lambda n: f"Projekt uchwały nr {n}")
    subject = "w sprawie programu współpracy z organizacjami pozarządowymi"
    act_type = ActType.CITY_COUNCIL_RESOLUTION
    issuing_authority = "Rada Miasta Sopotu"
    department = factory.SubFactory(DepartmentFactory)
    status = ActStatus.DRAFT


class ActVersionFactory(factory.django.DjangoModelFactory):
    """An unpublished version; pass ``published_at`` for a published one."""

    class Meta:
        model = ActVersion

    act = factory.SubFactory(LegalActFactory)
    number = factory.LazyAttribute(lambda version: version.act.versions.count() + 1)
    source_text = "§ 1. Uchwała wchodzi w życie z dniem podjęcia."


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    version = factory.SubFactory(ActVersionFactory)
    kind = ProvisionKind.PARAGRAPH
    number = factory.Sequence(lambda n: str(n + 1))
    label = factory.LazyAttribute(lambda provision: f"§ {provision.number}")
    anchor = factory.LazyAttribute(lambda provision: f"par-{provision.number}")
    text = factory.LazyAttribute(lambda provision: f"Treść paragrafu {provision.number}.")
    order = factory.Sequence(lambda n: n)
    depth = 0
