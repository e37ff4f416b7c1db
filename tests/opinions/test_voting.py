"""The result of a vote, from the rules alone (no database): quorum, majority, ties,
abstentions, recusals and members who left."""

import pytest
from django.utils import translation

from opinions.models import BallotChoice, MajorityRule
from opinions.voting import Rules, compute_result

FOR, AGAINST, ABSTAIN = BallotChoice.FOR, BallotChoice.AGAINST, BallotChoice.ABSTAIN
SIMPLE = Rules()
ABSOLUTE = Rules(majority=MajorityRule.ABSOLUTE)
NINE = range(1, 10)


def ballots(*choices):
    """Member 1 votes the first choice, member 2 the second, and so on."""
    return dict(enumerate(choices, start=1))


# (case, rules, eligible, recused, ballots, adopted, quorum reached, participated)
CASES = [
    ("everyone for", SIMPLE, NINE, (), ballots(*[FOR] * 9), True, True, 9),
    (
        "quorum exactly half rounded up",
        SIMPLE,
        NINE,
        (),
        ballots(FOR, FOR, FOR, AGAINST, ABSTAIN),
        True,
        True,
        5,
    ),
    (
        "below quorum fails however many for",
        SIMPLE,
        NINE,
        (),
        ballots(FOR, FOR, FOR, FOR),
        False,
        False,
        4,
    ),
    ("tie fails", SIMPLE, NINE, (), ballots(FOR, FOR, AGAINST, AGAINST, ABSTAIN), False, True, 5),
    (
        "abstentions count for quorum, not for majority",
        SIMPLE,
        NINE,
        (),
        ballots(FOR, ABSTAIN, ABSTAIN, ABSTAIN, ABSTAIN),
        True,
        True,
        5,
    ),
    ("only abstentions fail", SIMPLE, NINE, (), ballots(*[ABSTAIN] * 9), False, True, 9),
    (
        "more against than for fails",
        SIMPLE,
        NINE,
        (),
        ballots(FOR, FOR, AGAINST, AGAINST, AGAINST),
        False,
        True,
        5,
    ),
    (
        "even base: half is enough",
        SIMPLE,
        range(1, 9),
        (),
        ballots(FOR, FOR, FOR, AGAINST),
        True,
        True,
        4,
    ),
    (
        "even base: below half fails",
        SIMPLE,
        range(1, 9),
        (),
        ballots(FOR, FOR, FOR),
        False,
        False,
        3,
    ),
    (
        "recused leave the quorum base",
        SIMPLE,
        range(1, 8),
        (5, 6, 7),
        ballots(FOR, FOR),
        True,
        True,
        2,
    ),
    (
        "a recused member's ballot does not count",
        SIMPLE,
        range(1, 6),
        (3,),
        ballots(FOR, AGAINST, FOR),
        False,
        True,
        2,
    ),
    (
        "a member who left is not counted",
        SIMPLE,
        range(1, 5),
        (),
        {1: FOR, 2: FOR, 9: AGAINST},
        True,
        True,
        2,
    ),
    (
        "left members' ballots do not make the quorum",
        SIMPLE,
        range(1, 7),
        (),
        {1: FOR, 2: FOR, 8: FOR, 9: FOR},
        False,
        False,
        2,
    ),
    (
        "absolute: more than half of the members for",
        ABSOLUTE,
        NINE,
        (),
        ballots(FOR, FOR, FOR, FOR, FOR),
        True,
        True,
        5,
    ),
    (
        "absolute: a simple majority is not enough",
        ABSOLUTE,
        NINE,
        (),
        ballots(FOR, FOR, FOR, FOR, AGAINST, ABSTAIN, ABSTAIN),
        False,
        True,
        7,
    ),
    (
        "absolute: half of an even base is not enough",
        ABSOLUTE,
        range(1, 9),
        (),
        ballots(FOR, FOR, FOR, FOR, AGAINST),
        False,
        True,
        5,
    ),
    (
        "absolute counts recusals out of the base",
        ABSOLUTE,
        NINE,
        (1, 2, 3),
        ballots(None, None, None, FOR, FOR, FOR, FOR, AGAINST),
        True,
        True,
        5,
    ),
    ("nobody eligible: nothing adopted", SIMPLE, (), (), {}, False, False, 0),
    ("everyone recused: nothing adopted", SIMPLE, (1, 2), (1, 2), {}, False, False, 0),
]


@pytest.mark.parametrize(
    ("rules", "eligible", "recused", "cast", "adopted", "quorum_reached", "participated"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_result_follows_the_rules(
    rules, eligible, recused, cast, adopted, quorum_reached, participated
):
    cast = {member: choice for member, choice in cast.items() if choice is not None}

    result = compute_result(
        rules=rules, eligible_member_ids=eligible, recused_member_ids=recused, ballots=cast
    )

    assert result.adopted is adopted
    assert result.quorum_reached is quorum_reached
    assert result.participated == participated


@translation.override("en")
def test_the_counts_and_the_rule_are_reported():
    result = compute_result(
        rules=SIMPLE,
        eligible_member_ids=NINE,
        recused_member_ids=[9],
        ballots=ballots(FOR, FOR, FOR, AGAINST, ABSTAIN),
    )

    assert (result.votes_for, result.votes_against, result.abstentions) == (3, 1, 1)
    assert (result.eligible, result.recused, result.quorum_required) == (8, 1, 4)
    assert result.majority_required == 2
    assert result.turnout == 5 / 8
    assert "at least half of the 8 eligible members (4)" in result.rule_description
    assert "tie fails" in result.rule_description
    assert "1 member recused" in result.rule_description


def test_at_a_meeting_presence_makes_the_quorum_and_absent_ballots_do_not_count():
    result = compute_result(
        rules=SIMPLE,
        eligible_member_ids=range(1, 7),
        recused_member_ids=[],
        ballots={1: FOR, 2: AGAINST, 6: FOR},
        present_member_ids=[1, 2, 3],
    )

    # Three of six present make the quorum; member 3 is present and does not vote;
    # member 6 is absent, so that ballot is not counted: 1 for, 1 against, a tie.
    assert result.participated == 3
    assert result.quorum_reached
    assert (result.votes_for, result.votes_against) == (1, 1)
    assert not result.adopted


@translation.override("en")
def test_the_absolute_rule_says_how_many_votes_for_are_needed():
    result = compute_result(
        rules=ABSOLUTE, eligible_member_ids=NINE, recused_member_ids=[], ballots={}
    )

    assert result.majority_required == 5
    assert "at least 5" in result.rule_description


def test_an_unknown_rule_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown majority rule"):
        compute_result(
            rules=Rules(majority="two_thirds"),
            eligible_member_ids=[1],
            recused_member_ids=[],
            ballots={},
        )
