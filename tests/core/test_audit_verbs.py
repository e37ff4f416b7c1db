"""The audit verbs are one catalogue (``core.events``), and every recorded verb is in it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from accounts.events import AccountVerb
from core.events import AuditVerb, all_verbs, verb_catalogues
from core.services import audit_log

REPOSITORY = Path(__file__).resolve().parents[2]
SKIPPED_DIRECTORIES = {".venv", "tests", "migrations", "benchmarks", "node_modules", "var"}


def application_modules() -> list[Path]:
    return sorted(
        path
        for path in REPOSITORY.rglob("*.py")
        if not SKIPPED_DIRECTORIES.intersection(path.relative_to(REPOSITORY).parts)
    )


def audit_log_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in application_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
                == "audit_log"
            ):
                calls.append((path, node))
    return calls


def test_each_app_declares_its_verbs_in_its_events_module():
    catalogues = {catalogue.__qualname__: catalogue.__module__ for catalogue in verb_catalogues()}
    assert catalogues == {
        "AccountVerb": "accounts.events",
        "ActVerb": "acts.events",
        "ConsultationVerb": "consultations.events",
        "CoreVerb": "core.events",
        "DocumentVerb": "documents.events",
        "OpinionVerb": "opinions.events",
    }


def test_every_verb_is_a_noun_and_what_happened_to_it_and_is_declared_once():
    verbs = all_verbs()
    assert len(verbs) == sum(len(catalogue) for catalogue in verb_catalogues())
    for value in verbs:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", value), value


def test_the_stored_strings_are_the_ones_already_in_the_data():
    # The values are stored in AuditEvent.verb; changing one would orphan old events.
    assert AccountVerb.USER_REGISTERED == "user.registered"
    assert all_verbs()["organisation.verified"] is AccountVerb.ORGANISATION_VERIFIED
    assert str(all_verbs()["legal_act.withdrawn"]) == "legal_act.withdrawn"


def test_the_audit_log_refuses_a_verb_outside_the_catalogue(resident):
    with pytest.raises(TypeError, match="catalogue"):
        audit_log(actor=resident, verb="user.registered", target=resident)  # type: ignore[arg-type]


def test_no_service_records_a_verb_written_as_a_string():
    found = audit_log_calls()
    assert len(found) > 60  # the scan sees the services
    offenders = []
    for path, call in found:
        verb = next((keyword.value for keyword in call.keywords if keyword.arg == "verb"), None)
        if verb is None or any(
            isinstance(node, ast.JoinedStr)
            or (isinstance(node, ast.Constant) and isinstance(node.value, str))
            for node in ast.walk(verb)
        ):
            offenders.append(f"{path.relative_to(REPOSITORY)}:{call.lineno}")
    assert not offenders, "audit verbs must be catalogue constants: " + ", ".join(offenders)


def test_every_verb_named_in_the_code_exists_and_every_declared_verb_is_recorded():
    catalogues = {catalogue.__qualname__: catalogue for catalogue in verb_catalogues()}
    named: set[AuditVerb] = set()
    unknown = []
    for path in application_modules():
        if path.name == "events.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in catalogues
            ):
                member = catalogues[node.value.id].__members__.get(node.attr)
                if member is None:
                    unknown.append(f"{path.relative_to(REPOSITORY)}:{node.lineno} {node.attr}")
                else:
                    named.add(member)
    assert not unknown
    assert set(all_verbs().values()) - named == set(), "declared but never recorded"
