"""``meedoen check``: JSON per the contract, readable Dutch text, exit 2 with every error."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from meedoen.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "meedoen" / "examples" / "household_arnhem.json"
CONTRACT_KEYS = {
    "municipality",
    "date",
    "household_type",
    "kostendelers",
    "norm",
    "income_net_month",
    "income_ratio",
    "schemes",
    "provisional",
    "indicators",
    "trace",
}


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_follows_the_contract(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLE), "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert set(result) >= CONTRACT_KEYS
    assert result["household_type"] == "couple"
    assert result["kostendelers"] == 3  # applicant, partner, housemate of 31
    # 2 x (40 + 3 x 30) / (3 x 100) x 2.002,13 (art. 21b, 2026), each rounded to the cent
    assert result["norm"]["monthly_incl_vakantietoeslag"] == 1735.18
    assert result["norm"]["monthly_excl_vakantietoeslag"] + result["norm"][
        "vakantietoeslag_monthly"
    ] == pytest.approx(1735.18)
    assert result["income_net_month"] == 1100.0
    bijstand = next(s for s in result["schemes"] if s["id"] == "bijstand")
    assert bijstand["eligible"] is True
    assert bijstand["amount"] == 635.18
    assert bijstand["period"] == "month"
    assert {r["code"] for r in bijstand["reasons"]} == {"income_below_norm", "kostendelersnorm"}
    assert all(src.startswith("https://wetten.overheid.nl/") for src in bijstand["sources"])
    assert set(result["indicators"]) >= {"energy_cost_share", "energy_poverty"}


def test_trace_explains_every_step_with_sources(capsys):
    _, out, _ = run(capsys, "check", str(EXAMPLE), "--format", "json")
    trace = {step["variable"]: step for step in json.loads(out)["trace"]}
    norm = trace["kostendelersnorm"]
    assert norm["value"] == 1735.18
    assert "kostendelers" in norm["inputs"]
    used = {p["path"]: p for p in norm["parameters"]}
    assert used["nl.participatiewet.normen.gehuwden_21_tot_aow"]["value"] == 2002.13
    assert used["nl.participatiewet.normen.gehuwden_21_tot_aow"]["source"].startswith(
        "https://wetten.overheid.nl/BWBR0015703"
    )
    assert trace["age"]["value"] == {"a": 37, "b": 39, "c": 13, "d": 30}


def test_text_output_is_dutch(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLE))
    assert code == 0
    assert "Huishouden: paar, kostendelers (A): 3" in out
    assert "Bijstandsnorm: €\u00a01.735,18 per maand" in out
    assert "[JA ] Bijstandsuitkering  €\u00a0635,18 per maand" in out


def test_a_date_before_the_rules_exits_2_naming_the_earliest_date(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLE), "--date", "2026-07-01", "--format", "json")
    assert code == 0 and json.loads(out)["date"] == "2026-07-01"
    code, _, err = run(capsys, "check", str(EXAMPLE), "--date", "2023-12-31", "--format", "json")
    assert code == 2
    assert json.loads(err) == {
        "errors": [{"path": "date", "message": "expected a date from 2024-01-01 on, got 2023-12-31"}]
    }


FAR = "2035-01-01"  # after every published figure: the latest values hold provisionally


def test_a_date_after_the_published_figures_is_answered_provisionally(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLE), "--date", FAR, "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["provisional"] is True
    assert result["norm"]["status"] == "provisional"
    bijstand = next(s for s in result["schemes"] if s["id"] == "bijstand")
    assert bijstand["status"] == "provisional" and bijstand["amount"] > 0
    # the norms change on 1 January and 1 July: the latest published ones are of a 1 January or 1 July
    assert result["norm"]["provisional_basis"][5:] in ("01-01", "07-01")
    code, out, _ = run(capsys, "check", str(EXAMPLE), "--date", FAR)
    assert code == 0 and "Voorlopig: de bedragen na " in out


def test_final_only_refuses_provisional_results_naming_the_schemes(capsys):
    code, out, err = run(capsys, "check", str(EXAMPLE), "--date", FAR, "--final-only", "--format", "json")
    assert code == 2 and out == ""
    messages = {e["message"].split(":")[0] for e in json.loads(err)["errors"]}
    assert {"norm", "bijstand", "zorgtoeslag"} <= messages
    assert all("published values end on" in e["message"] for e in json.loads(err)["errors"])
    code, _, _ = run(capsys, "check", str(EXAMPLE), "--date", "2026-03-01", "--final-only")
    assert code == 0


def test_bad_input_exits_2_with_all_errors(capsys, tmp_path):
    data = json.loads(EXAMPLE.read_text())
    data["persons"][1]["birth_date"] = "31-01-1990"
    data["housing"]["kind"] = "tent"
    data["municipality"] = "atlantis"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, out, err = run(capsys, "check", str(bad), "--format", "json")
    assert code == 2 and out == ""
    paths = [e["path"] for e in json.loads(err)["errors"]]
    assert paths == ["persons[1].birth_date", "housing.kind"]
    code, _, err = run(capsys, "check", str(bad))
    assert code == 2
    assert 'fout: persons[1].birth_date: expected a date like 1990-01-31, got "31-01-1990"' in err


def test_unknown_municipality(capsys, tmp_path):
    data = json.loads(EXAMPLE.read_text())
    data["municipality"] = "atlantis"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, _, err = run(capsys, "check", str(bad), "--format", "json")
    assert code == 2
    assert json.loads(err)["errors"][0] == {
        "path": "municipality",
        "message": 'expected one of arnhem, groningen, nijmegen, got "atlantis"',
    }


def test_missing_file_and_bad_json(capsys, tmp_path):
    assert run(capsys, "check", str(tmp_path / "nope.json"))[0] == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert run(capsys, "check", str(broken))[0] == 2


def test_installed_command_runs():
    result = subprocess.run(
        [sys.executable, "-m", "meedoen.cli", "check", str(EXAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["municipality"] == "arnhem"
