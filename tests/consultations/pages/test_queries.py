"""The consultation pages take the same number of queries whatever the amount of data:
the detail page from 50 provisions and 500 comments to 300 and 2,000; the answer table
from 50 comments to 500; the list from 5 consultations to 50; the home page likewise."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from acts.models import Provision, ProvisionKind
from consultations.models import Comment, CommentStatus, Consultation, Meeting
from tests import factories
from tests.consultations.pages.conftest import answer_and_attach

pytestmark = pytest.mark.django_db


def make_consultation(department, *, provisions: int, comments: int, organisations) -> Consultation:
    """A consultation open now on a version of ``provisions`` units (nested three deep),
    with ``comments`` submitted comments spread over them, some answered, hidden, with
    attachments; rows inserted in bulk."""
    act = factories.LegalActFactory(department=department)
    version = factories.ActVersionFactory(act=act, published_at=timezone.now())
    units = []
    for order in range(provisions):
        depth = order % 3
        units.append(
            Provision(
                version=version,
                kind=[ProvisionKind.PARAGRAPH, ProvisionKind.USTEP, ProvisionKind.POINT][depth],
                label=f"§ {order // 3 + 1}" + (f" ust. {depth}" if depth else ""),
                anchor=f"unit-{order}",
                number=str(order),
                text=f"Treść jednostki {order}.",
                order=order,
                depth=depth,
            )
        )
    units = Provision.objects.bulk_create(units)
    consultation = factories.ConsultationFactory(version=version)
    Meeting.objects.create(
        consultation=consultation, starts_at=timezone.now(), place="Urząd Miasta, sala 1"
    )
    author = factories.UserFactory()
    now = timezone.now()
    rows = []
    for number, (unit, organisation) in enumerate(
        zip(itertools.cycle([None, *units]), itertools.cycle(organisations), strict=False)
    ):
        if number == comments:
            break
        rows.append(
            Comment(
                consultation=consultation,
                provision=unit,
                organisation=organisation,
                author=author,
                proposed_wording=f"Nowe brzmienie {number}.",
                justification="Uzasadnienie.",
                status=CommentStatus.SUBMITTED,
                submitted_by=author,
                submitted_at=now - dt.timedelta(seconds=number),
                tracking_number=f"Q-{consultation.pk}-{number:05d}",
                hidden_at=now if number % 50 == 7 else None,
                hidden_reason="Dane osobowe." if number % 50 == 7 else "",
            )
        )
    created = Comment.objects.bulk_create(rows)
    answer_and_attach(created, answered_by=author, at=now, attach_every=10)
    analyze_tables()
    return consultation


def analyze_tables() -> None:
    """Give PostgreSQL's planner the statistics a served database has (autovacuum keeps
    them): rows bulk-inserted in the test's own transaction are otherwise planned as one
    row, and the page's window query as a nested loop over 20,000 comments."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE consultations_comment, consultations_answer")


@pytest.fixture
def organisations(db):
    return [factories.OrganisationFactory() for _ in range(5)]


@pytest.mark.parametrize(("provisions", "comments"), [(50, 500), (300, 20000)])
def test_the_detail_page_takes_the_same_queries_for_the_public(
    client, department, organisations, django_assert_num_queries, provisions, comments
):
    consultation = make_consultation(
        department, provisions=provisions, comments=comments, organisations=organisations
    )
    # 1. the consultation with act, department, authority, comment counts and its latest
    # extension, 2. its meetings, 3. its attachments, 4. the provisions with the number of
    # visible comments on each, 5. the comments shown (the first three of each provision
    # and of the act as a whole, numbered by a window function in a subquery, and all the
    # council's items) with provision, organisation, author, answer and council submission,
    # and the count on the act as a whole, 6. their attachments, 7. the council positions
    # that took the comments in (the one registered comment annotator, ``opinions``).
    with django_assert_num_queries(7):
        response = client.get(reverse("consultations:detail", args=[consultation.pk]))
    assert response.status_code == 200
    assert len(response.context["rows"]) == provisions
    assert response.context["comment_total"] == comments


@pytest.mark.parametrize(("provisions", "comments"), [(50, 500), (300, 20000)])
def test_the_detail_page_takes_the_same_queries_for_an_ngo_representative(
    client, department, ngo, ngo_representative, django_assert_num_queries, provisions, comments
):
    consultation = make_consultation(
        department, provisions=provisions, comments=comments, organisations=[ngo]
    )
    client.force_login(ngo_representative)
    # 1. the session, 2. the user, 3. the consultation (as for the public), 4. the user's
    # official posts and memberships (one query), 5. meetings, 6. attachments,
    # 7. provisions with counts, 8. the comments shown (the first three of each provision,
    # with their council submission), 9. their attachments, 10. the council positions that
    # took the comments in (the annotator), 11. what the user follows (the follow buttons),
    # 12. the unread notifications (the header).
    with django_assert_num_queries(12):
        response = client.get(reverse("consultations:detail", args=[consultation.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("?provision=") == provisions  # "Comment on this provision" on each
    # Beyond the first three comments of a provision, a link to the page listing them all.
    assert "data-load-comments" in html


@pytest.mark.parametrize("comments", [50, 500])
def test_the_answer_table_takes_the_same_queries(
    client, department, official, organisations, django_assert_num_queries, comments
):
    consultation = make_consultation(
        department, provisions=30, comments=comments, organisations=organisations
    )
    client.force_login(official)
    # 1. the session, 2. the user, 3. the official's departments and memberships (own
    # comments are visible too), 4. the consultation, 5. the submitted comments with
    # provision, organisation, author and answer (with who answered), 6. their attachments.
    # 7. the unread notifications counted for the header.
    with django_assert_num_queries(7):
        response = client.get(reverse("consultations:answers", args=[consultation.pk]))
    assert response.status_code == 200
    assert len(response.context["rows"]) == comments
    hidden = len([number for number in range(comments) if number % 50 == 7])
    assert response.context["total"] == comments - hidden


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_takes_the_same_queries(
    client, department, organisations, django_assert_num_queries, count
):
    topic = factories.TopicFactory(slug="kultura", name="Kultura")
    for _ in range(count):
        consultation = factories.ConsultationFactory(version__act__department=department)
        consultation.version.act.topics.add(topic)
        factories.CommentFactory.create_batch(2, consultation=consultation)
    # 1. COUNT, 2. the page of consultations with act, department, authority and comment
    # counts, 3. the acts' topics, 4. those closing soon, 5.-6. the departments and topics
    # offered by the filters.
    with django_assert_num_queries(6):
        response = client.get(reverse("consultations:list"))
    assert response.status_code == 200
    assert len(response.context["consultations"]) == min(count, 20)
    assert response.context["consultations"][0].comment_count == 2


@pytest.mark.parametrize("count", [3, 30])
def test_the_home_page_takes_the_same_queries(client, department, django_assert_num_queries, count):
    for _ in range(count):
        factories.ConsultationFactory(version__act__department=department)
    # 1. the open consultations (the first five), 2. those closing soon.
    with django_assert_num_queries(2):
        response = client.get(reverse("home"))
    assert len(response.context["open_consultations"]) == min(count, 5)
