"""Forms of the legal act pages. They check shape only; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from acts import permissions, selectors
from acts.models import ActStatus, ActType, LegalAct, ProvisionKind
from acts.parsing.readers import upload_accept, upload_formats


def _label(field: str) -> Any:
    return getattr(LegalAct._meta.get_field(field), "verbose_name", field)


class ActFilterForm(forms.Form):
    """The filters of the act list (GET); every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    act_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("any")), *ActType.choices]
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        empty_label=_("any"),
        queryset=account_selectors.department_list(),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        empty_label=_("any"),
        to_field_name="slug",
        queryset=selectors.topic_list(),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any")), *ActStatus.choices]
    )


class ActForm(forms.Form):
    """Create an act or change its details."""

    title = forms.CharField(
        label=_label("title"),
        max_length=500,
        help_text=_("e.g. Projekt uchwały Rady Miasta w sprawie programu współpracy."),
    )
    subject = forms.CharField(
        label=_label("subject"),
        max_length=1000,
        required=False,
        help_text=_("“w sprawie …”"),
    )
    act_type = forms.ChoiceField(label=_label("act_type"), choices=ActType.choices)
    issuing_authority = forms.CharField(
        label=_label("issuing_authority"),
        max_length=200,
        required=False,
        help_text=_("The body that adopts the act, e.g. Rada Miasta Sopotu."),
    )
    department = forms.ModelChoiceField(
        label=_label("department"), queryset=account_selectors.department_list()
    )
    legal_basis = forms.CharField(
        label=_label("legal_basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    number = forms.CharField(
        label=_label("number"),
        max_length=50,
        required=False,
        help_text=_("The number the act was given when adopted, e.g. XXX/400/2021."),
    )
    amends = forms.ModelChoiceField(
        label=_label("amends"),
        queryset=selectors.act_choices_for_amends(),
        required=False,
        empty_label=_("none"),
        help_text=_(
            "For an amending act: the act it changes, when that act is on the platform. "
            "Its page then links each change to the unit it changes and offers a "
            "consolidated text."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=selectors.topic_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, user: Any = None, act: LegalAct | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if act is not None:
            amends = self.fields["amends"]
            amends.queryset = amends.queryset.exclude(pk=act.pk)  # type: ignore[attr-defined]
        # Officials choose among their own departments; administrators among all.
        if not account_permissions.is_administrator(user):
            field = self.fields["department"]
            field.queryset = field.queryset.filter(  # type: ignore[attr-defined]
                pk__in=permissions.official_department_ids(user)
            )

    @staticmethod
    def initial_from(act: LegalAct) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(act, field)
            for field in ActForm.base_fields
            if field not in {"topics", "amends"}
        }
        initial["amends"] = act.amends_id
        initial["topics"] = [topic.pk for topic in act.topics.all()]
        return initial


class VersionCreateForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the act"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "lang": "pl"}),
        help_text=_("Paste the whole text, from the title to the justification."),
    )
    file = forms.FileField(
        label=_("…or a file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": upload_accept()}),
    )
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a later version: what is different from the previous one."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A file (%(formats)s) of at most %(limit)s. Files with macros are refused."
        ) % {"formats": upload_formats(), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_text = bool((cleaned.get("text") or "").strip())
        has_file = bool(cleaned.get("file"))
        if has_text == has_file:
            raise ValidationError(
                _("Paste the text or choose a file (one of the two)."), code="text_or_file"
            )
        return cleaned


class VersionReparseForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the act"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "lang": "pl"}),
        help_text=_(
            "Correct the text and parse it again. Corrections made to the units below "
            "are replaced by the new parse."
        ),
    )


class ProvisionUpdateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProvisionKind.choices)
    label = forms.CharField(label=_("Label"), max_length=300)
    text = forms.CharField(label=_("Text"), required=False, strip=False)


class ProvisionSplitForm(forms.Form):
    offset = forms.IntegerField(label=_("Split at character"), min_value=1)
    label = forms.CharField(label=_("Label of the second part"), required=False, max_length=300)
