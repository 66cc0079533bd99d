"""The one output helper of `openlic`: JSON with --json, text lines for people otherwise, refusals on stderr."""

from __future__ import annotations

import io
import json

from openlic_desktop.cli.output import Output


def _out(lang="zh", as_json=False):
    stdout, stderr = io.StringIO(), io.StringIO()
    return Output(lang, as_json, stdout, stderr), stdout, stderr


def test_result_is_json_with_json_and_lines_without():
    out, stdout, _ = _out(as_json=True)
    out.result({"金额": "12000.00", "n": 1}, lambda: pytest_fail())
    assert json.loads(stdout.getvalue()) == {"金额": "12000.00", "n": 1}
    assert "金额" in stdout.getvalue()  # UTF-8 text, not \\u escapes (cli.md)

    out, stdout, _ = _out(lang="en")
    out.result({"n": 1}, ["one", "two"])
    assert stdout.getvalue() == "one\ntwo\n"
    out, stdout, _ = _out()
    out.result({"n": 1}, "一行")
    assert stdout.getvalue() == "一行\n"


def pytest_fail():
    raise AssertionError("the text of a JSON run must not be worked out")


def test_table_rows_are_tab_separated_with_a_footer_and_json_is_the_list():
    items = [{"code": "a", "n": 1, "x": None}, {"code": "b", "n": 2, "x": "y"}]
    out, stdout, _ = _out()
    out.table(items, lambda i: (i["code"], i["n"], i["x"]), footer="共 2 件")
    assert stdout.getvalue() == "a\t1\t—\nb\t2\ty\n共 2 件\n"
    out, stdout, _ = _out(as_json=True)
    out.table(items, lambda i: (i["code"],), lambda i: {"code": i["code"]}, footer="共 2 件")
    assert json.loads(stdout.getvalue()) == [{"code": "a"}, {"code": "b"}]
    out, stdout, _ = _out(as_json=True)
    out.table([], lambda i: (i,))
    assert json.loads(stdout.getvalue()) == []


def test_refusals_and_notes_go_to_stderr():
    out, stdout, stderr = _out(as_json=False)
    out.refusal("NOTHING_TO_EXPORT", "没有可报送的专利")
    out.note("提示")
    assert stdout.getvalue() == ""
    assert stderr.getvalue() == "openlic: 没有可报送的专利 [NOTHING_TO_EXPORT]\n提示\n"


def test_a_json_refusal_is_also_an_error_object_on_stdout():
    out, stdout, stderr = _out(as_json=True)
    out.refusal("NOTHING_TO_EXPORT", "没有可报送的专利")
    assert json.loads(stdout.getvalue()) == {"error": {"code": "NOTHING_TO_EXPORT", "message": "没有可报送的专利"}}
    assert stderr.getvalue() == "openlic: 没有可报送的专利 [NOTHING_TO_EXPORT]\n"
    # after the command's own JSON document, stdout keeps that one document: the refusal goes to stderr only
    out, stdout, stderr = _out(as_json=True)
    out.result({"package": None})
    out.refusal("NOTHING_TO_EXPORT", "没有可报送的专利")
    assert json.loads(stdout.getvalue()) == {"package": None}
    assert "NOTHING_TO_EXPORT" in stderr.getvalue()


def test_t_picks_the_language():
    assert _out("zh")[0].t("中", "en") == "中" and _out("en")[0].t("中", "en") == "en"


def test_progress_rewrites_one_line_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    out = Output("zh", stderr=shown)
    out.progress("正在生成演示组合 3/12")
    out.progress("正在生成演示组合 4/12")
    out.progress(None)
    assert shown.getvalue() == "\r\033[K正在生成演示组合 3/12\r\033[K正在生成演示组合 4/12\r\033[K"
    for quiet in (Output("zh", stderr=io.StringIO()), Output("zh", as_json=True, stderr=Terminal())):
        quiet.progress("x")  # a log file or a script reading --json gets no progress line
        assert quiet.stderr.getvalue() == ""
