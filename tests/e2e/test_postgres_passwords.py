"""A server database's password is kept in the OS keyring only, and a remembered server database reopens.

The private cluster here asks for a password (scram-sha-256 over its Unix socket), unlike the other PostgreSQL
tests' trusting one, so a wrong or missing password is refused by the server itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pg_cluster import AVAILABLE, MISSING, private_cluster

from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.support import settings
from openlic_desktop.support.errors import InputError, OpenLicError

pytestmark = pytest.mark.skipif(not AVAILABLE, reason=MISSING)

PASSWORD = "s3cret-Pw"


@pytest.fixture(scope="module")
def locked_server():
    with private_cluster("openlic-pgpw-", "54331", password=PASSWORD) as cluster:
        cluster.create("openlic")
        yield cluster


def _url(server, password: str | None) -> str:
    return server.url("openlic", password)


def test_the_remembered_server_database_reopens_and_the_password_is_only_in_the_keyring(locked_server,
                                                                                        _hermetic_home):
    ws = open_workspace(_url(locked_server, PASSWORD), user="alice", source="gui")
    remembered = ws.location
    prefs = settings.load()
    prefs.remember_database(remembered)  # what the main window does after opening
    settings.save(prefs)
    ws.close()
    assert PASSWORD not in remembered and "***" in remembered
    assert PASSWORD not in settings.settings_path().read_text(encoding="utf-8")

    # the recent-databases entry as it is remembered, and the address with no password at all, both reopen: the
    # server takes no connection without the password, so it came from the keyring
    for again in (remembered, _url(locked_server, None)):
        ws = open_workspace(again, user="alice", source="gui")
        ws.close()


def test_a_remembered_address_without_a_kept_password_is_refused_with_a_code(locked_server):
    masked = _url(locked_server, "***")
    with pytest.raises(InputError) as refused:
        open_workspace(masked, user="alice")
    assert refused.value.code == "DB_PASSWORD_MISSING"
    assert PASSWORD not in refused.value.message("en")


def test_a_wrong_password_is_refused_by_the_server_and_never_printed(locked_server):
    with pytest.raises(OpenLicError) as refused:
        open_workspace(_url(locked_server, "wrong-Pw"), user="alice")
    assert "wrong-Pw" not in refused.value.message("en")


def test_the_command_line_takes_the_kept_password(locked_server, _hermetic_home, tmp_path):
    env = dict(os.environ)
    first = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", _url(locked_server, PASSWORD),
                            "--user", "alice", "--lang", "en", "patents", "--json"], capture_output=True, text=True,
                           encoding="utf-8", timeout=180, env=env, cwd=tmp_path, check=False)  # asserted next
    assert first.returncode == 0, first.stderr
    assert PASSWORD not in first.stdout + first.stderr
    again = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", _url(locked_server, None),
                            "--user", "alice", "--lang", "en", "patents", "--json"], capture_output=True, text=True,
                           encoding="utf-8", timeout=180, env=env, cwd=tmp_path, check=False)  # asserted next
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
