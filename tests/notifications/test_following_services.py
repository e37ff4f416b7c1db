"""Following and e-mail subscriptions: the services and the seam the events ask."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from consultations.models import ConsultationStatus
from core.exceptions import InvalidInput, NotFound
from notifications import follow_services, following
from notifications.follow_models import Follow, Subscription
from notifications.follow_services import InvalidLink
from notifications.follow_tokens import confirm_token, read_unsubscribe_token
from tests import factories
from tests.notifications.following_helpers import links_in, mails_to, request, subscribe

pytestmark = pytest.mark.django_db


# --- Following --------------------------------------------------------------------------


def test_a_user_follows_each_kind_once_however_often_asked(resident):
    consultation = factories.ConsultationFactory()
    act = consultation.version.act
    topic = factories.TopicFactory()
    for kind, target in (
        (following.CONSULTATION, consultation.pk),
        (following.ACT, act.pk),
        (following.DEPARTMENT, act.department_id),
        (following.TOPIC, topic.pk),
    ):
        follow_services.follow_add(user=resident, kind=kind, target_id=target)
        follow_services.follow_add(user=resident, kind=kind, target_id=target)

    assert sorted(Follow.objects.filter(user=resident).values_list("kind", flat=True)) == [
        "act",
        "consultation",
        "department",
        "topic",
    ]


def test_an_unknown_kind_is_refused(resident):
    with pytest.raises(InvalidInput):
        follow_services.follow_add(user=resident, kind="organisation", target_id=1)


def test_a_target_that_does_not_exist_is_not_found(resident):
    with pytest.raises(NotFound):
        follow_services.follow_add(user=resident, kind=following.TOPIC, target_id=987654)


def test_a_draft_consultation_is_followed_only_by_those_who_see_it(resident, official, department):
    act = factories.LegalActFactory(department=department)
    version = factories.ActVersionFactory(act=act, published_at=timezone.now())
    draft = factories.ConsultationFactory(version=version, status=ConsultationStatus.DRAFT)

    with pytest.raises(NotFound):
        follow_services.follow_add(user=resident, kind=following.CONSULTATION, target_id=draft.pk)
    follow_services.follow_add(user=official, kind=following.CONSULTATION, target_id=draft.pk)

    assert list(following.followers_of(following.CONSULTATION, draft.pk)) == [official]


def test_an_unpublished_act_is_followed_only_by_those_who_see_it(resident, official, department):
    act = factories.LegalActFactory(department=department)

    with pytest.raises(NotFound):
        follow_services.follow_add(user=resident, kind=following.ACT, target_id=act.pk)
    follow_services.follow_add(user=official, kind=following.ACT, target_id=act.pk)


def test_followers_of_are_the_active_users_following_that_target_and_no_one_else(
    resident, ngo_representative, other_ngo_representative, department, other_department
):
    gone = factories.UserFactory(is_active=False)
    for user in (resident, ngo_representative, gone):
        follow_services.follow_add(user=user, kind=following.DEPARTMENT, target_id=department.pk)
    follow_services.follow_add(
        user=other_ngo_representative, kind=following.DEPARTMENT, target_id=other_department.pk
    )

    followers = following.followers_of(following.DEPARTMENT, department.pk)

    assert list(followers) == sorted([resident, ngo_representative], key=lambda user: user.pk)
    assert list(following.followers_of(following.TOPIC, department.pk)) == []


def test_stopping_removes_only_that_follow(resident, department, other_department):
    for target in (department, other_department):
        follow_services.follow_add(user=resident, kind=following.DEPARTMENT, target_id=target.pk)

    follow_services.follow_remove(user=resident, kind=following.DEPARTMENT, target_id=department.pk)
    follow_services.follow_remove(user=resident, kind=following.DEPARTMENT, target_id=department.pk)

    assert list(following.followers_of(following.DEPARTMENT, other_department.pk)) == [resident]
    assert list(following.followers_of(following.DEPARTMENT, department.pk)) == []


# --- Subscribing: double opt-in ---------------------------------------------------------


def test_a_request_stores_a_waiting_subscription_and_mails_its_confirmation_link(
    django_capture_on_commit_callbacks,
):
    topic = factories.TopicFactory(name="Kultura")
    with django_capture_on_commit_callbacks(execute=True):
        request("  Ala@Example.org ", topics=[topic.pk])

    subscription = Subscription.objects.get()
    assert subscription.email == "ala@example.org"
    assert not subscription.is_confirmed
    (message,) = mails_to("ala@example.org")
    assert "Potwierdź" in message.subject
    assert "Kultura" in message.body
    assert len(links_in(message, "confirm")) == 1
    # Essential: nothing to unsubscribe from yet.
    assert "List-Unsubscribe" not in message.extra_headers
    assert following.subscribers_for(topic_ids=[topic.pk]) == []


def test_the_mail_speaks_the_language_of_the_request(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org", language="en")

    (message,) = mails_to("ala@example.org")
    assert "Confirm" in message.subject


def test_confirming_by_the_link_starts_the_subscription(django_capture_on_commit_callbacks):
    department = factories.DepartmentFactory()
    subscription = subscribe(
        django_capture_on_commit_callbacks, "ala@example.org", departments=[department.pk]
    )

    assert subscription.is_confirmed
    (address,) = following.subscribers_for(department_ids=[department.pk])
    assert address.email == "ala@example.org"
    assert address.language == "pl"
    assert address.unsubscribe_url.startswith("http")


def test_confirming_twice_is_harmless(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org")
    (token,) = links_in(mails_to("ala@example.org")[0], "confirm")

    first = follow_services.subscription_confirm(token=token)
    second = follow_services.subscription_confirm(token=token)

    assert first.pk == second.pk
    assert Subscription.objects.confirmed().count() == 1


def test_a_tampered_confirmation_link_is_refused(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org")
    subscription = Subscription.objects.get()
    (token,) = links_in(mails_to("ala@example.org")[0], "confirm")

    for forged in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        confirm_token(subscription.pk, "guessed-key"),
        "garbage",
    ):
        with pytest.raises(InvalidLink):
            follow_services.subscription_confirm(token=forged)
    assert not Subscription.objects.get().is_confirmed


def test_an_unsubscribe_link_does_not_confirm(django_capture_on_commit_callbacks):
    from notifications.follow_tokens import unsubscribe_token

    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org")
    subscription = Subscription.objects.get()

    with pytest.raises(InvalidLink):
        follow_services.subscription_confirm(
            token=unsubscribe_token(subscription.pk, subscription.key)
        )


def test_an_expired_confirmation_link_is_refused(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org")
    (token,) = links_in(mails_to("ala@example.org")[0], "confirm")

    later = timezone.now() + settings.SUBSCRIPTION_CONFIRM_TIMEOUT + dt.timedelta(minutes=1)
    with time_machine.travel(later), pytest.raises(InvalidLink):
        follow_services.subscription_confirm(token=token)


def test_a_new_request_replaces_the_waiting_one_and_its_link(django_capture_on_commit_callbacks):
    topic = factories.TopicFactory()
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org", topics=[topic.pk])
    first, second = mails_to("ala@example.org")

    with pytest.raises(InvalidLink):
        follow_services.subscription_confirm(token=links_in(first, "confirm")[0])
    subscription = follow_services.subscription_confirm(token=links_in(second, "confirm")[0])

    assert Subscription.objects.count() == 1
    assert list(subscription.filters.values_list("kind", "target_id")) == [("topic", topic.pk)]


def test_a_confirmed_subscription_changes_only_when_the_new_request_is_confirmed(
    django_capture_on_commit_callbacks,
):
    culture, sport = factories.TopicFactory(), factories.TopicFactory()
    subscription = subscribe(
        django_capture_on_commit_callbacks, "ala@example.org", topics=[culture.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org", topics=[sport.pk], language="en")

    assert [a.email for a in following.subscribers_for(topic_ids=[culture.pk])] == [
        "ala@example.org"
    ]
    assert following.subscribers_for(topic_ids=[sport.pk]) == []

    (token,) = links_in(mails_to("ala@example.org")[-1], "confirm")
    confirmed = follow_services.subscription_confirm(token=token)

    # The same subscription (its links in earlier mails keep working), with the new choices.
    assert confirmed.pk == subscription.pk
    assert Subscription.objects.count() == 1
    assert following.subscribers_for(topic_ids=[culture.pk]) == []
    (address,) = following.subscribers_for(topic_ids=[sport.pk])
    assert address.language == "en"


# --- Who gets a new consultation --------------------------------------------------------


def test_subscribers_for_are_the_confirmed_ones_whose_filters_match(
    django_capture_on_commit_callbacks,
):
    culture, sport = factories.TopicFactory(), factories.TopicFactory()
    social, environment = factories.DepartmentFactory(), factories.DepartmentFactory()
    subscribe(django_capture_on_commit_callbacks, "all@example.org")
    subscribe(django_capture_on_commit_callbacks, "culture@example.org", topics=[culture.pk])
    subscribe(django_capture_on_commit_callbacks, "sport@example.org", topics=[sport.pk])
    subscribe(django_capture_on_commit_callbacks, "social@example.org", departments=[social.pk])
    subscribe(
        django_capture_on_commit_callbacks,
        "either@example.org",
        topics=[sport.pk],
        departments=[environment.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        request("waiting@example.org")

    def emails(**filters):
        return sorted(address.email for address in following.subscribers_for(**filters))

    assert emails(topic_ids=[culture.pk], department_ids=[social.pk]) == [
        "all@example.org",
        "culture@example.org",
        "social@example.org",
    ]
    assert emails(topic_ids=[sport.pk], department_ids=[environment.pk]) == [
        "all@example.org",
        "either@example.org",
        "sport@example.org",
    ]
    assert emails(topic_ids=[], department_ids=[environment.pk]) == [
        "all@example.org",
        "either@example.org",
    ]


def test_subscribers_for_reads_the_database_once_whatever_their_number(
    django_capture_on_commit_callbacks, django_assert_num_queries
):
    for number in range(10):
        subscribe(django_capture_on_commit_callbacks, f"person{number}@example.org")

    # 1: the confirmed subscriptions with no filter or a matching one.
    with django_assert_num_queries(1):
        addresses = following.subscribers_for(topic_ids=[1], department_ids=[2])
    assert len(addresses) == 10


# --- Unsubscribing ----------------------------------------------------------------------


def test_the_unsubscribe_link_ends_the_subscription_and_any_waiting_request(
    django_capture_on_commit_callbacks,
):
    subscribe(django_capture_on_commit_callbacks, "ala@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org")
    subscribe(django_capture_on_commit_callbacks, "ola@example.org")
    (address,) = [a for a in following.subscribers_for() if a.email == "ala@example.org"]
    token = address.unsubscribe_url.rstrip("/").rsplit("/", 1)[-1]

    follow_services.subscription_cancel(token=token)
    follow_services.subscription_cancel(token=token)  # the link again: done already

    assert list(Subscription.objects.values_list("email", flat=True)) == ["ola@example.org"]


def test_a_tampered_unsubscribe_link_is_refused(django_capture_on_commit_callbacks):
    subscribe(django_capture_on_commit_callbacks, "ala@example.org")
    (address,) = following.subscribers_for()
    token = address.unsubscribe_url.rstrip("/").rsplit("/", 1)[-1]
    assert read_unsubscribe_token(token) is not None

    with pytest.raises(InvalidLink):
        follow_services.subscription_cancel(token=token.replace(":", ":x", 1))
    assert Subscription.objects.confirmed().count() == 1


# --- What is not kept -------------------------------------------------------------------


def test_requests_nobody_confirmed_are_deleted_after_the_confirmation_days(
    settings, django_capture_on_commit_callbacks
):
    subscribe(django_capture_on_commit_callbacks, "confirmed@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        request("forgotten@example.org", topics=[factories.TopicFactory().pk])
    deadline = timezone.now() + settings.SUBSCRIPTION_CONFIRM_TIMEOUT
    hour = dt.timedelta(hours=1)

    assert follow_services.subscriptions_expire(now=deadline - hour) == 0
    assert follow_services.subscriptions_expire(now=deadline + hour) == 1

    assert list(Subscription.objects.values_list("email", flat=True)) == ["confirmed@example.org"]
    with pytest.raises(ObjectDoesNotExist):
        Subscription.objects.get(email="forgotten@example.org")


def test_the_expiry_task_is_scheduled_and_safe_to_run_twice(
    settings, django_capture_on_commit_callbacks
):
    from config.celery import app
    from notifications.follow_tasks import expire_subscription_requests

    with django_capture_on_commit_callbacks(execute=True):
        request("forgotten@example.org")
    later = timezone.now() + settings.SUBSCRIPTION_CONFIRM_TIMEOUT + dt.timedelta(hours=1)

    with time_machine.travel(later):
        assert expire_subscription_requests.apply().get() == 1
        assert expire_subscription_requests.apply().get() == 0
    schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "notifications.expire_subscription_requests" in schedule


# --- Rate limits ------------------------------------------------------------------------


def test_beyond_the_limit_per_address_nothing_is_stored_or_sent(
    settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTION_LIMIT_PER_ADDRESS = 2
    for number in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            request("ala@example.org", client=f"203.0.113.{number}")

    assert len(mails_to("ala@example.org")) == 2
    assert Subscription.objects.count() == 1


def test_beyond_the_limit_per_client_nothing_is_sent_to_any_address(
    settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTION_LIMIT_PER_CLIENT = 3
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            request(f"person{number}@example.org", client="198.51.100.7")

    assert len(mail.outbox) == 3
    assert Subscription.objects.count() == 3


def test_the_limit_is_counted_without_keeping_the_address(django_capture_on_commit_callbacks):
    from core.models import RateLimitHit

    with django_capture_on_commit_callbacks(execute=True):
        request("ala@example.org")

    assert not RateLimitHit.objects.filter(key__icontains="ala").exists()


def test_the_unsubscribe_addresses_made_in_bulk_are_those_made_one_by_one():
    from notifications.follow_tokens import unsubscribe_url, unsubscribe_url_maker

    make = unsubscribe_url_maker()

    for pk, key in ((1, "abc"), (123456, "Zx-_9" * 6), (7, "")):
        assert make(pk, key) == unsubscribe_url(pk, key)
