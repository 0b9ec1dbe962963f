"""The catalogue: every file valid, every scheme shown has an entry, no entry without a scheme."""

import json
from pathlib import Path

import pytest

from meedoen.catalogue import ROOT, Entry, catalogue
from meedoen.rules.entitlements import entitlements
from meedoen.rules.errors import ParameterFileError
from meedoen.rules.household import parse_household

EXAMPLE = json.loads(
    (Path(__file__).parents[2] / "meedoen" / "examples" / "household_arnhem.json").read_text()
)
MUNICIPALITIES = ["arnhem", "nijmegen", "groningen"]


def scheme_ids(municipality: str) -> set[str]:
    household = parse_household({**EXAMPLE, "municipality": municipality})
    return {s["id"] for s in entitlements(household, trace=False)["schemes"]}


@pytest.mark.parametrize("municipality", MUNICIPALITIES)
def test_every_scheme_has_an_entry_and_every_entry_a_scheme(municipality):
    assert set(catalogue(municipality)) == scheme_ids(municipality)


def test_contract_ids_are_used():
    assert {"gelrepas", "individuele_inkomenstoeslag", "collectieve_zorgverzekering", "bijzondere_bijstand",
            "studietoeslag", "bijstand", "zorgtoeslag", "huurtoeslag", "kinderbijslag",
            "kindgebonden_budget"} <= scheme_ids("arnhem")  # fmt: skip
    assert {"meedoenpas", "meedoenregeling"} <= scheme_ids("nijmegen")
    assert "stadjerspas" in scheme_ids("groningen")


def test_texts_are_short_and_plain():
    for m in MUNICIPALITIES:
        for sid, entry in catalogue(m).items():
            assert isinstance(entry, Entry)
            sentences = [x for x in entry.description.replace("?", ".").split(".") if x.strip()]
            assert max(len(x.split()) for x in sentences) <= 25, (m, sid)  # B1: short sentences


def test_a_bad_entry_names_file_and_field(tmp_path):
    (tmp_path / "gemeenten").mkdir()
    (tmp_path / "nl.yaml").write_text((ROOT / "nl.yaml").read_text())
    (tmp_path / "gemeenten" / "ede.yaml").write_text("edepas:\n  title: Edepas\n  description: kort\n")
    with pytest.raises(ParameterFileError) as err:
        catalogue("ede", tmp_path)
    assert err.value.key.startswith("edepas.")
