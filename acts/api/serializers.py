"""Input serializers check the shape of a request; output serializers render the result.

Input serializers never save: views pass their ``validated_data`` to a service, which owns
the rules (who may edit, immutability of published versions, parsing).
"""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import DepartmentOutputSerializer
from accounts.selectors import department_list
from acts import selectors
from acts.models import ActType, ActVersion, LegalAct, Provision, ProvisionKind, Topic
from acts.parsing.readers import upload_formats
from core.files import DownloadUrlField

# --- Input ------------------------------------------------------------------------------


class TopicSlugsField(serializers.ListField):
    """Topic slugs in, Topic objects out."""

    child = serializers.SlugField(max_length=100)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("help_text", _("Slugs of topics, as listed by /api/v1/topics/."))
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[Topic]:
        slugs = super().to_internal_value(data)
        topics, unknown = selectors.topics_by_slugs(slugs)
        if unknown:
            raise serializers.ValidationError(
                _("Unknown topics: %(slugs)s. Choose from /api/v1/topics/.")
                % {"slugs": ", ".join(unknown)}
            )
        return topics


class ActInputSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=500)
    subject = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, help_text=_("“w sprawie …”")
    )
    act_type = serializers.ChoiceField(
        choices=ActType.choices, default=ActType.CITY_COUNCIL_RESOLUTION
    )
    issuing_authority = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text=_("The body that adopts the act, e.g. Rada Miasta Sopotu."),
    )
    department = serializers.PrimaryKeyRelatedField(
        queryset=department_list(), help_text=_("The responsible department (its id).")
    )
    legal_basis = serializers.CharField(required=False, allow_blank=True)
    number = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text=_("The number the act was given when adopted, e.g. XXX/400/2021."),
    )
    amends = serializers.PrimaryKeyRelatedField(
        queryset=selectors.act_choices_for_amends(),
        required=False,
        allow_null=True,
        help_text=_("The id of the act this act changes, when that act is on the platform."),
    )
    topics = TopicSlugsField(required=False)


class ActWithdrawInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Why the city drops the draft.")
    )


class VersionCreateInputSerializer(serializers.Serializer[Any]):
    """JSON with ``text``, or multipart with ``file`` (.docx, .odt, .pdf or .txt)."""

    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text=_("The act's text.")
    )
    file = serializers.FileField(
        required=False,
        help_text=format_lazy(
            _("A file with the act's text ({formats})."), formats=upload_formats()
        ),
    )
    change_note = serializers.CharField(
        required=False, allow_blank=True, help_text=_("What changed since the last version.")
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("text" in data) == ("file" in data):
            raise serializers.ValidationError(_("Send either the text or a file, not both."))
        return data


class VersionReparseInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text=_("The corrected text of the act.")
    )
    change_note = serializers.CharField(required=False, allow_blank=True)


class ProvisionUpdateInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ProvisionKind.choices, required=False)
    label = serializers.CharField(max_length=300, required=False)  # type: ignore[assignment]
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class ProvisionSplitInputSerializer(serializers.Serializer[Any]):
    offset = serializers.IntegerField(
        min_value=1, help_text=_("The character position in the unit's text where it splits.")
    )
    label = serializers.CharField(  # type: ignore[assignment]
        max_length=300,
        required=False,
        allow_blank=True,
        help_text=_("The label of the second part; by default the first part's, marked (2)."),
    )


# --- Output -----------------------------------------------------------------------------


class TopicOutputSerializer(serializers.ModelSerializer[Topic]):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name"]


class VersionSummaryOutputSerializer(serializers.ModelSerializer[ActVersion]):
    is_published = serializers.BooleanField()
    warning_count = serializers.SerializerMethodField()
    source_url = DownloadUrlField(
        allow_null=True, help_text=_("Where the file the text was read from is downloaded.")
    )

    class Meta:
        model = ActVersion
        fields = [
            "number",
            "is_published",
            "published_at",
            "source_kind",
            "source_filename",
            "source_url",
            "change_note",
            "warning_count",
            "created_at",
        ]

    def get_warning_count(self, version: ActVersion) -> int:
        return len(version.warnings or [])


class ActListOutputSerializer(serializers.ModelSerializer[LegalAct]):
    """Expects the annotations and related objects of ``selectors.act_list``."""

    department = DepartmentOutputSerializer()
    topics = TopicOutputSerializer(many=True)
    latest_published_version = serializers.IntegerField(
        source="latest_published_number",
        allow_null=True,
        help_text=_("The number of the newest published version; null before publication."),
    )
    latest_published_at = serializers.DateTimeField(allow_null=True)
    amends = serializers.IntegerField(
        source="amends_id",
        allow_null=True,
        help_text=_("The id of the act this act changes; null when none is named."),
    )

    class Meta:
        model = LegalAct
        fields = [
            "id",
            "title",
            "subject",
            "act_type",
            "issuing_authority",
            "number",
            "amends",
            "department",
            "topics",
            "status",
            "latest_published_version",
            "latest_published_at",
            "created_at",
            "updated_at",
        ]


class ActDetailOutputSerializer(ActListOutputSerializer):
    """Expects ``versions``: the versions the viewer may see."""

    versions = serializers.SerializerMethodField()

    class Meta(ActListOutputSerializer.Meta):
        fields = [*ActListOutputSerializer.Meta.fields, "legal_basis", "versions"]

    @extend_schema_field(VersionSummaryOutputSerializer(many=True))
    def get_versions(self, act: LegalAct) -> list[dict[str, Any]]:
        versions = self.context.get("versions", [])
        return VersionSummaryOutputSerializer(versions, many=True).data  # type: ignore[return-value]


class WarningOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    message = serializers.CharField()
    label = serializers.CharField(  # type: ignore[assignment]
        help_text=_("The unit concerned; empty for the whole text.")
    )


class VersionDetailOutputSerializer(VersionSummaryOutputSerializer):
    act = serializers.IntegerField(source="act_id")
    warnings = WarningOutputSerializer(many=True)

    class Meta(VersionSummaryOutputSerializer.Meta):
        fields = [
            "act",
            *VersionSummaryOutputSerializer.Meta.fields,
            "parsed_title",
            "parsed_subject",
            "parsed_act_type",
            "warnings",
            "source_text",
            "updated_at",
        ]


class ProvisionOutputSerializer(serializers.ModelSerializer[Provision]):
    """Expects the ``parent_label`` annotation of ``selectors.provision_list``."""

    parent = serializers.IntegerField(  # type: ignore[assignment]
        source="parent_id", allow_null=True
    )
    parent_label = serializers.CharField(allow_null=True)

    class Meta:
        model = Provision
        fields = [
            "id",
            "parent",
            "parent_label",
            "kind",
            "label",
            "anchor",
            "number",
            "text",
            "order",
            "depth",
        ]


class SplitOutputSerializer(serializers.Serializer[Any]):
    first = ProvisionOutputSerializer()
    second = ProvisionOutputSerializer()


class WordChangeOutputSerializer(serializers.Serializer[Any]):
    op = serializers.ChoiceField(choices=["equal", "insert", "delete"])
    text = serializers.CharField()


class RedlineEntryOutputSerializer(serializers.Serializer[Any]):
    change = serializers.ChoiceField(
        choices=[
            "unchanged",
            "changed",
            "added",
            "removed",
            "renumbered",
            "renumbered_and_changed",
        ]
    )
    old_label = serializers.CharField(allow_null=True)
    new_label = serializers.CharField(allow_null=True)
    kind = serializers.CharField()
    old_anchor = serializers.CharField(allow_null=True)
    new_anchor = serializers.CharField(allow_null=True)
    old_text = serializers.CharField(allow_null=True)
    new_text = serializers.CharField(allow_null=True)
    words = WordChangeOutputSerializer(many=True)


class RedlineBodyOutputSerializer(serializers.Serializer[Any]):
    summary = serializers.DictField(child=serializers.IntegerField())
    entries = RedlineEntryOutputSerializer(many=True)


class RedlineOutputSerializer(serializers.Serializer[Any]):
    """The redline of ``version`` against ``against`` (acts.redline.to_json)."""

    version = serializers.IntegerField()
    against = serializers.IntegerField()
    summary = serializers.DictField(child=serializers.IntegerField())
    entries = RedlineEntryOutputSerializer(many=True)


# --- Amending acts ----------------------------------------------------------------------


class AmendedActReferenceOutputSerializer(serializers.Serializer[Any]):
    act_type = serializers.CharField(help_text=_("“uchwała” or “zarządzenie”."))
    number = serializers.CharField(help_text=_("The number cited, e.g. XXX/400/2021."))
    issuer = serializers.CharField()
    date = serializers.CharField(help_text=_("The date as written in the act."))
    subject = serializers.CharField(help_text=_("What follows “w sprawie”."))
    citation = serializers.CharField()


class AmendedActOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    number = serializers.CharField()
    version = serializers.IntegerField(
        help_text=_("The amended act's newest published version, to which the changes apply.")
    )


class ConsolidatedUnitOutputSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]
    kind = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    anchor = serializers.CharField()
    depth = serializers.IntegerField()
    changed_by = serializers.CharField(
        allow_null=True,
        help_text=_("The label of the amending unit that changed this unit; null if unchanged."),
    )


class AmendmentOperationOutputSerializer(serializers.Serializer[Any]):
    source_label = serializers.CharField(help_text=_("The amending unit."))
    kind = serializers.ChoiceField(
        choices=[
            "replace",
            "insert",
            "repeal",
            "replace_words",
            "delete_words",
            "insert_words",
            "replace_punctuation",
        ]
    )
    part = serializers.ChoiceField(choices=["whole", "intro", "common_part", "title"])
    targets = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Labels of the units replaced, added, repealed or changed."),
    )
    after = serializers.CharField(allow_null=True)
    instruction = serializers.CharField()
    wording = serializers.CharField(allow_null=True)
    applied = serializers.BooleanField()
    reason = serializers.CharField(
        allow_null=True, help_text=_("Why the change could not be applied; null if applied.")
    )
    message = serializers.CharField(allow_blank=True)


class UnrecognisedOutputSerializer(serializers.Serializer[Any]):
    source_label = serializers.CharField()
    text = serializers.CharField()


class ConsolidatedOutputSerializer(serializers.Serializer[Any]):
    """The consolidated text of the act a version amends (acts.amendment_selectors)."""

    version = serializers.IntegerField(help_text=_("The amending act's version."))
    informative = serializers.BooleanField(
        help_text=_("Always true: the consolidated text is informative, not legally binding.")
    )
    reference = AmendedActReferenceOutputSerializer(
        allow_null=True, help_text=_("The amended act as the amending act's intro names it.")
    )
    amended_act = AmendedActOutputSerializer(
        allow_null=True, help_text=_("The amended act on the platform; null when not found.")
    )
    title = serializers.CharField(allow_blank=True)
    title_changed_by = serializers.CharField(allow_null=True)
    units = ConsolidatedUnitOutputSerializer(many=True)
    operations = AmendmentOperationOutputSerializer(many=True)
    unrecognised = UnrecognisedOutputSerializer(many=True)
    redline = RedlineBodyOutputSerializer(
        help_text=_("The consolidated text against the amended act's current text.")
    )
