"""Dependencies point one way: ``core <- accounts <- acts <- consultations <- opinions``.
Legal acts know nothing of the consultations run on them or of the council."""

from __future__ import annotations

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
