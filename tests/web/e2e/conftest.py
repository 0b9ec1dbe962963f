"""Browser tests in Debian's Chromium (never a downloaded browser) against pytest-django's live server.

The browser comes from MEEDOEN_CHROMIUM (default /usr/bin/chromium; `make -f mk/web.mk chromium`
installs it). axe-core comes from node_modules (npm install at the repository root).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM is used from it in fixtures.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect, sync_playwright

from meedoen.web.decisions.defaults import install_defaults
from meedoen.web.decisions.models import Provider, SchemePolicy

expect.set_options(timeout=15000)  # a shared 2-core machine can be slow; a real failure still fails

CHROMIUM = os.environ.get("MEEDOEN_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Browser:
    """Per module, not per session: while Playwright's sync API is open its event loop runs, and
    pytest-django runs database tests (these) before the other browser tests of the suite."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: apt-get install -y chromium (see mk/web.mk)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, transactional_db) -> Page:
    """A phone-sized page on the live server; bypass_csp only so the test can inject axe-core.

    Browser tests empty every table afterwards, data migrations included: the scheme policies are
    put back first.
    """
    install_defaults(Provider, SchemePolicy)
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, bypass_csp=True, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


class Accessibility:
    """Runs axe-core (WCAG 2.1 A and AA rules) in the page and collects serious/critical violations."""

    def __init__(self) -> None:
        self.source = AXE.read_text(encoding="utf-8")
        self.scanned: list[str] = []
        self.violations: list[str] = []

    def scan(self, page: Page) -> None:
        page.evaluate(self.source)
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag',
               values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
        )
        path = page.url.split("://", 1)[1].split("/", 1)[1]
        self.scanned.append("/" + path)
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:3]
                self.violations.append(f"/{path}: {v['id']} ({v['impact']}): {v['help']} {targets}")


@pytest.fixture
def axe() -> Accessibility:
    if not AXE.exists():
        pytest.fail(f"No axe-core at {AXE}: run npm install at the repository root")
    return Accessibility()
