"""The Jinja environment of the HTML reports, with the one report stylesheet (report.css).

Each report is a single HTML file (it is mailed, archived and printed to PDF), so the stylesheet is put
inline by the renderer instead of linked; the templates write ``<style>{{ report_stylesheet }}</style>``
and no CSS of their own (tests/test_report_stylesheet.py).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup


@cache
def stylesheet() -> Markup:
    return Markup(files("meedoen.reporting").joinpath("report.css").read_text(encoding="utf-8"))


def environment(package: str) -> Environment:
    """A Jinja environment for ``package``'s templates with ``report_stylesheet`` available to them."""
    env = Environment(loader=PackageLoader(package), autoescape=select_autoescape())
    env.globals["report_stylesheet"] = stylesheet()
    return env
