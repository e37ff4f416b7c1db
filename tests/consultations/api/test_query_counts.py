"""The provisions and comments endpoints take a constant number of queries, from 50
provisions and 500 comments to 300 provisions and 20,000 comments.

The large data is bulk-inserted (a few seconds for 20,000 comments) and only the first
page is asked for. Counts are for the public and for an NGO member, whose memberships and
official posts cost one query each per request.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from acts.models import Provision, ProvisionKind
from consultations.models import Comment, CommentStatus
from tests import factories

pytestmark = pytest.mark.django_db

SIZES = [
    pytest.param(50, 500, id="50-provisions-500-comments"),
    pytest.param(300, 20_000, id="300-provisions-20000-comments"),
]
ORGANISATIONS = 5
BATCH = 2_000


def large_consultation(provisions: int, comments: int, ngo):
    consultation = factories.ConsultationFactory()
    version = consultation.version
    Provision.objects.bulk_create(
        [
            Provision(
                version=version,
                kind=ProvisionKind.PARAGRAPH,
                number=str(index + 1),
                label=f"§ {index + 1}",
                anchor=f"par-{index + 1}",
                text=f"Treść paragrafu {index + 1}.",
                order=index,
            )
            for index in range(provisions)
        ],
        batch_size=BATCH,
    )
    provision_ids = list(version.provisions.order_by("order").values_list("pk", flat=True))
    organisations = [ngo] + [factories.OrganisationFactory() for _ in range(ORGANISATIONS - 1)]
    author = factories.UserFactory()
    now = timezone.now()
    rows = (
        Comment(
            consultation=consultation,
            provision_id=provision_ids[index % len(provision_ids)] if index % 10 else None,
            organisation=organisations[index % ORGANISATIONS],
            author=author,
            submitted_by=author,
            proposed_wording="Proponowane brzmienie.",
            justification="Uzasadnienie.",
            status=CommentStatus.SUBMITTED,
            submitted_at=now,
            tracking_number=f"TST-2027-{index // 10000:04d}-{index % 10000:04d}",
        )
        for index in range(comments)
    )
    while batch := list(itertools.islice(rows, BATCH)):
        Comment.objects.bulk_create(batch, batch_size=BATCH)
    return consultation


def fresh(user):
    """The user as a new request loads it: nothing cached on the object."""
    return User.objects.get(pk=user.pk) if user.is_authenticated else user


# Queries per endpoint, listed: the consultation with its act, department and authority
# (1); for provisions, COUNT (2) and the page with each provision's visible comment count
# and its parent's label as subqueries (3); for comments, COUNT of the visible comments (2),
# the page with provision, organisation, author and answer joined (3) and the page's
# attachments (4). A logged-in viewer adds one query: their official posts and memberships
# together, read once per request.
QUERIES = {
    ("provisions", "anonymous"): 3,
    ("provisions", "ngo_member"): 4,
    ("comments", "anonymous"): 4,
    ("comments", "ngo_member"): 5,
}


@pytest.mark.parametrize(("provisions", "comments"), SIZES)
def test_provisions_and_comments_take_a_constant_number_of_queries(
    api_as, ngo, ngo_member, anonymous, django_assert_num_queries, provisions, comments
):
    consultation = large_consultation(provisions, comments, ngo)
    personas = {"anonymous": anonymous, "ngo_member": ngo_member}
    for (endpoint, persona), queries in QUERIES.items():
        client = api_as(fresh(personas[persona]))
        with django_assert_num_queries(queries):
            response = client.get(f"/api/v1/consultations/{consultation.pk}/{endpoint}/")
        assert response.status_code == 200
        body = response.json()
        if endpoint == "provisions":
            assert body["count"] == provisions
            assert sum(row["comment_count"] for row in body["results"]) > 0
        else:
            assert body["count"] == comments
            assert len(body["results"]) == 50


@pytest.mark.parametrize("related", [1, 10])
def test_the_details_take_a_constant_number_of_queries(
    api_as, ngo, django_assert_num_queries, related
):
    consultation = factories.ConsultationFactory()
    for index in range(related):
        consultation.meetings.create(starts_at=consultation.ends_at, place=f"Sala {index}")
        consultation.extensions.create(
            previous_ends_at=consultation.ends_at,
            new_ends_at=consultation.ends_at,
            reason="Dłużej",
        )
    comment = factories.CommentFactory(consultation=consultation, organisation=ngo)
    factories.AnswerFactory(comment=comment)
    client = api_as(None)
    # 1. the consultation with act, department, authority and comment counts; 2. the act's
    # topics; 3. meetings; 4. attachments; 5. extensions with who extended.
    with django_assert_num_queries(5):
        assert client.get(f"/api/v1/consultations/{consultation.pk}/").status_code == 200
    # 1. the comment with consultation, act, department, authority, provision,
    # organisation, people and answer joined; 2. its attachments.
    with django_assert_num_queries(2):
        assert client.get(f"/api/v1/comments/{comment.pk}/").status_code == 200


def test_a_submission_takes_a_fixed_number_of_queries(
    api_as, ngo, ngo_representative, django_assert_num_queries
):
    """Create and submit in one request, with an Idempotency-Key. The key is looked up
    first (1), then the request's transaction (a savepoint inside the test's own, 2 and 9)
    holds: the viewer's posts and memberships, which also name the organisation (3), the
    consultation with its department and its authority's code (4), the provision (5), the
    conditional INSERT (6), its wording kept as version 1 (7), the audit event (8) and the
    stored answer (9). Nothing is read back: the answer is built from what was written.
    The receipt's notification, recorded in the same transaction (the outbox), adds 4: the
    event inserted unless there, read back, the recipients (the submitter and the
    organisation's representatives, one query) and their deliveries in one insert."""
    consultation = factories.ConsultationFactory()
    provision = factories.ProvisionFactory(version=consultation.version)
    ContentType.objects.get_for_model(Comment)  # cached for the process in production
    client = api_as(fresh(ngo_representative))
    with django_assert_num_queries(14):
        response = client.post(
            f"/api/v1/consultations/{consultation.pk}/comments/",
            {
                "organisation": ngo.pk,
                "provision": provision.pk,
                "proposed_wording": "Nowe brzmienie.",
                "justification": "Uzasadnienie.",
                "submit": True,
            },
            format="json",
            HTTP_IDEMPOTENCY_KEY="count-1",
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == {"id": ngo.pk, "name": ngo.name}
    assert body["provision"]["id"] == provision.pk
    assert body["tracking_number"]
    assert body["submitted_at"]
