"""Legal references end to end: every parameter cites an official source; "wettelijke basis" is
only a law or regulation with its BWB or CVDR id; scheme output carries structured references."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

from meedoen.rules.entitlements import entitlements
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import Reference, default_parameters

EXAMPLE = Path(__file__).parents[2] / "meedoen" / "examples" / "household_arnhem.json"

# Official publishers: the law and its publications, the executing agencies, and municipalities.
OFFICIAL = {
    "wetten.overheid.nl",
    "zoek.officielebekendmakingen.nl",
    "lokaleregelgeving.overheid.nl",
    "www.belastingdienst.nl",
    "www.rijksoverheid.nl",
    "www.overtoeslagen.nl",  # Dienst Toeslagen's own site
    "www.svb.nl",
    "sdg.government.nl",
    "www.arnhem.nl",
    "arnhem.nl",
    "www.nijmegen.nl",
    "gemeente.groningen.nl",
    "velsen.nl",  # municipal norm tables, beside the law text they confirm
    "www.hofvantwente.nl",
}
# Local figures that still rest on a non-official page; issue 18 replaces them with the regulation.
AWAITING_LOCAL_SOURCE = {
    "https://sportzaken.pro/overheid/gemeenten/gelrepas-arnhem-eo/",
    "https://www.clientenraadgroningen.nl/nieuws/minimabeleid-q1-2016/",
    "https://www.leergeldnijmegen.nl",
}


def _references():
    params = default_parameters()
    for path in params.paths():
        for ref in params[path].references:
            yield path, ref


def test_every_national_figure_cites_an_official_source():
    unofficial = [
        (path, r.href)
        for path, r in _references()
        if urlparse(r.href).hostname not in OFFICIAL and r.href not in AWAITING_LOCAL_SOURCE
    ]
    assert unofficial == []
    national_exceptions = [
        path for path, r in _references() if path.startswith("nl.") and r.href in AWAITING_LOCAL_SOURCE
    ]
    assert national_exceptions == []


def test_a_legal_basis_is_a_law_or_regulation_with_its_id():
    for path, ref in _references():
        if ref.is_legal_basis:
            assert ref.bwb_id or ref.cvdr_id, path
        if ref.bwb_id or ref.cvdr_id:
            assert ref.kind in ("law", "regulation", "policy"), path


def test_the_kind_follows_from_the_id_and_title_when_not_given():
    assert Reference("Participatiewet art. 21", "https://x", bwb_id="BWBR0015703").kind == "law"
    assert (
        Reference("Besluit op de huurtoeslag art. 7", "https://x", bwb_id="BWBR0008763").kind == "regulation"
    )
    assert Reference("Verordening IIT Arnhem", "https://x", cvdr_id="CVDR123").kind == "regulation"
    assert Reference("Gemeente Arnhem, GelrePas", "https://www.arnhem.nl").kind == "web"


def test_scheme_output_carries_structured_references_beside_sources():
    result = entitlements(parse_household(json.loads(EXAMPLE.read_text())), trace=True)
    for scheme in result["schemes"]:
        assert scheme["sources"] == [r["url"] for r in scheme["references"]]
        for ref in scheme["references"]:
            assert set(ref) == {"title", "url", "id", "article", "kind"}
            assert ref["kind"] in ("law", "regulation", "policy", "web")
    bijstand = next(s for s in result["schemes"] if s["id"] == "bijstand")
    assert bijstand["references"][0]["id"] == "BWBR0015703" and bijstand["references"][0]["kind"] == "law"
    traced = [p for entry in result["trace"] for p in entry["parameters"]]
    assert traced and all("references" in p and "provisional" in p for p in traced)
