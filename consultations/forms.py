"""Forms of the consultation, comment and answer pages. They check shape only; services
decide (deadlines, who may act, transitions).

Dates are entered in the city's time zone (Europe/Warsaw): a date alone means the start of
that day for a start and its last second (23:59:59) for an end, as the services expect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts import selectors as account_selectors
from acts import selectors as act_selectors
from acts.models import ActType, Provision
from consultations.models import (
    Audience,
    CommentVisibility,
    Consultation,
    ConsultationPhase,
    Disposition,
)
from consultations.selectors import pages as page_selectors
from core.dates import local_end, local_start, split_local
from core.forms import MultipleFileField

# The value of the "organisation" choice for a resident commenting in their own name.
OWN_NAME = "own"

SAVE_DRAFT = "draft"
SUBMIT = "submit"


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A choice field of ``form`` whose choices are set per request."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _attachments_help(limit: int | None = None) -> str:
    size = filesizeformat(settings.UPLOAD_MAX_BYTES)
    if limit is None:
        return str(
            _("PDF, DOCX, ODT, PNG, JPEG or plain text; each at most %(size)s.") % {"size": size}
        )
    return str(
        _(
            "At most %(count)s files (PDF, DOCX, ODT, PNG, JPEG or plain text), "
            "each at most %(size)s."
        )
        % {"count": limit, "size": size}
    )


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": "1"})


def _date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


# --- Reading ----------------------------------------------------------------------------


class ConsultationFilterForm(forms.Form):
    """The filters of the consultation list (GET); every field is optional."""

    STATUS_CHOICES = [
        ("", _("any")),
        (ConsultationPhase.OPEN, _("open")),
        (ConsultationPhase.SCHEDULED, _("scheduled")),
        (ConsultationPhase.CLOSED, _("closed")),
        (ConsultationPhase.REPORT_PUBLISHED, _("report published")),
    ]

    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    act_type = forms.ChoiceField(
        label=_("Type of act"), required=False, choices=[("", _("any")), *ActType.choices]
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
        queryset=act_selectors.topic_list(),
    )


# --- The official's editor --------------------------------------------------------------


class ConsultationForm(forms.Form):
    """Create a consultation on a published version, or change one."""

    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the consultation is about and what the city wants to hear."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=_date_input())
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=_time_input(),
        help_text=_("Warsaw time. Empty: the start of the day (00:00:00)."),
    )
    end_date = forms.DateField(label=_("End date"), widget=_date_input())
    end_time = forms.TimeField(
        label=_("End time"),
        required=False,
        widget=_time_input(),
        help_text=_("Warsaw time. Empty: the end of the day (23:59:59)."),
    )
    audience = forms.ChoiceField(
        label=_("Who may comment"), choices=Audience.choices, widget=forms.RadioSelect
    )
    comment_visibility = forms.ChoiceField(
        label=_("Comments are public"),
        choices=CommentVisibility.choices,
        widget=forms.RadioSelect,
    )
    justification_required = forms.BooleanField(
        label=_("A comment must have a justification"), required=False
    )
    max_attachments = forms.IntegerField(
        label=_("Attachments per comment"), min_value=0, max_value=20
    )
    attachments = MultipleFileField(label=_("Attachments"))

    # Fields the services know by these names; the dates are combined in ``clean``.
    SERVICE_FIELDS = (
        "title",
        "description",
        "audience",
        "comment_visibility",
        "justification_required",
        "max_attachments",
    )

    def __init__(self, *args: Any, editable: Iterable[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _attachments_help()
        if editable is not None:
            # Once open, only the description may change; the other fields are shown, not
            # sent (a disabled field keeps its initial value).
            allowed = set(editable)
            for name, field in self.fields.items():
                if name not in allowed:
                    field.disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        if start_date and end_date:
            starts_at = local_start(start_date, cleaned.get("start_time"))
            ends_at = local_end(end_date, cleaned.get("end_time"))
            if ends_at <= starts_at:
                self.add_error("end_date", _("The end must be later than the start."))
            cleaned["starts_at"] = starts_at
            cleaned["ends_at"] = ends_at
        return cleaned

    @staticmethod
    def initial_from(consultation: Consultation) -> dict[str, Any]:
        start_date, start_time = split_local(consultation.starts_at)
        end_date, end_time = split_local(consultation.ends_at)
        initial = {name: getattr(consultation, name) for name in ConsultationForm.SERVICE_FIELDS}
        initial.update(
            start_date=start_date, start_time=start_time, end_date=end_date, end_time=end_time
        )
        return initial

    def changed_service_fields(self, consultation: Consultation) -> dict[str, Any]:
        """The fields whose values differ from the consultation's, as service arguments."""
        fields: dict[str, Any] = {}
        for name in self.SERVICE_FIELDS:
            field = self.fields[name]
            if field.disabled:
                continue
            value = self.cleaned_data.get(name)
            if value != getattr(consultation, name):
                fields[name] = value
        for name in ("starts_at", "ends_at"):
            if self.fields["start_date"].disabled:
                break
            value = self.cleaned_data.get(name)
            if value is not None and value != getattr(consultation, name):
                fields[name] = value
        return fields


class ConsultationExtendForm(forms.Form):
    end_date = forms.DateField(label=_("New end date"), widget=_date_input())
    end_time = forms.TimeField(
        label=_("New end time"),
        required=False,
        widget=_time_input(),
        help_text=_("Warsaw time. Empty: the end of the day (23:59:59)."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the consultation's page with the new end."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("end_date"):
            cleaned["ends_at"] = local_end(cleaned["end_date"], cleaned.get("end_time"))
        return cleaned


class ReasonForm(forms.Form):
    """Cancel a consultation, or hide a comment: the reason is shown to everyone."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=_date_input())
    time = forms.TimeField(label=_("Time"), widget=_time_input(), help_text=_("Warsaw time."))
    place = forms.CharField(label=_("Place"), max_length=300)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("date") and cleaned.get("time"):
            cleaned["starts_at"] = local_start(cleaned["date"], cleaned["time"])
        return cleaned


# --- Comments ---------------------------------------------------------------------------


class CommentForm(forms.Form):
    """A new comment on one provision (or on the act as a whole), for one organisation or in
    the author's own name. The button pressed (``action``) says whether to submit it."""

    organisation = forms.ChoiceField(label=_("On behalf of"), widget=forms.RadioSelect)
    proposed_wording = forms.CharField(
        label=_("Proposed wording"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "pl"}),
        help_text=_("The text as you would like it to read. Leave it empty to comment only."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(
        self,
        *args: Any,
        consultation: Consultation,
        drafting: Sequence[Any] = (),
        representing: Iterable[int] = (),
        own_name: bool = False,
        attachments_left: int | None = None,
        with_organisation: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.representing = set(representing)
        self.own_name = own_name
        self.attachments_left = (
            consultation.max_attachments if attachments_left is None else attachments_left
        )
        if with_organisation:
            choices = [(str(organisation.pk), organisation.name) for organisation in drafting]
            if own_name:
                choices.append((OWN_NAME, str(_("In my own name (as a resident)"))))
            field = choice_field(self, "organisation")
            field.choices = choices
            if choices:
                # Most comments are an organisation's: its first is chosen to begin with.
                field.initial = choices[0][0]
        else:
            del self.fields["organisation"]
        if consultation.justification_required:
            self.fields["justification"].help_text = _(
                "Required when you submit: why the change is needed."
            )
        if self.attachments_left <= 0:
            del self.fields["attachments"]
        else:
            self.fields["attachments"].help_text = _attachments_help(self.attachments_left)
            self.fields["attachments"].widget.attrs["multiple"] = True

    @property
    def action(self) -> str:
        return SUBMIT if self.data.get("action") == SUBMIT else SAVE_DRAFT

    def may_submit_as(self, choice: str) -> bool:
        if choice == OWN_NAME:
            return self.own_name
        return choice.isdigit() and int(choice) in self.representing

    @property
    def can_submit_any(self) -> bool:
        return self.own_name or bool(self.representing)

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > self.attachments_left:
            raise ValidationError(
                _("You can attach at most %(count)s files to this comment.")
                % {"count": self.attachments_left},
                code="too_many_attachments",
            )
        return files

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not (cleaned.get("proposed_wording") or "").strip()
            and not (cleaned.get("justification") or "").strip()
        ):
            raise ValidationError(
                _("Write a proposed wording or a justification (or both)."), code="empty"
            )
        if self.action == SUBMIT:
            choice = cleaned.get("organisation")
            if choice is not None and not self.may_submit_as(choice):
                self.add_error(
                    "organisation",
                    _(
                        "Only the organisation's representative can submit its comments. "
                        "Save a draft; your representative will submit it."
                    ),
                )
            if (
                self.consultation.justification_required
                and not (cleaned.get("justification") or "").strip()
            ):
                self.add_error(
                    "justification", _("Write why the change is needed: this is required.")
                )
        return cleaned

    def organisation_pk(self) -> int | None:
        choice = self.cleaned_data.get("organisation")
        return int(choice) if choice and choice != OWN_NAME else None


class CommentEditForm(CommentForm):
    """A draft or submitted comment changed; ``revision`` is the one the user started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, can_submit: bool = False, **kwargs: Any) -> None:
        kwargs["with_organisation"] = False
        super().__init__(*args, **kwargs)
        self.can_submit = can_submit

    @property
    def can_submit_any(self) -> bool:
        return self.can_submit

    def clean(self) -> dict[str, Any]:
        cleaned = forms.Form.clean(self) or {}
        if (
            not (cleaned.get("proposed_wording") or "").strip()
            and not (cleaned.get("justification") or "").strip()
        ):
            raise ValidationError(
                _("Write a proposed wording or a justification (or both)."), code="empty"
            )
        if (
            self.action == SUBMIT
            and self.consultation.justification_required
            and not (cleaned.get("justification") or "").strip()
        ):
            self.add_error("justification", _("Write why the change is needed: this is required."))
        return cleaned


# --- Answers ----------------------------------------------------------------------------


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=Disposition.choices, widget=forms.RadioSelect
    )
    justification = forms.CharField(
        label=_("Justification of the answer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    # The answer's revision the official started from (empty for a first answer).
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class BulkAnswerForm(forms.Form):
    comments = forms.TypedMultipleChoiceField(
        label=_("Comments"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one comment to answer.")},
    )
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=Disposition.choices, widget=forms.RadioSelect
    )
    justification = forms.CharField(
        label=_("Justification of the answer"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, comment_ids: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "comments").choices = [(pk, str(pk)) for pk in comment_ids]


class AnswerFilterForm(forms.Form):
    ANSWERED = page_selectors.ANSWERED
    UNANSWERED = page_selectors.UNANSWERED
    WHOLE_ACT = page_selectors.WHOLE_ACT

    provision = forms.ChoiceField(label=_("Provision"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("all")), (ANSWERED, _("answered")), (UNANSWERED, _("not answered yet"))],
    )

    def __init__(self, *args: Any, provisions: Iterable[Provision] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "provision").choices = [
            ("", _("all")),
            (self.WHOLE_ACT, _("the act as a whole")),
            *((str(provision.pk), provision.label) for provision in provisions),
        ]
