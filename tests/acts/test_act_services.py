import pytest
from django.core.exceptions import ValidationError

from acts import services
from acts.exceptions import ActClosed
from acts.models import ActStatus, ActType, LegalAct
from core.exceptions import InvalidTransition, NotAllowed
from core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_official_creates_a_draft_act_of_their_department(official, department):
    topic = factories.TopicFactory(slug="wspolpraca", name="Współpraca")
    act = services.act_create(
        actor=official,
        department=department,
        title="  Projekt programu  ",
        act_type=ActType.PROGRAMME,
        topics=[topic],
    )
    assert act.title == "Projekt programu"
    assert act.status == ActStatus.DRAFT
    assert act.created_by == official
    assert list(act.topics.all()) == [topic]
    assert AuditEvent.objects.for_target(act).get().verb == "legal_act.created"


def test_an_administrator_creates_acts_for_any_department(administrator, other_department):
    act = services.act_create(actor=administrator, department=other_department, title="Akt")
    assert act.department == other_department


@pytest.mark.parametrize("persona", ["other_official", "resident", "ngo_representative"])
def test_others_cannot_create_an_act_of_the_department(persona, department, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(NotAllowed):
        services.act_create(actor=user, department=department, title="Akt")
    assert not LegalAct.objects.exists()


def test_an_act_needs_a_title(official, department):
    with pytest.raises(ValidationError) as error:
        services.act_create(actor=official, department=department, title="   ")
    assert "title" in error.value.message_dict


def test_updating_an_act_records_what_changed(act, official):
    services.act_update(act=act, actor=official, subject="w sprawie nowego programu")
    event = AuditEvent.objects.get(verb="legal_act.updated")
    assert event.data["subject"]["to"] == "w sprawie nowego programu"


def test_an_act_cannot_move_to_a_department_the_official_does_not_work_in(
    act, official, other_department
):
    with pytest.raises(NotAllowed):
        services.act_update(act=act, actor=official, department=other_department)
    act.refresh_from_db()
    assert act.department != other_department


def test_an_official_of_another_department_cannot_update_the_act(act, other_official):
    with pytest.raises(NotAllowed):
        services.act_update(act=act, actor=other_official, title="Inny")


def test_a_withdrawn_act_takes_no_new_versions_and_no_changes(act, official):
    services.act_withdraw(act=act, actor=official, reason="Rezygnacja")
    act.refresh_from_db()
    assert act.status == ActStatus.WITHDRAWN
    with pytest.raises(ActClosed):
        services.version_create(act=act, actor=official, text="§ 1. Tekst.")
    with pytest.raises(ActClosed):
        services.act_update(act=act, actor=official, title="Inny")
    with pytest.raises(InvalidTransition):
        services.act_withdraw(act=act, actor=official)


def test_only_a_published_act_can_be_adopted(act, official, draft_version):
    with pytest.raises(InvalidTransition):
        services.act_adopt(act=act, actor=official)
    services.version_publish(version=draft_version, actor=official)
    act = services.act_adopt(act=act, actor=official)
    assert act.status == ActStatus.ADOPTED
    assert AuditEvent.objects.filter(verb="legal_act.adopted").count() == 1
