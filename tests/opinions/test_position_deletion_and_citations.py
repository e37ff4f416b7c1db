"""A draft position can be deleted by its drafter or an officer (service, API, page),
audited; adopted positions and drafts asked for by an organisation stay in the record.
The council's citation of an NGO comment keeps the comment's version it cited."""

import pytest
from django.urls import reverse

from consultations import services as consultation_services
from core.exceptions import Conflict, NotAllowed
from core.models import AuditEvent
from opinions import permissions, services
from opinions.exceptions import PositionNotEditable
from opinions.models import Position, PositionItem, PositionItemSource, PositionKind
from tests.opinions.conftest import adopt, requested_position

pytestmark = pytest.mark.django_db


@pytest.fixture
def general_draft(term, council_member):
    position = services.position_create(
        term=term, actor=council_member, kind=PositionKind.GENERAL, subject="Stanowisko robocze"
    )
    services.item_add(position=position, actor=council_member, text="Punkt pierwszy.")
    return position


def test_who_may_delete_a_draft(
    members, general_draft, council_member, chair, secretary, recused_member, ngo_representative
):
    assert permissions.can_delete_position(council_member, general_draft)  # its drafter
    assert permissions.can_delete_position(chair, general_draft)
    assert permissions.can_delete_position(secretary, general_draft)
    assert not permissions.can_delete_position(recused_member, general_draft)  # a member
    assert not permissions.can_delete_position(ngo_representative, general_draft)


def test_the_drafter_deletes_a_draft_with_its_items(general_draft, council_member, members):
    item_ids = list(general_draft.items.values_list("pk", flat=True))
    services.position_delete(position=general_draft, actor=council_member)

    assert not Position.objects.filter(pk=general_draft.pk).exists()
    assert not PositionItem.objects.filter(pk__in=item_ids).exists()
    event = AuditEvent.objects.get(verb="position.deleted")
    assert event.target_id == str(general_draft.pk)
    assert event.data["items"] == 1


def test_another_member_cannot_delete_a_draft(general_draft, recused_member, members):
    with pytest.raises(NotAllowed):
        services.position_delete(position=general_draft, actor=recused_member)
    assert Position.objects.filter(pk=general_draft.pk).exists()


def test_a_requested_draft_is_withdrawn_not_deleted(ngo, ngo_representative, chair, members):
    position = requested_position(ngo, ngo_representative, chair)
    with pytest.raises(Conflict):
        services.position_delete(position=position, actor=chair)
    assert Position.objects.filter(pk=position.pk).exists()


def test_an_adopted_position_cannot_be_deleted(
    opinion, chair, secretary, council_member, recused_member, api_as
):
    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )
    with pytest.raises(PositionNotEditable):
        services.position_delete(position=opinion, actor=chair)
    response = api_as(chair).delete(f"/api/v1/council/positions/{opinion.pk}/")
    assert response.status_code == 409
    assert Position.objects.filter(pk=opinion.pk).exists()


def test_the_api_deletes_a_draft(general_draft, council_member, recused_member, members, api_as):
    url = f"/api/v1/council/positions/{general_draft.pk}/"
    assert api_as(recused_member).delete(url).status_code == 403
    assert api_as(council_member).delete(url).status_code == 204
    assert not Position.objects.filter(pk=general_draft.pk).exists()


def test_the_page_asks_before_deleting_a_draft(general_draft, council_member, client_as):
    client = client_as(council_member)
    detail = client.get(reverse("council:position_detail", args=[general_draft.pk]))
    url = reverse("council:position_delete", args=[general_draft.pk])
    assert url in detail.content.decode()
    assert client.get(url).status_code == 200
    assert Position.objects.filter(pk=general_draft.pk).exists()
    assert client.post(url).status_code == 302
    assert not Position.objects.filter(pk=general_draft.pk).exists()


# --- Citations keep the version cited ---------------------------------------------------


def test_a_citation_keeps_the_version_and_shows_a_later_change(
    opinion, comments, ngo_representative, council_member, api_as, client_as
):
    source = PositionItemSource.objects.get(comment=comments[0])
    assert source.comment_version == 1
    assert not source.changed_since_cited

    comment = comments[0]
    consultation_services.comment_update(
        comment=comment,
        actor=ngo_representative,
        expected_revision=comment.revision,
        proposed_wording="Konsultacje trwają co najmniej 45 dni.",
    )
    source = PositionItemSource.objects.select_related("comment").get(pk=source.pk)
    assert (source.comment_version, source.comment.version) == (1, 2)
    assert source.changed_since_cited

    body = api_as(council_member).get(f"/api/v1/council/positions/{opinion.pk}/").json()
    cited = [s for item in body["items"] for s in item["sources"] if s["comment"] == comment.pk]
    assert cited == [
        {**cited[0], "comment_version": 1, "changed_since_cited": True},
    ]
    page = client_as(council_member).get(reverse("council:position_detail", args=[opinion.pk]))
    html = page.content.decode()
    assert "zmieniona po zacytowaniu przez radę" in html
    assert reverse("consultations:comment_versions", args=[comment.pk]) in html
