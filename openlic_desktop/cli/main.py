"""`openlic`: the scripting face. Parses arguments, calls services, prints text (zh/en) or JSON.

Exit codes (cli.md): 0 done; 1 done but something refused or not ready; 2 bad arguments or unreadable input.
The parser is built from the registry (cli/commands/__init__.py) with only the module of the command being run
imported: `openlic --version` and `openlic --help` import no command, and a command pays for its own libraries only.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
from typing import Any

from openlic_desktop import __version__
from openlic_desktop.cli.commands import COMMANDS, module_name
from openlic_desktop.cli.output import Output
from openlic_desktop.support.errors import InputError, OpenLicError, system_refusal

# The process ends right after its command: at exit the objects still alive are frozen, so that the interpreter's
# last collector pass does not walk them all (the modules, SQLAlchemy's metadata, what the command built) — it cost
# 0.5–0.8 s of an `openlic import` on a loaded machine, and the system takes the memory back either way.
atexit.register(gc.freeze)

# the global options that take a value: the command is the first word after the options and their values
_VALUE_OPTIONS = ("--db", "--user", "--lang")


class CliContext:
    """What every handler gets: the options, a lazily opened workspace, and the output (`ctx.out`)."""

    def __init__(self, db: str | None, user: str | None, lang: str, out: Output | None = None) -> None:
        self.db = db
        self.user = user
        self.lang = lang
        self.out = out or Output(lang)
        self._ws: Any = None

    @property
    def ws(self):
        if self._ws is None:
            from openlic_desktop.services.workspace import open_workspace

            self._ws = open_workspace(self.db, self.user, source="cli")
        return self._ws

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def msg(self, code: str, **params: Any) -> str:
        from openlic_desktop.support.messages import render

        return render(code, self.lang, **params)

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()


class _Parser(argparse.ArgumentParser):
    json_errors = False  # set by main() when the command line asks for --json
    lang: str | None = None  # set by main() from --lang when the command line gives it

    def error(self, message: str) -> None:  # one line on stderr, exit 2 (cli.md); JSON on stdout with --json
        from openlic_desktop.cli.argument_errors import in_words

        lang = _Parser.lang or os.environ.get("OPENLIC_LANG", "zh")
        Output(lang, as_json=_Parser.json_errors).refusal("BAD_ARGUMENT", in_words(message, lang), detail=message)
        self.exit(2)


def _lang_in(argv: list[str]) -> str | None:
    """The language `--lang zh|en` (or `--lang=…`) asks for, read before argparse (whose errors are said in it)."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word.startswith("--lang="):
            value = word.partition("=")[2]
        elif word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        else:
            continue
        return value if value in ("zh", "en") else None
    return None


def command_in(argv: list[str]) -> str | None:
    """The command word of a command line (None when there is none: `--version`, `--help`, nothing)."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word.startswith("-"):
            # `--db X` and argparse's unambiguous abbreviations (`--la en`) take the next word as their value
            if "=" not in word and len(word) > 2 and any(o.startswith(word) for o in _VALUE_OPTIONS):
                next(words, None)
            continue
        return word
    return None


def build_parser(command: str | None = None, *, every: bool = False) -> argparse.ArgumentParser:
    """The parser, with the arguments of `command` (or of every command, for tests and documentation)."""
    parser = _Parser(prog="openlic", description="OpenLic Desktop — 专利开放许可申报准备 / open-licence preparation")
    parser.add_argument("--version", action="version", version=f"openlic {__version__}")
    parser.add_argument("--db", help="SQLite file or SQLAlchemy URL (default: OPENLIC_DB or the user data dir)")
    parser.add_argument("--user", help="who is acting (audit trail); default: the current staff member, else the office's contact person, else the OS user")
    parser.add_argument("--lang", choices=("zh", "en"), default=os.environ.get("OPENLIC_LANG", "zh"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if every or name == command:
            importlib.import_module(module_name(name)).register(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    # a path the file system took but UTF-8 cannot show (Linux bytes) is printed as those bytes on stdout (a script
    # gets back what it gave) and escaped on stderr: printing a result never fails after the work was done
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)
    argv = sys.argv[1:] if argv is None else list(argv)
    _Parser.json_errors = "--json" in argv
    _Parser.lang = _lang_in(argv)
    try:
        args = build_parser(command_in(argv)).parse_args(argv)
    finally:  # this command line's, not the next parser's (tests parse in one process)
        _Parser.json_errors, _Parser.lang = False, None
    out = Output(args.lang, as_json=bool(getattr(args, "json", False)))
    ctx = CliContext(args.db, args.user, args.lang, out)
    try:
        return int(args.handler(args, ctx) or 0)
    except InputError as exc:
        out.refusal(exc.code, exc.message(ctx.lang))
        return 2
    except OpenLicError as exc:
        out.refusal(exc.code, exc.message(ctx.lang))
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        out.refusal("", "interrupted")
        return 130
    except Exception as exc:  # a full disk, a read-only folder, a busy database: one line with its code
        refusal = system_refusal(exc)
        if refusal is None:
            raise
        out.refusal(refusal.code, refusal.message(ctx.lang))
        _let_go_quietly(exc)
        return 2
    finally:
        ctx.close()


def _let_go_quietly(exc: BaseException) -> None:
    """Objects the failed work left open (a zip half written to a full disk) fail again when they are freed; that
    is the failure just reported, not news for the user's screen. Free them now, with that noise muted."""
    import gc
    import traceback

    previous = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            if current.__traceback__ is not None:
                traceback.clear_frames(current.__traceback__)
                current.__traceback__ = None
            current = current.__cause__ or current.__context__
        gc.collect()
    finally:
        sys.unraisablehook = previous


if __name__ == "__main__":
    raise SystemExit(main())
