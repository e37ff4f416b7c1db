"""The Polish catalogue is complete (every string the code marks is translated), and pages
speak Polish by default and English on request.

The catalogue tests read ``locale/pl/LC_MESSAGES/django.po`` as committed, without running
makemessages: a string marked in the code or a template but missing from the catalogue
fails here, and so does an entry left untranslated or fuzzy. The page tests need the
compiled catalogue (``make messages``).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
POLISH_PO = LOCALE_DIR / "pl" / "LC_MESSAGES" / "django.po"
POLISH_MO = POLISH_PO.with_suffix(".mo")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt else self.msgid


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal current, target
        if current is not None and (current.msgid or current.msgstr):
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if current is not None and current.msgstr:
                finish()
            current = current or Entry(line=number)
            current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, text = match.groups()
            if keyword in ("msgctxt", "msgid") and current is not None and current.msgstr:
                finish()
            current = current or Entry(line=number)
            if keyword == "msgctxt":
                current.msgctxt, target = "", ("msgctxt", 0)
            elif keyword == "msgid":
                target = ("msgid", 0)
            elif keyword == "msgid_plural":
                current.msgid_plural, target = "", ("msgid_plural", 0)
            else:
                target = ("msgstr", int(index or 0))
                current.msgstr.setdefault(target[1], "")
            _append(current, target, _unquote(text))
            continue
        if line.startswith('"') and line.endswith('"') and current is not None and target:
            _append(current, target, _unquote(line[1:-1]))
            continue
        raise AssertionError(f"{path}:{number}: cannot parse {raw!r}")
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] += text
    else:
        setattr(entry, name, (getattr(entry, name) or "") + text)


@pytest.fixture(scope="module")
def polish_catalogue() -> tuple[Entry, list[Entry]]:
    header, *entries = parse_po(POLISH_PO)
    assert header.msgid == "", "the catalogue should start with its header"
    return header, entries


def _where(entry: Entry) -> str:
    return f"{POLISH_PO.name}:{entry.line} {entry.msgid!r}"


def test_the_polish_catalogue_declares_polish_plurals(polish_catalogue):
    header, _entries = polish_catalogue
    fields = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    assert "fuzzy" not in header.flags
    assert fields["Language"] == "pl"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"].startswith("nplurals=4;")


def test_the_polish_catalogue_has_entries(polish_catalogue):
    _header, entries = polish_catalogue
    assert len(entries) > 100
    assert len({entry.key for entry in entries}) == len(entries), "duplicate msgids"


def test_every_polish_entry_is_translated(polish_catalogue):
    _header, entries = polish_catalogue
    untranslated = []
    for entry in entries:
        forms = range(4) if entry.msgid_plural is not None else range(1)
        if any(not entry.msgstr.get(index) for index in forms):
            untranslated.append(_where(entry))
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_no_polish_entry_is_fuzzy(polish_catalogue):
    _header, entries = polish_catalogue
    fuzzy = [_where(entry) for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, "fuzzy entries (compilemessages skips them):\n" + "\n".join(fuzzy)


def test_polish_translations_keep_the_placeholders(polish_catalogue):
    _header, entries = polish_catalogue
    wrong = []
    for entry in entries:
        singular = {*_PLACEHOLDER.findall(entry.msgid)}
        if entry.msgid_plural is None:
            text = entry.msgstr.get(0, "")
            if text and {*_PLACEHOLDER.findall(text)} != singular:
                wrong.append(f"{_where(entry)} -> {text!r}")
            continue
        # A plural form may leave the number out ("Extended once."), never add a name.
        plural = {*_PLACEHOLDER.findall(entry.msgid_plural)}
        for index, text in entry.msgstr.items():
            found = {*_PLACEHOLDER.findall(text)}
            if text and (not found <= singular | plural or (index > 0 and not plural <= found)):
                wrong.append(f"{_where(entry)} [{index}] -> {text!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


@pytest.fixture
def compiled_catalogue():
    if not POLISH_MO.exists() or POLISH_MO.stat().st_mtime < POLISH_PO.stat().st_mtime:
        pytest.fail(f"{POLISH_MO} is missing or older than the .po: run `make messages`")


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogue")
def test_the_home_page_speaks_polish_by_default(client):
    page = client.get("/").content.decode()
    assert '<html lang="pl">' in page
    assert "Konsultacje społeczne projektów aktów prawnych" in page
    assert "Strona główna" in page
    assert "Public consultations of draft legal acts" not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogue")
def test_the_home_page_speaks_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/").content.decode()
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"
    assert '<html lang="en">' in page
    assert "Public consultations of draft legal acts" in page
    assert "Konsultacje społeczne projektów aktów prawnych" not in page


# --- Every string the code marks is in the catalogue ------------------------------------
# Read without makemessages: gettext calls with literal arguments in the Python sources
# (``ast``), and {% translate %} / {% blocktranslate %} in the templates, rendered into
# msgids as Django's extraction does ({{ name }} becomes %(name)s, % becomes %%).

_GETTEXT_CALLS = {
    "_": "s",
    "gettext": "s",
    "gettext_lazy": "s",
    "pgettext": "cs",
    "pgettext_lazy": "cs",
    "ngettext": "sp",
    "ngettext_lazy": "sp",
    "npgettext": "csp",
    "npgettext_lazy": "csp",
}
_NOT_SOURCES = {".venv", "tests", "benchmarks", "migrations", "var", "node_modules"}
_TRANSLATE_TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+(["'])(.*?)\1(?:\s+context\s+(["'])(.*?)\3)?[^%]*%}"""
)
_BLOCK_TAG = re.compile(
    r"{%\s*blocktrans(?:late)?\b(.*?)%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.DOTALL
)
_BLOCK_CONTEXT = re.compile(r"""context\s+(["'])(.*?)\1""")
_BLOCK_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def _key(msgid: str, context: str | None) -> str:
    return f"{context}\x04{msgid}" if context else msgid


def _python_msgids(root: Path) -> list[tuple[str, str]]:
    found = []
    for path in root.rglob("*.py"):
        if _NOT_SOURCES & set(path.relative_to(root).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            shape = _GETTEXT_CALLS.get(name or "")
            if shape is None or len(node.args) < len(shape):
                continue
            arguments = node.args[: len(shape)]
            if not all(
                isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                for argument in arguments
            ):
                continue
            texts = [argument.value for argument in arguments]  # type: ignore[attr-defined]
            values = dict(zip(shape, texts, strict=True))
            found.append(
                (f"{path.relative_to(root)}:{node.lineno}", _key(values["s"], values.get("c")))
            )
    return found


def _template_msgids(root: Path) -> list[tuple[str, str]]:
    found = []
    for path in root.rglob("*"):
        parts = path.relative_to(root).parts
        if _NOT_SOURCES & set(parts) or "templates" not in parts:
            continue
        if path.suffix not in {".html", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(root))
        for match in _TRANSLATE_TAG.finditer(text):
            found.append((where, _key(match.group(2), match.group(4))))
        for match in _BLOCK_TAG.finditer(text):
            options, body = match.groups()
            singular = re.split(r"{%\s*plural\s*%}", body)[0].replace("%", "%%")
            msgid = _BLOCK_VARIABLE.sub(lambda variable: f"%({variable.group(1)})s", singular)
            if "trimmed" in options:
                msgid = " ".join(line.strip() for line in msgid.splitlines() if line.strip())
            context = _BLOCK_CONTEXT.search(options)
            found.append((where, _key(msgid, context.group(2) if context else None)))
    return found


def test_every_string_marked_for_translation_is_in_the_polish_catalogue(polish_catalogue):
    _header, entries = polish_catalogue
    keys = {entry.key for entry in entries}
    root = Path(settings.BASE_DIR)
    marked = _python_msgids(root) + _template_msgids(root)

    missing = [f"{where}: {key!r}" for where, key in marked if key not in keys]

    assert len(marked) > 1000
    assert not missing, "not in the Polish catalogue:\n" + "\n".join(missing)
