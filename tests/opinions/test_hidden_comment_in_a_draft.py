"""A comment copied into a council draft and then hidden by an official stops showing its
text there: the draft's page, its editor and the API withhold an item quoting it from
every council member who may not read the comment (``opinions.presenters``, the
consultation's own rule), and show it to those who may (its authors, administrators)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultations import services as consultation_services
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN_TEXT = "Konsultacje trwają co najmniej 30 dni."
KEPT_TEXT = "Rada opiniuje program przed jego przyjęciem."


@pytest.fixture
def organiser(consultation):
    user = factories.UserFactory(full_name="Urzędniczka Wydziału")
    factories.OfficialPostFactory(user=user, department=consultation.version.act.department)
    return user


@pytest.fixture
def hidden_in_draft(opinion, comments, organiser):
    consultation_services.comment_hide(comment=comments[0], actor=organiser, reason="Dane osobowe.")
    return opinion


@pytest.fixture
def author_on_the_council(make_member, ngo):
    """A council member who belongs to the organisation that wrote the hidden comment."""
    return make_member("Członkini Autorka", organisation=ngo)


@pytest.mark.parametrize(
    ("persona", "reads_it"),
    [
        ("council_member", False),
        ("chair", False),
        ("author_on_the_council", True),
        ("administrator", True),
    ],
)
def test_the_draft_page_withholds_the_hidden_comments_text_from_who_may_not_read_it(
    request, client_as, hidden_in_draft, persona, reads_it
):
    client = client_as(request.getfixturevalue(persona))
    page = client.get(reverse("council:position_detail", args=[hidden_in_draft.pk]))
    assert page.status_code == 200
    assert (HIDDEN_TEXT in page.text) is reads_it
    assert KEPT_TEXT in page.text
    editor = client.get(reverse("council:position_edit", args=[hidden_in_draft.pk]))
    if editor.status_code == 200:
        assert (HIDDEN_TEXT in editor.text) is reads_it


@pytest.mark.parametrize(
    ("persona", "reads_it"),
    [("council_member", False), ("author_on_the_council", True)],
)
def test_the_api_withholds_the_hidden_comments_text_from_who_may_not_read_it(
    request, api_as, hidden_in_draft, persona, reads_it
):
    body = (
        api_as(request.getfixturevalue(persona))
        .get(reverse("api-council-position-detail", args=[hidden_in_draft.pk]))
        .json()
    )
    first, second = body["items"]
    assert (first["text"] == HIDDEN_TEXT) is reads_it
    assert first["text_withheld"] is not reads_it
    assert second["text"] == KEPT_TEXT
    assert second["text_withheld"] is False


def test_an_item_rewritten_in_the_councils_words_shows_again(
    client_as, api_as, hidden_in_draft, council_member
):
    from opinions import services

    item = hidden_in_draft.items.order_by("order").first()
    services.item_update(
        item=item,
        actor=council_member,
        text="Rada proponuje dłuższy termin konsultacji.",
        expected_revision=item.revision,
    )
    page = client_as(council_member).get(
        reverse("council:position_detail", args=[hidden_in_draft.pk])
    )
    assert "Rada proponuje dłuższy termin konsultacji." in page.text


def test_before_the_comment_is_hidden_every_member_reads_the_copy(
    client_as, opinion, council_member
):
    page = client_as(council_member).get(reverse("council:position_detail", args=[opinion.pk]))
    assert HIDDEN_TEXT in page.text


@pytest.mark.parametrize(
    ("persona", "reads_it"),
    [("council_member", False), ("author_on_the_council", True)],
)
def test_the_vote_page_withholds_the_hidden_comments_text(
    request, client_as, hidden_in_draft, chair, persona, reads_it
):
    import datetime as dt

    from django.utils import timezone

    from opinions import services
    from opinions.models import VoteMode

    vote = services.vote_open(
        position=hidden_in_draft,
        actor=chair,
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=2),
    )
    page = client_as(request.getfixturevalue(persona)).get(
        reverse("council:vote_detail", args=[vote.pk])
    )
    assert page.status_code == 200
    assert (HIDDEN_TEXT in page.text) is reads_it
    assert KEPT_TEXT in page.text


def test_the_amendment_form_does_not_start_from_a_withheld_text(
    client_as, hidden_in_draft, council_member
):
    item = hidden_in_draft.items.order_by("order").first()
    page = client_as(council_member).get(
        reverse("council:amendment_propose", args=[hidden_in_draft.pk, item.pk])
    )
    assert page.status_code == 200
    assert HIDDEN_TEXT not in page.text


def test_a_drafts_document_withholds_the_hidden_comments_text(hidden_in_draft):
    from opinions.selectors import position_document_data

    data = position_document_data(position=hidden_in_draft)
    texts = [item.text for item in data.items]
    assert HIDDEN_TEXT not in texts
    assert KEPT_TEXT in texts
