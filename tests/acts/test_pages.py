"""The legal act pages: who sees what, how many queries they take, and the editor's flow
from a new act to a published second version with its redline."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from acts import services
from acts.models import ActStatus, ActVersion, LegalAct
from tests import factories
from tests.acts.texts import (
    RUN_TOGETHER_ACT,
    SAMPLE_ACT,
    SAMPLE_ACT_V2,
    act_text,
    docx_bytes,
)

pytestmark = pytest.mark.django_db


def publish(act, actor, text=SAMPLE_ACT) -> ActVersion:
    version = services.version_create(act=act, actor=actor, text=text)
    return services.version_publish(version=version, actor=actor)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def translated(response, text: str) -> str:
    """``text`` in the language the page was served in (Polish unless asked otherwise)."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return translation.gettext(text)


# --- Reading ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_the_act_list_takes_the_same_queries_for_5_and_50_acts(
    client, official, department, django_assert_num_queries, count
):
    topic = factories.TopicFactory(slug="kultura", name="Kultura")
    for _ in range(count):
        act = factories.LegalActFactory(department=department)
        act.topics.add(topic)
        factories.ActVersionFactory(act=act, published_at=timezone.now())
    # 1. COUNT, 2. the page of acts with department and latest published version,
    # 3. their topics, 4.-5. the departments and topics offered by the filters.
    with django_assert_num_queries(5):
        response = client.get(reverse("acts:list"))
    assert response.status_code == 200
    assert len(response.context["acts"]) == min(count, 20)


def test_the_public_list_shows_published_acts_only(client, act, official):
    draft = factories.LegalActFactory(department=act.department, title="Szkic tajny")
    publish(act, official)
    html = client.get(reverse("acts:list")).content.decode()
    assert act.title in html
    assert draft.title not in html


def test_officials_see_draft_acts_in_the_list_and_a_button_to_create_one(
    client_as, act, other_official
):
    html = client_as(other_official).get(reverse("acts:list")).content.decode()
    assert act.title in html
    assert reverse("acts:create") in html


def test_the_list_filters_by_topic(client, act, official):
    publish(act, official)
    topic = factories.TopicFactory(slug="sport", name="Sport")
    response = client.get(reverse("acts:list"), {"topic": "sport"})
    assert list(response.context["acts"]) == []
    act.topics.add(topic)
    response = client.get(reverse("acts:list"), {"topic": "sport"})
    assert list(response.context["acts"]) == [act]


@pytest.mark.parametrize("units", [50, 500])
def test_the_act_page_takes_the_same_queries_for_50_and_500_units(
    client, act, official, django_assert_num_queries, units
):
    publish(act, official, act_text(units))
    # 1. the act with department, authority and latest version, 2. its topics, 3. the
    # versions, 4. the units of the newest published one (with their parents' labels),
    # 5. its consultations.
    with django_assert_num_queries(5):
        response = client.get(reverse("acts:detail", args=[act.pk]))
    assert response.status_code == 200
    assert len(response.context["provisions"]) == units


@pytest.mark.parametrize("units", [50, 500])
def test_a_version_page_takes_the_same_queries_for_50_and_500_units(
    client, act, official, django_assert_num_queries, units
):
    publish(act, official, act_text(units))
    # 1. the version with its act, department and authority, 2. its units, 3. the previous
    # published version (for the link to the redline).
    with django_assert_num_queries(3):
        response = client.get(reverse("acts:version", args=[act.pk, 1]))
    assert len(response.context["provisions"]) == units


@pytest.mark.parametrize("units", [50, 500])
def test_the_redline_page_takes_the_same_queries_for_50_and_500_units(
    client, act, official, django_assert_num_queries, units
):
    publish(act, official, act_text(units))
    publish(act, official, act_text(units).replace("punkt 1 ustępu 2;", "punkt 1 ust. 2;"))
    # 1. version 2 with its act, 2. the act's versions (for the choice of the other one),
    # 3. the previous published version, 4.-5. the units of each.
    with django_assert_num_queries(5):
        response = client.get(reverse("acts:redline", args=[act.pk, 2]))
    assert response.context["redline"].summary["changed"] > 0


def test_the_act_page_nests_the_units_with_anchors_and_self_links(client, act, official):
    publish(act, official)
    html = client.get(reverse("acts:detail", args=[act.pk])).content.decode()
    assert 'id="par-1-ust-2-pkt-1"' in html
    assert 'href="#par-1-ust-2-pkt-1"' in html
    assert "§ 1 ust. 2 pkt 1" in html
    # § 1 contains its subsections: their list opens inside its item.
    section = html.index('id="par-1"')
    assert html.index('id="par-1-ust-1"') > section
    assert '<ol class="provisions">' in html[section : html.index('id="par-1-ust-1"')]


def test_a_draft_act_is_a_404_for_the_public_and_other_ngos(
    client_as, act, draft_version, resident
):
    assert client_as(None).get(reverse("acts:detail", args=[act.pk])).status_code == 404
    assert client_as(resident).get(reverse("acts:detail", args=[act.pk])).status_code == 404


def test_the_public_does_not_see_the_draft_version_of_a_published_act(client, act, official):
    publish(act, official)
    services.version_create(act=act, actor=official, text=SAMPLE_ACT_V2)
    response = client.get(reverse("acts:detail", args=[act.pk]))
    assert [version.number for version in response.context["versions"]] == [1]
    assert client.get(reverse("acts:version", args=[act.pk, 2])).status_code == 404
    assert client.get(reverse("acts:version", args=[act.pk, 1])).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [("official", 200), ("administrator", 200), ("other_official", 404), ("resident", 404)],
)
def test_the_draft_version_page_is_for_the_department(
    client_as, act, draft_version, request, persona, status
):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(reverse("acts:version", args=[act.pk, 1])).status_code == status


# --- Writing: who reaches the forms -----------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("official", 200),
        ("administrator", 200),
        ("other_official", 404),
        ("resident", 404),
        ("ngo_representative", 404),
    ],
)
def test_the_editor_pages_are_for_the_acts_department(
    client_as, act, draft_version, request, persona, status
):
    client = client_as(request.getfixturevalue(persona))
    for url in (
        reverse("acts:version_edit", args=[act.pk, 1]),
        reverse("acts:version_create", args=[act.pk]),
        reverse("acts:edit", args=[act.pk]),
        reverse("acts:version_publish", args=[act.pk, 1]),
    ):
        assert client.get(url).status_code == status, url


def test_the_public_is_sent_to_log_in(client, act):
    response = client.get(reverse("acts:create"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["resident", "ngo_representative"])
def test_only_officials_and_administrators_reach_the_new_act_form(client_as, request, persona):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(reverse("acts:create")).status_code == 404


def test_an_official_of_another_department_cannot_post_corrections(
    client_as, act, draft_version, other_official
):
    unit = draft_version.provisions.get(label="§ 2")
    response = client_as(other_official).post(
        reverse("acts:provision_update", args=[act.pk, 1, unit.pk]),
        {"kind": "paragraph", "label": "§ 2", "text": "Przejęte"},
    )
    assert response.status_code == 404
    unit.refresh_from_db()
    assert unit.text != "Przejęte"


@pytest.mark.parametrize("units", [50, 500])
def test_the_editor_takes_the_same_queries_for_50_and_500_units(
    client, act, official, department, django_assert_num_queries, units
):
    services.version_create(act=act, actor=official, text=act_text(units))
    client.force_login(official)
    # 1. the session, 2. the user, 3. the version with its act, 4. the official's
    # departments, 5. the units, 6. the previous published version.
    # 7. the unread notifications counted for the header.
    with django_assert_num_queries(7):
        response = client.get(reverse("acts:version_edit", args=[act.pk, 1]))
    assert response.status_code == 200
    assert len(response.context["provisions"]) == units


# --- The editor's flow ------------------------------------------------------------------


def test_an_official_creates_an_act_pastes_its_text_corrects_and_publishes(
    client, official, department
):
    client.force_login(official)
    topic = factories.TopicFactory(slug="wspolpraca", name="Współpraca")

    response = client.post(
        reverse("acts:create"),
        {
            "title": "Projekt uchwały w sprawie testu",
            "subject": "w sprawie testu",
            "act_type": "city_council_resolution",
            "issuing_authority": "Rada Miasta Sopotu",
            "department": department.pk,
            "topics": [topic.pk],
        },
    )
    act = LegalAct.objects.get()
    assert response["Location"] == reverse("acts:version_create", args=[act.pk])

    response = client.post(
        reverse("acts:version_create", args=[act.pk]), {"text": RUN_TOGETHER_ACT}
    )
    assert response["Location"] == reverse("acts:version_edit", args=[act.pk, 1])

    response = client.get(response["Location"])
    html = response.content.decode()
    assert 'id="par-1"' in html
    assert "Pierwszy przepis. Drugi przepis" in html
    assert RUN_TOGETHER_ACT.splitlines()[0] in html  # the source text beside the tree

    unit = act.versions.get().provisions.get(label="§ 1")
    response = client.post(
        reverse("acts:provision_split", args=[act.pk, 1, unit.pk]),
        {"offset": unit.text.index("Drugi"), "label": "§ 1a"},
        follow=True,
    )
    assert translated(
        response, "The unit has been split in two. Check the second part."
    ) in messages_of(response)
    assert response.redirect_chain[-1][0].endswith("#par-1a")

    second = act.versions.get().provisions.get(label="§ 1a")
    client.post(
        reverse("acts:provision_update", args=[act.pk, 1, second.pk]),
        {"kind": "paragraph", "label": "§ 2", "text": second.text},
    )
    old_second = act.versions.get().provisions.get(label="§ 2", text__startswith="Uchwała")
    client.post(
        reverse("acts:provision_update", args=[act.pk, 1, old_second.pk]),
        {"kind": "paragraph", "label": "§ 3", "text": old_second.text},
    )

    confirmation = client.get(reverse("acts:version_publish", args=[act.pk, 1]))
    assert confirmation.status_code == 200
    response = client.post(reverse("acts:version_publish", args=[act.pk, 1]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("acts:version", args=[act.pk, 1])
    act.refresh_from_db()
    assert act.status == ActStatus.PUBLISHED
    assert list(
        act.versions.get().provisions.order_by("order").values_list("label", flat=True)
    ) == ["§ 1", "§ 2", "§ 3"]

    # A second version, from a .docx, then its redline against the first.
    upload = SimpleUploadedFile(
        "v2.docx", docx_bytes(RUN_TOGETHER_ACT.replace("Pierwszy przepis.", "Pierwszy."))
    )
    response = client.post(
        reverse("acts:version_create", args=[act.pk]), {"file": upload, "change_note": "Skrót"}
    )
    assert response["Location"] == reverse("acts:version_edit", args=[act.pk, 2])
    client.post(reverse("acts:version_publish", args=[act.pk, 2]))
    response = client.get(reverse("acts:redline", args=[act.pk, 2]))
    assert response.status_code == 200
    assert response.context["against"].number == 1
    assert response.context["redline"].has_changes
    html = response.content.decode()
    assert "css/redline.css" in html
    assert "<del>" in html or "<ins>" in html


def test_the_editor_lists_the_warnings_with_links_to_their_units(client_as, act, official):
    services.version_create(
        act=act, actor=official, text="UCHWAŁA NR 1\nw sprawie testu\n§ 1. Pierwszy.\n§ 3. Trzeci."
    )
    html = client_as(official).get(reverse("acts:version_edit", args=[act.pk, 1])).content
    assert re.search(rb'<a href="#par-3"[^>]*>\xc2\xa7 3</a>', html)


def test_a_refused_correction_is_shown_as_a_message_not_an_error_page(
    client_as, act, draft_version, official
):
    first = draft_version.provisions.get(label="podstawa prawna")
    response = client_as(official).post(
        reverse("acts:provision_merge", args=[act.pk, 1, first.pk]), follow=True
    )
    assert response.status_code == 200
    expected = translated(
        response, "This is the first unit at its level, so there is nothing to merge it with."
    )
    assert expected in messages_of(response)


def test_an_invalid_correction_form_names_the_field(client_as, act, draft_version, official):
    unit = draft_version.provisions.get(label="§ 2")
    response = client_as(official).post(
        reverse("acts:provision_split", args=[act.pk, 1, unit.pk]), {"offset": ""}, follow=True
    )
    label = translated(response, "Split at character")
    assert any(message.startswith(f"{label}: ") for message in messages_of(response))


def test_an_unreadable_upload_comes_back_with_the_error_at_the_file(client_as, act, official):
    upload = SimpleUploadedFile("projekt.docx", b"PK\x03\x04 broken")
    response = client_as(official).post(
        reverse("acts:version_create", args=[act.pk]), {"file": upload}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ActVersion.objects.exists()


def test_a_version_needs_text_or_a_file(client_as, act, official):
    response = client_as(official).post(reverse("acts:version_create", args=[act.pk]), {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_published_version_opens_read_only(client_as, act, official):
    publish(act, official)
    response = client_as(official).get(reverse("acts:version_edit", args=[act.pk, 1]))
    assert response["Location"] == reverse("acts:version", args=[act.pk, 1])


def test_reparsing_from_the_editor_replaces_the_units(client_as, act, draft_version, official):
    client = client_as(official)
    client.post(reverse("acts:version_reparse", args=[act.pk, 1]), {"text": SAMPLE_ACT_V2})
    assert draft_version.provisions.filter(label="§ 4").exists()
    response = client.post(
        reverse("acts:version_reparse", args=[act.pk, 1]), {"text": "  "}, follow=True
    )
    assert messages_of(response)


def test_the_redline_page_without_an_earlier_version_says_so(client, act, official):
    publish(act, official)
    response = client.get(reverse("acts:redline", args=[act.pk, 1]))
    assert response.status_code == 200
    assert response.context["redline"] is None
    assert response.context["nothing_to_compare"]


def test_an_official_edits_the_acts_details(client_as, act, official, department):
    response = client_as(official).post(
        reverse("acts:edit", args=[act.pk]),
        {
            "title": "Nowy tytuł",
            "act_type": "programme",
            "department": department.pk,
        },
    )
    assert response["Location"] == reverse("acts:detail", args=[act.pk])
    act.refresh_from_db()
    assert (act.title, act.act_type) == ("Nowy tytuł", "programme")
