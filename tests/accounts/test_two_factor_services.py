"""Two-factor login's services and predicates: turning it on with a code from the key,
checking codes, recovery codes used once, turning it off, and who must use it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import permissions, selectors, services, two_factor
from accounts.exceptions import TwoFactorAlreadyOn, TwoFactorOff, WrongCode
from core.models import AuditEvent
from tests import factories
from tests.accounts.two_factor import STEP, code_for, turn_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    """The clock frozen now; ``clock.shift(seconds)`` moves it on."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def verbs(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(user.pk), verb__startswith="user.")
        .order_by("id")
        .values_list("verb", flat=True)
    )


def test_a_code_from_the_key_turns_two_factor_login_on_with_ten_hashed_recovery_codes(
    clock, official
):
    key = two_factor.new_totp_key()

    enabled = services.two_factor_enable(user=official, key=key, code=code_for(key))

    device = TOTPDevice.objects.get(user=official)
    assert device.confirmed
    assert device.key == key
    assert selectors.two_factor_enabled(user=official)
    assert len(enabled.recovery_codes) == two_factor.RECOVERY_CODE_COUNT
    assert len(set(enabled.recovery_codes)) == two_factor.RECOVERY_CODE_COUNT
    stored = set(StaticToken.objects.filter(device__user=official).values_list("token", flat=True))
    # Stored hashed: no code is in the database as it was shown.
    assert not stored & {two_factor.normalise_code(c) for c in enabled.recovery_codes}
    assert stored == {two_factor.recovery_code_hash(c) for c in enabled.recovery_codes}
    assert verbs(official) == ["user.two_factor_enabled"]


def test_a_wrong_code_at_setup_stores_nothing(clock, official):
    key = two_factor.new_totp_key()
    right = code_for(key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    with pytest.raises(WrongCode):
        services.two_factor_enable(user=official, key=key, code=wrong)

    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()


def test_it_cannot_be_turned_on_twice(clock, official):
    turn_on(official)
    key = two_factor.new_totp_key()
    with pytest.raises(TwoFactorAlreadyOn):
        services.two_factor_enable(user=official, key=key, code=code_for(key))
    assert TOTPDevice.objects.filter(user=official).count() == 1


def test_the_current_code_is_accepted_once_and_the_setup_code_not_again(clock, official):
    enabled = turn_on(official)
    setup_code = code_for(enabled.device.key)

    assert not services.two_factor_check(user=official, code=setup_code).accepted

    clock.shift(STEP * 3)  # past the device's pause after a wrong code, and a new step
    current = code_for(enabled.device.key)
    check = services.two_factor_check(user=official, code=current)
    assert check.accepted
    assert check.device == enabled.device
    clock.shift(STEP * 3)
    assert not services.two_factor_check(user=official, code=current).accepted


def test_a_recovery_code_works_once_and_its_use_is_recorded(clock, official):
    enabled = turn_on(official)
    code = enabled.recovery_codes[3]

    # Typed with spaces and in capitals: still the code.
    check = services.two_factor_check(user=official, code=f" {code.upper().replace('-', ' ')} ")
    assert check.accepted
    assert isinstance(check.device, StaticDevice)
    assert selectors.recovery_codes_left(user=official) == two_factor.RECOVERY_CODE_COUNT - 1
    event = AuditEvent.objects.get(verb="user.recovery_code_used")
    assert event.data == {"codes_left": two_factor.RECOVERY_CODE_COUNT - 1}

    clock.shift(STEP * 3)
    assert not services.two_factor_check(user=official, code=code).accepted
    assert AuditEvent.objects.filter(verb="user.two_factor_code_failed").count() == 1


def test_a_wrong_code_is_recorded_and_repeated_wrong_codes_pause_the_device(clock, official):
    enabled = turn_on(official)
    clock.shift(STEP * 3)

    first = services.two_factor_check(user=official, code="000000")
    assert not first.accepted
    assert not first.throttled
    # Right after a wrong code, even the right code is not looked at.
    right_away = services.two_factor_check(user=official, code=code_for(enabled.device.key))
    assert not right_away.accepted
    assert right_away.throttled

    events = AuditEvent.objects.filter(verb="user.two_factor_code_failed").order_by("id")
    assert [event.data for event in events] == [{"throttled": False}, {"throttled": True}]
    assert all(event.actor_id == official.pk for event in events)


def test_new_recovery_codes_replace_the_old_ones_and_need_a_code(clock, official):
    enabled = turn_on(official)
    clock.shift(STEP * 3)

    with pytest.raises(WrongCode):
        services.recovery_codes_regenerate(user=official, code="123456")
    clock.shift(STEP * 3)
    new_codes = services.recovery_codes_regenerate(user=official, code=code_for(enabled.device.key))

    assert set(new_codes).isdisjoint(enabled.recovery_codes)
    assert selectors.recovery_codes_left(user=official) == two_factor.RECOVERY_CODE_COUNT
    clock.shift(STEP * 3)
    assert not services.two_factor_check(user=official, code=enabled.recovery_codes[0]).accepted
    clock.shift(STEP * 3)
    assert services.two_factor_check(user=official, code=new_codes[0]).accepted
    assert "user.recovery_codes_regenerated" in verbs(official)


def test_turning_it_off_needs_a_current_code_and_removes_both_devices(clock, official):
    enabled = turn_on(official)
    clock.shift(STEP * 3)

    with pytest.raises(WrongCode):
        services.two_factor_disable(user=official, code="not a code")
    assert selectors.two_factor_enabled(user=official)
    # The refusal stays recorded although the service raised.
    assert AuditEvent.objects.filter(verb="user.two_factor_code_failed").count() == 1

    clock.shift(STEP * 3)
    services.two_factor_disable(user=official, code=code_for(enabled.device.key))

    assert not TOTPDevice.objects.filter(user=official).exists()
    assert not StaticDevice.objects.filter(user=official).exists()
    assert verbs(official)[-1] == "user.two_factor_disabled"
    with pytest.raises(TwoFactorOff):
        services.two_factor_disable(user=official, code="123456")


# --- Who may, who must --------------------------------------------------------------------


@pytest.fixture
def council_officer(db):
    user = factories.UserFactory(email="chair@example.org")
    factories.TermMemberFactory(user=user, office="chair")
    return user


@pytest.fixture
def council_member(db):
    user = factories.UserFactory(email="member@example.org")
    factories.TermMemberFactory(user=user, office="member")
    return user


ALL_ROLES = ["administrator", "official", "council_officer"]


@pytest.mark.parametrize(
    ("persona", "required"),
    [
        ("administrator", True),
        ("official", True),
        ("council_officer", True),
        ("council_member", False),
        ("ngo_representative", False),
        ("ngo_member", False),
        ("resident", False),
    ],
)
def test_who_must_use_two_factor_login_when_it_is_enforced(request, settings, persona, required):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES
    user = request.getfixturevalue(persona)

    assert permissions.must_use_two_factor(user) is required
    # Everyone with an account may opt in.
    assert permissions.can_use_two_factor(user)


def test_nobody_must_while_the_setting_is_empty(settings, administrator, official):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert not permissions.must_use_two_factor(administrator)
    assert not permissions.must_use_two_factor(official)


def test_only_the_roles_listed_are_required(settings, administrator, official):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["administrator"]
    assert permissions.must_use_two_factor(administrator)
    assert not permissions.must_use_two_factor(official)


def test_a_past_term_s_chair_is_not_an_officer(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES
    user = factories.UserFactory()
    today = timezone.localdate()
    term = factories.TermFactory(
        starts_on=today - dt.timedelta(days=800), ends_on=today - dt.timedelta(days=10)
    )
    factories.TermMemberFactory(user=user, term=term, office="chair")
    assert not permissions.must_use_two_factor(user)


def test_the_public_can_neither(anonymous, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES
    assert not permissions.can_use_two_factor(anonymous)
    assert not permissions.must_use_two_factor(anonymous)


def test_an_unknown_role_in_the_setting_stops_the_start(settings):
    from accounts.checks import two_factor_roles_are_known

    settings.TWO_FACTOR_REQUIRED_ROLES = ["officials"]
    errors = two_factor_roles_are_known(None)
    assert [error.id for error in errors] == ["accounts.E001"]
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL_ROLES
    assert two_factor_roles_are_known(None) == []
