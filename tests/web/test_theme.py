"""The municipality's own look (issue 19, item 9): its NL Design System theme, a footer with contact,
privacy and accessibility statements, Dutch 403/404/500 pages, and the Regelingencheck embeddable on
the municipality's own site (frame-ancestors for the check pages only)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.test import Client, override_settings
from django.urls import include, path

from meedoen.rules.parameters import PARAMETER_ROOT
from meedoen.web.settings import base
from meedoen.web.themes import site
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
STATIC = Path(base.WEB_DIR) / "static"
THEMES = Path(site.__file__).parent / "static"
UTRECHT_RED = "#cc0000"


def crash(request):
    raise RuntimeError("boom")


def forbidden(request):
    raise PermissionDenied


# the real pages too: the 403 page is in the site layout, whose links must resolve
urlpatterns = [path("stuk/", crash), path("verboden/", forbidden), path("", include("meedoen.web.urls"))]


def test_every_municipality_has_a_theme_with_sources():
    municipalities = sorted(p.name for p in (PARAMETER_ROOT / "gemeenten").iterdir() if p.is_dir())
    assert site.municipalities_with_sites() == municipalities
    for name in municipalities:
        theme = site.site_for(name)
        assert theme.theme_class == f"{name}-theme" and theme.theme_sources
        for sheet in theme.stylesheets:
            assert (STATIC / sheet).exists() or (THEMES / sheet).exists(), sheet
            css = ((STATIC / sheet) if (STATIC / sheet).exists() else (THEMES / sheet)).read_text()
            assert f".{name}-theme" in css  # scoped to the municipality's class
            assert UTRECHT_RED not in css.lower()


def test_nijmegen_uses_its_own_published_tokens_not_utrechts_red():
    html = Client().get("/").content.decode()
    assert "nijmegen-theme" in html and "nlds/nijmegen-theme.css" in html and "themes/nijmegen.css" in html
    built = (STATIC / "nlds" / "nijmegen-theme.css").read_text()
    assert ".nijmegen-theme" in built and "--utrecht-button-primary-action-background-color: #157C68" in built
    # the page footer is the one Utrecht-red token the package leaves open: our bridge sets it
    bridge = (THEMES / "themes" / "nijmegen.css").read_text()
    assert "--utrecht-page-footer-background-color: #157c68" in bridge
    assert "--utrecht-page-footer-background-image: none" in bridge


@pytest.mark.parametrize(("municipality", "phone"), [("groningen", None), ("arnhem", "0800-1809")])
def test_another_municipality_gets_its_own_theme_and_contact(municipality, phone):
    with override_settings(MUNICIPALITY=municipality):
        html = Client().get("/contact/").content.decode()
    assert f"{municipality}-theme" in html and f"themes/{municipality}.css" in html
    assert "nijmegen" not in html.lower()
    if phone:
        assert f"Bel {phone}." in html and f'href="tel:{phone}"' in html
    else:
        assert "Vragen? Bel" not in html and "gemeente.groningen.nl" in html


def test_the_footer_links_to_contact_privacy_and_accessibility():
    html = Client().get("/").content.decode()
    footer = html[html.index("<footer") :]
    for href in ("/contact/", "/privacy/", "/toegankelijkheid/"):
        assert f'href="{href}"' in footer
    assert "Bel 14 024." in footer  # Nijmegen's number, from its letterhead


@pytest.mark.parametrize(
    ("url", "heading", "says"),
    [
        ("/contact/", "Contact", "Postbus 9105"),
        ("/privacy/", "Privacyverklaring", "Autoriteit Persoonsgegevens"),
        ("/toegankelijkheid/", "Toegankelijkheidsverklaring", "WCAG 2.1"),
    ],
)
def test_the_site_pages_are_dutch_and_open_to_everyone(url, heading, says, resident):
    for client in (Client(), logged_in(resident), logged_in(factories.UserFactory())):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and f">{heading}</h1>" in html and says in html
        assert '<html lang="nl">' in html


@override_settings(DEBUG=False)
def test_an_unknown_url_shows_the_dutch_404_page():
    response = Client().get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in html and "Not Found" not in html
    assert "nijmegen-theme" in html and 'href="/contact/"' in html


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_a_server_error_shows_the_dutch_500_page_in_the_theme():
    client = Client(raise_request_exception=False)
    response = client.get("/stuk/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html and "Server Error" not in html
    assert "nijmegen-theme" in html and "Bel 14 024" in html.replace("bel", "Bel")


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_a_forbidden_page_shows_the_dutch_403_page():
    response = Client().get("/verboden/")
    assert response.status_code == 403 and "U hebt geen toegang tot deze pagina" in response.content.decode()


def test_staff_without_a_landing_page_get_the_dutch_403(resident):
    response = logged_in(resident).get("/medewerkers/")
    assert response.status_code == 403 and "U hebt geen toegang" in response.content.decode()


@override_settings(EMBED_FRAME_ANCESTORS=["https://www.nijmegen.nl"])
def test_only_the_check_may_be_framed_by_the_allowed_sites():
    client = Client()
    check = client.get("/regelingencheck/over-u/")
    csp = check["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.nijmegen.nl" in csp and "'none'" not in csp.split("frame-")[1]
    assert "X-Frame-Options" not in check
    assert "script-src 'self'" in csp  # the rest of the policy stays as strict
    for other in ("/", "/inloggen/", "/contact/", "/stadspas/aanbod/"):
        response = client.get(other)
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], other
        assert response["X-Frame-Options"] == "DENY", other


def test_without_an_allow_list_no_page_may_be_framed():
    response = Client().get("/regelingencheck/over-u/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "origin", ["http://www.nijmegen.nl", "https://x.nl; script-src *", "*", "https://x.nl/pad"]
)
def test_the_allow_list_takes_https_origins_only(origin, monkeypatch):
    monkeypatch.setenv("MEEDOEN_EMBED_FRAME_ANCESTORS", origin)
    with pytest.raises(ImproperlyConfigured):
        runpy.run_path(base.__file__)


@pytest.mark.parametrize(
    ("municipality", "says"),
    [
        ("nijmegen", "Bel 14 024."),
        ("arnhem", "Bel 0800-1809."),
        ("groningen", "Kijk op gemeente.groningen.nl hoe u de gemeente bereikt."),
    ],
)
def test_the_start_page_gives_the_municipality_s_own_number(municipality, says):
    """Arnhem's residents were told to call Nijmegen's 14 024 on the start page."""
    with override_settings(MUNICIPALITY=municipality):
        html = Client().get("/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert f"Komt u er niet uit? {says}" in main
    if municipality != "nijmegen":
        assert "14 024" not in html


def test_no_page_or_message_writes_a_phone_number_itself():
    """A municipality's phone number lives in its letterhead only (the footer, the contact page and
    every "bel ..." sentence read it there), so no other deployment shows it."""
    from meedoen.web.letters.letterhead import letterhead

    web = Path(__file__).resolve().parents[2] / "meedoen" / "web"
    numbers = {letterhead(m).phone for m in ("arnhem", "nijmegen", "groningen")} - {None}
    found = [
        f"{path.relative_to(web)}: {number}"
        for path in [*web.rglob("*.html"), *web.rglob("*.py")]
        for number in numbers
        if number in path.read_text(encoding="utf-8") and "letterhead" not in path.name
    ]
    assert found == []
