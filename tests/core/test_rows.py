"""Hand-written reads load instances exactly as the ORM does: every field, converted."""

import pytest
from django.db import DEFAULT_DB_ALIAS

from accounts.models import User
from acts.models import ActVersion
from consultations.models import Consultation
from core import rows
from tests import factories

pytestmark = pytest.mark.django_db


def _values(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
    }


@pytest.mark.parametrize("model", [User, Consultation, ActVersion])
def test_an_instance_read_by_hand_equals_the_orms(model):
    factories.ConsultationFactory()  # a user-less consultation, act and version; and a user:
    factories.UserFactory(is_staff=True, language="en")
    using = DEFAULT_DB_ALIAS
    expected = model.objects.order_by("pk").first()

    ((found, extra),) = rows.fetch(
        model,
        f"SELECT {rows.columns(model, 't', using=using)}, 42 "
        f"FROM {rows.table(model, using=using)} t WHERE t.{rows.quote(using, 'id')} = %s",
        [expected.pk],
        using=using,
    )

    assert type(found) is model
    assert _values(found) == _values(expected)
    assert not found._state.adding
    assert found._state.db == using
    assert extra == (42,)


def test_no_row_is_an_empty_list():
    using = DEFAULT_DB_ALIAS
    assert (
        rows.fetch(
            User,
            f"SELECT {rows.columns(User, 'u', using=using)} "
            f"FROM {rows.table(User, using=using)} u WHERE u.{rows.quote(using, 'id')} = %s",
            [0],
            using=using,
        )
        == []
    )


def test_a_pair_read_by_hand_equals_the_orms_two_instances():
    from accounts import services
    from accounts.models import ApiToken

    user = factories.UserFactory(language="en")
    token = services.api_token_create(user=user, label="x")
    using = DEFAULT_DB_ALIAS

    ((found_user, found_token),) = rows.fetch_pairs(
        User,
        ApiToken,
        f"SELECT {rows.columns(User, 'u', using=using)}, "
        f"{rows.columns(ApiToken, 't', using=using)} "
        f"FROM {rows.table(User, using=using)} u JOIN {rows.table(ApiToken, using=using)} t "
        f"ON t.{rows.quote(using, 'user_id')} = u.{rows.quote(using, 'id')}",
        [],
        using=using,
    )

    assert _values(found_user) == _values(User.objects.get(pk=user.pk))
    assert _values(found_token) == _values(ApiToken.objects.get(pk=token.pk))
