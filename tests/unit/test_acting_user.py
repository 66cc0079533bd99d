"""Who records and documents name: the staff member, not the computer login. Without --user the acting user is
the staff member chosen as current user, else the office's contact person, else the login ("root"); records made
before the settings named anyone keep their login, and the keyed audit chain still verifies over both."""

from __future__ import annotations

import json

from openlic_desktop.cli.main import main
from openlic_desktop.services import office
from openlic_desktop.services.workspace import acting_user, default_user, open_workspace
from openlic_desktop.support import settings as settings_module


def cli(capsys, *args):
    code = main(["--lang", "en", *args])
    out = capsys.readouterr()
    return code, out.out


def test_the_settings_name_the_acting_user_before_the_login():
    assert acting_user() == default_user()  # the settings name no one yet
    office.update({"contact": "王伟"})
    assert acting_user() == "王伟"
    prefs = settings_module.load()
    prefs.current_user = "李娜"  # chosen in Tools → Staff and current user
    settings_module.save(prefs)
    assert acting_user() == "李娜"
    assert acting_user("  张三 ") == "张三"  # --user wins over both
    assert acting_user("  ") == "李娜"


def test_new_records_carry_the_name_and_old_ones_still_verify(capsys, tmp_path):
    db = str(tmp_path / "p.sqlite3")
    assert cli(capsys, "--db", db, "demo", "--patents", "3")[0] == 0
    number = json.loads(cli(capsys, "--db", db, "patents", "--json")[1])[0]["application_number"]
    assert cli(capsys, "--db", db, "set", number, "title=一种旧的标题")[0] == 0  # the settings name no one yet
    assert cli(capsys, "--db", db, "office", "set", "contact=王伟")[0] == 0
    assert cli(capsys, "--db", db, "set", number, "title=一种新的标题")[0] == 0
    assert cli(capsys, "--db", db, "--user", "张三", "set", number, "title=一种再改的标题")[0] == 0
    history = json.loads(cli(capsys, "--db", db, "show", number, "--json")[1])["history"]
    login = default_user()
    assert [(line["user"], line["new"]) for line in history[-3:]] == [
        (login, "一种旧的标题"), ("王伟", "一种新的标题"), ("张三", "一种再改的标题")]
    code, out = cli(capsys, "--db", db, "audit", "verify")
    assert code == 0 and "intact" in out
    ws = open_workspace(db)
    try:
        assert ws.user == "王伟"
    finally:
        ws.close()
