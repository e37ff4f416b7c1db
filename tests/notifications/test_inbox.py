"""The inbox: the API and the page, each user's own items only, the unread count in the
header, and the preferences."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications import selectors, services
from notifications.categories import CONSULTATIONS, COUNCIL
from notifications.models import Channel, Delivery, Mode
from tests import factories

pytestmark = pytest.mark.django_db


def record(users, key="1", title="Głosowanie otwarte"):
    return services.record(
        event="test.happened",
        key=key,
        recipients=users,
        context={"title": title, "text": f"Treść {key}"},
        link=f"/council/votes/{key}/",
    )


def inbox_item(user, key="1"):
    return Delivery.objects.get(user=user, channel=Channel.INBOX, event__key=key)


@pytest.fixture
def member():
    return factories.UserFactory(full_name="Anna Członkini")


@pytest.fixture
def other_member():
    return factories.UserFactory()


def test_the_api_lists_only_my_notifications_with_every_field(
    api_as, member, other_member, settings, django_assert_num_queries
):
    record([member, other_member], key="1")
    record([other_member], key="2")
    with django_assert_num_queries(2):  # the page's count, its rows with their events
        response = api_as(member).get("/api/v1/notifications/")
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item == {
        "id": inbox_item(member).pk,
        "event": "test.happened",
        "title": "Głosowanie otwarte",
        "text": "Treść 1",
        "link": f"{settings.SITE_URL}/council/votes/1/",
        "created": item["created"],
        "read": False,
    }


def test_the_list_costs_the_same_with_ten_times_the_items(
    api_as, member, django_assert_num_queries
):
    for key in range(10):
        record([member], key=str(key))
    with django_assert_num_queries(2):
        response = api_as(member).get("/api/v1/notifications/")
    assert response.json()["count"] == 10


def test_reading_one_and_all(api_as, member, other_member):
    record([member, other_member], key="1")
    record([member], key="2")
    item = inbox_item(member, "1")
    response = api_as(member).post(f"/api/v1/notifications/{item.pk}/read/")
    assert response.status_code == 200
    assert response.json()["read"] is True
    assert selectors.unread_count(user_id=member.pk) == 1
    assert selectors.unread_count(user_id=other_member.pk) == 1
    response = api_as(member).post("/api/v1/notifications/read-all/")
    assert response.json() == {"marked": 1}
    assert selectors.unread_count(user_id=member.pk) == 0
    assert selectors.unread_count(user_id=other_member.pk) == 1


def test_another_users_notification_is_a_404(api_as, member, other_member):
    record([other_member])
    theirs = inbox_item(other_member)
    response = api_as(member).post(f"/api/v1/notifications/{theirs.pk}/read/")
    assert response.status_code == 404
    assert inbox_item(other_member).read_at is None


def test_the_public_gets_nothing(api_as, anonymous):
    assert api_as(anonymous).get("/api/v1/notifications/").status_code in {401, 403}
    assert api_as(anonymous).get("/api/v1/notifications/preferences/").status_code in {401, 403}


def test_preferences_through_the_api(api_as, member):
    response = api_as(member).get("/api/v1/notifications/preferences/")
    assert response.json() == {
        "consultations": "immediate",
        "my_comments": "immediate",
        "council": "immediate",
        "organisation": "immediate",
        "account": "immediate",
    }
    response = api_as(member).put(
        "/api/v1/notifications/preferences/", {"council": "digest"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["council"] == "digest"
    assert response.json()["consultations"] == "immediate"
    assert selectors.preferences_for(user_id=member.pk)[COUNCIL] == Mode.DIGEST
    response = api_as(member).put(
        "/api/v1/notifications/preferences/", {"council": "never"}, format="json"
    )
    assert response.status_code == 400


def test_the_header_shows_the_unread_count_in_one_query(
    client_as, member, django_assert_num_queries
):
    record([member], key="1")
    record([member], key="2")
    client = client_as(member)
    client.get("/")  # warm: the session and the user
    response = client.get(reverse("notifications:preferences"))
    assert 'data-unread-count="2"' in response.content.decode()
    with django_assert_num_queries(4):  # session, user, unread count, preferences
        client.get(reverse("notifications:preferences"))


def test_the_inbox_page_reads_one_and_all_without_script(client_as, member, other_member):
    record([member, other_member], key="1", title="Pierwsze")
    record([member], key="2", title="Drugie")
    client = client_as(member)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Pierwsze" in page
    assert "Drugie" in page
    assert 'data-unread-count="2"' in page
    item = inbox_item(member, "1")
    response = client.post(reverse("notifications:read", args=[item.pk]))
    assert response.status_code == 302
    assert inbox_item(member, "1").read_at is not None
    theirs = inbox_item(other_member, "1")
    client.post(reverse("notifications:read", args=[theirs.pk]))
    assert inbox_item(other_member, "1").read_at is None
    client.post(reverse("notifications:read_all"))
    assert selectors.unread_count(user_id=member.pk) == 0
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "data-unread-count" not in page


def test_the_inbox_page_links_to_the_path_on_the_site_being_read(client_as, member, settings):
    settings.SITE_URL = "https://konsultacje.example.org"
    record([member], key="7")
    page = client_as(member).get(reverse("notifications:inbox")).content.decode()
    assert '<a href="/council/votes/7/">' in page
    assert "konsultacje.example.org" not in page


def test_the_inbox_page_needs_a_login(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302


def test_the_preferences_page_saves_each_category(client_as, member):
    client = client_as(member)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "zawsze wysyłane od razu" in page  # essential mails always go
    data = {
        "consultations": "digest",
        "my_comments": "inbox_only",
        "council": "immediate",
        "organisation": "immediate",
        "account": "immediate",
    }
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    chosen = selectors.preferences_for(user_id=member.pk)
    assert chosen[CONSULTATIONS] == Mode.DIGEST
    assert chosen["my_comments"] == Mode.INBOX_ONLY


@pytest.mark.parametrize("count", [2, 20])
def test_the_inbox_page_costs_the_same_queries_with_ten_times_the_items(
    client_as, member, django_assert_num_queries, count
):
    for key in range(count):
        record([member], key=str(key))
    client = client_as(member)
    client.get("/")
    # 1 session, 2 user, 3 count for the paginator, 4 the page's items with their events,
    # 5 the unread count in the header.
    with django_assert_num_queries(5):
        response = client.get(reverse("notifications:inbox"))
    assert response.content.decode().count('class="notification card') == count


def test_administrators_see_failed_deliveries_with_the_servers_answer(client_as, member):
    from notifications.models import DeliveryStatus

    administrator = factories.UserFactory(is_staff=True, is_superuser=True)
    record([member])
    Delivery.objects.filter(channel=Channel.EMAIL).update(
        status=DeliveryStatus.FAILED, last_error="550 5.1.1 No such user"
    )
    client = client_as(administrator)
    page = client.get("/admin/notifications/delivery/?status__exact=failed").content.decode()
    assert "550 5.1.1 No such user" in page
    assert member.email in page
    page = client.get("/admin/notifications/delivery/?status__exact=sent").content.decode()
    assert "550 5.1.1 No such user" not in page
