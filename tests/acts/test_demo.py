from io import StringIO

import pytest

from acts import selectors
from acts.amendment_selectors import consolidated_preview
from acts.demo import ACTS, AMENDMENT_ACTS, DATA_DIR, demo_text, seed_acts
from acts.models import ActVersion, LegalAct, Provision
from acts.redline import compute_redline

pytestmark = pytest.mark.django_db


def test_the_demo_texts_keep_a_source_note_that_is_not_part_of_the_act():
    for path in DATA_DIR.glob("*.txt"):
        assert path.read_text(encoding="utf-8").startswith("# source: ")
        assert not demo_text(path.name).startswith("#")


def test_seeding_creates_a_published_act_with_a_redline_and_a_draft(official, department):
    out = StringIO()
    created = seed_acts(out)
    assert len(created) == len(ACTS) + len(AMENDMENT_ACTS) == 4
    published, draft = created[:2]
    assert [v.is_published for v in published.versions.order_by("number")] == [True, True]
    assert [v.is_published for v in draft.versions.all()] == [False]
    assert published.department == department
    assert published.created_by == official
    old, new = published.versions.order_by("number")
    redline = compute_redline(
        list(selectors.provision_list(version=old)), list(selectors.provision_list(version=new))
    )
    assert redline.summary["changed"] >= 1
    assert redline.summary["added"] >= 1
    assert "Demo act" in out.getvalue()


def test_seeding_twice_changes_nothing(official):
    seed_acts(StringIO())
    counts = [model.objects.count() for model in (LegalAct, ActVersion, Provision)]
    assert seed_acts(StringIO()) == []
    assert [model.objects.count() for model in (LegalAct, ActVersion, Provision)] == counts


def test_without_an_official_nothing_is_seeded(db):
    out = StringIO()
    assert seed_acts(out) == []
    assert "no demo acts" in out.getvalue()


def test_seeding_creates_an_amending_act_whose_changes_all_apply(official):
    created = seed_acts(StringIO())
    amended, amending = created[2:]
    assert amended.number == "XXX/400/2021"
    assert amending.amends == amended
    preview = consolidated_preview(version=amending.versions.get())
    assert preview.amendments.amended_act == amended
    assert preview.problems == []
    assert len(preview.consolidation.applied) == 6
    assert preview.redline.summary["added"] >= 4
