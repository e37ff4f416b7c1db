"""Forms of the account and organisation pages. They check shape only; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts import selectors
from accounts.models import (
    GrammaticalGender,
    Language,
    LegalForm,
    MembershipRole,
    Organisation,
    OrganisationStatus,
)
from accounts.validators import validate_krs, validate_nip, validate_regon


def _label(field: str) -> Any:
    return capfirst(getattr(Organisation._meta.get_field(field), "verbose_name", field))


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form with the e-mail address as the user name."""

    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_username(self) -> str:
        # Addresses are stored in lower case; accept any spelling.
        return self.cleaned_data["username"].strip().lower()


class RegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We will send a link to this address to confirm it."),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits and not a common password."),
    )
    password_confirmation = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        initial=Language.POLISH,
        help_text=_("E-mails are sent in this language."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        confirmation = cleaned.get("password_confirmation")
        if password and confirmation and password != confirmation:
            self.add_error(
                "password_confirmation", _("The two passwords differ. Type the same one twice.")
            )
        return cleaned


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    grammatical_gender = forms.ChoiceField(
        label=_("Grammatical gender of your role titles"),
        choices=GrammaticalGender.choices,
        required=False,
        help_text=_(
            "For example, as the council's chair: “przewodnicząca” or “przewodniczący”. "
            "Not stated: a neutral form."
        ),
    )


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        required=False,
        help_text=_("What the token is for, e.g. the program that uses it."),
    )


class OrganisationForm(forms.Form):
    """Register or edit an organisation. KRS, NIP and REGON accept spaces and dashes."""

    name = forms.CharField(label=_label("name"), max_length=300)
    legal_form = forms.ChoiceField(label=_label("legal_form"), choices=LegalForm.choices)
    krs = forms.CharField(
        label=_label("krs"),
        max_length=20,
        required=False,
        validators=[validate_krs],
        help_text=_("10 digits, e.g. 0000123456."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    nip = forms.CharField(
        label=_label("nip"),
        max_length=20,
        required=False,
        validators=[validate_nip],
        help_text=_("10 digits; dashes are allowed."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    regon = forms.CharField(
        label=_label("regon"),
        max_length=20,
        required=False,
        validators=[validate_regon],
        help_text=_("9 or 14 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    street = forms.CharField(
        label=_label("street"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_label("postal_code"),
        max_length=6,
        required=False,
        help_text=_("e.g. 81-701"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_label("city"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    email = forms.EmailField(label=_label("email"), required=False)
    website = forms.URLField(label=_label("website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_label("description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the organisation does, in a few sentences."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_label("areas"),
        queryset=selectors.activity_area_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @staticmethod
    def initial_from(organisation: Organisation) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(organisation, field)
            for field in OrganisationForm.base_fields
            if field != "areas"
        }
        initial["areas"] = [area.pk for area in organisation.areas.all()]
        return initial


class OrganisationRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisation's representatives will see it."),
    )


class OrganisationChangeRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusing the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisation's representatives will see it."),
    )


class OrganisationClaimForm(forms.Form):
    """The claim's part of the registration form, shown when the numbers are taken."""

    justification = forms.CharField(
        label=_("Why these numbers are yours"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "E.g. who you are in the organisation and where its KRS entry shows it. An "
            "administrator reads it and decides."
        ),
    )


class OrganisationClaimDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The claimant will see it; when upheld, so will the organisation that loses "
            "the numbers."
        ),
    )


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the representatives"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class OrganisationFilterForm(forms.Form):
    """The filters of the organisation list (GET); every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    area = forms.ChoiceField(label=_("Area of activity"), required=False)
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        required=False,
        choices=[("", _("any")), *LegalForm.choices],
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any")), *OrganisationStatus.choices],
    )

    def __init__(self, *args: Any, show_status: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = [(area.slug, area.name) for area in selectors.activity_area_list()]
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ChoiceField)
        area_field.choices = [("", _("any")), *areas]
        if not show_status:
            del self.fields["status"]


class OneTimeCodeForm(forms.Form):
    """A code from the authenticator app (or, where accepted, a recovery code)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
        help_text=_(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
    )


class AuthenticatorCodeForm(OneTimeCodeForm):
    """The first code from a newly added authenticator app."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        help_text=_("The 6-digit code your authenticator app shows now."),
    )
