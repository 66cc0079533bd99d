"""`openlic`, the scripting face: parses arguments, calls services, prints text (zh/en) or JSON (cli.md).

How a command is added — the pattern every command follows:

1. A line in the registry, `cli/commands/__init__.py` `COMMANDS`: the command's name and its one-line help
   ("english / 中文"). Nothing else registers a command.
2. A module named by the command in `cli/commands/` (`fee-note` → `fee_note.py`; a Python keyword gets a trailing
   underscore: `import` → `import_.py`). It has
       def register(p: argparse.ArgumentParser) -> None      # add the arguments; sub-actions via p.add_subparsers
           ... p.set_defaults(handler=run)
       def run(args, ctx) -> int                              # the exit code (cli.md: 0, 1, 2)
   `register` gets the command's own parser, already made with the help from the registry. Only the module of the
   command being run is imported (cli/main.py reads the command word first), so a module may import the services it
   needs at the top; the libraries those pull in are paid for by that command alone. Never import a command
   module from another face or from the services.
3. Everything the command writes goes through `ctx.out` (cli/output.py), the one output helper:
       ctx.out.result(value, text)           # one result: `value` as JSON with --json, else the text lines
       ctx.out.table(items, row, as_json)    # a list: JSON list, or one tab-separated line per item (+ footer)
       ctx.out.line(text) / ctx.out.note(text)   # a line for people on stdout / on stderr
       ctx.out.refusal(code, message)        # a refusal the exit code reports (stderr; JSON-aware in one place)
   A command with JSON output declares `--json` itself; `ctx.out.as_json` follows it. Refusals are raised as
   `InputError` (exit 2, nothing changed) or `OpenLicError` (exit 1) with a stable code whose words live in
   support/messages/<area>.py; cli/main.py turns them into `ctx.out.refusal`.
4. `ctx.ws` opens the workspace (database) on first use, so a command that never touches it never opens it;
   `ctx.t(zh, en)` and `ctx.msg(code, **params)` give the words in the language of `--lang`.
5. Options shared by several commands are read by cli/arguments.py (`date_arg`, `money_arg`): a bad value is
   exit 2 with the same code everywhere.

tests/unit/test_cli_structure.py checks each step: every registered name has its module, every module registers
a handler, and `openlic --version` imports none of them.
"""
