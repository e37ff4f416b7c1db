"""The consultation page shows the first three comments beside each provision (and on the
act as a whole) and links to the page listing them all; that page lists every comment the
viewer may see on the provision, a page at a time, with the same cards (drafts, hidden
comments, moderation, answers, the council's annotations), and 404s for what is not the
consultation's or not the viewer's to see. ``?fragment=1`` gives its cards alone, for the
page's script (tests/e2e/test_comments_in_place.py); without the script the link simply
leads there.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from consultations import services
from consultations.annotations import (
    CommentAnnotation,
    register_comment_annotator,
    unregister_comment_annotator,
)
from consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
)
from consultations.services.council import SubmittedItem, council_submission_deliver
from consultations.views.reading import (
    COMMENTS_SHOWN_UNFOLDED,
    CardTime,
    ProvisionCommentsView,
)
from tests import factories
from tests.consultations.pages.conftest import answer_and_attach, publish_report

pytestmark = pytest.mark.django_db
LITERAL_DATES = "the time format's cases (summer time, a repeated hour); they meet no clock"


def detail_url(consultation) -> str:
    return reverse("consultations:detail", args=[consultation.pk])


def provision_url(consultation, provision) -> str:
    return reverse("consultations:provision_comments", args=[consultation.pk, provision.pk])


def whole_act_url(consultation) -> str:
    return reverse("consultations:whole_act_comments", args=[consultation.pk])


def show_all(response, count: int, label: str | None = None) -> str:
    """The "Show all N comments" link's text as the page writes it (its language)."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        if label is None:
            text = translation.ngettext(
                "Show %(counter)s comment on the act as a whole",
                "Show all %(counter)s comments on the act as a whole",
                count,
            ) % {"counter": count}
        else:
            text = translation.ngettext(
                "Show %(counter)s comment on %(label)s",
                "Show all %(counter)s comments on %(label)s",
                count,
            ) % {"counter": count, "label": label}
    return escape(text)


def comment_many(scene, provision, count: int, *, prefix: str = "Uwaga") -> list[Comment]:
    """``count`` submitted comments of different organisations on ``provision`` (None: the
    act as a whole), one a minute apart in that order: "<prefix> 0", "<prefix> 1", …"""
    start = timezone.now() - dt.timedelta(hours=2)
    return [
        factories.CommentFactory(
            consultation=scene.consultation,
            provision=provision,
            proposed_wording=f"{prefix} {number}",
            submitted_at=start + dt.timedelta(minutes=number),
        )
        for number in range(count)
    ]


def cards_in(html: str) -> int:
    return html.count('<article class="comment')


def row_of(html: str, provision) -> str:
    start = html.index(f'id="{provision.anchor}"')
    return html[start : html.index("</li>", start)]


# --- The consultation page --------------------------------------------------------------


def test_the_page_shows_the_first_three_comments_of_a_provision_and_links_to_all(client, scene):
    provision = scene.provision("§ 3")
    comment_many(scene, provision, 5)

    response = client.get(detail_url(scene.consultation))

    html = response.text
    row = row_of(html, provision)
    assert cards_in(row) == COMMENTS_SHOWN_UNFOLDED == 3
    assert row.index("Uwaga 0") < row.index("Uwaga 1") < row.index("Uwaga 2")  # submission order
    assert "Uwaga 3" not in html
    assert f'href="{provision_url(scene.consultation, provision)}" data-load-comments' in row
    assert show_all(response, 5, "§ 3") in row
    assert response.context["comment_total"] == 5 + 2  # with the scene's two submitted


def test_three_comments_or_fewer_are_all_shown_without_a_link(client, scene):
    provision = scene.provision("§ 3")
    comment_many(scene, provision, 3)

    html = client.get(detail_url(scene.consultation)).text

    row = row_of(html, provision)
    assert cards_in(row) == 3
    assert "data-load-comments" not in html


def test_comments_on_the_act_as_a_whole_are_folded_the_same_way(client, scene):
    comment_many(scene, None, 4)  # before the resident's comment of the scene, submitted now

    response = client.get(detail_url(scene.consultation))

    html = response.text
    section = html[html.index('id="whole-act"') : html.index('id="text-heading"')]
    assert cards_in(section) == 3
    assert section.index("Uwaga 0") < section.index("Uwaga 1") < section.index("Uwaga 2")
    assert "Uwaga 3" not in html
    assert "Cały program jest zbyt ogólny." not in html
    assert f'href="{whole_act_url(scene.consultation)}" data-load-comments' in section
    assert show_all(response, 5) in section
    assert response.context["whole_act_total"] == 5


def test_the_link_counts_in_polish_plural_forms(client, scene):
    provision = scene.provision("§ 3")
    comment_many(scene, provision, 4)
    comment_many(scene, scene.provision("§ 2"), 5)

    response = client.get(detail_url(scene.consultation))

    assert response.wsgi_request.LANGUAGE_CODE == "pl"
    html = response.text
    assert "Pokaż wszystkie 4 uwagi do § 3" in html
    assert "Pokaż wszystkie 5 uwag do § 2" in html


def test_the_viewers_own_draft_stays_beside_its_provision_however_busy(client, scene, ngo_member):
    # The scene's draft on § 2 comes last in the list (drafts have no submission time).
    provision = scene.provision("§ 2")
    comment_many(scene, provision, 4)
    client.force_login(ngo_member)

    response = client.get(detail_url(scene.consultation))

    row = row_of(response.text, provision)
    assert cards_in(row) == 4  # the first three, and the draft
    assert escape(scene.draft.proposed_wording) in row
    assert reverse("consultations:comment_edit", args=[scene.draft.pk]) in row
    assert show_all(response, 5, "§ 2") in row
    assert "Uwaga 3" not in row
    page = client.get(provision_url(scene.consultation, provision)).text
    assert escape(scene.draft.proposed_wording) in page
    assert reverse("consultations:comment_edit", args=[scene.draft.pk]) in page


def test_the_council_items_stay_whole_beside_many_comments(client, scene, official):
    provision = scene.provision("§ 3")
    comment_many(scene, provision, 5)
    council_submission_deliver(
        consultation=scene.consultation,
        actor=official,
        reference="Uchwała nr 7/2026",
        council_name="Sopocka Rada Organizacji Pożytku Publicznego",
        external_id="7",
        items=[SubmittedItem(f"Punkt rady {number}.", provision) for number in range(4)],
    )

    response = client.get(detail_url(scene.consultation))

    row = next(row for row in response.context["rows"] if row.provision == provision)
    assert len(row.entries) == 3
    assert len(row.council_entries) == 4
    assert row.comment_count == 5
    assert show_all(response, 5, "§ 3") in response.text
    [section] = response.context["council_sections"]
    assert len(section.entries) == 4


# --- The page listing them all (the path without JavaScript) ----------------------------


def test_the_provision_page_lists_every_comment_with_its_text_and_a_way_back(client, scene):
    provision = scene.provision("§ 3")
    comment_many(scene, provision, 5)

    response = client.get(provision_url(scene.consultation, provision))

    assert response.status_code == 200
    html = response.text
    assert cards_in(html) == 5
    assert [entry.comment.proposed_wording for entry in response.context["entries"]] == [
        f"Uwaga {number}" for number in range(5)
    ]
    assert escape(provision.text) in html
    assert f'href="{detail_url(scene.consultation)}#{provision.anchor}"' in html
    assert "<html" in html  # the whole page, with the site's layout
    assert 'class="pagination"' not in html  # one page


def test_the_whole_act_page_lists_the_comments_on_the_act_as_a_whole(client, scene):
    comment_many(scene, None, 4)
    comment_many(scene, scene.provision("§ 3"), 2, prefix="Inna")

    response = client.get(whole_act_url(scene.consultation))

    html = response.text
    assert cards_in(html) == 5
    assert "Cały program jest zbyt ogólny." in html
    assert "Inna" not in html
    assert f'href="{detail_url(scene.consultation)}#whole-act"' in html
    fragment = client.get(whole_act_url(scene.consultation), {"fragment": "1"}).text
    assert cards_in(fragment) == 5
    assert "<html" not in fragment


def test_the_provision_page_is_paginated_with_links_between_pages(client, scene, monkeypatch):
    monkeypatch.setattr(ProvisionCommentsView, "paginate_by", 2)
    provision = scene.provision("§ 3")
    comment_many(scene, provision, 5)
    url = provision_url(scene.consultation, provision)

    first = client.get(url)
    second = client.get(url, {"page": 2})
    last = client.get(url, {"page": 3})

    assert [cards_in(page.text) for page in (first, second, last)] == [2, 2, 1]
    assert "Uwaga 2" in second.text
    assert "Uwaga 3" in second.text
    assert '<nav class="pagination"' in first.text
    assert 'href="?page=2" rel="next"' in first.text
    assert 'href="?page=1" rel="prev"' in second.text
    assert 'href="?page=3" rel="next"' in second.text
    assert 'aria-current="page"' in second.text
    assert 'rel="next"' not in last.text
    assert client.get(url, {"page": "x"}).context["page_obj"].number == 1


def test_a_draft_of_another_organisation_never_shows(
    login, scene, ngo_member, other_ngo_representative, official
):
    provision = scene.provision("§ 2")
    url = provision_url(scene.consultation, provision)
    draft = escape(scene.draft.proposed_wording)

    assert draft in login(ngo_member).get(url).text  # its own organisation's
    for viewer in (None, other_ngo_representative, official):
        assert draft not in login(viewer).get(url).text


def test_a_hidden_comment_shows_its_reason_only_to_the_public(
    login, scene, official, ngo_representative
):
    provision = scene.provision("§ 1 ust. 2 pkt 1")
    services.comment_hide(comment=scene.submitted, actor=official, reason="Dane osobowe.")
    url = provision_url(scene.consultation, provision)

    public = login(None).get(url).text
    assert "Dane osobowe." in public
    assert "Programy też wymagają konsultacji." not in public
    authors = login(ngo_representative).get(url).text
    assert "Programy też wymagają konsultacji." in authors
    officials = login(official).get(url).text
    assert "Programy też wymagają konsultacji." in officials
    assert reverse("consultations:comment_unhide", args=[scene.submitted.pk]) in officials


def test_officials_moderate_from_the_provision_page_and_come_back_to_it(
    login, scene, official, ngo_representative, monkeypatch
):
    monkeypatch.setattr(ProvisionCommentsView, "paginate_by", 2)
    provision = scene.provision("§ 1 ust. 2 pkt 1")
    comment_many(scene, provision, 3)
    comment = Comment.objects.get(proposed_wording="Uwaga 2")  # on page 2
    url = provision_url(scene.consultation, provision)
    hide = reverse("consultations:comment_hide", args=[comment.pk])

    page = login(official).get(url, {"page": 2}).text
    assert f'action="{hide}"' in page
    assert f'name="next" value="{url}?page=2"' in page
    assert hide not in login(ngo_representative).get(url, {"page": 2}).text

    response = login(official).post(hide, {"reason": "Dane osobowe.", "next": f"{url}?page=2"})
    assert response["Location"] == f"{url}?page=2#comment-{comment.pk}"
    unhide = reverse("consultations:comment_unhide", args=[comment.pk])
    response = login(official).post(unhide, {"next": "https://example.org/elsewhere/"})
    assert response["Location"] == f"{detail_url(scene.consultation)}#comment-{comment.pk}"


def test_answers_show_once_the_report_is_published(login, scene, official):
    provision = scene.provision("§ 1 ust. 2 pkt 1")
    url = provision_url(scene.consultation, provision)
    assert "Uwzględniono częściowo." not in login(None).get(url).text

    publish_report(scene, official)

    assert "Uwzględniono częściowo." in login(None).get(url).text


def test_the_council_positions_annotate_the_cards_on_the_provision_page(client, scene):
    def annotator(*, viewer, comment_ids):
        return {
            comment_id: [CommentAnnotation(text="Adnotacja", url="/a/")]
            for comment_id in comment_ids
        }

    register_comment_annotator(annotator)
    try:
        response = client.get(
            provision_url(scene.consultation, scene.provision("§ 1 ust. 2 pkt 1"))
        )
    finally:
        unregister_comment_annotator(annotator)

    assert '<a href="/a/">Adnotacja</a>' in response.text


def test_the_fragment_is_the_cards_alone_with_a_link_to_the_next_page(client, scene, monkeypatch):
    monkeypatch.setattr(ProvisionCommentsView, "paginate_by", 2)
    provision = scene.provision("§ 3")
    comment_many(scene, provision, 5)
    url = provision_url(scene.consultation, provision)

    first = client.get(url, {"fragment": "1"})
    last = client.get(url, {"fragment": "1", "page": 3})

    html = first.text
    assert html.lstrip().startswith("<div data-comment-fragment")
    assert "<html" not in html
    assert "<nav" not in html
    assert cards_in(html) == 2
    assert f'href="{url}?page=2" data-load-comments' in html
    assert "data-status=" in html
    assert cards_in(last.text) == 1
    assert "data-load-comments" not in last.text


# --- Not found ----------------------------------------------------------------------------


def test_a_provision_of_another_version_is_not_found(client, scene):
    foreign = factories.ProvisionFactory(
        version=factories.ActVersionFactory(published_at=timezone.now())
    )
    assert client.get(provision_url(scene.consultation, foreign)).status_code == 404
    missing = reverse("consultations:provision_comments", args=[scene.consultation.pk, 999999])
    assert client.get(missing).status_code == 404


def test_a_consultation_the_viewer_may_not_see_is_not_found(login, scene, official, ngo_member):
    Consultation.objects.filter(pk=scene.consultation.pk).update(status=ConsultationStatus.DRAFT)
    provision = scene.provision("§ 2")
    for url in (provision_url(scene.consultation, provision), whole_act_url(scene.consultation)):
        assert login(None).get(url).status_code == 404
        assert login(ngo_member).get(url).status_code == 404
        assert login(official).get(url).status_code == 200
    missing = reverse("consultations:whole_act_comments", args=[999999])
    assert login(None).get(missing).status_code == 404


# --- Queries ------------------------------------------------------------------------------


def add_comments(consultation, provision, count: int, organisations) -> None:
    """``count`` submitted comments on ``provision``, inserted in bulk, some answered,
    hidden or with an attachment."""
    author = factories.UserFactory()
    now = timezone.now()
    created = Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            provision=provision,
            organisation=organisations[number % len(organisations)],
            author=author,
            proposed_wording=f"Brzmienie {number}.",
            justification="Uzasadnienie.",
            status=CommentStatus.SUBMITTED,
            submitted_by=author,
            submitted_at=now - dt.timedelta(seconds=count - number),
            tracking_number=f"P-{consultation.pk}-{number:05d}",
            hidden_at=now if number % 10 == 7 else None,
            hidden_reason="Dane osobowe." if number % 10 == 7 else "",
        )
        for number in range(count)
    )
    answer_and_attach(created, answered_by=author, at=now, attach_every=5)


@pytest.mark.parametrize("count", [12, 120])
def test_the_provision_page_takes_the_same_queries_for_the_public(
    client, scene, django_assert_num_queries, count
):
    provision = scene.provision("§ 3")
    add_comments(scene.consultation, provision, count, [factories.OrganisationFactory()])
    url = provision_url(scene.consultation, provision)
    # 1. the consultation with act, department and authority, 2. the provision (of its
    # version), 3. COUNT of the visible comments on it, 4. a page of them with
    # organisation, author, answer (with who answered), 5. their attachments, 6. the
    # council positions that took them in (the registered annotator).
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["entries"]) == min(count, ProvisionCommentsView.paginate_by)
    with django_assert_num_queries(6):
        client.get(url, {"fragment": "1", "page": 2})


@pytest.mark.parametrize("count", [12, 120])
def test_the_provision_page_takes_the_same_queries_for_an_official(
    client, scene, official, django_assert_num_queries, count
):
    provision = scene.provision("§ 3")
    add_comments(scene.consultation, provision, count, [factories.OrganisationFactory()])
    client.force_login(official)
    # 1. the session, 2. the user, 3. the consultation, 4. the user's official posts and
    # memberships, 5. the provision, 6. COUNT, 7. the page of comments, 8. their
    # attachments, 9. the annotator's council positions.
    # 10. the unread notifications counted for the header.
    with django_assert_num_queries(10):
        response = client.get(provision_url(scene.consultation, provision))
    assert 'name="reason"' in response.text  # the moderation forms


# --- The card's submission time -----------------------------------------------------------


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),  # the last second of winter time
        dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 0, 30, 5, tzinfo=UTC),  # an hour that comes twice
        dt.datetime(2026, 10, 25, 1, 30, 5, tzinfo=UTC),
        dt.datetime(2027, 1, 1, 8, 4, 3, 999999, tzinfo=UTC),
    ],
)
def test_the_card_writes_the_time_as_the_date_filter_does(language, moment):
    with translation.override(language):
        assert CardTime.current().format(moment) == date_filter(
            timezone.localtime(moment), "j E Y, H:i:s"
        )
        assert CardTime.current().format(None) == ""


def test_the_card_says_when_the_comment_was_submitted_in_the_pages_language(client, scene):
    html = client.get(detail_url(scene.consultation)).text
    with translation.override("pl"):
        written = date_filter(timezone.localtime(scene.submitted.submitted_at), "j E Y, H:i:s")
    assert f"złożono {written}" in html
