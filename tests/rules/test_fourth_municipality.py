"""A fourth municipality is added by a parameter folder and a catalogue entry only: no code.

Ede (test data, not Ede's real figures) gets every local scheme whose rules take a municipality's
figures: a city pass with a known budget, the Meedoen-regeling, an IIT whose family amount goes by
school type (Arnhem's goes by age), a collective insurance whose contribution was not found, a child
scheme, and Arnhem's kwijtschelding and bijzondere bijstand files taken over as they are. The
valuation of each (``<scheme>_waarde_maand``) and the "bedrag onbekend" of a value not found must
follow from the data alone.
"""

import json
import shutil
from pathlib import Path

from meedoen.catalogue import ROOT as CATALOGUE
from meedoen.catalogue import catalogue
from meedoen.rules.engine import Simulation
from meedoen.rules.entitlements import entitlements
from meedoen.rules.formulas.gemeenten.lokale_regelingen import unvalued_schemes
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet, load_tree
from meedoen.rules.population import from_households

HEAD = """metadata:
  covered_until: 2026-12-31
  reference: [{title: Gemeente Ede (test), href: "https://www.ede.nl"}]
"""
# Arnhem's files taken over as they are: the schemes they feed must give Ede Arnhem's answers.
COPIED = ("inkomensgrenzen", "energiearmoede", "kwijtschelding", "bijzondere_bijstand")
EDE = {
    **{f"{name}.yaml": (PARAMETER_ROOT / f"gemeenten/arnhem/{name}.yaml").read_text() for name in COPIED},
    "stadspas.yaml": "description: Edepas.\n"
    + HEAD
    + """inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.25}}
inkomensgrens_met_kinderen:
  {description: Grens met kinderen., metadata: {unit: /1}, values: {2026-01-01: 1.25}}
waarde_per_persoon_per_jaar: {description: Tegoed., metadata: {unit: EUR}, values: {2026-01-01: 120}}
id: {description: Id., metadata: {unit: text}, values: {2026-01-01: edepas}}
naam: {description: Naam., metadata: {unit: text}, values: {2026-01-01: Edepas}}
""",
    "meedoenregeling.yaml": "description: Meedoenregeling Ede.\n"
    + HEAD
    + """inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.30}}
bedrag_per_persoon: {description: Bedrag., metadata: {unit: EUR}, values: {2026-01-01: 200}}
minimum_leeftijd: {description: Leeftijd., metadata: {unit: years}, values: {2026-01-01: 18}}
""",
    "individuele_inkomenstoeslag.yaml": "description: IIT Ede.\n"
    + HEAD
    + """inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.10}}
jaren_laag_inkomen: {description: Jaren., metadata: {unit: years}, values: {2026-01-01: 3}}
minimum_leeftijd: {description: Leeftijd., metadata: {unit: years}, values: {2026-01-01: 21}}
bedrag_alleenstaande: {description: Bedrag., metadata: {unit: EUR}, values: {2026-01-01: 300}}
bedrag_alleenstaande_ouder: {description: Bedrag., metadata: {unit: EUR}, values: {2026-01-01: 400}}
bedrag_paar: {description: Bedrag., metadata: {unit: EUR}, values: {2026-01-01: 450}}
bedrag_paar_met_kind: {description: Gezin., metadata: {unit: EUR}, values: {2026-01-01: 500}}
gezinsbedrag_kind:
  description: Kind op het voortgezet onderwijs.
  metadata: {unit: text}
  values: {2026-01-01: voortgezet_onderwijs}
""",
    "collectieve_zorgverzekering.yaml": "description: CAZ Ede.\n"
    + HEAD
    + """inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.30}}
minimum_leeftijd: {description: Leeftijd., metadata: {unit: years}, values: {2026-01-01: 18}}
bijdrage_gemeente_per_maand:
  {description: Bijdrage., metadata: {unit: EUR, confidence: not_found}, values: {2026-01-01: 0}}
""",
    "kindregeling.yaml": "description: Kindregeling Ede.\n"
    + HEAD
    + """inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.30}}
minimum_leeftijd_kind: {description: Leeftijd., metadata: {unit: years}, values: {2026-01-01: 4}}
waarde_per_kind_per_jaar: {description: Waarde., metadata: {unit: EUR}, values: {2026-01-01: 60}}
""",
}
ENTRY = """  title: {title}
  description: Een regeling van de gemeente Ede voor inwoners met een laag inkomen.
  conditions: [Uw inkomen is laag.]
  apply: Vraag het aan bij de gemeente Ede.
  link: https://www.ede.nl
"""
TITLES = {
    "edepas": "Edepas",
    "meedoenregeling": "Meedoen in Ede",
    "individuele_inkomenstoeslag": "Inkomenstoeslag Ede",
    "collectieve_zorgverzekering": "Zorgverzekering Ede",
    "kindregeling": "Kindregeling Ede",
    "kwijtschelding": "Kwijtschelding Ede",
    "bijzondere_bijstand": "Bijzondere bijstand Ede",
}


def test_ede_by_data_only(tmp_path):
    params = tmp_path / "parameters"
    shutil.copytree(PARAMETER_ROOT, params)
    (params / "gemeenten" / "ede").mkdir()
    for name, text in EDE.items():
        (params / "gemeenten" / "ede" / name).write_text(text)
    cat = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, cat, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (cat / "gemeenten" / "ede.yaml").write_text(
        "".join(f"{id}:\n" + ENTRY.format(title=title) for id, title in TITLES.items())
    )
    pset = ParameterSet(load_tree(params))

    # The bundled example: a couple (income 1.100), a child of 13 in secondary school, a housemate;
    # low income since 2021-06-01, so 3 years are met on 2026-01-01.
    example = json.loads((Path(__file__).parents[2] / "meedoen/examples/household_arnhem.json").read_text())
    household = parse_household({**example, "municipality": "ede"})
    result = entitlements(household, pset, trace=False)
    schemes = {s["id"]: s for s in result["schemes"]}
    assert schemes["edepas"]["eligible"] is True
    # two adults (applicant and partner), 200 each
    assert schemes["meedoenregeling"]["amount"] == 400.0
    # 1,30 x 0,95 x 2.002,13 (couple norm, 2026) = 2.472,63
    assert "€\u00a02.472,63" in schemes["meedoenregeling"]["reasons"][0]["text"]
    # two parents with a child in secondary school (school: vo): Ede's family amount by school type
    assert schemes["individuele_inkomenstoeslag"]["amount"] == 500.0
    # the pass for three holders (applicant, partner, child) at 120 a year: 360 / 12 = 30 per month
    assert schemes["edepas"]["value_month"] == 30.0
    # the contribution of the collective insurance was not found: unknown, never 0
    assert schemes["collectieve_zorgverzekering"]["eligible"] is True
    assert schemes["collectieve_zorgverzekering"]["value_month"] is None
    # one child of 4-17 at 60 a year: 5 per month
    assert schemes["kindregeling"]["value_month"] == 5.0
    assert {"bijstand", "zorgtoeslag"} <= set(schemes)
    assert set(catalogue("ede", cat)) == set(schemes)

    # kwijtschelding and bijzondere bijstand from Arnhem's data: Arnhem's answers, scheme by scheme
    arnhem = {x["id"]: x for x in entitlements(parse_household(example), pset, trace=False)["schemes"]}
    for scheme in ("kwijtschelding", "bijzondere_bijstand"):
        mine, theirs = schemes[scheme], arnhem[scheme]
        assert (mine["eligible"], mine["amount"], mine.get("value_month")) == (
            theirs["eligible"],
            theirs["amount"],
            theirs.get("value_month"),
        )
        assert [r["text"] for r in mine["reasons"]] == [r["text"] for r in theirs["reasons"]]

    s = Simulation(from_households([household]), pset)
    # the CAZ's contribution is not found in Ede's data, nor (as in Arnhem) the tax amounts
    assert set(unvalued_schemes(pset, "ede", household.date)) == {"collectieve_zorgverzekering"} | {
        scheme for scheme in unvalued_schemes(pset, "arnhem", household.date) if scheme == "kwijtschelding"
    }
    # IIT 500/12 = 41,67; Meedoen 400/12 = 33,33; pass 30,00; kindregeling 5,00 (the unknown left out)
    assert int(s("lokale_regelingen_maand")[0]) == 4167 + 3333 + 3000 + 500
    # the same household with the child in primary school: the couple amount
    primary = {**example, "municipality": "ede"}
    primary["persons"] = [dict(p, school="po") if p["role"] == "child" else p for p in example["persons"]]
    result = entitlements(parse_household(primary), pset, trace=False)
    assert {x["id"]: x for x in result["schemes"]}["individuele_inkomenstoeslag"]["amount"] == 450.0
