"""The `openlic` registry: every command has its module named by it, every module registers a handler, and the
parser of one command is built without importing the others (nor their libraries)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from openlic_desktop.cli import commands
from openlic_desktop.cli.main import build_parser, command_in

COMMAND_DIR = Path(commands.__file__).parent
# libraries a command may need but `--version` must never load (each costs tens to hundreds of ms of CPU)
HEAVY = ("sqlalchemy", "alembic", "docx", "docxtpl", "jinja2", "openpyxl", "xlsxwriter", "cn2an", "PySide6",
         "python_calamine", "polars", "fastexcel", "keyring", "lxml")


def _subparsers(parser):
    return next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")


def _handlers(parser) -> list[str]:
    """Every leaf parser under `parser` that lacks a handler, by its path of names."""
    sub = next((a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"), None)
    if sub is None:
        return [] if parser.get_default("handler") else [parser.prog]
    return [missing for child in sub.choices.values() for missing in _handlers(child)]


def test_every_command_has_a_module_named_by_it_and_every_module_a_command():
    modules = {p.stem for p in COMMAND_DIR.glob("*.py") if p.stem != "__init__"}
    named = {commands.module_name(c).rsplit(".", 1)[1] for c in commands.COMMANDS}
    assert modules == named
    assert commands.module_name("import") == "openlic_desktop.cli.commands.import_"
    assert commands.module_name("contract-check") == "openlic_desktop.cli.commands.contract_check"


def test_every_command_and_action_has_a_handler():
    parser = build_parser(every=True)
    sub = _subparsers(parser)
    assert list(sub.choices) == list(commands.COMMANDS)
    assert [p for c in sub.choices.values() for p in _handlers(c)] == []


@pytest.mark.parametrize("argv, command", [
    ([], None), (["--version"], None), (["-h"], None), (["show", "1"], "show"),
    (["--db", "x.sqlite3", "--lang", "en", "check", "--json"], "check"), (["--db=x", "patents"], "patents"),
    (["--la", "en", "profiles"], "profiles"), (["--user", "show", "patents"], "patents"), (["--", "set"], "set"),
])
def test_the_command_word_is_found_after_the_global_options(argv, command):
    assert command_in(argv) == command


def test_only_the_command_run_is_registered_in_full():
    parser = build_parser("show")
    sub = _subparsers(parser)
    assert sub.choices["show"].get_default("handler") is not None
    assert sub.choices["export"].get_default("handler") is None  # a stub: its module was not imported
    args = parser.parse_args(["--lang", "en", "show", "201710601862.3", "--json"])
    assert args.number == "201710601862.3" and args.json and args.lang == "en"


def _modules_after(argv: list[str], tmp_path) -> tuple[int, str, set[str]]:
    """Run `openlic ARGV` in a fresh interpreter and give back its exit code, stdout and imported modules."""
    script = (
        "import sys, json\n"
        "from openlic_desktop.cli.main import main\n"
        "try:\n    rc = main(json.loads(sys.argv[1]))\nexcept SystemExit as e:\n    rc = e.code\n"
        "sys.stdout.flush()\n"
        f"open({str(tmp_path / 'modules.json')!r}, 'w').write(json.dumps([rc, sorted(sys.modules)]))\n"
    )
    run = subprocess.run([sys.executable, "-c", script, json.dumps(argv)], capture_output=True, text=True,
                         encoding="utf-8", timeout=120, check=False)
    rc, modules = json.loads((tmp_path / "modules.json").read_text())
    return rc, run.stdout, set(modules)


def test_version_imports_no_command_and_no_library(tmp_path):
    rc, out, modules = _modules_after(["--version"], tmp_path)
    assert rc == 0 and out.startswith("openlic ")
    ours = {m for m in modules if m.startswith("openlic_desktop")}
    assert ours <= {"openlic_desktop", "openlic_desktop.cli", "openlic_desktop.cli.main",
                    "openlic_desktop.cli.commands", "openlic_desktop.cli.output", "openlic_desktop.support",
                    "openlic_desktop.support.errors"}
    assert [m for m in HEAVY if m in modules] == []


def test_help_lists_every_command_without_importing_them(tmp_path):
    rc, out, modules = _modules_after(["--help"], tmp_path)
    assert rc == 0
    assert all(name in out for name in commands.COMMANDS)
    assert not any(m.startswith("openlic_desktop.cli.commands.") for m in modules)
    assert [m for m in HEAVY if m in modules] == []


DOCUMENT_LIBRARIES = ("docx", "docxtpl", "jinja2", "openpyxl", "xlsxwriter", "cn2an", "PySide6", "polars", "keyring")


@pytest.mark.parametrize("command", [["show", "{number}", "--json"], ["patents", "--json"], ["check", "{number}"],
                                     ["deadlines", "--json"], ["licence", "list", "--json"]])
def test_reading_commands_load_no_document_library(tmp_path, demo_ws, command):
    """Scripts call these hundreds of times: none writes a document, so none pays for python-docx, docxtpl,
    Jinja, openpyxl, xlsxwriter, cn2an or Qt."""
    number = demo_ws_number(demo_ws)
    argv = ["--db", str(demo_ws.location), *(word.replace("{number}", number) for word in command)]
    rc, out, modules = _modules_after(argv, tmp_path)
    assert rc in (0, 1) and out.strip()
    assert [m for m in DOCUMENT_LIBRARIES if m in modules] == []
    assert [m for m in modules if m.startswith("openlic_desktop.cli.commands.")] == [
        commands.module_name(command[0])]


def demo_ws_number(ws) -> str:
    from openlic_desktop.services import portfolio

    return portfolio.list_patents(ws, "", None, None)[0].number.canonical


def test_a_command_module_imported_alone_has_register_and_a_docstring():
    for name in commands.COMMANDS:
        module = importlib.import_module(commands.module_name(name))
        assert callable(module.register), name
        assert (module.__doc__ or "").strip(), f"{name}: say what the command does and its arguments"


def test_no_profile_found_is_an_error_not_an_empty_list(monkeypatch, tmp_path, capsys):
    """A broken install (no resources) must not look like a working one with nothing configured."""
    from openlic_desktop.cli.main import main
    from openlic_desktop.support import paths

    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path / "nothing-here")
    assert main(["--lang", "en", "profiles", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"]["code"] == "PROFILES_NOT_FOUND"  # --json: the refusal as JSON
    assert "No bureau profile found" in captured.err and str(tmp_path / "nothing-here") in captured.err
