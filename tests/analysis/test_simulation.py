"""Policy simulation: a hand-made table with known answers, the synthetic population, bad input."""

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from meedoen.analysis.population_table import read_population, write_population
from meedoen.analysis.simulation import read_recipients, simulate
from meedoen.analysis.synthetic_population import cbs_figures, synthetic
from meedoen.cli import main
from meedoen.rules.errors import InputError
from meedoen.rules.parameters import default_parameters
from meedoen.rules.reforms import apply_reform

DATE = dt.date(2026, 1, 1)
REFORMS = Path(__file__).resolve().parents[2] / "meedoen" / "examples" / "reforms"
HEADER = "household_id,role,birth_date,net_income_month,rent_month,assets,area\n"
# Single adults in Nijmegen, 2026: Meedoen-regeling limit 1,20 x 0,95 x 1.401,50 = 1.597,71 (baseline)
# and 1,40 x 0,95 x 1.401,50 = 1.864,00 (reform).
TABLE = HEADER + (
    "h1,applicant,1980-05-01,1200.00,600,0,Oost\n"  # under both limits
    "h2,applicant,1985-05-01,1800.00,600,0,Oost\n"  # only under 140 %
    "h3,applicant,1990-05-01,2000.00,,0,West\n"  # above both
    "h4,applicant,1975-05-01,2500.00,650,0,West\n"  # a couple: limits 2.282,43 (120 %) and 2.662,83
    "h4,partner,1976-05-01,0,,,\n"
)


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "huishoudens.csv"
    path.write_text(TABLE)
    return path


def test_widening_the_meedoenregeling_on_known_households(table):
    params = default_parameters()
    baseline = apply_reform(params, REFORMS / "nijmegen_meedoenregeling_120.yaml")
    reform = apply_reform(params, REFORMS / "nijmegen_meedoenregeling_140.yaml")
    data = read_population(table, DATE, "nijmegen")
    result = simulate(data, baseline, reform, "120 -> 140", recipients={"meedoenregeling": 1})
    meedoen = next(s for s in result.schemes if s.measure.id == "meedoenregeling")
    assert (meedoen.eligible_baseline, meedoen.eligible_reform) == (1, 3)  # h1; then h2 and h4 join
    # h2: 150, h4: two adults x 150 -> 450 more per year
    assert meedoen.cost_reform - meedoen.cost_baseline == 45_000
    assert meedoen.not_reached == 0  # 1 eligible, 1 recipient
    areas = {g.group: g for g in result.by_area}
    assert areas["Oost"].newly_eligible["meedoenregeling"] == 1
    assert areas["West"].newly_eligible["meedoenregeling"] == 1
    assert areas["West"].gain_per_year == 30_000  # h4: 2 x 150 (local money counts in disposable income)


def test_bad_rows_are_named_and_nothing_is_used(tmp_path):
    path = tmp_path / "slecht.csv"
    path.write_text(HEADER + "h1,applicant,1980-05-01,12.345,600,0,Oost\nh2,wife,01-05-1980,100,600,0,Oost\n")
    with pytest.raises(InputError) as err:
        read_population(path, DATE, "nijmegen")
    found = {p.path for p in err.value.problems}
    assert found == {"slecht.csv:2:net_income_month", "slecht.csv:3:role", "slecht.csv:3:birth_date"}


def test_household_without_applicant(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "h1,partner,1980-05-01,100,600,0,Oost\n")
    with pytest.raises(InputError) as err:
        read_population(path, DATE, "nijmegen")
    assert "exactly one applicant" in err.value.problems[0].message


def test_synthetic_population_follows_cbs():
    inhabitants, bijstand = cbs_figures("arnhem")
    assert (inhabitants, bijstand) == (132_010, 9_320)  # CBS 84066NED 2017, 15 years and older
    data = synthetic("arnhem", DATE)
    assert data.population.size == round(132_010 / 1.75)
    result = simulate(data, default_parameters(), default_parameters())
    on_bijstand = next(s for s in result.schemes if s.measure.id == "bijstand").eligible_baseline
    # 9.320 persons / 1,2 per benefit = 7.767 benefit households; the synthetic set is within 20 %
    assert 0.8 * 7_767 < on_bijstand < 1.2 * 7_767


def test_recipients_file(tmp_path):
    path = tmp_path / "ontvangers.csv"
    path.write_text("scheme,recipients\nmeedoenregeling,5400\nstadspas,veel\n")
    with pytest.raises(InputError) as err:
        read_recipients(path)
    assert err.value.problems[0].path == "ontvangers.csv:3:recipients"


def test_cli(tmp_path, table, capsys):
    out = tmp_path / "rapport"
    args = ["simulate", "--municipality", "nijmegen", "--date", "2026-01-01", "--population", str(table),
            "--baseline", str(REFORMS / "nijmegen_meedoenregeling_120.yaml"),
            "--reform", str(REFORMS / "nijmegen_meedoenregeling_140.yaml"), "--out", str(out)]  # fmt: skip
    assert main(args) == 0
    assert "meedoenregeling: 1 -> 3 huishoudens" in capsys.readouterr().out
    html = (out / "simulatie.html").read_text()
    assert "Beleidssimulatie Nijmegen" in html and html.count("<svg") == 3
    bad = tmp_path / "bad.yaml"
    bad.write_text("description: x\nchanges:\n  gemeenten.nijmegen.bestaat_niet:\n    2026-01-01: 1\n")
    assert main(["simulate", "--municipality", "nijmegen", "--date", "2026-01-01", "--reform", str(bad),
                 "--out", str(tmp_path / "leeg")]) == 2  # fmt: skip
    assert "changes.gemeenten.nijmegen.bestaat_niet: unknown parameter" in capsys.readouterr().err
    assert not (tmp_path / "leeg").exists()


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_population_survives_the_table_format(tmp_path, suffix):
    data = synthetic("nijmegen", DATE, households=500)
    path = tmp_path / f"bevolking{suffix}"
    write_population(data, path)
    back = read_population(path, DATE, "nijmegen")
    columns = ("household", "role", "birth", "net_income_cents", "wage_gross_cents", "school")
    columns += ("student_finance", "housing_kind", "rent_cents", "assets_cents", "low_income_since")
    for column in columns:
        assert (getattr(back.population, column) == getattr(data.population, column)).all(), column
    assert list(np.array(back.area_names)[back.areas]) == list(np.array(data.area_names)[data.areas])


def test_a_simulation_after_the_published_figures_says_it_is_provisional(tmp_path):
    from meedoen.analysis.simulation_report import write_simulation_report

    params = default_parameters()
    final = simulate(synthetic("nijmegen", DATE, households=200), params, params)
    assert final.status.status == "final"
    later = simulate(synthetic("nijmegen", dt.date(2035, 1, 1), households=200), params, params)
    assert later.status.status == "provisional"
    write_simulation_report(later, tmp_path)
    assert "Voorlopig: de bedragen na" in (tmp_path / "simulatie.html").read_text(encoding="utf-8")


def test_a_bad_row_costs_its_household_not_the_table(tmp_path):
    """Issue 16: bytes that are not UTF-8 or a NUL name their line and reason (a traceback-like
    'cannot read the table' before); lenient, the household of a bad row is left out (a person
    fewer would be another household) and the rest is used."""
    path = tmp_path / "huishoudens.csv"
    text = TABLE.replace("1800.00,600,0,Oost", "1800.00,600,0,LATIN").replace(
        "2000.00,,0,West", "2000.00,,0,W\x00st"
    )
    path.write_bytes(text.encode().replace(b"LATIN", b"\xc9\xe9n"))  # h2 (line 3): latin-1; h3 (line 4): NUL
    with pytest.raises(InputError) as err:
        read_population(path, DATE, "nijmegen")
    expected = [
        ("huishoudens.csv:4:area", "holds a NUL character (byte 0)"),
        ("huishoudens.csv:3", "not UTF-8 text: the row holds bytes that are not UTF-8"),
    ]
    assert [(p.path, p.message) for p in err.value.problems] == expected
    skipped: list = []
    data = read_population(path, DATE, "nijmegen", lenient=True, skipped=skipped)
    assert [(p.path, p.message) for p in skipped] == expected
    assert len(data.population.offsets) == 2  # h1 and the couple h4 kept
    assert sorted(data.population.net_income_cents.tolist()) == [0, 120_000, 250_000]


def test_the_simulate_command_can_leave_out_bad_households(tmp_path, capsys):
    path = tmp_path / "huishoudens.csv"
    path.write_bytes(TABLE.replace("2000.00,,0,West", "2000.00,,0,W\x00st").encode())
    args = ["simulate", "--municipality", "nijmegen", "--date", "2026-01-01", "--population", str(path),
            "--out", str(tmp_path / "uit")]  # fmt: skip
    assert main(args) == 2
    assert main([*args, "--lenient"]) == 0
    assert "skipped: huishoudens.csv:4:area: holds a NUL character" in capsys.readouterr().err
