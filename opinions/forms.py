"""Forms of the council pages. They check shape only; services decide (who may act, the
state of the position or vote, deadlines, stale revisions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from acts.models import Provision
from consultations.models import Consultation
from core.forms import MultipleFileField
from opinions.models import BallotChoice, PositionKind, RequestKind, VoteMode

# --- Positions ----------------------------------------------------------------------------


class PositionCreateForm(forms.Form):
    """A new draft position; the consultation or organisation it concerns is optional."""

    kind = forms.ChoiceField(label=_("Kind"), choices=PositionKind.choices)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=500,
        help_text=_("e.g. opinia w sprawie projektu programu współpracy na 2027 rok."),
    )
    consultation = forms.ModelChoiceField(
        label=_("Consultation"),
        required=False,
        queryset=Consultation.objects.none(),
        empty_label=_("none"),
        help_text=_("For an opinion on a consultation: members then pull NGO comments in."),
    )
    subject_organisation = forms.ModelChoiceField(
        label=_("Organisation concerned"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("none"),
        help_text=_(
            "The organisation whose offer, recommendation or award this is about. Its "
            "member in the council does not vote."
        ),
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(
        self, *args: Any, consultations: Any = None, organisations: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        consultation_field = self.fields["consultation"]
        organisation_field = self.fields["subject_organisation"]
        assert isinstance(consultation_field, forms.ModelChoiceField)
        assert isinstance(organisation_field, forms.ModelChoiceField)
        consultation_field.queryset = consultations
        organisation_field.queryset = organisations


class PositionUpdateForm(forms.Form):
    """The subject and justification, with the revision the user started from."""

    subject = forms.CharField(label=_("Subject"), max_length=500)
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ItemForm(forms.Form):
    """One item's text, with the revision the user started from (a stale one is refused)."""

    text = forms.CharField(
        label=_("Text of the item"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise ValidationError(_("Write the text of the item."), code="required")
        return text


class ProvisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Provision) -> str:
        return obj.label


class ItemAddForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the new item"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    provision = ProvisionChoiceField(
        label=_("Provision"),
        required=False,
        queryset=Provision.objects.none(),
        empty_label=_("the act as a whole"),
        help_text=_("The provision of the act this item is about."),
    )

    def __init__(self, *args: Any, provisions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provision"]
        assert isinstance(field, forms.ModelChoiceField)
        if provisions is None:
            del self.fields["provision"]  # a position not about an act has no provisions
        else:
            field.queryset = provisions


class ItemMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note in the margin"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- Pulling comments in ------------------------------------------------------------------


class CommentFilterForm(forms.Form):
    """The filters of the comment picker (GET); every field is optional."""

    provision = forms.ChoiceField(label=_("Provision"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(
        self,
        *args: Any,
        provisions: Iterable[tuple[Any, str]] = (),
        organisations: Iterable[tuple[Any, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        provision_field = self.fields["provision"]
        organisation_field = self.fields["organisation"]
        assert isinstance(provision_field, forms.ChoiceField)
        assert isinstance(organisation_field, forms.ChoiceField)
        provision_field.choices = [("", _("any")), *((str(k), v) for k, v in provisions)]
        organisation_field.choices = [("", _("any")), *((str(k), v) for k, v in organisations)]


class CommentPickForm(forms.Form):
    SEPARATE = "separate"
    MERGE = "merge"
    MERGE_CHOICES = [
        (SEPARATE, _("One item per comment")),
        (MERGE, _("Merge into one item")),
    ]

    comments = forms.TypedMultipleChoiceField(
        label=_("Comments"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one comment.")},
    )
    mode = forms.ChoiceField(
        label=_("How to add them"),
        choices=MERGE_CHOICES,
        initial=SEPARATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, comment_ids: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["comments"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, str(pk)) for pk in comment_ids]


# --- Amendments ---------------------------------------------------------------------------


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("Proposed text of the item"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The whole item as you propose it, not only the changed words."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the change: the drafter and the chair decide on it."),
    )


# --- Votes --------------------------------------------------------------------------------


class VoteOpenForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How the council votes"),
        choices=VoteMode.choices,
        initial=VoteMode.CIRCULATION,
        widget=forms.RadioSelect,
    )
    deadline = forms.DateTimeField(
        label=_("Deadline for ballots"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("For a vote by circulation: members vote online until then (city time)."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("mode") == VoteMode.CIRCULATION and not cleaned.get("deadline"):
            self.add_error(
                "deadline", _("A vote by circulation needs a deadline. Choose a date and time.")
            )
        if cleaned.get("mode") == VoteMode.MEETING:
            cleaned["deadline"] = None
        return cleaned


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("My vote"),
        choices=BallotChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose for, against or abstain.")},
    )


class RecusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. I sit on the board of the organisation concerned."),
    )


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present at the meeting"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(member.pk, str(member.user)) for member in members]


class BallotRecordForm(forms.Form):
    """The secretary records one member's vote at a meeting."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label=_("Vote"),
        choices=BallotChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose for, against or abstain.")},
    )


# --- Requests from organisations ----------------------------------------------------------


class RequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("What you ask for"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=500,
        help_text=_("e.g. the title of the offer for a public task."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the council should know to give its opinion."),
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        self.fields["attachments"].help_text = _(
            "Up to five files (PDF, DOCX, ODT, images or plain text), each of at most %(limit)s."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


class RequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the council declines"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The organisation that asked reads this."),
    )


# --- Public lists -------------------------------------------------------------------------


class AdoptedFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *PositionKind.choices]
    )

    def __init__(self, *args: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("any")), *((year, str(year)) for year in years)]
