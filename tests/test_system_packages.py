""".ci/system-packages installs what a purpose needs and nothing else: running needs no
browser, the tests add chromium; it says what it will install first, never upgrades an
installed package, and --dry-run installs nothing. Run against stand-ins for dpkg-query,
apt-get and id on PATH, so nothing is installed whoever runs the suite."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "system-packages"

# dpkg-query: "install ok installed" for the packages in $INSTALLED.
DPKG_QUERY = """#!/bin/sh
for asked; do :; done
for package in $INSTALLED; do
  [ "$package" = "$asked" ] && { printf 'install ok installed'; exit 0; }
done
exit 1
"""
# apt-get: logs its arguments; a simulation (-s) prints an Inst line per named package,
# plus $UPGRADES as upgrades of installed packages.
APT_GET = """#!/bin/sh
echo "apt-get $*" >> "$LOG"
case " $* " in
  *" -s "*)
    for argument in "$@"; do
      case "$argument" in -*|install) ;; *) echo "Inst $argument (1.0 Debian)" ;; esac
    done
    for package in $UPGRADES; do echo "Inst $package [0.9] (1.0 Debian)"; done
    ;;
esac
"""
ID = """#!/bin/sh
echo "$USER_ID"
"""


@pytest.fixture
def run_script(tmp_path):
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name, body in {"dpkg-query": DPKG_QUERY, "apt-get": APT_GET, "id": ID}.items():
        (stubs / name).write_text(body)
        (stubs / name).chmod(0o755)
    log = tmp_path / "apt.log"

    def run(*arguments: str, installed: str = "", user_id: int = 0, upgrades: str = ""):
        environment = {
            "PATH": f"{stubs}:/usr/bin:/bin",
            "INSTALLED": installed,
            "USER_ID": str(user_id),
            "UPGRADES": upgrades,
            "LOG": str(log),
        }
        result = subprocess.run(
            ["bash", str(SCRIPT), *arguments],
            env={**environment, "HOME": os.environ.get("HOME", "/tmp")},
            capture_output=True,
            text=True,
            check=False,
        )
        calls = log.read_text().splitlines() if log.exists() else []
        return result, calls

    return run


def _installs(calls: list[str]) -> list[str]:
    return [call for call in calls if " install " in call and " -s " not in call]


def test_a_dry_run_for_running_names_what_is_missing_without_the_browser_and_installs_nothing(
    run_script,
):
    result, calls = run_script("--dry-run", "run")

    assert result.returncode == 0
    assert "missing: gettext libharfbuzz-subset0 fonts-dejavu-core" in result.stdout
    assert "chromium" not in result.stdout
    assert "nothing installed" in result.stdout
    assert _installs(calls) == []
    assert not any("update" in call for call in calls)


def test_a_dry_run_for_the_tests_adds_the_browser(run_script):
    result, calls = run_script(
        "--dry-run", "test", installed="gettext libharfbuzz-subset0 fonts-dejavu-core"
    )

    assert "missing: chromium poppler-utils" in result.stdout
    assert "apt-get would install: chromium poppler-utils" in result.stdout
    assert _installs(calls) == []


def test_nothing_missing_is_said_and_apt_get_is_not_run(run_script):
    result, calls = run_script("run", installed="gettext libharfbuzz-subset0 fonts-dejavu-core")

    assert result.returncode == 0
    assert "all installed" in result.stdout
    assert calls == []


def test_as_root_it_says_what_it_installs_then_installs_without_upgrading(run_script):
    result, calls = run_script("run", installed="gettext fonts-dejavu-core")

    assert result.returncode == 0
    assert "Installing for 'run': libharfbuzz-subset0" in result.stdout
    assert _installs(calls) == [
        "apt-get install -y -q --no-upgrade --no-install-recommends libharfbuzz-subset0"
    ]


def test_it_stops_rather_than_upgrade_an_installed_package(run_script):
    result, calls = run_script(
        "test", installed="gettext libharfbuzz-subset0 fonts-dejavu-core", upgrades="libc6"
    )

    assert result.returncode == 1
    assert "would upgrade installed packages (libc6)" in result.stderr
    assert _installs(calls) == []


def test_without_root_it_prints_the_command_and_installs_nothing(run_script):
    result, calls = run_script("test", user_id=1000)

    assert result.returncode == 0
    assert "sudo apt-get install --no-upgrade" in result.stderr
    assert "chromium" in result.stderr
    assert _installs(calls) == []
    assert not any("update" in call for call in calls)


def test_an_unknown_purpose_is_refused(run_script):
    result, _calls = run_script("browser")

    assert result.returncode == 2


def test_the_makefile_installs_the_browser_only_for_the_tests():
    makefile = (SCRIPT.parents[1] / "Makefile").read_text()

    assert "bash .ci/system-packages run" in makefile
    assert "bash .ci/system-packages test" in makefile
    assert "install: system-packages $(STAMP)" in makefile
    assert "test: system-packages-test install messages" in makefile
