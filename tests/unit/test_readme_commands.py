"""Every `openlic` command line the README shows is one the CLI accepts, so the README stays true.

The lines are parsed out of README.md's code blocks: continuation lines joined, `;`/`&&` split, comments dropped.
Optional parts `[…]` are tried both left out and put in, alternatives `a|b` one by one, and the README's
placeholders (NUMBER..., NAME, ID, CODE, BATCH, …) stand for real values. Each variant goes through the real
argument parser (a refusal there is exit 2, the failure this guards against); `batch create` as the README writes
it also runs against a database.
"""

from __future__ import annotations

import itertools
import re
import shlex
from pathlib import Path

import pytest

from openlic_desktop.cli.main import build_parser, command_in, main

README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDERS = {"NUMBER...": ["202110123456.7", "201710601862.3"], "NUMBER": ["202110123456.7"],
                "NAME": ["2026年浙江第一批"], "BATCH": ["2026年浙江第一批"], "ID": ["1"], "CODE": ["general"],
                "…": ["示例"], "...": ["示例"], "FILE": ["file.xlsx"], "DIR": ["folder"],
                "OWNER": ["比亚迪股份有限公司"], "N": ["202110123456.7"]}


def _code_lines(text: str) -> list[str]:
    lines, inside = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
            continue
        if inside:
            lines.append(line)
    joined, out = "", []
    for line in lines:
        if line.rstrip().endswith("\\"):
            joined += line.rstrip()[:-1] + " "
            continue
        out.append(joined + line)
        joined = ""
    return out


def readme_commands() -> list[str]:
    commands = []
    for line in _code_lines(README.read_text(encoding="utf-8")):
        line = re.sub(r"\s#\s.*$", "", line)  # a comment after the command
        for part in re.split(r";\s+|\s&&\s", line):
            part = part.strip()
            if "|" in part and not part.startswith("openlic"):  # `echo x | openlic …`
                part = part.split("| ", 1)[-1].strip()
            if part.startswith("openlic ") or part == "openlic":
                commands.append(part)
    return commands


def _expand(tokens: list[str], keep_optional: bool) -> list[list[str]]:
    """Token lists with each optional group `[…]` left out or put in, and each choice `(a | b)` taken in turn."""
    out: list[list[str]] = [[]]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("[", "("):
            depth, j = 1, i + 1
            while depth:
                depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(tokens[j], 0)
                j += 1
            inner = tokens[i + 1:j - 1]
            if token == "[":
                options = _expand(inner, keep_optional) if keep_optional else [[]]
            else:  # a choice: each alternative between the top-level bars
                parts, depth, start = [], 0, 0
                for k, t in enumerate(inner):
                    depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(t, 0)
                    if t == "|" and depth == 0:
                        parts.append(inner[start:k])
                        start = k + 1
                parts.append(inner[start:])
                options = [v for part in parts for v in _expand(part, keep_optional)]
            out = [a + b for a in out for b in options]
            i = j
            continue
        out = [a + [token] for a in out]
        i += 1
    return out


def _is_word(tokens: list[str], i: int) -> bool:
    """tokens[i] is a command or action word (not an option, not an option's value)."""
    word = tokens[i]
    return (bool(re.fullmatch(r"[a-z][a-z-]*", word))
            and not (i > 0 and tokens[i - 1].startswith("-") and tokens[i - 1] not in FLAGS))


FLAGS = {"--json", "--dry-run", "--all", "--all-owned", "--all-ready", "--consent-all", "--email", "--send",
         "--force", "--preview", "--consent", "--pay-after-trial", "--until-expiry", "--replace", "--withdrawal",
         "--password-stdin"}


def variants(command: str) -> list[list[str]]:
    """Argument lists for one README line: optional groups out and in, each alternative of a|b and (a | b)."""
    text = command
    for mark in "[]()":
        text = text.replace(mark, f" {mark} ")
    tokens = [t for t in shlex.split(text)[1:]]  # without "openlic"
    out = []
    for keep_optional in (False, True):
        for expanded in _expand(tokens, keep_optional):
            choices = [t.split("|") if "|" in t and not t.startswith("-") else [t] for t in expanded]
            for combo in itertools.product(*choices):
                combo = list(combo)
                args: list[str] = []
                for i, token in enumerate(combo):
                    if token in ("…", "..."):
                        if i and combo[i - 1].startswith("-") and combo[i - 1] not in FLAGS:
                            args.append("示例")                   # an option's value
                        elif i and _is_word(combo, i - 1):
                            args.append("202110123456.7")         # the numbers a command acts on
                        continue                                  # else: "and more of the same"
                    args += PLACEHOLDERS.get(token, [token.replace("…", "示例")])
                if args not in out:
                    out.append(args)
    return out


COMMANDS = readme_commands()


def test_the_readme_shows_commands():
    assert len(COMMANDS) > 30
    assert any(c.startswith("openlic batch create") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_line_parses(command, capsys):
    for args in variants(command):
        try:
            build_parser(command_in(args)).parse_args(args)
        except SystemExit as exc:  # argparse refused it (exit 2): the README shows a command that does not work
            if exc.code == 0:  # --version, --help
                continue
            error = capsys.readouterr().err
            # `openlic price …` elides the arguments shown elsewhere: a missing required argument is fine there,
            # an unknown option, a bad choice or a misplaced argument never is
            if "…" in command and "缺少必需的参数" in error:
                continue
            pytest.fail(f"README line {command!r} as {args!r}: refused by the CLI (exit {exc.code}): {error}")


def test_batch_create_runs_as_the_readme_writes_it(capsys, demo_ws, db_path):
    from openlic_desktop.services import batches, portfolio

    numbers = [p.number.canonical for p in portfolio.list_patents(demo_ws)[:3]]
    [line] = [c for c in COMMANDS if c.startswith("openlic batch create")]
    args = [a for a in shlex.split(line)[1:]]
    at = args.index("NUMBER...")
    args[at:at + 1] = numbers
    assert main(["--db", str(db_path), *args]) == 0, capsys.readouterr().err
    info = batches.get_batch(demo_ws, args[2])
    assert (info.profile_code, info.patents) == ("zhejiang", 3)
