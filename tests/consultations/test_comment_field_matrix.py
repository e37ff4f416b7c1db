"""What each persona reads of a comment, in the API and on the consultation page, while
the consultation is open, after its end (answered, report not yet published) and once the
report is published, with the application clock frozen.

One table of expectations (``expected``) for both: the API's comment list and the page's
cards must show the same fields to the same people (``consultations.presenters``).

The scene: an open consultation (organisations and residents, comments public at once), a
comment of ``ngo`` drafted by its member and submitted by its representative, a second one
hidden by the official, and a resident's comment on the act as a whole; after the end each
is answered.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Disposition
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, OPEN, REPORT_PUBLISHED, at, comment_on, submitted

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "resident",
    "ngo_representative",
    "ngo_member",
    "other_ngo_member",
    "official",
    "other_official",
    "council_member",
    "administrator",
]
PHASES = [OPEN, AFTER, REPORT_PUBLISHED]
MANAGERS = {"official", "administrator"}
# The authors of each comment: its organisation's members, or the resident who wrote it.
AUTHORS = {
    "ngo": {"ngo_representative", "ngo_member"},
    "hidden": {"ngo_representative", "ngo_member"},
    "resident": {"resident"},
}
ANSWER = "Uwzględniono w nowym brzmieniu."


def expected(persona: str, phase: str, kind: str) -> dict[str, bool]:
    insider = persona in AUTHORS[kind] | MANAGERS
    published = phase == REPORT_PUBLISHED
    return {
        "content": insider or kind != "hidden",
        "tracking_number": insider or published,
        "author_name": insider,
        "answer": phase != OPEN and (persona in MANAGERS or published),
    }


@pytest.fixture
def other_ngo_member(other_ngo):
    user = factories.UserFactory(email="other.member@example.org", full_name="Olga Obca")
    factories.MembershipFactory(user=user, organisation=other_ngo)
    return user


@pytest.fixture
def council_member(db):
    """A member of the NGO council's current term, for an organisation of their own."""
    seat = factories.TermMemberFactory(user__full_name="Marek Członek Rady")
    factories.MembershipFactory(user=seat.user, organisation=seat.organisation)
    return seat.user


@pytest.fixture
def scene_in(
    request, consultation, provisions, official, ngo, ngo_member, ngo_representative, resident
):
    def make(phase: str) -> dict:
        draft = comment_on(
            consultation,
            ngo_member,
            organisation=ngo,
            provision=provisions[3],
            proposed_wording="Brzmienie organizacji.",
        )
        comments = {
            "ngo": services.comment_submit(comment=draft, actor=ngo_representative),
            "hidden": submitted(
                consultation,
                ngo_representative,
                ngo,
                provisions[4],
                proposed_wording="Brzmienie ukryte.",
            ),
            "resident": comment_on(
                consultation, resident, proposed_wording="Brzmienie mieszkanki.", submit=True
            ),
        }
        services.comment_hide(comment=comments["hidden"], actor=official, reason="Dane osobowe")
        if phase != OPEN:
            with at(consultation, AFTER):
                for comment in comments.values():
                    services.answer_give(
                        comment=comment,
                        actor=official,
                        disposition=Disposition.ACCEPTED,
                        justification=f"{ANSWER} ({comment.pk})",
                    )
                if phase == REPORT_PUBLISHED:
                    services.report_publish(consultation=consultation, actor=official)
        for comment in comments.values():
            comment.refresh_from_db()
        return {"consultation": consultation, "comments": comments}

    return make


def api_fields(row: dict) -> dict[str, bool]:
    return {
        "content": row["content_visible"] and row["proposed_wording"] is not None,
        "tracking_number": row["tracking_number"] is not None,
        "author_name": row["drafted_by"] is not None,
        "answer": row["answer"] is not None,
    }


def card_of(html: str, comment) -> str:
    match = re.search(rf'<article[^>]* id="comment-{comment.pk}".*?</article>', html, re.DOTALL)
    assert match, f"no card for comment {comment.pk}"
    return match.group(0)


def page_fields(card: str, comment, want: dict[str, bool]) -> dict[str, bool]:
    """The card's fields. It names the person behind a resident's comment only: for an
    organisation's comment it names the organisation, to everyone, and no person."""
    if comment.organisation_id is None:
        author_name = comment.author.full_name in card
    else:
        assert comment.author.full_name not in card
        author_name = want["author_name"]
    return {
        "content": comment.proposed_wording in card,
        "tracking_number": comment.tracking_number in card,
        "author_name": author_name,
        "answer": f"{ANSWER} ({comment.pk})" in card,
    }


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reads_the_same_fields_in_the_api_and_on_the_page(
    request, scene_in, api_as, client, persona, phase
):
    scene = scene_in(phase)
    consultation, comments = scene["consultation"], scene["comments"]
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    with at(consultation, OPEN if phase == OPEN else AFTER):
        listed = api_as(user).get(f"/api/v1/consultations/{consultation.pk}/comments/").json()
        html = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()

    rows = {row["id"]: row for row in listed["results"]}
    for kind, comment in comments.items():
        want = expected(persona, phase, kind)
        assert api_fields(rows[comment.pk]) == want, f"API, {kind} comment"
        assert page_fields(card_of(html, comment), comment, want) == want, f"page, {kind}"


def test_the_public_names_a_resident_only_as_a_resident_even_after_the_report(
    scene_in, api_as, client, anonymous
):
    scene = scene_in(REPORT_PUBLISHED)
    comment = scene["comments"]["resident"]
    with at(scene["consultation"], AFTER):
        row = api_as(None).get(f"/api/v1/comments/{comment.pk}/").json()
        html = client.get(reverse("consultations:detail", args=[scene["consultation"].pk]))
    assert row["author"] == "Mieszkaniec"
    assert "Mieszkaniec" in card_of(html.content.decode(), comment)
