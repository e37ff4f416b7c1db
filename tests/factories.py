"""factory_boy factories shared by the whole suite."""

from __future__ import annotations

import datetime as dt

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
from acts.models import ActStatus, ActType, ActVersion, LegalAct, Provision, ProvisionKind, Topic
from consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    Disposition,
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
# Versions with parsed text are best made with acts.services.version_create; these
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


# --- Consultations, comments, answers ---------------------------------------------------
# Rows made directly, for tests that need a consultation in a given state quickly (or many
# comments). The services make them as users do; use these to set the scene.


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A scheduled consultation open from yesterday to tomorrow on a published version."""

    class Meta:
        model = Consultation

    version = factory.SubFactory(ActVersionFactory, published_at=factory.LazyFunction(timezone.now))
    title = factory.Sequence(lambda n: f"Konsultacje nr {n}")
    description = "Zapraszamy do zgłaszania uwag."
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    status = ConsultationStatus.SCHEDULED


class CommentFactory(factory.django.DjangoModelFactory):
    """A submitted comment of an organisation on the act as a whole; pass ``provision``,
    ``status=CommentStatus.DRAFT`` (with ``submitted_at=None``) and so on as needed."""

    class Meta:
        model = Comment

    consultation = factory.SubFactory(ConsultationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    author = factory.SubFactory(UserFactory)
    proposed_wording = "Proponowane brzmienie przepisu."
    justification = "Uzasadnienie uwagi."
    status = CommentStatus.SUBMITTED
    submitted_by = factory.SelfAttribute("author")
    submitted_at = factory.LazyFunction(timezone.now)
    tracking_number = factory.Sequence(lambda n: f"TST-2027-{n // 10000:04d}-{n % 10000:04d}")
    # Submitted ones are at their first version (no ``CommentVersion`` row is made here).
    version = factory.LazyAttribute(lambda comment: 0 if comment.submitted_at is None else 1)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    comment = factory.SubFactory(CommentFactory)
    disposition = Disposition.ACCEPTED
    justification = "Uwaga zasadna."
    answered_by = factory.SubFactory(UserFactory)
    answered_at = factory.LazyFunction(timezone.now)


# --- The council ------------------------------------------------------------------------
# Rows made directly, for tests that need many positions, votes or ballots quickly. The
# services (opinions.services) make them as people do; use these to set the scene.


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opinions.Council"
        django_get_or_create = ("name",)

    name = "Sopocka Rada Organizacji Pozarządowych"
    short_name = "SROP"
    letterhead = "ul. Kościuszki 25/27\n81-704 Sopot"


class TermFactory(factory.django.DjangoModelFactory):
    """A term running from a year ago to two years from now."""

    class Meta:
        model = "opinions.Term"

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Kadencja {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=730))


class TermMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opinions.TermMember"

    term = factory.SubFactory(TermFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    office = "member"
    joined_on = factory.SelfAttribute("term.starts_on")


class PositionFactory(factory.django.DjangoModelFactory):
    """A draft general position; pass ``status``, ``number`` and ``year`` as needed."""

    class Meta:
        model = "opinions.Position"

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    kind = "general"
    subject = factory.Sequence(lambda n: f"Stanowisko w sprawie nr {n}")
    status = "draft"


class PositionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opinions.PositionItem"

    position = factory.SubFactory(PositionFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Rada proponuje zmianę nr {n}.")


class VoteFactory(factory.django.DjangoModelFactory):
    """An open circulation vote with a deadline tomorrow."""

    class Meta:
        model = "opinions.Vote"

    position = factory.SubFactory(PositionFactory, status="voting")
    mode = "circulation"
    opened_by = factory.SubFactory(UserFactory)
    opened_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    quorum_rule = "half_of_members"
    majority_rule = "simple"


class BallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "opinions.Ballot"

    vote = factory.SubFactory(VoteFactory)
    member = factory.SubFactory(TermMemberFactory)
    choice = "for"
    cast_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.SelfAttribute("member.user")
