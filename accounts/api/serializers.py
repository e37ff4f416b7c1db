"""Input serializers check the shape of a request; output serializers render the result.

Input serializers never save: views pass their ``validated_data`` to a service, which owns
the rules (KRS/NIP/REGON checksums, duplicates, transitions).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts import permissions
from accounts.models import (
    ActivityArea,
    ApiToken,
    Authority,
    Department,
    GrammaticalGender,
    Language,
    LegalForm,
    Membership,
    MembershipRole,
    OfficialPost,
    Organisation,
    OrganisationChange,
    OrganisationClaim,
    User,
)

# --- Input ------------------------------------------------------------------------------


class TokenObtainInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, write_only=True)
    otp = serializers.CharField(
        required=False,
        max_length=32,
        write_only=True,
        help_text=(
            "For a user with two-factor login on: the current code of their authenticator "
            "app, or one of their recovery codes (used up)."
        ),
    )


class ApiTokenCreateInputSerializer(serializers.Serializer[Any]):
    label = serializers.CharField(  # type: ignore[assignment]  # a field, not Field.label
        max_length=100,
        required=False,
        allow_blank=True,
        help_text=_("What the token is for, e.g. the program that uses it."),
    )


class ProfileUpdateInputSerializer(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=200, required=False)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    grammatical_gender = serializers.ChoiceField(
        choices=GrammaticalGender.choices,
        required=False,
        allow_blank=True,
        help_text=_("How your role titles are declined; empty: neutral forms."),
    )


class OrganisationInputSerializer(serializers.Serializer[Any]):
    """Registration and changes. Identifiers may be typed with spaces, dashes or a PL
    prefix; the service normalises and checks them."""

    name = serializers.CharField(max_length=300)
    legal_form = serializers.ChoiceField(choices=LegalForm.choices, default=LegalForm.ASSOCIATION)
    krs = serializers.CharField(max_length=20, required=False, allow_blank=True)
    nip = serializers.CharField(max_length=20, required=False, allow_blank=True)
    regon = serializers.CharField(max_length=20, required=False, allow_blank=True)
    street = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=6, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    areas = serializers.ListField(
        child=serializers.SlugField(max_length=100),
        required=False,
        max_length=50,
        help_text=_("Slugs of areas of activity, as listed by /api/v1/activity-areas/."),
    )

    def validate_areas(self, slugs: list[str]) -> list[ActivityArea]:
        areas = list(ActivityArea.objects.filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {area.slug for area in areas})
        if unknown:
            raise serializers.ValidationError(
                _("Unknown areas of activity: %(slugs)s. Choose from /api/v1/activity-areas/.")
                % {"slugs": ", ".join(unknown)}
            )
        return areas


class OrganisationRejectInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        help_text=_("Why the organisation is rejected; shown to its representatives.")
    )


class OrganisationChangeRejectInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        help_text=_("Why the change is refused; shown to the organisation's representatives.")
    )


class OrganisationClaimInputSerializer(OrganisationInputSerializer):
    """The organisation the claimant registers, whose numbers another one holds, and why
    the numbers are theirs."""

    justification = serializers.CharField(
        max_length=5000,
        help_text=_(
            "Why the numbers belong to this organisation (e.g. the KRS extract's details); "
            "read by the administrator who decides."
        ),
    )


class OrganisationClaimDecisionInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        help_text=_(
            "Why the claim is upheld or dismissed; shown to the claimant (and, when upheld, "
            "to the organisation that loses the numbers)."
        )
    )


class MembershipRequestInputSerializer(serializers.Serializer[Any]):
    message = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=_("A note for the organisation's representatives."),
    )


class MembershipApproveInputSerializer(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.MEMBER)


class MembershipRoleInputSerializer(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=MembershipRole.choices)


# --- Output -----------------------------------------------------------------------------


class TokenOutputSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(
        source="key",
        help_text=_(
            "Send it as 'Authorization: Token <token>' with every request. Shown only once."
        ),
    )
    expires_at = serializers.DateTimeField(
        help_text=_("After this moment the token no longer works.")
    )


class ApiTokenOutputSerializer(serializers.ModelSerializer[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["id", "label", "prefix", "created_at", "expires_at", "last_used_at"]
        extra_kwargs = {"prefix": {"help_text": _("The token's first characters.")}}


class ApiTokenCreatedOutputSerializer(ApiTokenOutputSerializer):
    token = serializers.CharField(
        source="key",
        help_text=_(
            "Send it as 'Authorization: Token <token>' with every request. Shown only once."
        ),
    )

    class Meta(ApiTokenOutputSerializer.Meta):
        fields = [*ApiTokenOutputSerializer.Meta.fields, "token"]


class ActivityAreaOutputSerializer(serializers.ModelSerializer[ActivityArea]):
    class Meta:
        model = ActivityArea
        fields = ["id", "slug", "name"]


class AuthorityOutputSerializer(serializers.ModelSerializer[Authority]):
    class Meta:
        model = Authority
        fields = ["id", "name", "short_name", "code"]


class DepartmentOutputSerializer(serializers.ModelSerializer[Department]):
    authority = AuthorityOutputSerializer()

    class Meta:
        model = Department
        fields = ["id", "name", "symbol", "authority"]


class OrganisationSummaryOutputSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "name", "status"]


class OrganisationListOutputSerializer(serializers.ModelSerializer[Organisation]):
    """Expects the ``member_count`` annotation and prefetched areas of
    ``selectors.organisation_list``."""

    areas = ActivityAreaOutputSerializer(many=True)
    member_count = serializers.IntegerField(help_text=_("Active members, representatives too."))

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "legal_form",
            "krs",
            "nip",
            "regon",
            "city",
            "website",
            "status",
            "areas",
            "member_count",
            "created_at",
        ]


class IdentityChangeOutputSerializer(serializers.Serializer[Any]):
    """One changed field of a change of name or numbers."""

    field = serializers.CharField()
    current = serializers.CharField(source="from")
    proposed = serializers.CharField(source="to")


def _changed_fields(change: OrganisationChange) -> list[dict[str, Any]]:
    return [
        {"field": field, "from": values["from"], "to": values["to"]}
        for field, values in change.changes.items()
    ]


class PendingChangeOutputSerializer(serializers.ModelSerializer[OrganisationChange]):
    changes = serializers.SerializerMethodField()

    class Meta:
        model = OrganisationChange
        fields = ["id", "changes", "created_at"]

    @extend_schema_field(IdentityChangeOutputSerializer(many=True))
    def get_changes(self, change: OrganisationChange) -> Any:
        return IdentityChangeOutputSerializer(_changed_fields(change), many=True).data


class OrganisationDetailOutputSerializer(OrganisationListOutputSerializer):
    """Expects ``selectors.organisation_detail_for`` (its ``pending_changes``)."""

    pending_change = serializers.SerializerMethodField(
        help_text=_(
            "A new name or numbers awaiting an administrator's review (shown to the "
            "organisation's representatives and administrators); until approved the "
            "organisation keeps its current ones."
        )
    )

    class Meta(OrganisationListOutputSerializer.Meta):
        fields = [
            *OrganisationListOutputSerializer.Meta.fields,
            "street",
            "postal_code",
            "email",
            "description",
            "rejection_reason",
            "decided_at",
            "updated_at",
            "pending_change",
        ]

    @extend_schema_field(PendingChangeOutputSerializer(allow_null=True))
    def get_pending_change(self, organisation: Organisation) -> dict[str, Any] | None:
        pending = getattr(organisation, "pending_changes", None) or []
        return PendingChangeOutputSerializer(pending[0]).data if pending else None


class OrganisationChangeOutputSerializer(PendingChangeOutputSerializer):
    organisation = OrganisationSummaryOutputSerializer()
    requested_by = serializers.CharField(source="requested_by.full_name", allow_null=True)

    class Meta(PendingChangeOutputSerializer.Meta):
        fields = [
            "id",
            "organisation",
            "changes",
            "status",
            "requested_by",
            "created_at",
            "reviewed_at",
            "reason",
        ]


class OrganisationClaimOutputSerializer(serializers.ModelSerializer[OrganisationClaim]):
    organisation = OrganisationSummaryOutputSerializer(
        help_text=_("The organisation holding the numbers.")
    )
    claimed_name = serializers.CharField(
        help_text=_("The name of the organisation the claimant registers.")
    )
    identifiers = serializers.DictField(
        child=serializers.CharField(), help_text=_("The claimed numbers: krs, nip, regon.")
    )
    registered_organisation: serializers.PrimaryKeyRelatedField[Organisation] = (
        serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    )

    class Meta:
        model = OrganisationClaim
        fields = [
            "id",
            "organisation",
            "claimed_name",
            "identifiers",
            "justification",
            "status",
            "decision_reason",
            "registered_organisation",
            "created_at",
            "reviewed_at",
        ]


class MemberOutputSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "full_name"]


class MembershipOutputSerializer(serializers.ModelSerializer[Membership]):
    user = MemberOutputSerializer()
    organisation = OrganisationSummaryOutputSerializer()

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "organisation",
            "role",
            "status",
            "message",
            "created_at",
            "decided_at",
        ]


class MyMembershipOutputSerializer(serializers.ModelSerializer[Membership]):
    organisation = OrganisationSummaryOutputSerializer()

    class Meta:
        model = Membership
        fields = ["id", "organisation", "role", "status"]


class OfficialPostOutputSerializer(serializers.ModelSerializer[OfficialPost]):
    department = DepartmentOutputSerializer()

    class Meta:
        model = OfficialPost
        fields = ["id", "job_title", "department"]


class MeOutputSerializer(serializers.ModelSerializer[User]):
    """Expects ``selectors.user_with_memberships``: live memberships and active posts."""

    email_verified = serializers.BooleanField()
    is_official = serializers.SerializerMethodField()
    is_administrator = serializers.SerializerMethodField()
    memberships = MyMembershipOutputSerializer(many=True)
    official_posts = OfficialPostOutputSerializer(many=True)

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "language",
            "grammatical_gender",
            "email_verified",
            "is_official",
            "is_administrator",
            "memberships",
            "official_posts",
        ]

    def get_is_official(self, user: User) -> bool:
        return permissions.is_official(user)

    def get_is_administrator(self, user: User) -> bool:
        return permissions.is_administrator(user)
