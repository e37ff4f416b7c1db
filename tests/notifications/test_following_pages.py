"""The pages of following and subscribing, and the follow buttons on other apps' pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications import follow_services, following
from notifications.follow_models import Follow, Subscription
from tests import factories
from tests.notifications.following_helpers import links_in, mails_to, subscribe

pytestmark = pytest.mark.django_db


def published_act(department, **kwargs):
    act = factories.LegalActFactory(department=department, **kwargs)
    factories.ActVersionFactory(act=act, published_at=timezone.now())
    return act


# --- Follow buttons ---------------------------------------------------------------------


def test_the_act_page_offers_to_follow_the_act_its_department_and_topics(
    client_as, resident, department
):
    topic = factories.TopicFactory(name="Kultura")
    act = published_act(department)
    act.topics.add(topic)
    follow_services.follow_add(user=resident, kind=following.TOPIC, target_id=topic.pk)

    html = client_as(resident).get(reverse("acts:detail", args=[act.pk])).content.decode()

    assert f"Obserwuj „{act.title}”" in html
    assert f"Obserwuj „{department.name}”" in html
    assert "Przestań obserwować „Kultura”" in html


def test_the_public_is_offered_to_log_in_or_to_subscribe_by_e_mail(client, department):
    topic = factories.TopicFactory(name="Kultura")
    act = published_act(department)
    act.topics.add(topic)

    html = client.get(reverse("acts:detail", args=[act.pk])).content.decode()

    assert f"/accounts/login/?next=/acts/{act.pk}/" in html
    assert f"/subscribe/?topics={topic.pk}" in html
    assert f"/subscribe/?departments={department.pk}" in html
    assert "following/change/" not in html


def test_the_consultation_page_offers_to_follow_it(client_as, resident):
    consultation = factories.ConsultationFactory()

    html = client_as(resident).get(reverse("consultations:detail", args=[consultation.pk]))

    assert f"Obserwuj „{consultation.title}”" in html.content.decode()


def test_the_consultation_list_filtered_by_a_department_offers_to_follow_it(
    client_as, resident, department
):
    url = reverse("consultations:list")

    filtered = client_as(resident).get(url, {"department": department.pk}).content.decode()
    unfiltered = client_as(resident).get(url).content.decode()

    assert f"Obserwuj „{department.name}”" in filtered
    assert "following/change/" not in unfiltered


def test_the_button_follows_and_stops_following_then_goes_back(client_as, resident, department):
    client = client_as(resident)
    back = f"/consultations/?department={department.pk}"
    data = {"kind": "department", "target_id": department.pk, "next": back}

    response = client.post(reverse("following:follow"), {**data, "action": "follow"})
    assert response.status_code == 302
    assert response["Location"] == back
    assert list(following.followers_of("department", department.pk)) == [resident]

    client.post(reverse("following:follow"), {**data, "action": "unfollow"})
    assert not Follow.objects.exists()


def test_the_button_never_sends_the_user_to_another_site(client_as, resident, department):
    response = client_as(resident).post(
        reverse("following:follow"),
        {
            "kind": "department",
            "target_id": department.pk,
            "action": "follow",
            "next": "https://evil.example.com/",
        },
    )
    assert response["Location"] == reverse("following:list")


def test_the_public_cannot_follow(client, department):
    response = client.post(
        reverse("following:follow"),
        {"kind": "department", "target_id": department.pk, "action": "follow"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Follow.objects.exists()


def test_what_i_follow_lists_mine_only(client_as, resident, ngo_representative, department):
    consultation = factories.ConsultationFactory()
    follow_services.follow_add(user=resident, kind="consultation", target_id=consultation.pk)
    other = factories.DepartmentFactory(name="Wydział Sportu")
    follow_services.follow_add(user=ngo_representative, kind="department", target_id=other.pk)

    html = client_as(resident).get(reverse("following:list")).content.decode()

    assert consultation.title in html
    assert "Wydział Sportu" not in html


@pytest.mark.parametrize("count", [1, 10])
def test_what_i_follow_reads_a_constant_number_of_queries(
    client_as, resident, django_assert_num_queries, count
):
    for _number in range(count):
        follow_services.follow_add(
            user=resident, kind="consultation", target_id=factories.ConsultationFactory().pk
        )
        follow_services.follow_add(
            user=resident, kind="topic", target_id=factories.TopicFactory().pk
        )
    client = client_as(resident)
    client.get(reverse("following:list"))

    # 1 session, 2 user, 3 the follows, 4 the viewer's posts and memberships (which
    # drafts they see), 5 consultations, 6 topics, 7 the unread count in the header; the
    # buttons ask nothing more.
    with django_assert_num_queries(7):
        response = client.get(reverse("following:list"))
    assert response.content.decode().count("Przestań obserwować") == 2 * count


# --- Subscribing ------------------------------------------------------------------------


def test_the_subscribe_page_ticks_the_topic_it_was_opened_for(client):
    topic = factories.TopicFactory(name="Kultura")

    html = client.get(reverse("following:subscribe"), {"topics": topic.pk}).content.decode()

    assert f'value="{topic.pk}"' in html
    assert "checked" in html


def test_the_subscribe_page_answers_the_same_for_any_address(
    client, resident, django_capture_on_commit_callbacks
):
    subscribe(django_capture_on_commit_callbacks, "subscribed@example.org")
    bodies = []
    for email in ("new@example.org", "subscribed@example.org", resident.email):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("following:subscribe"), {"email": email})
        assert response.status_code == 200
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        bodies.append(main.replace(email, "ADDRESS"))

    assert len(set(bodies)) == 1
    assert len(mails_to("new@example.org")) == 1


def test_the_confirmation_link_opens_a_page_and_only_its_button_confirms(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("following:subscribe"), {"email": "ala@example.org"})
    (token,) = links_in(mails_to("ala@example.org")[0], "confirm")
    url = reverse("following:subscription_confirm", args=[token])

    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    assert not Subscription.objects.get().is_confirmed

    response = client.post(url)
    assert response.status_code == 200
    assert Subscription.objects.get().is_confirmed


def test_a_tampered_confirmation_link_shows_that_it_does_not_work(client):
    response = client.get(reverse("following:subscription_confirm", args=["abc:def"]))
    assert response.status_code == 400
    assert response.context["error"]


def test_the_unsubscribe_link_opens_a_page_and_its_button_ends_the_subscription(
    client, django_capture_on_commit_callbacks
):
    subscribe(django_capture_on_commit_callbacks, "ala@example.org")
    (address,) = following.subscribers_for()

    assert client.get(address.unsubscribe_url).status_code == 200
    assert Subscription.objects.exists()
    response = Client(enforce_csrf_checks=True).post(address.unsubscribe_url)

    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_one_click_unsubscribing_works_without_a_session_or_csrf(
    django_capture_on_commit_callbacks,
):
    subscribe(django_capture_on_commit_callbacks, "ala@example.org")
    (address,) = following.subscribers_for()

    # What a mail client sends (RFC 8058).
    response = Client(enforce_csrf_checks=True).post(
        address.unsubscribe_url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()


# --- Administrators ---------------------------------------------------------------------


def test_administrators_find_an_address_and_nobody_edits_it(
    client_as, administrator, django_capture_on_commit_callbacks
):
    subscription = subscribe(django_capture_on_commit_callbacks, "ala@example.org")
    client = client_as(administrator)

    listing = client.get(reverse("admin:notifications_subscription_changelist"), {"q": "ala@"})
    detail = client.get(reverse("admin:notifications_subscription_change", args=[subscription.pk]))

    assert "ala@example.org" in listing.content.decode()
    assert detail.status_code == 200
    assert subscription.key not in detail.content.decode()
    assert client.get(reverse("admin:notifications_subscription_add")).status_code == 403
