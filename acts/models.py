"""Legal acts, their numbered versions and the addressable provisions of each version.

The tables keep the names they had when these models lived in ``consultations``
(``Meta.db_table``), so moving them into their own app moved no data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.uploads import EXTENSIONS, private_name


class ActType(models.TextChoices):
    CITY_COUNCIL_RESOLUTION = "city_council_resolution", _("city council resolution (uchwała)")
    MAYOR_ORDER = "mayor_order", _("mayor's order (zarządzenie Prezydenta)")
    PROGRAMME = "programme", _("programme (program)")
    COUNCIL_REGULATION = "council_regulation", _("regulations (regulamin)")
    OTHER = "other", _("other")


class ActStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ADOPTED = "adopted", _("adopted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class SourceKind(models.TextChoices):
    TEXT = "text", _("pasted text")
    FILE = "file", _("uploaded file")


class ProvisionKind(models.TextChoices):
    """The units of Polish legislative drafting; the parser's vocabulary
    (``acts.parsing.kinds``)."""

    TITLE = "title", _("title")
    LEGAL_BASIS = "legal_basis", _("legal basis")
    PREAMBLE = "preamble", _("preamble")
    CHAPTER = "chapter", _("chapter (rozdział)")
    PART = "part", _("part of an annex (I., A.)")
    SECTION = "section", _("division (dział, oddział)")
    ARTICLE = "article", _("article (art.)")
    PARAGRAPH = "paragraph", _("paragraph (§)")
    USTEP = "ustep", _("subsection (ust.)")
    POINT = "point", _("point (pkt)")
    LETTER = "letter", _("letter (lit.)")
    TIRET = "tiret", _("indent (tiret)")
    COMMON_PART = "common_part", _("common part (część wspólna)")
    SIGNATURE = "signature", _("signature")
    ANNEX = "annex", _("annex (załącznik)")
    JUSTIFICATION = "justification", _("justification (uzasadnienie)")
    TEXT = "text", _("text outside any unit")
    QUOTATION = "quotation", _("quoted new wording (amendment)")


class Topic(models.Model):
    """A subject area used to find acts (and later consultations): culture, environment…"""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        db_table = "consultations_topic"
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LegalActQuerySet(models.QuerySet["LegalAct"]):
    def public(self) -> LegalActQuerySet:
        """Acts with at least one published version: anyone may read them."""
        return self.filter(
            Exists(ActVersion.objects.filter(act=OuterRef("pk"), published_at__isnull=False))
        )


class LegalAct(TimeStampedModel):
    """A draft legal act (projekt uchwały, zarządzenia…) and its metadata.

    The text lives in numbered versions; ``status`` records what people decided: a version
    was published, the act was adopted or withdrawn.
    """

    title = models.CharField(_("title"), max_length=500)
    subject = models.CharField(
        _("subject"), max_length=1000, blank=True, help_text=_("“w sprawie …”")
    )
    act_type = models.CharField(
        _("type"), max_length=30, choices=ActType.choices, default=ActType.CITY_COUNCIL_RESOLUTION
    )
    issuing_authority = models.CharField(
        _("issuing authority"),
        max_length=200,
        blank=True,
        help_text=_("The body that adopts the act, e.g. Rada Miasta Sopotu."),
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="legal_acts",
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    number = models.CharField(
        _("number"),
        max_length=50,
        blank=True,
        help_text=_("The number the act was given when adopted, e.g. XXX/400/2021."),
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amended_by",
        help_text=_("The act this act changes, when that act is on the platform."),
    )
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="legal_acts",
        db_table="consultations_legalact_topics",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActStatus.choices, default=ActStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LegalActQuerySet.as_manager()

    # A published version makes the act published; it ends adopted or withdrawn. Publishing
    # a further version keeps it published, so that is not a transition.
    TRANSITIONS: dict[str, set[str]] = {
        ActStatus.DRAFT: {ActStatus.PUBLISHED, ActStatus.WITHDRAWN},
        ActStatus.PUBLISHED: {ActStatus.ADOPTED, ActStatus.WITHDRAWN},
        ActStatus.ADOPTED: set(),
        ActStatus.WITHDRAWN: set(),
    }
    # States in which the text may still change (new versions, corrections).
    OPEN_STATUSES = frozenset({ActStatus.DRAFT, ActStatus.PUBLISHED})

    class Meta:
        db_table = "consultations_legalact"
        verbose_name = _("legal act")
        verbose_name_plural = _("legal acts")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActStatus.values), name="legal_act_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(act_type__in=ActType.values), name="legal_act_type_valid"
            ),
            models.CheckConstraint(
                condition=~Q(amends=models.F("pk")), name="legal_act_amends_not_itself"
            ),
        ]
        indexes = [models.Index(fields=["number"], name="legal_act_number")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


def version_upload_to(version: ActVersion, filename: str) -> str:
    """A version's source file is private like every upload (``core.uploads``): its name
    says nothing of the act, the version or the original name (``source_filename``)."""
    return private_name("acts", filename)


class ActVersionQuerySet(models.QuerySet["ActVersion"]):
    def published(self) -> ActVersionQuerySet:
        return self.filter(published_at__isnull=False)

    def drafts(self) -> ActVersionQuerySet:
        return self.filter(published_at__isnull=True)


class ActVersion(TimeStampedModel):
    """One numbered text of an act, parsed into provisions. Frozen once published."""

    act = models.ForeignKey(
        LegalAct, verbose_name=_("act"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    source_kind = models.CharField(
        _("source"), max_length=10, choices=SourceKind.choices, default=SourceKind.TEXT
    )
    source_text = models.TextField(_("source text"))
    source_file = models.FileField(
        _("source file"), upload_to=version_upload_to, blank=True, max_length=300
    )
    source_filename = models.CharField(_("file name"), max_length=255, blank=True)
    change_note = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the parser read from the text itself (the act's metadata is typed separately).
    parsed_title = models.CharField(_("title in the text"), max_length=1000, blank=True)
    parsed_subject = models.CharField(_("subject in the text"), max_length=1000, blank=True)
    parsed_act_type = models.CharField(_("type in the text"), max_length=100, blank=True)
    # [{"code", "message", "label"}]: what the parser was unsure of, for the official.
    warnings = models.JSONField(_("parse warnings"), default=list, blank=True)

    objects = ActVersionQuerySet.as_manager()

    class Meta:
        db_table = "consultations_actversion"
        verbose_name = _("act version")
        verbose_name_plural = _("act versions")
        ordering = ["act", "number"]
        constraints = [
            models.UniqueConstraint(fields=["act", "number"], name="act_version_number_unique"),
            models.UniqueConstraint(
                fields=["act"],
                condition=Q(published_at__isnull=True),
                name="act_version_one_draft_per_act",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="act_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.act} — v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def source_content_type(self) -> str:
        """The source file's type, by the extension of the name it was uploaded under (the
        parser read it as that type, or refused it)."""
        extension = self.source_filename.rsplit(".", 1)[-1].lower() if self.source_filename else ""
        types = {extension: content_type for content_type, extension in EXTENSIONS.items()}
        return types.get(extension, "")

    def download_url(self) -> str | None:
        """Where the source file is downloaded (``acts.views.VersionSourceApi``), if any."""
        if not self.source_file:
            return None
        return reverse("files:act-version-source", kwargs={"pk": self.pk})


class Provision(models.Model):
    """One addressable unit of a version (§ 3 ust. 2 pkt 1), in document order.

    ``order`` is the position in a pre-order walk of the tree, so a unit's descendants
    directly follow it and end before the next unit whose ``depth`` is not deeper.
    ``parent_order`` mirrors ``parent`` by position: it lets a whole version be stored with
    bulk inserts and one UPDATE that resolves the parents.
    """

    version = models.ForeignKey(
        ActVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="provisions"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    parent_order = models.PositiveIntegerField(_("parent's position"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProvisionKind.choices)
    label = models.CharField(_("label"), max_length=300)
    anchor = models.CharField(_("anchor"), max_length=200)
    number = models.CharField(_("number"), max_length=50, blank=True)
    text = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(_("position"))
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)

    class Meta:
        db_table = "consultations_provision"
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["version", "order"]
        constraints = [
            # Also the index every read of a version's text walks (version, order).
            models.UniqueConstraint(fields=["version", "order"], name="provision_order_unique"),
            models.UniqueConstraint(fields=["version", "anchor"], name="provision_anchor_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    def as_redline_unit(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind": self.kind,
            "text": self.text,
            "anchor": self.anchor,
            "order": self.order,
        }
