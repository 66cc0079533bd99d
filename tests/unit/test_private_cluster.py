"""The tests that run on PostgreSQL start their private cluster in one place (tests/pg_cluster.py, the `pg_cluster`
fixture): a second copy of initdb/pg_ctl set-up would drift (ports, sockets, clean-up, the root account)."""

from __future__ import annotations

from pathlib import Path

from pg_cluster import Cluster

TESTS = Path(__file__).resolve().parents[1]


def test_only_pg_cluster_starts_a_server():
    starters = sorted(str(path.relative_to(TESTS)) for path in TESTS.rglob("*.py")
                      if path.name != Path(__file__).name and any(
                          word in path.read_text(encoding="utf-8") for word in ('"initdb"', '"pg_ctl"')))
    assert starters == ["pg_cluster.py"]


def test_a_cluster_address_names_its_socket_folder_and_database():
    cluster = Cluster(Path("/tmp/openlic-pg-x"), "54329")
    assert cluster.url("openlic") == "postgresql+psycopg://tto@/openlic?host=/tmp/openlic-pg-x&port=54329"
    assert cluster.url("memory", "pw") == "postgresql+psycopg://tto:pw@/memory?host=/tmp/openlic-pg-x&port=54329"
