import pytest
from django.core.exceptions import ValidationError

from acts import services
from acts.exceptions import InvalidCorrection
from acts.models import ActVersion, Provision, ProvisionKind
from core.exceptions import NotAllowed
from core.models import AuditEvent
from tests.acts.texts import RUN_TOGETHER_ACT, SAMPLE_ACT

pytestmark = pytest.mark.django_db


def assert_tree_is_consistent(version: ActVersion) -> None:
    """Positions run 0…n-1 in document order, each unit's parent is the nearest earlier unit
    one level up, and ``parent_order`` mirrors ``parent``."""
    units = list(version.provisions.order_by("order"))
    assert [unit.order for unit in units] == list(range(len(units)))
    by_id = {unit.pk: unit for unit in units}
    open_at_depth: dict[int, Provision] = {}
    for unit in units:
        if unit.parent_id is None:
            assert unit.depth == 0
            assert unit.parent_order is None
        else:
            parent = by_id[unit.parent_id]
            assert unit.depth == parent.depth + 1
            assert unit.parent_order == parent.order
            assert open_at_depth[unit.depth - 1] is parent
        open_at_depth[unit.depth] = unit
    assert len({unit.anchor for unit in units}) == len(units)


def unit(version: ActVersion, label: str) -> Provision:
    return version.provisions.get(label=label)


def test_a_unit_can_change_kind_label_and_text(draft_version, official):
    provision = services.provision_update(
        provision=unit(draft_version, "§ 2"),
        actor=official,
        kind=ProvisionKind.ARTICLE,
        label="Art. 2",
        text="Wykonanie powierza się Prezydentowi.",
    )
    provision.refresh_from_db()
    assert provision.kind == ProvisionKind.ARTICLE
    assert provision.label == "Art. 2"
    assert provision.anchor == "art-2"
    assert provision.text == "Wykonanie powierza się Prezydentowi."
    event = AuditEvent.objects.get(verb="provision.updated")
    assert event.data["changes"]["label"] == {"from": "§ 2", "to": "Art. 2"}


def test_a_new_label_gets_an_anchor_unique_in_the_version(draft_version, official):
    provision = services.provision_update(
        provision=unit(draft_version, "§ 2"), actor=official, label="§ 3"
    )
    assert provision.anchor == "par-3-2"
    assert_tree_is_consistent(draft_version)


def test_a_unit_needs_a_known_kind_and_a_label(draft_version, official):
    with pytest.raises(ValidationError):
        services.provision_update(provision=unit(draft_version, "§ 2"), actor=official, kind="x")
    with pytest.raises(ValidationError):
        services.provision_update(provision=unit(draft_version, "§ 2"), actor=official, label=" ")


def test_correcting_a_unit_settles_its_warnings(act, official):
    version = services.version_create(
        act=act, actor=official, text="UCHWAŁA NR 1\nw sprawie testu\n§ 1. Pierwszy.\n§ 3. Trzeci."
    )
    warned = {warning["label"] for warning in version.warnings}
    assert "§ 3" in warned
    services.provision_update(provision=unit(version, "§ 3"), actor=official, label="§ 2")
    version.refresh_from_db()
    assert "§ 3" not in {warning["label"] for warning in version.warnings}


def test_splitting_a_unit_makes_a_sibling_right_after_it(act, official):
    version = services.version_create(act=act, actor=official, text=RUN_TOGETHER_ACT)
    first = unit(version, "§ 1")
    offset = first.text.index("Drugi")
    first, second = services.provision_split(
        provision=first, actor=official, offset=offset, label="§ 1a"
    )
    assert first.text == "Pierwszy przepis."
    assert second.text == "Drugi przepis wpisany w tej samej linii."
    assert second.label == "§ 1a"
    assert second.order == first.order + 1
    assert second.kind == first.kind
    assert unit(version, "§ 2").order == second.order + 1
    assert_tree_is_consistent(version)
    assert AuditEvent.objects.filter(verb="provision.split").count() == 1


def test_the_second_part_of_a_split_takes_over_the_sub_units(draft_version, official):
    services.provision_update(
        provision=unit(draft_version, "§ 1"), actor=official, text="Wstęp. Dalszy wstęp:"
    )
    _first, second = services.provision_split(
        provision=unit(draft_version, "§ 1"), actor=official, offset=len("Wstęp.")
    )
    assert second.label == "§ 1 (2)"
    assert set(second.children.values_list("label", flat=True)) == {"§ 1 ust. 1", "§ 1 ust. 2"}
    assert_tree_is_consistent(draft_version)


@pytest.mark.parametrize("where", ["start", "end", "beyond"])
def test_a_split_must_leave_text_on_both_sides(draft_version, official, where):
    provision = unit(draft_version, "§ 3")
    offset = {"start": 0, "end": len(provision.text), "beyond": 1000}[where]
    with pytest.raises(InvalidCorrection):
        services.provision_split(provision=provision, actor=official, offset=offset)
    assert draft_version.provisions.count() == 9


def test_merging_joins_a_unit_with_its_previous_sibling(draft_version, official):
    merged_into = services.provision_merge(
        provision=unit(draft_version, "§ 1 ust. 2 pkt 2"), actor=official
    )
    assert merged_into.label == "§ 1 ust. 2 pkt 1"
    assert merged_into.text == "konsultacje aktów prawa miejscowego; wspólne zespoły doradcze."
    assert not draft_version.provisions.filter(label="§ 1 ust. 2 pkt 2").exists()
    assert_tree_is_consistent(draft_version)
    assert AuditEvent.objects.filter(verb="provision.merged").count() == 1


def test_merging_moves_the_sub_units_to_the_previous_sibling(draft_version, official):
    merged_into = services.provision_merge(
        provision=unit(draft_version, "§ 1 ust. 2"), actor=official
    )
    assert merged_into.label == "§ 1 ust. 1"
    assert set(merged_into.children.values_list("label", flat=True)) == {
        "§ 1 ust. 2 pkt 1",
        "§ 1 ust. 2 pkt 2",
    }
    assert_tree_is_consistent(draft_version)


def test_the_first_unit_at_its_level_cannot_be_merged(draft_version, official):
    with pytest.raises(InvalidCorrection):
        services.provision_merge(provision=unit(draft_version, "§ 1 ust. 1"), actor=official)


def test_removing_a_unit_removes_its_sub_units_and_closes_the_gap(draft_version, official):
    removed = services.provision_delete(provision=unit(draft_version, "§ 1"), actor=official)
    assert removed == 5
    assert list(draft_version.provisions.order_by("order").values_list("label", flat=True)) == [
        "podstawa prawna",
        "§ 2",
        "§ 3",
        "uzasadnienie",
    ]
    assert_tree_is_consistent(draft_version)


def test_an_official_of_another_department_cannot_correct(draft_version, other_official):
    with pytest.raises(NotAllowed):
        services.provision_update(
            provision=unit(draft_version, "§ 2"), actor=other_official, text="Inny"
        )


def test_a_series_of_corrections_keeps_the_tree_consistent(act, official):
    version = services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    services.provision_split(provision=unit(version, "§ 2"), actor=official, offset=10)
    services.provision_merge(provision=unit(version, "§ 3"), actor=official)
    services.provision_merge(provision=unit(version, "§ 1 ust. 2"), actor=official)
    services.provision_delete(provision=unit(version, "§ 1 ust. 2 pkt 1"), actor=official)
    services.provision_split(provision=unit(version, "§ 1 ust. 1"), actor=official, offset=5)
    assert_tree_is_consistent(version)
    services.version_publish(version=version, actor=official)
