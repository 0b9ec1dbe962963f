"""A walk through pages in Chromium: every step scanned with axe-core and photographed at phone (390)
and desktop (1280) width into $MEEDOEN_SCREENSHOTS (default: a temporary folder, printed)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def folder(name: str) -> Path:
    base = os.environ.get("MEEDOEN_SCREENSHOTS")
    path = Path(base) / name if base else Path(tempfile.mkdtemp(prefix=f"meedoen-{name}-"))
    path.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {path}")
    return path


class Walk:
    def __init__(self, page: Page, axe, name: str) -> None:
        self.page, self.axe, self.n, self.folder = page, axe, 0, folder(name)

    def step(self, name: str) -> None:
        """Scan and photograph the page at both widths (the walk itself runs at phone width)."""
        self.n += 1
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            self.page.set_viewport_size(size)
            self.axe.scan(self.page)
            self.page.screenshot(path=str(self.folder / f"{self.n:02d}-{name}-{label}.png"), full_page=True)
        self.page.set_viewport_size(PHONE)

    def log_out(self) -> None:
        self.page.get_by_role("button", name="Uitloggen").first.click()
