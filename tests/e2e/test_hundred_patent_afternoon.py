"""The 100-patent afternoon through the CLI, as a script an office would run: a messy spreadsheet, a folder of 27
report PDFs, three co-owners' consent letters, pricing with a 12-month free period, fee notes, commitments, two
sign-offs, a batch and the package with its e-mail — in at most 15 commands, none of them per patent.

Every command runs as a subprocess on a real SQLite file; the count is printed. The fee-estimation notes need
`openlic fee-note` (built with the formal declarations); while it is not there the step is left out and the test
says so, and the package goes without notes after one grouped note from the pre-flight.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from hundred_patents import BATCH, BUREAU_EMAIL, OFFICE, make

MAX_COMMANDS = 15


class Script:
    """Runs `openlic` commands and counts them."""

    def __init__(self, db, home):
        self.db, self.home, self.commands = db, home, []

    def __call__(self, *args, user="alice", ok=(0,)):
        env = {**os.environ, "OPENLIC_HOME": str(self.home)}
        done = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(self.db), "--user", user,
                               "--lang", "en", *args], capture_output=True, text=True, encoding="utf-8", env=env,
                              timeout=600, check=False)
        self.commands.append(args[0])
        assert done.returncode in ok, f"openlic {' '.join(args[:3])} …: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done


def fee_note_available() -> bool:
    from openlic_desktop.cli.commands import COMMANDS

    return "fee-note" in COMMANDS


def test_a_hundred_patents_in_at_most_15_commands(tmp_path, _hermetic_home):
    s = make(tmp_path / "office")
    run = Script(tmp_path / "portfolio.sqlite3", _hermetic_home)
    numbers = s.numbers

    run("office", "set", f"name={OFFICE}", "contact=王老师", "phone=0571-88880000", "email=tto@example.edu.cn",
        "address=杭州市西湖区示例路1号")
    run("profile", "edit", "zhejiang", f"email={BUREAU_EMAIL}")
    run("profile", "use", "zhejiang")
    imported = json.loads(run("import", str(s.spreadsheet), "--json").stdout)
    assert (imported["created"], imported["rejected"]) == (100, 0), imported
    reports = json.loads(run("attach-dir", str(s.reports), "--kind", "evaluation-report", "--json").stdout)
    assert sorted(a["application_number"] for a in reports["attached"]) == sorted(s.needs_report)
    assert all(a["conclusion"] == "favourable" and a["report_no"] and a["report_date"] for a in reports["attached"])
    assert len(reports["duplicates"]) == 1 and not reports["unmatched"] + reports["ambiguous"] + reports["refused"]
    consents = json.loads(run("attach-dir", str(s.consents), "--kind", "consent", "--json").stdout)
    assert {owner: sorted(n) for owner, n in consents["consents"].items()} == \
        {owner: sorted(n) for owner, n in s.shared.items()}
    run("price", *numbers, "--mode", "royalty", "--rate", "3", "--free-months", "12", "--until-expiry")
    notes = fee_note_available()
    if notes:
        run("fee-note", *numbers, "--method", "industry")
    run("commit", *numbers, "--all")
    run("signoff", *numbers, "--role", "preparer", user="alice")
    run("signoff", *numbers, "--role", "reviewer", user="bob")
    run("batch", "create", BATCH, "--profile", "zhejiang", *numbers)
    todo = json.loads(run("batch", "todo", BATCH, "--json").stdout)
    assert todo["ready"] == 100 and not [g for g in todo["groups"] if g["blocking"]], todo
    out = tmp_path / "报送"
    exported = run("export", *numbers, "--out", str(out), "--email", "--batch", BATCH, "--json")
    package = json.loads(exported.stdout)

    print(f"\nThe 100-patent afternoon took {len(run.commands)} openlic commands: {', '.join(run.commands)}"
          + ("" if notes else "  (fee-note not available yet: notes step left out)"))
    assert len(run.commands) <= MAX_COMMANDS
    assert len(package["patents"]) == 100 and package["excluded"] == []
    names = zipfile.ZipFile(package["package"]).namelist()
    assert len([n for n in names if n.startswith("03_评价报告/")]) == 27
    assert len([n for n in names if n.startswith("06_共有人同意书/")]) == 25
    assert package["emails"] and all(p.endswith(".eml") for p in package["emails"])
    mail = Path(package["emails"][0]).read_text(encoding="utf-8", errors="replace")
    assert BUREAU_EMAIL in mail
    assert ("04_许可使用费估算说明.docx" in names) == notes
