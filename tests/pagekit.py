"""Helpers for the pages' browser tests: a real ``gridrules serve`` on 127.0.0.1, the system's
chromium driven by Playwright, a visitor logged in with a role's token, and screenshots.

The browser is Debian's ``chromium`` (``.ci/run`` installs it with CJK fonts); Playwright only
drives it (``playwright install`` is never run).  The tests skip, saying why, when no chromium
is installed.  Screenshots go to ``$GRIDRULES_SCREENSHOTS`` (default: a folder under pytest's
temporary directory) and are named after the test and the page.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil

import pytest

from conftest import write_pack_copy
from examplepacks import copy_of
from servicekit import serve, stop, write_config

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN"]
TIMEOUT_MS = 20_000


def screenshots(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    chosen = os.environ.get("GRIDRULES_SCREENSHOTS")
    if chosen:
        folder = pathlib.Path(chosen)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


class Served:
    """A ``gridrules serve`` process over a copy of the bundled pack (or of ``source``), with a
    token per role."""

    def __init__(self, root: pathlib.Path, workers: int = 1, source: pathlib.Path | None = None):
        self.pack = write_pack_copy(root / "pack") if source is None else copy_of(source, root / "pack")
        self.config = root / "serve.json"
        self.secrets = write_config(self.config)
        self.log = root / "decisions.sqlite"
        self.process, self.base = serve(self.pack, self.config, "--log", f"sqlite:///{self.log}", workers=workers)

    def stop(self) -> None:
        stop(self.process)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server = Served(tmp_path_factory.mktemp("served"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no chromium installed here (Debian: apt-get install chromium chromium-driver fonts-noto-cjk)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)  # a fresh temporary profile
        try:
            yield launched
        finally:
            launched.close()


class Visitor:
    """One person's browser session (own cookies), logged in with their role's token."""

    def __init__(self, browser, served: Served, role: str, shots: pathlib.Path, test: str):
        self.context = browser.new_context(base_url=served.base, locale="zh-CN", viewport={"width": 1280, "height": 900},
                                           accept_downloads=True)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.served, self.role, self.shots, self.test = served, role, shots, test
        self.taken: list[pathlib.Path] = []
        if role:
            self.log_in(served.secrets[role])

    def log_in(self, token: str) -> None:
        self.page.goto("/ui/login")
        self.page.get_by_label("访问令牌").fill(token)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_url(re.compile(r".*/ui/$"))

    def shot(self, name: str, full: bool = True) -> pathlib.Path:
        """A screenshot of the page as it is now, kept as a test artifact."""
        path = self.shots / f"{self.test}-{name}.png"
        self.page.screenshot(path=str(path), full_page=full)
        self.taken.append(path)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return screenshots(tmp_path_factory)


@pytest.fixture
def visit(browser, served, shots, request):
    """``visit(role)``: a new logged-in visitor; closed after the test."""
    opened: list[Visitor] = []

    def open_as(role: str) -> Visitor:
        visitor = Visitor(browser, served, role, shots, request.node.name.removeprefix("test_"))
        opened.append(visitor)
        return visitor

    yield open_as
    for visitor in opened:
        visitor.close()


def check_task(page, title: str, activities: tuple[str, ...], start: str, **more: str) -> None:
    """Fill in 任务准入自查 by its labels (``more``: other fields, by label) and submit it."""
    page.goto("/ui/check")
    page.get_by_label("任务名称").fill(title)
    for activity in activities:
        page.get_by_label(activity).check()
    page.get_by_label("开始日期").fill(start)
    for label, value in more.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="核验").click()
