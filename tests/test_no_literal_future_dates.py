"""No test depends on today's date through a literal date.

A literal date in the future (of the real clock) turns into a past date one day, and a test
that compares it with "now" then breaks, as the editor's fixed end date did. A module that
freezes the clock (time-machine) chooses its present, and may write dates freely; a module
whose dates never meet the clock (a holiday table, a time zone's rules) says so in
``LITERAL_DATES = "<why>"``. ``CLOCK_OFFSET_DAYS=400`` runs the suite a year ahead to catch
the rest.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import time_machine

TESTS = Path(__file__).resolve().parent
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def real_year() -> int:
    # The real clock, even when the session runs with the clock moved ahead.
    if time_machine.escape_hatch.is_travelling():
        return time_machine.escape_hatch.datetime.datetime.now().year
    return dt.datetime.now().year


def literal_years(tree: ast.AST) -> list[tuple[int, int]]:
    """(line, year) of every ``date(…)``/``datetime(…)`` with a literal year and every
    string holding an ISO date."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if (
                name in {"date", "datetime"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, int)
            ):
                found.append((node.lineno, node.args[0].value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.extend((node.lineno, int(m.group(1))) for m in ISO_DATE.finditer(node.value))
    return found


def module_may_use_literal_dates(source: str, tree: ast.Module) -> bool:
    if "time_machine" in source:
        return True
    return any(
        isinstance(node, ast.Assign)
        and any(getattr(target, "id", None) == "LITERAL_DATES" for target in node.targets)
        for node in tree.body
    )


def future_dates_in(path: Path, year: int) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    if module_may_use_literal_dates(source, tree):
        return []
    return [
        f"{path.relative_to(TESTS.parent)}:{line}: {literal}"
        for line, literal in literal_years(tree)
        if literal >= year
    ]


def test_no_module_that_leaves_the_clock_running_writes_a_date_of_this_year_or_later():
    year = real_year()
    offenders = [
        offender for path in sorted(TESTS.rglob("*.py")) for offender in future_dates_in(path, year)
    ]
    assert not offenders, (
        "compute these dates from now or freeze the clock (time-machine):\n" + "\n".join(offenders)
    )


def test_the_scan_finds_a_future_date_in_a_module_that_leaves_the_clock_running(tmp_path):
    year = real_year()
    clean = tmp_path / "test_clean.py"
    clean.write_text(f"END = dt.date({year - 1}, 1, 1)\n")
    dated = tmp_path / "test_dated.py"
    dated.write_text(f'END = dt.date({year}, 3, 1)\nDATA = {{"ends_at": "{year + 1}-03-20"}}\n')
    frozen = tmp_path / "test_frozen.py"
    frozen.write_text(f"import time_machine\nEND = dt.date({year + 1}, 3, 1)\n")
    declared = tmp_path / "test_declared.py"
    declared.write_text(f'LITERAL_DATES = "holidays"\nEND = dt.date({year + 1}, 3, 1)\n')

    def scan(path: Path) -> list[int]:
        source = path.read_text()
        tree = ast.parse(source)
        if module_may_use_literal_dates(source, tree):
            return []
        return [line for line, literal in literal_years(tree) if literal >= year]

    assert scan(clean) == []
    assert scan(dated) == [1, 2]
    assert scan(frozen) == []
    assert scan(declared) == []
    assert dt.date(year, 1, 1)  # the scan's own dates are computed
