"""The report: publishing needs every visible comment answered; its data, JSON and CSV
(UTF-8 with BOM); the outcome summary with the act's next version."""

import csv
import io

import pytest

from acts import services as act_services
from consultations import report, selectors, services
from consultations.exceptions import ReportIncomplete
from consultations.exports import NO_COUNCIL_SUBMISSION
from core.exceptions import InvalidTransition
from tests.acts.texts import SAMPLE_ACT_V2
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at, comment_on, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(
    consultation,
    provisions,
    official,
    ngo,
    other_ngo,
    ngo_representative,
    other_ngo_representative,
    resident,
):
    """Four submitted comments: two on one provision, one on the act as a whole, one by a
    resident; the resident's is hidden. Every visible one is answered after the end."""
    first = submitted(consultation, ngo_representative, ngo, provisions[3])
    second = submitted(
        consultation,
        other_ngo_representative,
        other_ngo,
        provisions[3],
        proposed_wording="=SUMA(A1)",
    )
    whole = submitted(consultation, other_ngo_representative, other_ngo)
    own = comment_on(consultation, resident, submit=True, proposed_wording="Jan Kowalski, PESEL")
    services.comment_hide(comment=own, actor=official, reason="Dane osobowe")
    with at(consultation, AFTER):
        services.answer_give(
            comment=first, actor=official, disposition="accepted", justification="Przyjęto."
        )
        services.answer_give_bulk(
            comments=[second, whole],
            actor=official,
            disposition="not_accepted",
            justification="Nie przyjęto.",
        )
    return [first, second, whole, own]


def test_the_report_is_published_only_after_the_end_with_every_comment_answered(
    consultation, provisions, official, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[3])
    with pytest.raises(InvalidTransition):
        services.report_publish(consultation=consultation, actor=official)
    with at(consultation, AFTER):
        with pytest.raises(ReportIncomplete) as error:
            services.report_publish(consultation=consultation, actor=official)
        assert error.value.extra == {"unanswered": 1}
        services.answer_give(
            comment=comment, actor=official, disposition="accepted", justification="Tak."
        )
        services.report_publish(consultation=consultation, actor=official)
        consultation.refresh_from_db()
        assert consultation.phase == "report_published"
        with pytest.raises(InvalidTransition):
            services.report_publish(consultation=consultation, actor=official)


def test_the_report_data_counts_and_lists_every_comment(consultation, answered, ngo, other_ngo):
    data = report.report_data(consultation=consultation)

    assert data.participants == sorted([ngo.name, other_ngo.name])
    assert (data.organisation_count, data.resident_count) == (2, 1)
    assert (data.comment_count, data.hidden_count, data.answered_count) == (4, 1, 3)
    counts = {row.disposition: row.count for row in data.counts_by_disposition}
    assert counts == {"accepted": 1, "partly_accepted": 0, "not_accepted": 2, "not_applicable": 0}
    by_provision = {row.label: row.total for row in data.counts_by_provision}
    assert by_provision[answered[0].provision.label] == 2
    hidden = next(row for row in data.comments if row.hidden)
    assert (hidden.proposed_wording, hidden.hidden_reason) == ("", "Dane osobowe")
    assert hidden.author != "Ewa Mieszkanka"  # residents are not named in open data
    assert data.subject == consultation.version.act.subject


def test_the_csv_is_utf8_with_a_bom_and_defuses_formulas(consultation, answered):
    text = report.report_csv(report.report_data(consultation=consultation))

    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 1 + 4
    assert any(cell == "'=SUMA(A1)" for row in rows for cell in row)
    json_data = report.report_json(report.report_data(consultation=consultation))
    assert json_data["comments"][0]["submitted_at"].endswith(("+00:00", "+01:00", "+02:00"))


def test_the_report_endpoints_are_public_once_published(api_as, consultation, answered, official):
    base = f"/api/v1/consultations/{consultation.pk}/"
    assert api_as(None).get(base + "report.json").status_code == 404
    with at(consultation, AFTER):
        assert api_as(official).get(base + "report.json").status_code == 200  # a preview
        assert api_as(None).get(base + "report.csv").status_code == 404
        published = api_as(official).post(base + "report/publish/")
        assert published.status_code == 200, published.json()
        csv_response = api_as(None).get(base + "report.csv")
        json_response = api_as(None).get(base + "report.json")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.startswith("\ufeff".encode())
    assert json_response.json()["comment_count"] == 4


def test_the_summary_links_the_next_versions_redline(
    api_as, consultation, answered, official, published_version
):
    summary = selectors.consultation_outcome_summary(consultation=consultation)
    assert (summary.total, summary.answered, summary.accepted) == (3, 3, 1)
    assert summary.next_version_number is None
    assert summary.rows[0].provision_id is None  # the act as a whole comes first

    version = act_services.version_create(
        act=published_version.act, actor=official, text=SAMPLE_ACT_V2
    )
    act_services.version_publish(version=version, actor=official)
    with at(consultation, AFTER):
        services.report_publish(consultation=consultation, actor=official)
        response = api_as(None).get(f"/api/v1/consultations/{consultation.pk}/summary/")
    assert response.status_code == 200
    assert response.json()["next_version_number"] == 2
    assert response.json()["redline_url"].endswith("/versions/2/diff/?against=1")


def test_the_councils_submission_is_named_after_the_council(
    consultation, official, ngo_representative
):
    from consultations.models import CouncilSubmission
    from tests import factories

    submission = CouncilSubmission.objects.create(
        consultation=consultation,
        reference="Uchwała nr 7/2027",
        council_name="Sopocka Rada Organizacji Pozarządowych",
        delivered_at=consultation.starts_at,
        external_id="7",
    )
    factories.CommentFactory(
        consultation=consultation,
        organisation=None,
        author=ngo_representative,
        council_submission=submission,
    )

    data = report.report_data(consultation=consultation)

    assert [row.author_kind for row in data.comments] == ["council"]
    assert data.council_comments == data.comments
    council_section = report_html(data).split("Stanowisko rady organizacji pozarządowych")[1]
    assert data.comments[0].tracking_number in council_section
    assert NO_COUNCIL_SUBMISSION not in council_section
    assert NO_COUNCIL_SUBMISSION not in report_docx_text(data)
    assert data.participants == ["Sopocka Rada Organizacji Pozarządowych"]
    assert data.resident_count == 0


def report_html(data) -> str:
    from documents.rendering import render_html

    return render_html(
        template="pdf/consultation_report.html", context={"data": data}, title="T", code="ABC"
    )


def report_docx_text(data) -> str:
    from consultations.exports import report_docx
    from tests.documents.test_exports import docx_text

    return docx_text(report_docx(data, title="T", code="ABC"))


def test_the_report_says_so_when_the_council_made_no_submission(consultation, answered):
    data = report.report_data(consultation=consultation)

    assert data.comments
    assert data.council_comments == []
    council_section = report_html(data).split("Stanowisko rady organizacji pozarządowych")[1]
    assert NO_COUNCIL_SUBMISSION in council_section
    assert "Uwaga nr" not in council_section
    assert NO_COUNCIL_SUBMISSION in report_docx_text(data).split("Stanowisko rady")[1]
