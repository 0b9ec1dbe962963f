"""``meedoen monitor kpis``: the contract's JSON on stdout, counts and problems on stderr, exit 2."""

import argparse
import json
import re
from pathlib import Path

import pytest

from meedoen.monitor.cli import add_commands
from tests.monitor.builders import write_folder

# The output example of docs/contracts/monitor-data.md, verbatim.
CONTRACT_EXAMPLE = """
{
  "period": {"from": "2023-01-01", "to": "2023-04-30", "as_of": "2024-06-30"},
  "stock_at_from": 0, "stock_at_to": 0, "stock_change_pct": 0.0,
  "inflow": 0,
  "outflow": {"work": 0, "study": 0, "moved": 0, "partner_income": 0, "other": 0, "total": 0},
  "durable_outflow_work": {"measurable": 0, "durable": 0, "pending": 0, "rate": 0.0},
  "loonkostensubsidie_active_at_to": 0,
  "debt_help_started": 0, "debt_help_started_under_27": 0,
  "startkwalificatie": {
    "stock_without_sk_at_to": 0, "inflow_without_sk": 0, "outflow_work_with_sk": 0,
    "durable_rate_with_sk": 0.0, "durable_rate_without_sk": 0.0
  },
  "by_area": {}
}
"""
CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "monitor-data.md"
PERIOD = ["--from", "2023-01-01", "--to", "2023-04-30", "--as-of", "2024-06-30"]


def keys(value, prefix=""):
    """Every key path in a JSON object, nested ones as ``outflow.work``."""
    if not isinstance(value, dict):
        return set()
    found = set()
    for key, inner in value.items():
        found.add(prefix + key)
        found |= keys(inner, prefix + key + ".")
    return found


def run(capsys, *args):
    parser = argparse.ArgumentParser(prog="meedoen")
    add_commands(parser.add_subparsers(dest="command", required=True))
    parsed = parser.parse_args(["monitor", *args])
    code = parsed.run(parsed)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path):
    return write_folder(
        tmp_path,
        persons="""
            P1,1990-01-01,Noord,true
            P2,2000-05-01,Zuid,false
            P3,1985-01-01,Zuid,
        """,
        spells="""
            S1,P1,2021-01-01,2023-01-15,work
            S2,P2,2023-02-01,,
            S3,P3,2020-01-01,,
        """,
        instruments="P1,loonkostensubsidie,2023-01-16,",
        debt_help="P2,2023-03-01,,vroegsignalering",
    )


def test_the_example_is_the_contract_s():
    if not CONTRACT.is_file():
        pytest.skip("shared/ is not beside the repository")
    text = CONTRACT.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    assert json.loads(example) == json.loads(CONTRACT_EXAMPLE)


def test_json_keys_are_exactly_the_contract_s(capsys, folder):
    code, out, _ = run(capsys, "kpis", str(folder), *PERIOD, "--format", "json")
    assert code == 0
    result = json.loads(out)
    splits = ("by_area.", "by_age_band")
    assert {k for k in keys(result) if not k.startswith(splits)} == keys(json.loads(CONTRACT_EXAMPLE))
    assert "by_gender" not in result  # persons without the optional gender column
    assert list(result["by_area"]) == ["Noord", "Zuid"]
    for area in result["by_area"].values():
        assert keys(area) == keys(json.loads(CONTRACT_EXAMPLE)) - {"by_area"}
    assert result["period"] == {"from": "2023-01-01", "to": "2023-04-30", "as_of": "2024-06-30"}


def test_json_values_and_rounding(capsys, folder):
    _, out, err = run(capsys, "kpis", str(folder), *PERIOD, "--format", "json")
    result = json.loads(out)
    # On 1 January: P1 and P3; on 30 April: P2 and P3. 2 -> 2: 0.0 %.
    assert (result["stock_at_from"], result["stock_at_to"], result["stock_change_pct"]) == (2, 2, 0.0)
    # S1 left for work on 2023-01-15, measurable on 2024-01-15 <= 2024-06-30, P1 never came back.
    assert result["durable_outflow_work"] == {"measurable": 1, "durable": 1, "pending": 0, "rate": 1.0}
    # P3's SK is unknown and P2's is false: no work outflow without SK to measure -> null.
    assert result["startkwalificatie"]["durable_rate_without_sk"] is None
    assert '"durable_rate_without_sk": null' in out
    assert "persons.csv: 3 rows read, 3 used, 0 skipped" in err
    assert "debt_help.csv: 1 rows read, 1 used, 0 skipped" in err


def test_text_is_a_dutch_summary(capsys, folder):
    code, out, _ = run(capsys, "kpis", str(folder), *PERIOD)
    assert code == 0
    assert "Programmamonitor Werk en Inkomen, 1 januari 2023 t/m 30 april 2023" in out
    assert "Personen met een uitkering: 2 op 1 januari 2023, 2 op 30 april 2023 (+0,00%)" in out
    assert "Schuldhulp gestart: 1, waarvan 1 jonger dan 27" in out
    assert "Gebied Zuid" in out


def test_strict_bad_input_exits_2_names_every_problem_and_prints_nothing_on_stdout(capsys, folder):
    (folder / "spells.csv").write_text(
        "spell_id,person_id,start_date,end_date,outflow_reason\n"
        "S1,P1,2021-01-01,2020-01-15,work\n"
        "S2,P8,2023-02-01,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "kpis", str(folder), *PERIOD, "--format", "json")
    assert code == 2
    assert out == ""
    assert (
        "error: spells.csv line 2 column end_date: end_date 2020-01-15 is before start_date 2021-01-01" in err
    )
    assert "error: spells.csv line 3 column person_id: unknown person_id 'P8' (not in persons.csv)" in err
    assert "spells.csv: 2 rows read, 0 used, 2 skipped" in err
    assert "nothing was loaded" in err


def test_lenient_bad_input_reports_each_skipped_row_and_keeps_stdout_json(capsys, folder):
    with (folder / "spells.csv").open("a", encoding="utf-8") as f:
        f.write("S4,P1,2023-01-01,,work\n")
    code, out, err = run(capsys, "kpis", str(folder), *PERIOD, "--format", "json", "--lenient")
    assert code == 0
    assert json.loads(out)["inflow"] == 1  # S2 only: S4 (line 5) was skipped
    assert "skipped: spells.csv line 5 column outflow_reason: running spell (no end_date)" in err
    assert "spells.csv: 4 rows read, 3 used, 1 skipped" in err


def test_a_period_backwards_exits_2(capsys, folder):
    code, out, err = run(capsys, "kpis", str(folder), "--from", "2023-05-01", "--to", "2023-04-30")
    assert (code, out) == (2, "")
    assert "after --to" in err


def test_monitor_without_subcommand_shows_help(capsys):
    code, _, err = run(capsys)
    assert code == 2
    assert "kpis" in err


def test_splits_by_age_band_on_the_period_s_last_day(capsys, folder):
    # Ages on 2023-04-30: P1 33 and P3 38 (27-44), P2 22 (18-26); no one in 45-54 or 55+.
    _, out, _ = run(capsys, "kpis", str(folder), *PERIOD, "--format", "json")
    bands = json.loads(out)["by_age_band"]
    assert list(bands) == ["18-26", "27-44"]
    assert keys(bands["18-26"]) == keys(json.loads(CONTRACT_EXAMPLE)) - {"by_area"}
    # P1 (ends 15 Jan) and P3 on 1 January; P3 alone on 30 April.
    assert (bands["27-44"]["stock_at_from"], bands["27-44"]["stock_at_to"]) == (2, 1)
    assert bands["27-44"]["outflow"]["work"] == 1
    # P2 starts on 1 February and gets debt help on 1 March, aged 22.
    young = bands["18-26"]
    assert (young["stock_at_from"], young["stock_at_to"], young["inflow"]) == (0, 1, 1)
    assert (young["debt_help_started"], young["debt_help_started_under_27"]) == (1, 1)


def test_splits_by_gender_when_the_column_is_there(capsys, tmp_path):
    folder = write_folder(
        tmp_path,
        headers={"persons": "person_id,birth_date,area,startkwalificatie,gender"},
        persons="""
            P1,1990-01-01,Noord,true,v
            P2,2010-05-01,Zuid,false,m
            P3,1985-01-01,Zuid,,
        """,
        spells="""
            S1,P1,2021-01-01,2023-01-15,work
            S2,P2,2023-02-01,,
            S3,P3,2020-01-01,,
        """,
    )
    _, out, _ = run(capsys, "kpis", str(folder), *PERIOD, "--format", "json")
    result = json.loads(out)
    # P3's gender is unknown: in no gender; P2 is 12 on 30 April: in no age band.
    assert list(result["by_gender"]) == ["m", "v"]
    assert (result["by_gender"]["v"]["stock_at_from"], result["by_gender"]["v"]["outflow"]["work"]) == (1, 1)
    assert (result["by_gender"]["m"]["inflow"], result["by_gender"]["m"]["stock_at_to"]) == (1, 1)
    assert result["stock_at_to"] == 2 and list(result["by_age_band"]) == ["27-44"]


def test_a_gender_outside_the_contract_names_its_line(capsys, tmp_path):
    folder = write_folder(
        tmp_path,
        headers={"persons": "person_id,birth_date,area,startkwalificatie,gender"},
        persons="""
            P1,1990-01-01,Noord,true,v
            P2,1991-01-01,Noord,true,vrouw
        """,
    )
    code, _, err = run(capsys, "kpis", str(folder), *PERIOD, "--format", "json")
    assert code == 2
    assert "persons.csv" in err and "3" in err and "gender" in err
