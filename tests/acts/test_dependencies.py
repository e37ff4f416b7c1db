"""Dependencies point one way: ``core <- accounts <- acts <- consultations <- opinions``.
Legal acts know nothing of the consultations run on them or of the council."""

from __future__ import annotations

import re
from pathlib import Path

import acts
from tests.dependencies import imported_modules

ACTS = Path(acts.__file__).resolve().parent
LATER_APPS = ("consultations", "opinions")


def test_acts_never_imports_consultations_or_opinions():
    offenders = {
        str(path.relative_to(ACTS)): sorted(
            module for module in imported_modules(path) if module.split(".")[0] in LATER_APPS
        )
        for path in ACTS.rglob("*.py")
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}
    source = "\n".join(path.read_text(encoding="utf-8") for path in ACTS.rglob("*.py"))
    for app in LATER_APPS:
        assert f'import_module("{app}' not in source
        assert f'apps.get_model("{app}' not in source


TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "acts"


def test_the_acts_templates_use_nothing_of_consultations_or_opinions():
    """Not their templates, URLs or tag libraries: a later app adds its section to an act's
    page through a slot (``core.sections``)."""
    libraries = {
        path.stem
        for app in LATER_APPS
        for path in (ACTS.parent / app).glob("templatetags/*.py")
        if path.stem != "__init__"
    }
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for app in LATER_APPS:
            if f'"{app}/' in text or f"'{app}/" in text or f"'{app}:" in text:
                offenders.append((path.name, app))
        for load in re.findall(r"{%\s*load\s+([^%]*)%}", text):
            offenders += [(path.name, name) for name in load.split() if name in libraries]
    assert offenders == []
    assert TEMPLATES.is_dir()
