"""A fourth municipality is added by a parameter folder and a catalogue entry only: no code."""

import json
import shutil
from pathlib import Path

from meedoen.catalogue import ROOT as CATALOGUE
from meedoen.catalogue import catalogue
from meedoen.rules.entitlements import entitlements
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet, load_tree

EDE = {
    "inkomensgrenzen.yaml": (PARAMETER_ROOT / "gemeenten/arnhem/inkomensgrenzen.yaml").read_text(),
    "energiearmoede.yaml": (PARAMETER_ROOT / "gemeenten/arnhem/energiearmoede.yaml").read_text(),
    "stadspas.yaml": """description: Edepas.
metadata:
  covered_until: 2026-12-31
  reference: [{title: Gemeente Ede (test), href: "https://www.ede.nl"}]
inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.25}}
inkomensgrens_met_kinderen:
  {description: Grens met kinderen., metadata: {unit: /1}, values: {2026-01-01: 1.25}}
id: {description: Id., metadata: {unit: text}, values: {2026-01-01: edepas}}
naam: {description: Naam., metadata: {unit: text}, values: {2026-01-01: Edepas}}
""",
    "meedoenregeling.yaml": """description: Meedoenregeling Ede.
metadata:
  covered_until: 2026-12-31
  reference: [{title: Gemeente Ede (test), href: "https://www.ede.nl"}]
inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.30}}
bedrag_per_persoon: {description: Bedrag., metadata: {unit: EUR}, values: {2026-01-01: 200}}
minimum_leeftijd: {description: Leeftijd., metadata: {unit: years}, values: {2026-01-01: 18}}
""",
}
ENTRY = """  title: {title}
  description: Een regeling van de gemeente Ede voor inwoners met een laag inkomen.
  conditions: [Uw inkomen is laag.]
  apply: Vraag het aan bij de gemeente Ede.
  link: https://www.ede.nl
"""


def test_ede_by_data_only(tmp_path):
    params = tmp_path / "parameters"
    shutil.copytree(PARAMETER_ROOT, params)
    (params / "gemeenten" / "ede").mkdir()
    for name, text in EDE.items():
        (params / "gemeenten" / "ede" / name).write_text(text)
    cat = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, cat, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (cat / "gemeenten" / "ede.yaml").write_text(
        "edepas:\n"
        + ENTRY.format(title="Edepas")
        + "meedoenregeling:\n"
        + ENTRY.format(title="Meedoen in Ede")
    )

    example = json.loads((Path(__file__).parents[2] / "meedoen/examples/household_arnhem.json").read_text())
    household = parse_household({**example, "municipality": "ede"})
    result = entitlements(household, ParameterSet(load_tree(params)), trace=False)
    schemes = {s["id"]: s for s in result["schemes"]}
    assert schemes["edepas"]["eligible"] is True
    # two adults (applicant and partner), 200 each
    assert schemes["meedoenregeling"]["amount"] == 400.0
    # 1,30 x 0,95 x 2.002,13 (couple norm, 2026) = 2.472,63
    assert "€\u00a02.472,63" in schemes["meedoenregeling"]["reasons"][0]["text"]
    assert {"bijstand", "zorgtoeslag"} <= set(schemes)
    assert set(catalogue("ede", cat)) == set(schemes)
