"""`openlic`: the scripting face. Parses arguments, calls services, prints text (zh/en) or JSON.

Exit codes (cli.md): 0 done; 1 done but something refused or not ready; 2 bad arguments or unreadable input.
Each command module has `register(subparsers)` and sets `handler(args, ctx) -> int` on its parser.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from openlic_desktop import __version__
from openlic_desktop.support.errors import InputError, OpenLicError

# one line per command module; later features add theirs here
COMMAND_MODULES = [
    "openlic_desktop.cli.commands.portfolio",
    "openlic_desktop.cli.commands.import_",
    "openlic_desktop.cli.commands.imports",
    "openlic_desktop.cli.commands.backup",
    "openlic_desktop.cli.commands.readiness",
    "openlic_desktop.cli.commands.pricing",
    "openlic_desktop.cli.commands.licensing",
    "openlic_desktop.cli.commands.packages",
]


@dataclass
class CliContext:
    """What every handler gets: the options, a lazily opened workspace, and printing helpers."""

    db: str | None
    user: str | None
    lang: str
    _ws: Any = field(default=None, repr=False)

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

    @staticmethod
    def print_json(value: Any) -> None:
        sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line on stderr, exit 2 (cli.md)
        self.exit(2, f"openlic: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="openlic", description="OpenLic Desktop — 专利开放许可申报准备 / open-licence preparation")
    parser.add_argument("--version", action="version", version=f"openlic {__version__}")
    parser.add_argument("--db", help="SQLite file or SQLAlchemy URL (default: OPENLIC_DB or the user data dir)")
    parser.add_argument("--user", help="who is acting (audit trail); default: the OS user")
    parser.add_argument("--lang", choices=("zh", "en"), default=os.environ.get("OPENLIC_LANG", "zh"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(args.db, args.user, args.lang)
    try:
        return int(args.handler(args, ctx) or 0)
    except InputError as exc:
        sys.stderr.write(f"openlic: {exc.message(ctx.lang)}\n")
        return 2
    except OpenLicError as exc:
        sys.stderr.write(f"openlic: {exc.message(ctx.lang)}\n")
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("openlic: interrupted\n")
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
