"""The form controls look as the resident expects in Chromium: a required field nobody has typed in
yet is not painted as an error; one the server refused (aria-invalid) is."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

STATIC = Path(__file__).resolve().parents[3] / "meedoen" / "web" / "static"
SHEETS = ("nlds/utrecht-theme.css", "nlds/utrecht-components.css", "meedoen/site.css")


def _border(browser: Browser, attributes: str) -> str:
    page = browser.new_page()
    style = "".join(f"<style>{(STATIC / sheet).read_text()}</style>" for sheet in SHEETS)
    page.set_content(
        f"<html><head>{style}</head><body class='utrecht-theme'>"
        f"<textarea id='t' class='utrecht-textarea utrecht-textarea--html-textarea' {attributes}></textarea>"
        "<input id='i' class='utrecht-textbox utrecht-textbox--html-input' required>"
        "</body></html>"
    )
    colours = page.evaluate(
        "() => ['t', 'i'].map(id => getComputedStyle(document.getElementById(id)).borderTopColor)"
    )
    page.close()
    return colours


def test_an_untouched_required_textarea_looks_like_an_untouched_text_box(browser: Browser) -> None:
    textarea, textbox = _border(browser, "required")
    assert textarea == textbox


def test_a_textarea_the_server_refused_looks_invalid(browser: Browser) -> None:
    textarea, textbox = _border(browser, "required aria-invalid='true'")
    assert textarea != textbox
