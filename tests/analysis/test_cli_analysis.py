"""``meedoen mer`` and ``meedoen job`` from the command line, including bad input."""

import json
from pathlib import Path

from meedoen.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "meedoen" / "examples" / "household_arnhem.json"


def test_mer_writes_the_report(tmp_path, capsys):
    assert main(["mer", "--municipality", "arnhem", "--date", "2026-01-01", "--out", str(tmp_path / "r"),
                 "--points", "100", "--no-pdf"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "minima-effect.html" in out
    assert (tmp_path / "r" / "minima-effect-curves.csv").exists()


def test_mer_bad_input_writes_nothing(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["mer", "--municipality", "atlantis", "--date", "2026-01-01", "--out", str(out)]) == 2
    assert (
        'municipality: expected one of arnhem, groningen, nijmegen, got "atlantis"' in capsys.readouterr().err
    )
    assert main(["mer", "--municipality", "arnhem", "--date", "2023-12-01", "--out", str(out)]) == 2
    assert "date: expected a date from 2024-01-01 on, got 2023-12-01" in capsys.readouterr().err
    types = tmp_path / "types.yaml"
    types.write_text("- id: x\n  name: X\n  income: salaris\n  rent_month: 600\n  persons: []\n")
    assert main(["mer", "--municipality", "arnhem", "--date", "2026-01-01", "--households", str(types),
                 "--out", str(out)]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "households[0].income" in err and "households[0].persons" in err
    assert not out.exists()


def test_job_json(capsys):
    assert main(["job", str(EXAMPLE), "--hours", "24", "--hourly-wage", "14.71", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # 24 h x 14,71 x 52 / 12 = 1.529,84 gross per month
    assert result["gross_month"] == 1529.84
    assert result["person"] == "a"
    assert "bijstand" in result["stops"]
    assert len(result["months"]) == 12
    first = result["months"][0]
    assert result["gain_month"] == round(first["with_job"] - first["now"], 2)
    assert result["gain_per_hour"] == round(result["gain_month"] / (24 * 52 / 12), 2)


def test_job_text_and_bad_input(capsys):
    assert main(["job", str(EXAMPLE), "--gross-month", "2000"]) == 0
    assert "Baan van €\u00a02.000,00 bruto per maand" in capsys.readouterr().out
    assert main(["job", str(EXAMPLE), "--gross-month", "2000", "--person", "zz"]) == 2
    assert 'person: no person with id "zz" in the household' in capsys.readouterr().err
    assert main(["job", str(EXAMPLE), "--hourly-wage", "14"]) == 2
    assert "give a gross monthly wage, or hours per week and an hourly wage" in capsys.readouterr().err
