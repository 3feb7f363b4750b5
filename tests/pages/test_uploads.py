"""A page's upload is bounded by its own limit (a district's records are larger than an API body), and
one over it is answered with a page a browser shows, not a JSON document."""

from __future__ import annotations

from markupsafe import escape  # as the pages escape what they show

from fastapi.testclient import TestClient

from gridrules.catalogue import t
from gridrules.pages.app import create_app
from servicekit import bearer, write_config


def test_an_upload_over_the_pages_limit_is_answered_with_a_page_and_one_under_it_is_read(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config, limits={"max_body_bytes": 2048, "max_upload_bytes": 8192})
    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        files = {"records": ("records.jsonl", b"{}\n" * 4000, "application/x-ndjson")}  # 12,000 bytes
        answer = web.post("/ui/dashboard/assess", files=files, data={"period": "2026-11"}, follow_redirects=False)
        assert answer.status_code == 413 and answer.headers["content-type"].startswith("text/html")
        assert escape(t("http.upload_too_large", most=t("http.bytes", n=8192))) in answer.text
        assert 'role="alert"' in answer.text and "返回上一页" in answer.text
        # over the API's body limit, under the upload's: past the limits (then to the login, this visitor has none)
        files = {"records": ("records.jsonl", b"{}\n" * 1000, "application/x-ndjson")}  # 3,000 bytes
        answer = web.post("/ui/dashboard/assess", files=files, data={"period": "2026-11"}, follow_redirects=False)
        assert answer.status_code != 413
        # an API body over its limit is still a problem document
        api = web.post("/v1/check-task", content=b"{" + b" " * 3000 + b"}", headers=bearer(secrets["dispatch"])
                       | {"Content-Type": "application/json"})
        assert api.status_code == 413 and api.json()["error"] == "too_large"
