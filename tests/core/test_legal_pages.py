"""The privacy notice and the accessibility statement: seeded, public, edited by
administrators (audited), rendered without letting markup through, linked from every
page's footer."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from core.events import CoreVerb
from core.exceptions import NotAllowed
from core.legal_text import render_legal_text
from core.models import AuditEvent, LegalPage, LegalPageKind
from core.services import legal_page_update
from tests import factories

pytestmark = pytest.mark.django_db

PRIVACY = "/privacy/"
ACCESSIBILITY = "/accessibility/"
SEEDING = importlib.import_module("core.migrations.0007_seed_legal_pages")


@pytest.fixture(autouse=True)
def seeded(db):
    """The pages as the data migration seeds them (a transactional test elsewhere in the
    session may have emptied the table since the migrations ran)."""
    SEEDING.seed(django_apps, None)


def page(kind):
    return LegalPage.objects.get(kind=kind)


# --- The seeded text ---------------------------------------------------------------------


def test_the_privacy_notice_is_seeded_with_what_rodo_asks_for():
    body = page(LegalPageKind.PRIVACY).body
    for part in (
        "## Administrator danych",
        "Urząd Miasta Sopotu",
        "Sopocka Rada Organizacji Pozarządowych",
        "## Inspektor ochrony danych",
        "## Cele i podstawy prawne przetwarzania",
        "art. 6 ust. 1 lit. c",
        "art. 6 ust. 1 lit. e",
        "## Okres przechowywania",
        "dokumentację konsultacji",
        "Dane konta",
        "## Prawa osób, których dane dotyczą",
        "Prezesa Urzędu Ochrony Danych Osobowych",
    ):
        assert part in body, part


def test_the_accessibility_statement_is_seeded_with_the_structure_the_act_requires():
    body = page(LegalPageKind.ACCESSIBILITY).body
    for part in (
        "ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej",
        "Data publikacji strony internetowej",
        "Data ostatniej istotnej aktualizacji",
        "## Stan dostępności cyfrowej",
        "## Przygotowanie deklaracji dostępności",
        "## Informacje zwrotne i dane kontaktowe",
        "## Procedura odwoławcza",
        "Rzecznika Praw Obywatelskich",
        "## Dostępność architektoniczna",
    ):
        assert part in body, part


# --- The public pages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [(PRIVACY, LegalPageKind.PRIVACY), (ACCESSIBILITY, LegalPageKind.ACCESSIBILITY)],
)
def test_anyone_reads_the_legal_pages(client, address, kind, django_assert_num_queries):
    # 1. the page with who last changed it.
    with django_assert_num_queries(1):
        response = client.get(address)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{page(kind).title}</h1>" in html
    assert "<h2>" in html
    assert "<ul>" in html


def test_a_missing_page_is_not_found(client):
    LegalPage.objects.filter(kind=LegalPageKind.PRIVACY).delete()
    assert client.get(PRIVACY).status_code == 404


def test_markup_written_in_a_page_is_shown_as_text(client, administrator):
    legal_page_update(
        page=page(LegalPageKind.PRIVACY),
        title="Prywatność <b>",
        body='<script>alert("x")</script>\n\n- <img src=x onerror=alert(1)>',
        actor=administrator,
    )
    html = client.get(PRIVACY).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Prywatność &lt;b&gt;" in html


def test_the_text_marks_become_headings_lists_paragraphs_and_links():
    html = render_legal_text(
        "## Kontakt\nPierwsza linia\ndruga linia\n\n- jeden\n- dwa\n\n"
        "Pisz: iod@sopot.example.org lub https://bip.brpo.gov.pl/"
    )
    assert html == (
        "<h2>Kontakt</h2>\n"
        "<p>Pierwsza linia<br>druga linia</p>\n"
        "<ul><li>jeden</li><li>dwa</li></ul>\n"
        '<p>Pisz: <a href="mailto:iod@sopot.example.org">iod@sopot.example.org</a> lub '
        '<a href="https://bip.brpo.gov.pl/" rel="nofollow">https://bip.brpo.gov.pl/</a></p>'
    )


# --- Changing them -----------------------------------------------------------------------


def test_an_administrator_changes_a_page_and_it_is_audited(administrator):
    privacy = page(LegalPageKind.PRIVACY)
    previous = privacy.body
    legal_page_update(page=privacy, title=privacy.title, body="Nowa treść.", actor=administrator)
    privacy.refresh_from_db()
    assert privacy.body == "Nowa treść."
    assert privacy.updated_by == administrator
    event = AuditEvent.objects.for_target(privacy).get()
    assert event.verb == CoreVerb.LEGAL_PAGE_UPDATED
    assert event.actor == administrator
    assert event.data["changed"] == ["body"]
    assert event.data["previous"]["body"] == previous


def test_saving_the_same_text_records_nothing(administrator):
    privacy = page(LegalPageKind.PRIVACY)
    legal_page_update(page=privacy, title=privacy.title, body=privacy.body, actor=administrator)
    assert not AuditEvent.objects.for_target(privacy).exists()


@pytest.mark.parametrize("persona", ["official", "ngo_representative", "resident", "anonymous"])
def test_only_administrators_change_the_pages(persona, request):
    privacy = page(LegalPageKind.PRIVACY)
    with pytest.raises(NotAllowed):
        legal_page_update(page=privacy, title="X", body="Y", actor=request.getfixturevalue(persona))
    privacy.refresh_from_db()
    assert privacy.title != "X"


def test_a_page_needs_a_title_and_a_text(administrator):
    with pytest.raises(ValidationError) as error:
        legal_page_update(
            page=page(LegalPageKind.PRIVACY), title=" ", body="\n", actor=administrator
        )
    assert set(error.value.message_dict) == {"title", "body"}


def test_an_administrator_edits_a_page_in_the_administration(client, administrator):
    accessibility = page(LegalPageKind.ACCESSIBILITY)
    client.force_login(administrator)
    change = f"/admin/core/legalpage/{accessibility.pk}/change/"
    assert client.get(change).status_code == 200
    response = client.post(
        change, {"title": "Deklaracja dostępności", "body": "## Stan\nZgodna w pełni."}
    )
    assert response.status_code == 302
    accessibility.refresh_from_db()
    assert accessibility.body == "## Stan\nZgodna w pełni."
    assert accessibility.updated_by == administrator
    assert AuditEvent.objects.for_target(accessibility).get().actor == administrator
    assert "Zgodna w pełni." in client.get(ACCESSIBILITY).content.decode()
    # The pages are seeded: none is added or deleted here.
    assert client.get("/admin/core/legalpage/add/").status_code == 403
    assert client.get(f"/admin/core/legalpage/{accessibility.pk}/delete/").status_code == 403


# --- Linked from every page --------------------------------------------------------------

PUBLIC_PAGES = [
    "/",
    "/consultations/",
    "/acts/",
    "/organisations/",
    "/council/resolutions/",
    "/accounts/login/",
    "/accounts/register/",
    PRIVACY,
    ACCESSIBILITY,
    "/no-such-page/",
]


def footer_of(html: str) -> str:
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


@pytest.mark.parametrize("address", PUBLIC_PAGES)
def test_every_page_links_to_both_statements_in_its_footer(client, address):
    footer = footer_of(client.get(address).content.decode())
    assert f'href="{PRIVACY}"' in footer
    assert f'href="{ACCESSIBILITY}"' in footer


@pytest.mark.parametrize("address", ["/my-work/", "/council/", "/accounts/profile/"])
def test_signed_in_pages_link_to_both_statements_too(client, address):
    client.force_login(factories.UserFactory())
    footer = footer_of(client.get(address).content.decode())
    assert f'href="{PRIVACY}"' in footer
    assert f'href="{ACCESSIBILITY}"' in footer
