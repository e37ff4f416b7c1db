"""What the resolution's document and the term's report show."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opinions import selectors, services
from opinions.models import BallotChoice, PositionKind, VoteMode
from opinions.report import term_report_data
from tests.opinions.conftest import adopt, seat_of

pytestmark = pytest.mark.django_db


def test_the_document_of_an_adopted_opinion(
    members, chair, secretary, council_member, recused_member, opinion, term, council
):
    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )
    opinion.refresh_from_db()

    document = selectors.position_document_data(position=opinion)

    assert document.council_name == council.name
    assert document.letterhead == ["ul. Kościuszki 25/27", "81-704 Sopot"]
    assert document.number_label == opinion.number_label
    assert document.title == f"Uchwała nr {opinion.number_label}"
    assert document.date == timezone.localdate()
    assert document.consultation_title == opinion.consultation.title
    assert [(item.order, item.provision_label) for item in document.items] == [
        (1, "§ 3 ust. 1"),
        (2, "§ 5"),
    ]
    assert document.tally.votes_for == 4
    assert document.tally.outcome == "adopted"
    assert document.voters["for"] == sorted(
        user.full_name for user in (chair, secretary, council_member, recused_member)
    )
    assert [(person.name, person.office) for person in document.signatories] == [
        (chair.full_name, "chair"),
        (secretary.full_name, "secretary"),
    ]


def test_the_document_of_a_draft_has_no_tally(opinion, members):
    document = selectors.position_document_data(position=opinion)
    assert document.tally is None
    assert document.number_label == ""
    assert document.voters == {"for": [], "against": [], "abstain": []}


def test_the_document_names_the_recused(members, position_in, recused_member):
    document = selectors.position_document_data(position=position_in("adopted"))
    [(name, reason)] = document.recused
    assert name == recused_member.full_name
    assert reason


def test_the_term_report(
    members,
    position_in,
    opinion,
    chair,
    secretary,
    council_member,
    recused_member,
    former_member,
    term,
):
    position_in("adopted")
    position_in("rejected")
    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )
    draft = services.position_create(
        term=term, actor=chair, kind=PositionKind.GENERAL, subject="Stanowisko ogólne"
    )
    services.item_add(position=draft, actor=chair, text="Treść.")
    meeting = services.vote_open(position=draft, actor=secretary, mode=VoteMode.MEETING)
    present = [seat_of(user, term) for user in (chair, secretary)]
    services.attendance_record(
        vote=meeting, actor=secretary, present_member_ids=[seat.pk for seat in present]
    )
    for seat in present:
        services.ballot_record(vote=meeting, actor=secretary, member=seat, choice=BallotChoice.FOR)
    services.vote_close(vote=meeting, actor=secretary)

    report = term_report_data(term=term)

    by_kind = {summary.kind: summary.count for summary in report.adopted_by_kind}
    assert by_kind["offer_opinion"] == 1
    assert by_kind["consultation_opinion"] == 1
    assert by_kind["general"] == 1
    assert (report.adopted_count, report.rejected_count, report.votes_closed) == (3, 1, 4)
    [answered] = report.consultations_answered
    assert answered.consultation_id == opinion.consultation_id
    assert not answered.is_late
    activity = {row.member.user: row for row in report.members}
    # Three circulation votes and one meeting; the recused member sat out two votes on
    # their organisation's offer and missed the meeting.
    assert (activity[chair].votes_entitled, activity[chair].votes_taken_part) == (4, 4)
    assert activity[council_member].turnout == 3 / 4
    assert activity[council_member].attendance == 0
    assert activity[recused_member].recusals == 2
    assert (activity[recused_member].votes_entitled, activity[recused_member].turnout) == (
        2,
        0.5,
    )
    assert activity[former_member].votes_entitled == 0
    assert activity[former_member].turnout is None


def test_the_report_takes_a_fixed_number_of_queries(
    members,
    opinion,
    chair,
    secretary,
    council_member,
    recused_member,
    term,
    position_in,
    django_assert_num_queries,
):
    position_in("adopted")
    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )
    # 1. positions, 2. the council's submissions of its opinions, 3. closed votes,
    # 4. ballots, 5. attendance, 6. recusals, 7. members.
    with django_assert_num_queries(7):
        term_report_data(term=term)


def test_a_vote_after_a_member_left_is_not_counted_for_them(
    members, position_in, former_member, term
):
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1)):
        position_in("adopted")
    report = term_report_data(term=term)
    [row] = [row for row in report.members if row.member.user == former_member]
    assert row.votes_entitled == 0
