"""The API of following (``/api/v1/follows/``) and of subscriptions (``/api/v1/subscriptions/``)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from consultations.models import ConsultationStatus
from notifications import follow_services, following
from notifications.follow_models import Follow, Subscription
from tests import factories
from tests.notifications.following_helpers import mails_to, subscribe

pytestmark = pytest.mark.django_db

FOLLOWS = "/api/v1/follows/"
SUBSCRIPTIONS = "/api/v1/subscriptions/"


def follow(user, kind, target_id):
    return follow_services.follow_add(user=user, kind=kind, target_id=target_id)


# --- Follows ----------------------------------------------------------------------------


def test_a_user_lists_only_their_own_follows_with_each_targets_name_and_page(
    api_as, resident, ngo_representative, department
):
    consultation = factories.ConsultationFactory()
    topic = factories.TopicFactory(name="Kultura", slug="kultura")
    mine = [
        follow(resident, following.CONSULTATION, consultation.pk),
        follow(resident, following.TOPIC, topic.pk),
    ]
    follow(ngo_representative, following.DEPARTMENT, department.pk)

    response = api_as(resident).get(FOLLOWS)

    assert response.status_code == 200
    by_kind = {item["kind"]: item for item in response.json()}
    assert set(by_kind) == {"consultation", "topic"}
    assert by_kind["consultation"] == {
        "id": mine[0].pk,
        "kind": "consultation",
        "target_id": consultation.pk,
        "title": consultation.title,
        "url": f"http://testserver/consultations/{consultation.pk}/",
        "created_at": by_kind["consultation"]["created_at"],
    }
    assert by_kind["topic"]["title"] == "Kultura"
    assert by_kind["topic"]["url"] == "http://testserver/consultations/?topic=kultura"


@pytest.mark.parametrize("count", [1, 10])
def test_the_list_reads_a_constant_number_of_queries(
    api_as, resident, django_assert_num_queries, count
):
    for _number in range(count):
        follow(resident, following.CONSULTATION, factories.ConsultationFactory().pk)
        follow(resident, following.DEPARTMENT, factories.DepartmentFactory().pk)
        follow(resident, following.TOPIC, factories.TopicFactory().pk)
    client = api_as(resident)

    # 1 the follows, then one per kind among them: 2 consultations (the viewer's posts are
    # read for the drafts they may see), 3 departments, 4 topics.
    with django_assert_num_queries(5):
        response = client.get(FOLLOWS)
    assert len(response.json()) == 3 * count


def test_following_answers_the_follow_and_again_changes_nothing(api_as, resident, department):
    client = api_as(resident)
    body = {"kind": "department", "target_id": department.pk}

    first = client.post(FOLLOWS, body, format="json")
    second = client.post(FOLLOWS, body, format="json")

    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["title"].startswith(department.name)
    assert Follow.objects.filter(user=resident).count() == 1


def test_an_unknown_kind_is_a_400_and_an_invisible_target_a_404(api_as, resident, department):
    act = factories.LegalActFactory(department=department)  # no published version
    version = factories.ActVersionFactory(published_at=timezone.now())
    draft = factories.ConsultationFactory(version=version, status=ConsultationStatus.DRAFT)
    client = api_as(resident)

    assert client.post(FOLLOWS, {"kind": "user", "target_id": 1}, format="json").status_code == 400
    for kind, target in (("act", act.pk), ("consultation", draft.pk), ("topic", 99999)):
        response = client.post(FOLLOWS, {"kind": kind, "target_id": target}, format="json")
        assert response.status_code == 404, kind
    assert not Follow.objects.exists()


def test_the_public_neither_reads_nor_follows(api_client, department):
    assert api_client.get(FOLLOWS).status_code in (401, 403)
    response = api_client.post(FOLLOWS, {"kind": "department", "target_id": department.pk})
    assert response.status_code in (401, 403)
    assert not Follow.objects.exists()


def test_a_user_stops_following_by_id_but_never_someone_elses_follow(
    api_as, resident, ngo_representative, department
):
    mine = follow(resident, following.DEPARTMENT, department.pk)
    theirs = follow(ngo_representative, following.DEPARTMENT, department.pk)
    client = api_as(resident)

    assert client.delete(f"{FOLLOWS}{theirs.pk}/").status_code == 404
    assert client.delete(f"{FOLLOWS}{mine.pk}/").status_code == 204

    assert list(Follow.objects.all()) == [theirs]


def test_a_user_stops_following_by_kind_and_id(api_as, resident, ngo_representative, department):
    follow(resident, following.DEPARTMENT, department.pk)
    theirs = follow(ngo_representative, following.DEPARTMENT, department.pk)

    response = api_as(resident).delete(f"{FOLLOWS}?kind=department&target_id={department.pk}")

    assert response.status_code == 204
    assert list(Follow.objects.all()) == [theirs]


# --- Subscriptions ----------------------------------------------------------------------


def test_subscribing_answers_202_and_mails_a_confirmation_link(
    api_client, django_capture_on_commit_callbacks
):
    topic = factories.TopicFactory()
    department = factories.DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            SUBSCRIPTIONS,
            {"email": "ala@example.org", "topics": [topic.pk], "departments": [department.pk]},
            format="json",
        )

    assert response.status_code == 202
    assert set(response.json()) == {"message"}
    assert len(mails_to("ala@example.org")) == 1
    subscription = Subscription.objects.get()
    assert sorted(subscription.filters.values_list("kind", "target_id")) == [
        ("department", department.pk),
        ("topic", topic.pk),
    ]


def test_the_subscription_answer_is_in_the_readers_language(
    api_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            SUBSCRIPTIONS,
            {"email": "ala@example.org"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="pl",
        )

    assert response.status_code == 202
    assert response.json()["message"] == (
        "Jeśli na ten adres można wysłać pocztę, wysłaliśmy na niego wiadomość z linkiem "
        "potwierdzającym subskrypcję."
    )


def test_the_answer_is_the_same_for_a_new_a_waiting_a_subscribed_and_an_account_address(
    api_client, django_capture_on_commit_callbacks, resident
):
    subscribe(django_capture_on_commit_callbacks, "subscribed@example.org")
    answers = []
    for email in (
        "new@example.org",
        "new@example.org",
        "subscribed@example.org",
        resident.email,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(SUBSCRIPTIONS, {"email": email}, format="json")
        answers.append((response.status_code, response.content))

    assert len(set(answers)) == 1
    assert answers[0][0] == 202


def test_beyond_the_rate_limit_the_answer_is_still_the_same_and_nothing_is_sent(
    api_client, settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTION_LIMIT_PER_ADDRESS = 1
    answers = []
    for _attempt in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(SUBSCRIPTIONS, {"email": "ala@example.org"}, format="json")
        answers.append((response.status_code, response.content))

    assert len(set(answers)) == 1
    assert answers[0][0] == 202
    assert len(mails_to("ala@example.org")) == 1


def test_the_limit_per_client_counts_the_client_address(
    api_client, settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTION_LIMIT_PER_CLIENT = 2
    other = APIClient(REMOTE_ADDR="198.51.100.9")
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            api_client.post(SUBSCRIPTIONS, {"email": f"p{number}@example.org"}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        other.post(SUBSCRIPTIONS, {"email": "p9@example.org"}, format="json")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "p0@example.org",
        "p1@example.org",
        "p9@example.org",
    ]


def test_a_malformed_address_or_an_unknown_topic_is_a_400(api_client):
    assert api_client.post(SUBSCRIPTIONS, {"email": "nie-adres"}, format="json").status_code == 400
    response = api_client.post(
        SUBSCRIPTIONS, {"email": "ala@example.org", "topics": [424242]}, format="json"
    )
    assert response.status_code == 400
    assert "topics" in response.json()["extra"]["fields"]
    assert not Subscription.objects.exists()


def test_subscribing_needs_no_session_and_no_csrf_token(
    resident, django_capture_on_commit_callbacks
):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBSCRIPTIONS, {"email": "ala@example.org"}, format="json")
    assert response.status_code == 202


def test_the_endpoints_are_in_the_schema(api_client):
    schema = api_client.get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert set(paths["/api/v1/follows/"]) >= {"get", "post", "delete"}
    assert "delete" in paths["/api/v1/follows/{id}/"]
    assert "202" in paths["/api/v1/subscriptions/"]["post"]["responses"]
