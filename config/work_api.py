"""``GET /api/v1/me/work/``: the "my work" lists (``config.work``) as JSON, each item with
the address of the page where the work is done."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.viewer import request_viewer
from config.work import (
    MyWork,
    act_work_url,
    answered_comment_url,
    consultation_work_url,
    draft_comment_url,
    my_work_for,
)
from consultations.selectors.work import OFFICIAL_PHASES, ConsultationWork, OfficialWork
from core.api import error_responses
from core.api_base import ApiView

# --- Officials ---------------------------------------------------------------------------


class ConsultationWorkOutputSerializer(serializers.Serializer[ConsultationWork]):
    id = serializers.IntegerField(source="consultation.pk")
    title = serializers.CharField(source="consultation.title")
    act_title = serializers.CharField(source="consultation.version.act.title")
    phase = serializers.ChoiceField(choices=[str(phase) for phase in OFFICIAL_PHASES])
    starts_at = serializers.DateTimeField(source="consultation.starts_at")
    ends_at = serializers.DateTimeField(source="consultation.ends_at")
    unanswered_comments = serializers.IntegerField(
        source="unanswered", help_text="Submitted, visible comments without an answer."
    )
    report_due_on = serializers.DateField(
        allow_null=True,
        help_text="Closed consultations: the last day for publishing the report.",
    )
    days_left = serializers.IntegerField(
        allow_null=True,
        help_text="Closed consultations: days left to the report's deadline (negative: overdue).",
    )
    url = serializers.SerializerMethodField()

    def get_url(self, row: ConsultationWork) -> str:
        return consultation_work_url(row)


class ConsultationsByPhaseOutputSerializer(serializers.Serializer[Any]):
    draft = ConsultationWorkOutputSerializer(many=True)
    scheduled = ConsultationWorkOutputSerializer(many=True)
    open = ConsultationWorkOutputSerializer(many=True)
    closed = ConsultationWorkOutputSerializer(many=True)
    report_published = ConsultationWorkOutputSerializer(many=True)


class UnpublishedActOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    status = serializers.CharField()
    department = serializers.CharField(source="department.name")
    draft_version_number = serializers.IntegerField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, act: Any) -> str:
        return act_work_url(act)


class OfficialWorkOutputSerializer(serializers.Serializer[OfficialWork]):
    consultations = ConsultationsByPhaseOutputSerializer(
        source="by_phase",
        help_text="The consultations of the official's departments by phase (the last "
        "reported ones only).",
    )
    awaiting_answers = ConsultationWorkOutputSerializer(
        many=True,
        help_text="Closed consultations with comments waiting for an answer, nearest report "
        "deadline first.",
    )
    unpublished_acts = UnpublishedActOutputSerializer(many=True)


# --- Organisations -----------------------------------------------------------------------


class OrganisationNameOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DraftCommentOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    consultation_id = serializers.IntegerField()
    consultation_title = serializers.CharField(source="consultation.title")
    consultation_ends_at = serializers.DateTimeField(source="consultation.ends_at")
    organisation_id = serializers.IntegerField()
    organisation_name = serializers.CharField(source="organisation.name")
    provision_label = serializers.CharField(source="provision.label", allow_null=True)
    author_name = serializers.CharField(source="author.full_name", allow_null=True)
    updated_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, comment: Any) -> str:
        return draft_comment_url(comment)


class ClosingSoonOutputSerializer(serializers.Serializer[Any]):
    consultation_id = serializers.IntegerField(source="consultation.pk")
    title = serializers.CharField(source="consultation.title")
    ends_at = serializers.DateTimeField(source="consultation.ends_at")
    organisation_id = serializers.IntegerField()
    organisation_name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, row: Any) -> str:
        return reverse("consultations:detail", args=[row.consultation.pk])


class AnswerReceivedOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    tracking_number = serializers.CharField(allow_null=True)
    consultation_id = serializers.IntegerField()
    consultation_title = serializers.CharField(source="consultation.title")
    report_published_at = serializers.DateTimeField(source="consultation.report_published_at")
    organisation_id = serializers.IntegerField()
    organisation_name = serializers.CharField(source="organisation.name")
    provision_label = serializers.CharField(source="provision.label", allow_null=True)
    disposition = serializers.CharField(source="answer.disposition")
    answered_at = serializers.DateTimeField(source="answer.answered_at")
    url = serializers.SerializerMethodField()

    def get_url(self, comment: Any) -> str:
        return answered_comment_url(comment)


class OrganisationWorkOutputSerializer(serializers.Serializer[Any]):
    organisations = serializers.SerializerMethodField()
    drafts = DraftCommentOutputSerializer(
        many=True, help_text="Drafts waiting for submission, in consultations not yet ended."
    )
    closing_soon = ClosingSoonOutputSerializer(
        many=True,
        help_text="Open consultations ending within 7 days on which the organisation has "
        "submitted nothing.",
    )
    answers_received = AnswerReceivedOutputSerializer(
        many=True, help_text="Comments answered in reports published in the last 30 days."
    )

    @extend_schema_field(OrganisationNameOutputSerializer(many=True))
    def get_organisations(self, work: Any) -> list[dict[str, Any]]:
        return [{"id": pk, "name": name} for pk, name in work.organisation_names.items()]


# --- The council -------------------------------------------------------------------------


class BallotWaitingOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    position_id = serializers.IntegerField()
    subject = serializers.CharField(source="position.subject")
    deadline = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, vote: Any) -> str:
        return reverse("council:vote_detail", args=[vote.pk])


class AmendmentWaitingOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    position_id = serializers.IntegerField(source="item.position_id")
    subject = serializers.CharField(source="item.position.subject")
    item_order = serializers.IntegerField(source="item.order")
    proposed_by_name = serializers.CharField(source="proposed_by.full_name", allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, amendment: Any) -> str:
        position_url = reverse("council:position_detail", args=[amendment.item.position_id])
        return f"{position_url}#amendment-{amendment.pk}"


class DraftLedOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    subject = serializers.CharField()
    kind = serializers.CharField()
    item_count = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, position: Any) -> str:
        return reverse("council:position_detail", args=[position.pk])


class CouncilWorkOutputSerializer(serializers.Serializer[Any]):
    term_id = serializers.IntegerField(source="term.pk")
    term_name = serializers.CharField(source="term.name")
    office = serializers.CharField(source="seat.office")
    votes_awaiting_ballot = BallotWaitingOutputSerializer(many=True)
    amendments_to_decide = AmendmentWaitingOutputSerializer(many=True)
    drafts_i_lead = DraftLedOutputSerializer(many=True)
    workspace_url = serializers.SerializerMethodField()

    def get_workspace_url(self, work: Any) -> str:
        return reverse("council:workspace")


class MyWorkOutputSerializer(serializers.Serializer[MyWork]):
    """Renders ``config.work.my_work_for``: a section per role, null for a role not held."""

    official = OfficialWorkOutputSerializer(allow_null=True)
    organisation = OrganisationWorkOutputSerializer(allow_null=True)
    council = CouncilWorkOutputSerializer(allow_null=True)


class MyWorkApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["me"],
        summary="My work: what waits for me in each role I hold",
        description=(
            "For an official: the consultations of their departments by phase, the comments "
            "waiting for an answer with the days left to the report's deadline, and the "
            "acts not yet published. For a member of an organisation: its drafts waiting "
            "for submission, consultations closing soon it has not commented on, and the "
            "answers it received. For a council member: votes waiting for their ballot, "
            "amendments waiting for their decision and the drafts they lead. A role the "
            "user does not hold is null. Every item has the address of the page where the "
            "work is done."
        ),
        responses={200: MyWorkOutputSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        work = my_work_for(viewer=request_viewer(request), now=timezone.now())
        return Response(MyWorkOutputSerializer(work).data)
