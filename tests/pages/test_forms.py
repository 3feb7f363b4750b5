"""Reading a form's values as clerks write them (no browser: the form's fields as a mapping)."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from starlette.datastructures import FormData
from wording import chinese

from gridrules.errors import InputError
from gridrules.pages.forms import Form, refilled

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize("written", ["2026-12-05", "2026/12/5", "2026.12.05", "2026年12月5日", " 2026 年 12 月 05 日 "])
def test_a_date_is_read_as_people_write_it(written):
    assert Form(FormData({"start": written})).day("start") == "2026-12-05"


@pytest.mark.parametrize("written", ["2026-02-30", "12/05/2026", "2026-12", "明天"])
def test_what_is_no_date_is_refused_at_its_field(written):
    with pytest.raises(InputError) as caught:
        Form(FormData({"start": written})).day("start")
    assert [p.field for p in caught.value.problems] == ["start"] and written.strip() in str(caught.value)


def test_a_number_typed_with_its_unit_is_told_the_number_to_write():
    """工作量 4小时 in a form: the field says hours already, so the number alone (as --hours and the sheets say)."""
    with chinese(), pytest.raises(InputError) as caught:
        Form(FormData({"hours": "4小时"})).number("hours")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("hours", "「4小时」不是数字：只写数字 4，不写「小时」（单位由这一项规定）")]


@pytest.mark.parametrize("written", ["2026-12-05T09:30", "2026/12/5 9:30", "2026年12月5日 09:30",
                                     # as an input method types it: full-width digits, dash, colon and space
                                     "２０２６－１２－０５　０９：３０", "２０２６年１２月５日　９：３０", "2026-12-05T09:30　"])
def test_a_moment_is_read_in_the_packs_zone(written):
    assert Form(FormData({"at": written})).moment("at", CST) == "2026-12-05T09:30:00+08:00"


def test_a_moment_with_its_offset_keeps_it():
    assert Form(FormData({"at": "2026-12-05T09:30+00:00"})).moment("at", CST) == "2026-12-05T09:30:00+00:00"


@pytest.mark.parametrize("written", ["2026/11/30", "2026年11月30日", "２０２６年１１月３０日", "2026-11-30"])
def test_a_date_the_form_reads_is_shown_again_in_iso_in_its_date_field(written):
    assert refilled("date", written) == ("date", "2026-11-30")  # the only value a date input shows


@pytest.mark.parametrize("written", ["2026年13月1日", "2026-02-30", "下周一"])
def test_a_date_the_form_cannot_read_is_shown_again_as_typed_in_a_text_field(written):
    assert refilled("date", written) == ("text", written)  # a date input would show it empty


def test_other_fields_and_blank_dates_are_shown_again_as_sent():
    assert refilled("text", "2026/11/30") == ("text", "2026/11/30")
    assert refilled("date", "") == ("date", "")


def test_a_form_posted_in_gbk_is_refused_naming_its_fields_and_nothing_is_decided(tmp_path, pack_copy):
    """A real server and raw bytes: an old system (or a browser told another charset) posts the task form
    percent-encoded in GBK.  The page answers 422 naming each such field in Chinese with what it reads as
    in GBK -- before, Starlette read the bytes as '\ufffd', and the form came back saying 「\ufffd…」不是规则包中的
    活动 with its title refilled in replacement characters (a form of free text only would have been
    decided and logged so).  The same form in UTF-8 is decided."""
    import html
    import re
    from urllib.parse import quote, urlencode

    import httpx

    from gridrules.log import open_log
    from servicekit import serve, stop, write_config
    config, log = tmp_path / "serve.json", tmp_path / "decisions.sqlite"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", f"sqlite:///{log}", GRIDRULES_LANG="zh")  # as served
    try:
        with httpx.Client(base_url=base, timeout=60) as web:
            csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
            web.post("/ui/login", data={"csrf": csrf, "token": secrets["department:minzheng"]})
            csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/check").text).group(1)
            fields = [("csrf", csrf), ("id", "T-1"), ("title", "独居老人走访摸排"), ("activities", "入户走访"),
                      ("activities", "发现报告"), ("start", "2026-12-01"), ("end", "2026-12-31"),
                      ("hours_per_month", "3")]

            def posted(encoding: str) -> httpx.Response:
                body = "&".join(f"{quote(k, encoding=encoding)}={quote(v, encoding=encoding)}" for k, v in fields)
                return web.post("/ui/check", content=body.encode("ascii"),
                                headers={"Content-Type": "application/x-www-form-urlencoded"})

            refused = posted("gbk")
            said = html.unescape(refused.text)
            assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html"), said
            assert "标题（title）" in said and "独居老人走访摸排" in said and "GBK" in said
            assert said.count("活动（activities）") == 1 and "入户走访" in said and "\ufffd" not in said
            assert 'id="verdict"' not in said
            with open_log(f"sqlite:///{log}", read_only=True) as decisions:
                assert decisions.head().records == 0  # nothing decided, nothing logged
            decided = posted("utf-8")  # what a browser sends (urlencode's form, in UTF-8)
            assert decided.status_code == 200 and 'id="verdict"' in decided.text, decided.text
            assert decided.request.content == urlencode(fields).encode("ascii")
    finally:
        stop(process)
    with open_log(f"sqlite:///{log}", read_only=True) as decisions:
        assert [r.input for r in decisions.records()][0].count("T-1") == 1


def _multipart(parts: list[tuple[bytes, bytes | None, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body of raw bytes, as an old system (or a browser told GBK) sends it:
    (field name, file name or None, content) each; and its Content-Type."""
    boundary = b"gridrules-test-boundary"
    body = b""
    for name, filename, content in parts:
        disposition = b'form-data; name="' + name + b'"' + (b'; filename="' + filename + b'"' if filename else b"")
        kind = b"Content-Type: application/x-ndjson\r\n" if filename else b""
        body += b"--" + boundary + b"\r\nContent-Disposition: " + disposition + b"\r\n" + kind + b"\r\n" + content + b"\r\n"
    return body + b"--" + boundary + b"--\r\n", f"multipart/form-data; boundary={boundary.decode()}"


def _served(tmp_path, pack_copy):
    from servicekit import serve, write_config
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    process, base = serve(pack_copy, config, "--log", "off", GRIDRULES_LANG="zh")  # as served
    return process, base, secrets


def _csrf(answer) -> str:
    import re
    return re.search(r'name="csrf" value="([^"]+)"', answer.text).group(1)


def test_the_login_form_posted_in_gbk_is_refused_naming_its_field(tmp_path, pack_copy):
    """The login form is read as every other form is: a field that is not UTF-8 is refused 422 naming it
    with what it reads as in GBK, and no one is logged in.  Before, the login read a GBK ``next`` as
    '\ufffd', logged in and sent the visitor on to an address of replacement characters.  In UTF-8 it logs in."""
    import html
    from urllib.parse import quote

    import httpx

    from servicekit import stop
    process, base, secrets = _served(tmp_path, pack_copy)
    try:
        with httpx.Client(base_url=base, timeout=60) as web:
            csrf = _csrf(web.get("/ui/login"))

            def login(encoding: str) -> httpx.Response:
                fields = [("csrf", csrf), ("token", secrets["secretariat"]), ("next", "/ui/dashboard?说明=二季度")]
                body = "&".join(f"{quote(k, encoding=encoding)}={quote(v, encoding=encoding)}" for k, v in fields)
                return web.post("/ui/login", content=body.encode("ascii"), follow_redirects=False,
                                headers={"Content-Type": "application/x-www-form-urlencoded"})

            refused = login("gbk")
            said = html.unescape(refused.text)
            assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html"), said
            assert "next" in said and "GBK" in said and "/ui/dashboard?说明=二季度" in said and "\ufffd" not in said
            assert "gridrules_session" not in refused.headers.get("set-cookie", "")  # not logged in
            logged_in = login("utf-8")
            assert logged_in.status_code == 303 and "gridrules_session" in logged_in.headers["set-cookie"]
    finally:
        stop(process)


def test_a_file_upload_posted_in_gbk_is_refused_naming_its_fields(tmp_path, pack_copy):
    """The dashboard's upload (multipart) is read as every other form is: a field, or an uploaded file's
    name, that is not UTF-8 is refused 422 naming it with what it reads as in GBK, nothing assessed.
    Before, Starlette read GBK in a multipart body as Latin-1: 「2026Äê11ÔÂ」 was not a period, and a GBK
    file name was taken and its records assessed.  The same upload in UTF-8 is assessed."""
    import html
    import pathlib

    import httpx

    from servicekit import stop
    records = (pathlib.Path(__file__).parents[2] / "examples" / "records.jsonl").read_bytes()
    process, base, secrets = _served(tmp_path, pack_copy)
    try:
        with httpx.Client(base_url=base, timeout=60) as web:
            web.post("/ui/login", data={"csrf": _csrf(web.get("/ui/login")), "token": secrets["secretariat"]})
            csrf = _csrf(web.get("/ui/dashboard"))

            def upload(encoding: str, period: str = "2026-11", filename: str = "records.jsonl") -> httpx.Response:
                body, kind = _multipart([(b"csrf", None, csrf.encode()), (b"period", None, period.encode(encoding)),
                                         (b"records", filename.encode(encoding), records)])
                return web.post("/ui/dashboard/assess", content=body, headers={"Content-Type": kind})

            for sent, field, reading in ((upload("gbk", period="2026年11月"), "period", "2026年11月"),
                                         (upload("gbk", filename="十一月记录.jsonl"), "records", "十一月记录.jsonl")):
                said = html.unescape(sent.text)
                assert sent.status_code == 422 and "GBK" in said and reading in said, said
                assert f"「{field}」" in said and 'id="assess-summary"' not in said
            assessed = upload("utf-8", filename="十一月记录.jsonl")
            assert assessed.status_code == 200 and 'id="assess-summary"' in assessed.text, assessed.text
    finally:
        stop(process)


def test_a_multipart_form_is_parsed_once(tmp_path, pack_copy, monkeypatch):
    """The dashboard's upload is read once: the fields Starlette gives and the bytes as sent, for the UTF-8
    check, come from one parse of the body (the check still refuses a GBK field, and a UTF-8 upload is
    assessed)."""
    import pathlib

    from fastapi.testclient import TestClient
    from python_multipart.multipart import MultipartParser

    from gridrules.pages.app import create_app
    from servicekit import write_config

    config = tmp_path / "serve.json"
    secrets = write_config(config)
    records = (pathlib.Path(__file__).parents[2] / "examples" / "records.jsonl").read_bytes()
    parsers: list[object] = []
    made = MultipartParser.__init__

    def counted(self, *args, **kwargs):
        parsers.append(self)
        made(self, *args, **kwargs)

    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        web.post("/ui/login", data={"csrf": _csrf(web.get("/ui/login")), "token": secrets["secretariat"]})
        csrf = _csrf(web.get("/ui/dashboard"))
        monkeypatch.setattr(MultipartParser, "__init__", counted)
        for period, status in (("2026年11月".encode("gbk"), 422), (b"2026-11", 200)):
            parsers.clear()
            body, kind = _multipart([(b"csrf", None, csrf.encode()), (b"period", None, period),
                                     (b"records", b"records.jsonl", records)])
            sent = web.post("/ui/dashboard/assess", content=body, headers={"Content-Type": kind})
            assert sent.status_code == status, sent.text
            assert len(parsers) == 1
