"""The outcome summary and the report as open data."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# --- Summary and report -----------------------------------------------------------------


class OutcomeRowOutputSerializer(serializers.Serializer[Any]):
    provision_id = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()  # type: ignore[assignment]
    anchor = serializers.CharField()
    total = serializers.IntegerField()
    by_disposition = serializers.DictField(child=serializers.IntegerField())


class OutcomeSummaryOutputSerializer(serializers.Serializer[Any]):
    consultation_id = serializers.IntegerField()
    act_id = serializers.IntegerField()
    version_number = serializers.IntegerField()
    total = serializers.IntegerField(help_text=_("Submitted comments that are not hidden."))
    answered = serializers.IntegerField()
    accepted = serializers.IntegerField(help_text=_("Accepted or partly accepted."))
    by_disposition = serializers.DictField(child=serializers.IntegerField())
    rows = OutcomeRowOutputSerializer(many=True)
    next_version_number = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "The act's next published version, if any: its redline against the consulted "
            "version shows what changed."
        ),
    )
    redline_url = serializers.CharField(allow_null=True)


class ReportMeetingOutputSerializer(serializers.Serializer[Any]):
    starts_at = serializers.DateTimeField()
    place = serializers.CharField()
    notes = serializers.CharField()


class ReportExtensionOutputSerializer(serializers.Serializer[Any]):
    previous_ends_at = serializers.DateTimeField()
    new_ends_at = serializers.DateTimeField()
    reason = serializers.CharField()
    extended_at = serializers.DateTimeField()


class DispositionCountOutputSerializer(serializers.Serializer[Any]):
    disposition = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class ReportCommentOutputSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    tracking_number = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    author = serializers.CharField()
    author_kind = serializers.ChoiceField(choices=["organisation", "resident", "council"])
    provision_id = serializers.IntegerField(allow_null=True)
    provision_label = serializers.CharField()
    provision_anchor = serializers.CharField()
    proposed_wording = serializers.CharField()
    justification = serializers.CharField()
    hidden = serializers.BooleanField()
    hidden_reason = serializers.CharField()
    disposition = serializers.CharField(help_text=_("A disposition, or 'unanswered'."))
    disposition_label = serializers.CharField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(help_text=_("The version reported: the final one."))
    edited_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When it was last changed after submission, if it was.")
    )


class ReportOutputSerializer(serializers.Serializer[Any]):
    """Documents ``report.json``: ``consultations.report.ReportData`` as JSON."""

    consultation_id = serializers.IntegerField()
    title = serializers.CharField()
    act_id = serializers.IntegerField()
    act_title = serializers.CharField()
    subject = serializers.CharField()
    act_type = serializers.CharField()
    act_type_label = serializers.CharField()
    issuing_authority = serializers.CharField()
    authority = serializers.CharField()
    department = serializers.CharField()
    legal_basis = serializers.CharField()
    version_number = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    extensions = ReportExtensionOutputSerializer(many=True)
    forms = serializers.ListField(child=serializers.CharField())
    meetings = ReportMeetingOutputSerializer(many=True)
    audience = serializers.CharField()
    audience_label = serializers.CharField()
    participants = serializers.ListField(child=serializers.CharField())
    organisation_count = serializers.IntegerField()
    resident_count = serializers.IntegerField()
    comment_count = serializers.IntegerField()
    hidden_count = serializers.IntegerField()
    answered_count = serializers.IntegerField()
    counts_by_disposition = DispositionCountOutputSerializer(many=True)
    counts_by_provision = OutcomeRowOutputSerializer(many=True)
    comments = ReportCommentOutputSerializer(many=True)
    published = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    generated_at = serializers.DateTimeField()
