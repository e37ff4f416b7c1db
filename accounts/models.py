"""People, the organisations they act for, and the city's departments."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_krs, validate_nip, validate_regon
from core.models import TimeStampedModel


class Language(models.TextChoices):
    POLISH = "pl", _("Polish")
    ENGLISH = "en", _("English")


class GrammaticalGender(models.TextChoices):
    """How a person's role titles are declined ("przewodnicząca", "przewodniczący"); not
    stated, titles take a neutral form (``accounts.titles``)."""

    UNSPECIFIED = "", _("not stated (neutral forms)")
    FEMININE = "feminine", _("feminine (e.g. przewodnicząca)")
    MASCULINE = "masculine", _("masculine (e.g. przewodniczący)")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_verified_at", timezone.now())
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an e-mail address; administrators are ``is_staff``."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.POLISH
    )
    grammatical_gender = models.CharField(
        _("grammatical gender"),
        max_length=10,
        choices=GrammaticalGender.choices,
        default=GrammaticalGender.UNSPECIFIED,
        blank=True,
        help_text=_("Role titles shown with your name follow it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("administrator"), default=False)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_case_insensitive_unique")
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_official(self) -> bool:
        """Read each time asked; permission checks ask the request's viewer instead
        (``accounts.permissions.is_official``)."""
        return self.official_posts.filter(is_active=True).exists()


class Authority(models.Model):
    """A public body that issues acts, e.g. the city hall (Urząd Miasta Sopotu)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.SlugField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_("Short prefix used in tracking numbers, e.g. SOP."),
    )

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department (wydział) of an authority; officials belong to one or more."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=200)
    symbol = models.CharField(_("symbol"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["authority__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "name"], name="department_name_unique_in_authority"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OfficialPost(TimeStampedModel):
    """A user working as an official of a department."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="official_posts"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="posts"
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("official's post")
        verbose_name_plural = _("officials' posts")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="official_post_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.department}"


class ActivityArea(models.Model):
    """An area of public benefit activity (sfera działalności pożytku publicznego)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("area of activity")
        verbose_name_plural = _("areas of activity")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("association (stowarzyszenie)")
    ORDINARY_ASSOCIATION = "ordinary_association", _("ordinary association")
    FOUNDATION = "foundation", _("foundation (fundacja)")
    SOCIAL_COOPERATIVE = "social_cooperative", _("social cooperative")
    SPORTS_CLUB = "sports_club", _("sports club")
    CHURCH_ENTITY = "church_entity", _("church legal entity")
    NONPROFIT_COMPANY = "nonprofit_company", _("non-profit company")
    OTHER = "other", _("other")


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting verification")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("rejected")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def verified(self) -> OrganisationQuerySet:
        return self.filter(status=OrganisationStatus.VERIFIED)

    def holding_identifiers(self) -> OrganisationQuerySet:
        """Organisations whose KRS, NIP and REGON no one else may register: all but the
        rejected (the rule of the unique constraints)."""
        return self.exclude(status=OrganisationStatus.REJECTED)


class Organisation(TimeStampedModel):
    """An NGO. It may act (comment, ask the council) only once verified."""

    name = models.CharField(_("name"), max_length=300)
    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices, default=LegalForm.ASSOCIATION
    )
    krs = models.CharField(_("KRS number"), max_length=10, blank=True, validators=[validate_krs])
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        ActivityArea, verbose_name=_("areas of activity"), blank=True, related_name="organisations"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        User,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OrganisationQuerySet.as_manager()

    # Allowed status changes: a decision can be revisited (a rejected NGO may correct its
    # data and be verified; a verified one can be struck off) but never back to pending.
    TRANSITIONS: dict[str, set[str]] = {
        OrganisationStatus.PENDING: {OrganisationStatus.VERIFIED, OrganisationStatus.REJECTED},
        OrganisationStatus.REJECTED: {OrganisationStatus.VERIFIED},
        OrganisationStatus.VERIFIED: {OrganisationStatus.REJECTED},
    }

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # A rejected registration keeps what it claimed, for the record, but holds
            # none of it: the real organisation may register with the same numbers.
            models.UniqueConstraint(
                fields=["krs"],
                condition=~Q(krs="") & ~Q(status="rejected"),
                name="organisation_krs_unique_unless_rejected",
            ),
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip="") & ~Q(status="rejected"),
                name="organisation_nip_unique_unless_rejected",
            ),
            models.UniqueConstraint(
                fields=["regon"],
                condition=~Q(regon="") & ~Q(status="rejected"),
                name="organisation_regon_unique_unless_rejected",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OrganisationStatus.values),
                name="organisation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == OrganisationStatus.VERIFIED

    # What identifies a verified organisation: changing any of it needs an administrator's
    # approval (``OrganisationChange``); the other details its representatives change freely.
    IDENTITY_FIELDS = ("name", "krs", "nip", "regon")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("member")
    REPRESENTATIVE = "representative", _("representative")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACTIVE = "active", _("active")
    REVOKED = "revoked", _("revoked")
    DECLINED = "declined", _("declined")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=MembershipStatus.ACTIVE)

    def representatives(self) -> MembershipQuerySet:
        return self.active().filter(role=MembershipRole.REPRESENTATIVE)


class Membership(TimeStampedModel):
    """A user's tie to an organisation: a member drafts, a representative acts for it."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.REQUESTED,
    )
    message = models.TextField(_("message"), blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__full_name"]
        constraints = [
            # One live tie per person and organisation; history (revoked, declined) may repeat.
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status__in=["requested", "active"]),
                name="membership_one_live_per_user_and_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable_at(self, now: Any) -> ApiTokenQuerySet:
        """Neither revoked nor expired at ``now``."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """A key a program sends as ``Authorization: Token <key>`` to act as its user.

    Only the key's SHA-256 is stored (``accounts.api_tokens``), with its first characters
    so the user can tell tokens apart; the key itself is shown once, when made. A token
    stops working when it expires or is revoked (one by one, or all of a user's at a
    password reset or change); the row stays, for the profile's list and the audit log.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    # The key itself: set only on a token just made (``api_token_create``), never stored.
    key: str | None = None

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user_revoked")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.label})" if self.label else f"{self.prefix}…"

    def is_usable_at(self, now: Any) -> bool:
        return self.revoked_at is None and self.expires_at > now


class ReviewStatus(models.TextChoices):
    """An administrator's decision on a change request or a claim."""

    PENDING = "pending", _("awaiting review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class OrganisationChangeQuerySet(models.QuerySet["OrganisationChange"]):
    def pending(self) -> OrganisationChangeQuerySet:
        return self.filter(status=ReviewStatus.PENDING)


class OrganisationChange(TimeStampedModel):
    """A verified organisation's new name or identifiers, proposed by a representative.

    The organisation keeps its current name and numbers until an administrator approves;
    ``changes`` holds ``{field: {"from": current, "to": proposed}}`` for the changed
    identity fields only (``Organisation.IDENTITY_FIELDS``).
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    changes = models.JSONField(_("proposed changes"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        User,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.TextField(_("reason for rejection"), blank=True)

    objects = OrganisationChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change of an organisation's identity")
        verbose_name_plural = _("changes of organisations' identities")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A second request while one waits replaces the proposal of the first.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="pending"),
                name="organisation_change_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values),
                name="organisation_change_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_status_display()}"

    @property
    def proposed_name(self) -> str:
        return str(self.changes.get("name", {}).get("to", self.organisation.name))

    def changed_fields(self) -> list[tuple[str, str, str]]:
        """``[(label, current, proposed)]`` in the order of the form, for pages."""
        labels = {
            name: str(getattr(Organisation._meta.get_field(name), "verbose_name", name))
            for name in Organisation.IDENTITY_FIELDS
        }
        return [
            (labels[name], str(self.changes[name]["from"]), str(self.changes[name]["to"]))
            for name in Organisation.IDENTITY_FIELDS
            if name in self.changes
        ]


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("awaiting review")
    UPHELD = "upheld", _("upheld")
    DISMISSED = "dismissed", _("dismissed")


class OrganisationClaimQuerySet(models.QuerySet["OrganisationClaim"]):
    def pending(self) -> OrganisationClaimQuerySet:
        return self.filter(status=ClaimStatus.PENDING)


class OrganisationClaim(TimeStampedModel):
    """ "These numbers are ours": someone registering an organisation whose KRS, NIP or
    REGON another organisation (pending or verified) already holds.

    ``registration`` keeps the organisation the claimant tried to register (its fields and
    the slugs of its areas); upheld, the holder is rejected (its numbers are released) and
    that organisation is registered, pending verification, with the claimant as its
    representative. Dismissed, nothing changes.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation holding the numbers"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    claimant = models.ForeignKey(
        User, verbose_name=_("claimant"), on_delete=models.CASCADE, related_name="+"
    )
    identifiers = models.JSONField(_("claimed numbers"), default=dict)
    registration = models.JSONField(_("organisation to register"), default=dict)
    justification = models.TextField(_("justification"))
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        User,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    registered_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("registered organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OrganisationClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim to an organisation's numbers")
        verbose_name_plural = _("claims to organisations' numbers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "claimant"],
                condition=Q(status="pending"),
                name="organisation_claim_one_pending_per_claimant",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values),
                name="organisation_claim_status_valid",
            ),
        ]

    def __str__(self) -> str:
        numbers = ", ".join(f"{key.upper()} {value}" for key, value in self.identifiers.items())
        return f"{self.registration.get('name', '')}: {numbers}"

    @property
    def claimed_name(self) -> str:
        return str(self.registration.get("name", ""))
