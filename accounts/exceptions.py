from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError, Conflict, InvalidInput, NotAllowed


class OrganisationNotVerified(NotAllowed):
    default_code = "organisation_not_verified"
    default_message = _(
        "This organisation has not been verified yet. It can act once an official confirms it."
    )


class DuplicateOrganisation(InvalidInput):
    default_code = "duplicate_organisation"
    default_message = _("This organisation is already registered.")


class MembershipExists(Conflict):
    default_code = "membership_exists"
    default_message = _("You are already a member of this organisation or have asked to join it.")


class LastRepresentative(Conflict):
    default_code = "last_representative"
    default_message = _(
        "An organisation needs at least one representative. Appoint another representative first."
    )


class InvalidToken(InvalidInput):
    default_code = "invalid_token"
    default_message = _("This link is invalid or has expired. Ask for a new one.")


class WrongCode(InvalidInput):
    default_code = "otp_invalid"
    default_message = _(
        "This code is wrong or has already been used. Type the current code from your "
        "authenticator app, or one of your recovery codes."
    )


class CodesThrottled(ApplicationError):
    status_code = 429
    default_code = "otp_throttled"
    default_message = _("Too many wrong codes in a row. Wait a minute, then try again.")


class TwoFactorAlreadyOn(Conflict):
    default_code = "two_factor_already_on"
    default_message = _("Two-factor login is already on for your account.")


class TwoFactorOff(Conflict):
    default_code = "two_factor_off"
    default_message = _("Two-factor login is not on for your account.")


class EmailNotVerified(NotAllowed):
    default_code = "email_not_verified"
    default_message = _(
        "Confirm your e-mail address first: open the link we sent you. No e-mail? Send the "
        "link again from your account page."
    )


class TooManyRequests(ApplicationError):
    status_code = 429
    default_code = "too_many_requests"
    default_message = _("You asked too often. Wait a while and try again.")
