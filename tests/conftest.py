"""Shared fixtures: fixture sites built in tmp_path, and one strict build of the real site."""
from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


@dataclass
class Build:
    """The outcome of one fixture build: its messages, whether strict mode aborted, the site."""

    warnings: list[str]
    aborted: bool
    error: str
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _fixture_config(tmp: Path, nav, extra: dict) -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config.pop("watch", None)
    config.pop("nav", None)
    if nav is not None:
        config["nav"] = nav
    config["docs_dir"] = str(tmp / "docs")
    config["site_dir"] = str(tmp / "site")
    config.update(extra)
    return config


def _write_zh_edition(tmp: Path, pages: dict[str, str]) -> None:
    """docs-zh/ and mkdocs.zh.yml beside the fixture's mkdocs.yml: the real zh config, its nav left
    out (the fixture's pages are not the real site's) and its folders in tmp."""
    zh = yaml.safe_load((ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8"))
    zh.pop("nav", None)
    zh["site_dir"] = str(tmp / "site" / "zh")
    for name, text in pages.items():
        (tmp / "docs-zh" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / "docs-zh" / name).write_text(text, encoding="utf-8")
    (tmp / "docs-zh").mkdir(exist_ok=True)
    (tmp / "mkdocs.zh.yml").write_text(yaml.safe_dump(zh, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def build_site(tmp_path):
    """Build a small site from ``pages`` with the real config and hooks; never raises."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    def run(pages: dict[str, str], *, glossary: str | None = None, nav=None, lock: str | None = None,
            redirects: str | None = None, extra: dict | None = None, zh_pages: dict[str, str] | None = None) -> Build:
        """``zh_pages`` (docs-zh/ files) also builds the Chinese edition into site/zh, as the real
        site does; without it the fixture is an English-only site (half the build time)."""
        docs = tmp_path / "docs"
        docs.mkdir(exist_ok=True)
        shutil.copy(ROOT / "docs" / "tags.yml", docs / "tags.yml")
        for name, text in pages.items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_text(text, encoding="utf-8")
        if glossary is not None:
            (docs / "glossary.yml").write_text(glossary, encoding="utf-8")
        if lock is not None:
            (tmp_path / "permalinks.lock").write_text(lock, encoding="utf-8")
        if redirects is not None:
            (tmp_path / "redirects.yml").write_text(redirects, encoding="utf-8")
        config = _fixture_config(tmp_path, nav, extra or {})
        if zh_pages is None:
            config["extra"]["editions"] = config["extra"]["editions"][:1]
        else:
            _write_zh_edition(tmp_path, zh_pages)
        config_file = tmp_path / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        handler = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        aborted, error = False, ""
        try:
            build(load_config(str(config_file)))
        except Abort:
            aborted = True
        except PluginError as exc:
            aborted, error = True, str(exc)
        finally:
            logger.removeHandler(handler)
        return Build(handler.messages, aborted, error, tmp_path / "site")

    return run


@pytest.fixture(scope="session")
def real_site() -> tuple[subprocess.CompletedProcess, Path]:
    """One strict build of the real site into site/, as an author or CI would run it."""
    site = ROOT / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    return result, site


@pytest.fixture(scope="session")
def site(real_site) -> Path:
    """The real site's folder, once its strict build has succeeded."""
    result, path = real_site
    assert result.returncode == 0, result.stdout + result.stderr
    return path


@pytest.fixture(scope="session")
def published_site(real_site, tmp_path_factory) -> Path:
    """The site as the Pages workflow publishes it: the strict build plus `make anki` and `make pdf`.

    A copy, so that site/ stays exactly what `mkdocs build` wrote (test_platform compares it
    file for file with other builds). Links to the downloads are crawled here, never shipped broken.
    """
    result, site = real_site
    assert result.returncode == 0, result.stdout + result.stderr
    published = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(site, published)
    for script in ("make_anki.py", "make_pdf.py"):
        for config, folder in (("mkdocs.yml", published), ("mkdocs.zh.yml", published / "zh")):
            made = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--config", str(ROOT / config),
                                   "--site-dir", str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=600)
            assert made.returncode == 0, made.stdout + made.stderr
    return published


# --- Browser: the built site on 127.0.0.1 and Debian's Chromium via Playwright -----------------
# Never downloads a browser (no `playwright install`): Chromium comes from the system
# ($CHROMIUM or /usr/bin/chromium). A missing browser fails the run with one clear line.

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(real_site):
    """Serve the strict build of the real site (built once per session) on a free local port."""
    result, site = real_site
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def default_port_url(real_site):
    """The same build on 127.0.0.1:80. Material's instant navigation copies protocol and host,
    but not the port, from the page to its sitemap URLs (bundle function ``fi``), so it only
    engages on a default port: tests of instant navigation need this server."""
    result, site = real_site
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_Quiet, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 80), handler)
    except OSError as exc:
        pytest.skip(f"port 80 is not available for the instant-navigation test server: {exc}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"browser tests need Chromium at {executable}: apt-get install -y chromium fonts-wqy-microhei, or set CHROMIUM", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, base_url):
    """A fresh profile that records every request and allows clipboard access."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    ctx.requests = []
    ctx.on("request", lambda request: ctx.requests.append(request.url))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15000)
    return page



def pytest_terminal_summary(terminalreporter):
    """Say how much of the question bank is still to be written (tests/bank_pending.yml)."""
    from test_real_site import bank_ids, pending_ids

    wanted, pending = bank_ids(), pending_ids()
    if wanted and pending:
        terminalreporter.write_line(f"question bank: {len(wanted) - len(pending)} of {len(wanted)} written, "
                                    f"{len(pending)} pending (tests/bank_pending.yml)")
