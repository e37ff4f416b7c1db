import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from acts import services
from acts.exceptions import DraftVersionExists, EmptyText, UnreadableDocument, VersionPublished
from acts.models import ActStatus, ActVersion, Provision, SourceKind
from core.exceptions import FileTooLarge, NotAllowed
from core.models import AuditEvent
from tests.acts.texts import SAMPLE_ACT, SAMPLE_ACT_V2, docx_bytes

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_version_from_pasted_text_is_parsed_into_addressable_provisions(act, official):
    version = services.version_create(
        act=act, actor=official, text=SAMPLE_ACT.replace("\n", "\r\n"), change_note=" v1 "
    )
    assert version.number == 1
    assert version.source_kind == SourceKind.TEXT
    assert "\r" not in version.source_text
    assert version.change_note == "v1"
    assert not version.is_published
    assert version.parsed_subject == "w sprawie programu współpracy z organizacjami pozarządowymi"
    assert version.parsed_act_type == "uchwała"
    units = list(version.provisions.order_by("order"))
    assert [unit.label for unit in units[:4]] == [
        "podstawa prawna",
        "§ 1",
        "§ 1 ust. 1",
        "§ 1 ust. 2",
    ]
    assert [unit.order for unit in units] == list(range(len(units)))
    point = version.provisions.get(label="§ 1 ust. 2 pkt 1")
    assert point.anchor == "par-1-ust-2-pkt-1"
    assert point.depth == 2
    assert point.parent.label == "§ 1 ust. 2"
    assert point.parent.parent.label == "§ 1"
    assert point.parent_order == point.parent.order
    event = AuditEvent.objects.for_target(version).get()
    assert event.verb == "act_version.created"
    assert event.data["provisions"] == len(units)


def test_parse_warnings_are_stored_with_their_unit(act, official):
    text = "UCHWAŁA NR 1\nw sprawie testu\n§ 1. Pierwszy.\n§ 3. Trzeci."
    version = services.version_create(act=act, actor=official, text=text)
    assert version.warnings
    warning = version.warnings[0]
    assert set(warning) == {"code", "message", "label"}
    assert isinstance(warning["message"], str)


def test_a_version_from_a_txt_file_keeps_the_file_under_a_private_name(act, official, settings):
    upload = SimpleUploadedFile("projekt.txt", SAMPLE_ACT.encode(), content_type="text/plain")
    version = services.version_create(act=act, actor=official, file=upload)
    assert version.source_kind == SourceKind.FILE
    assert version.source_filename == "projekt.txt"
    assert re.fullmatch(r"acts/\d{4}/[0-9a-f]{32}\.txt", version.source_file.name)
    assert version.provisions.filter(label="§ 3").exists()
    assert len(stored_files(settings)) == 1


def test_a_version_from_a_docx_file_is_read_paragraph_by_paragraph(act, official):
    content = docx_bytes(SAMPLE_ACT)
    version = services.version_create(
        act=act, actor=official, file=SimpleUploadedFile("projekt.docx", content)
    )
    assert version.provisions.get(label="§ 1 ust. 2 pkt 2").text == "wspólne zespoły doradcze."
    with version.source_file.open("rb") as stored:
        assert stored.read() == content


def _macro_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(SAMPLE_ACT)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return buffer.getvalue()


def _embedded_object_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(SAMPLE_ACT)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 object")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("projekt.txt", b"   \n\n  ", UnreadableDocument),
        ("projekt.txt", b"\x00\x01\x02\xff\xfe binary \x00" * 20, UnreadableDocument),
        ("projekt.docx", b"PK\x03\x04 not really a zip", UnreadableDocument),
        ("projekt.docx", _macro_docx(), UnreadableDocument),
        ("projekt.docx", _embedded_object_docx(), UnreadableDocument),
        ("projekt.pdf", b"%PDF-1.7 whatever", UnreadableDocument),
    ],
    ids=["empty", "binary", "corrupt-docx", "docx-with-macros", "docx-with-object", "pdf"],
)
def test_an_unusable_file_is_refused_and_nothing_is_stored(
    act, official, settings, name, content, error
):
    with pytest.raises(error) as raised:
        services.version_create(act=act, actor=official, file=SimpleUploadedFile(name, content))
    assert raised.value.extra["fields"]["file"]
    assert str(raised.value.message)
    assert ActVersion.objects.count() == 0
    assert Provision.objects.count() == 0
    assert not AuditEvent.objects.filter(verb="act_version.created").exists()
    assert stored_files(settings) == []


def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(act, official, settings):
    settings.UPLOAD_MAX_BYTES = 100
    upload = SimpleUploadedFile("projekt.txt", SAMPLE_ACT.encode())
    with pytest.raises(FileTooLarge) as raised:
        services.version_create(act=act, actor=official, file=upload)
    assert "100" in str(raised.value.message)
    assert ActVersion.objects.count() == 0
    assert stored_files(settings) == []


def test_empty_pasted_text_is_refused(act, official):
    with pytest.raises(EmptyText):
        services.version_create(act=act, actor=official, text=" \n ")
    assert ActVersion.objects.count() == 0


def test_a_failure_after_the_file_is_saved_removes_the_file(act, official, settings, monkeypatch):
    monkeypatch.setattr(ActVersion, "save", _fail_on_update_fields(ActVersion.save))
    upload = SimpleUploadedFile("projekt.txt", SAMPLE_ACT.encode())
    with pytest.raises(RuntimeError):
        services.version_create(act=act, actor=official, file=upload)
    assert ActVersion.objects.count() == 0
    assert stored_files(settings) == []


def _fail_on_update_fields(original):
    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") == ["source_file"]:
            raise RuntimeError("the database went away")
        return original(self, *args, **kwargs)

    return save


def test_an_official_of_another_department_cannot_add_a_version(act, other_official):
    with pytest.raises(NotAllowed):
        services.version_create(act=act, actor=other_official, text=SAMPLE_ACT)
    assert ActVersion.objects.count() == 0


def test_an_act_has_at_most_one_unpublished_version(act, official, draft_version):
    with pytest.raises(DraftVersionExists) as raised:
        services.version_create(act=act, actor=official, text=SAMPLE_ACT_V2)
    assert raised.value.status_code == 409
    assert ActVersion.objects.count() == 1


def test_version_numbers_are_gapless_across_refusals(act, official):
    first = services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    services.version_publish(version=first, actor=official)
    with pytest.raises(EmptyText):
        services.version_create(act=act, actor=official, text="")
    second = services.version_create(act=act, actor=official, text=SAMPLE_ACT_V2)
    services.version_publish(version=second, actor=official)
    third = services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    assert [first.number, second.number, third.number] == [1, 2, 3]


def test_publishing_freezes_the_version_and_publishes_the_act(act, official, draft_version):
    version = services.version_publish(version=draft_version, actor=official)
    act.refresh_from_db()
    assert version.published_at is not None
    assert version.published_by == official
    assert act.status == ActStatus.PUBLISHED
    assert AuditEvent.objects.for_target(version).filter(verb="act_version.published").exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda version, actor: services.version_publish(version=version, actor=actor),
        lambda version, actor: services.version_reparse(
            version=version, actor=actor, text=SAMPLE_ACT_V2
        ),
        lambda version, actor: services.provision_update(
            provision=version.provisions.get(label="§ 2"), actor=actor, text="Inny tekst."
        ),
        lambda version, actor: services.provision_split(
            provision=version.provisions.get(label="§ 2"), actor=actor, offset=5
        ),
        lambda version, actor: services.provision_merge(
            provision=version.provisions.get(label="§ 2"), actor=actor
        ),
        lambda version, actor: services.provision_delete(
            provision=version.provisions.get(label="§ 2"), actor=actor
        ),
    ],
    ids=["publish", "reparse", "update", "split", "merge", "delete"],
)
def test_a_published_version_cannot_change(published_version, official, change):
    before = list(published_version.provisions.values_list("label", "text", "order"))
    with pytest.raises(VersionPublished) as raised:
        change(published_version, official)
    assert raised.value.status_code == 409
    after = list(published_version.provisions.values_list("label", "text", "order"))
    assert after == before


def test_reparsing_a_draft_replaces_its_text_and_provisions(draft_version, official):
    version = services.version_reparse(version=draft_version, actor=official, text=SAMPLE_ACT_V2)
    assert version.source_text == SAMPLE_ACT_V2
    assert version.provisions.filter(label="§ 4").exists()
    assert version.provisions.get(label="§ 3").text == "Program ocenia się po roku."
    assert AuditEvent.objects.filter(verb="act_version.reparsed").count() == 1


def test_a_version_without_provisions_cannot_be_published(draft_version, official):
    draft_version.provisions.all().delete()
    with pytest.raises(EmptyText):
        services.version_publish(version=draft_version, actor=official)
