"""Terms and their members."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Organisation, User
from opinions.api.serializers.shared import OrganisationRefOutputSerializer, PersonOutputSerializer
from opinions.models import MajorityRule, Office, QuorumRule, Term, TermMember

# --- Input ------------------------------------------------------------------------------


class TermInputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    quorum_rule = serializers.ChoiceField(
        choices=QuorumRule.choices, default=QuorumRule.HALF_OF_MEMBERS
    )
    majority_rule = serializers.ChoiceField(
        choices=MajorityRule.choices, default=MajorityRule.SIMPLE
    )


class MemberAddInputSerializer(serializers.Serializer[Any]):
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), help_text=_("The person's user id.")
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.verified(),
        required=False,
        allow_null=True,
        help_text=_("The organisation the person represents (they must be its member)."),
    )
    office = serializers.ChoiceField(choices=Office.choices, default=Office.MEMBER)
    joined_on = serializers.DateField(
        required=False, help_text=_("By default today, or the term's first day.")
    )
    co_opted = serializers.BooleanField(default=False)


class MemberOfficeInputSerializer(serializers.Serializer[Any]):
    office = serializers.ChoiceField(choices=Office.choices)


class MemberEndInputSerializer(serializers.Serializer[Any]):
    left_on = serializers.DateField(help_text=_("The last day the member sits on the council."))


# --- Output -----------------------------------------------------------------------------


class TermOutputSerializer(serializers.ModelSerializer[Term]):
    """Expects ``selectors.term_list``'s ``member_count``."""

    council = serializers.CharField(source="council.name")
    is_current = serializers.BooleanField()
    member_count = serializers.IntegerField(required=False, help_text=_("Members active today."))

    class Meta:
        model = Term
        fields = [
            "id",
            "council",
            "name",
            "starts_on",
            "ends_on",
            "quorum_rule",
            "majority_rule",
            "is_current",
            "member_count",
        ]


class TermMemberOutputSerializer(serializers.ModelSerializer[TermMember]):
    user = PersonOutputSerializer()
    organisation = OrganisationRefOutputSerializer(allow_null=True)
    is_active = serializers.BooleanField()

    class Meta:
        model = TermMember
        fields = [
            "id",
            "term",
            "user",
            "organisation",
            "office",
            "joined_on",
            "left_on",
            "co_opted",
            "is_active",
        ]
