"""Spreadsheet formula injection (issue 16, item 3): every CSV the project writes goes through
``meedoen.reporting.safe_csv``, which neutralises text cells that a spreadsheet would run."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest

from meedoen.reporting import safe_csv

PACKAGE = Path(__file__).resolve().parent.parent / "meedoen"
ATTACKS = ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
# Writing CSV without the safe writer is allowed only here, each for a reason.
ALLOWED = {
    "reporting/safe_csv.py": "the writer itself",
    "web/vroegsignalering/bulk.py": "COPY FROM STDIN input to the database, never a file a person opens",
}


def read(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_cell_that_would_run_as_a_formula_is_written_as_text(attack):
    assert safe_csv.neutralise(attack) == "'" + attack
    out = io.StringIO()
    safe_csv.writer(out, delimiter=";").writerow(["naam", attack])
    assert read(out.getvalue(), ";") == [["naam", "'" + attack]]


def test_numbers_stay_numbers():
    """Negative amounts are numbers a spreadsheet adds up: never quoted (docs/decisions.md)."""
    for value in (-7, -7.5, 0, "-7,50", "-1250,00", "-12.5", "+3", "-0", "1.250,00", "12"):
        assert safe_csv.neutralise(value) == value
    # A formatted amount with a thousands separator, or anything more, is text and gets the quote.
    for text in ("-1.250,00", "-1e5", "-7,50 euro", "-", "+", "=", "-١٢"):
        assert safe_csv.neutralise(text) == "'" + text
    assert safe_csv.neutralise(None) is None
    assert safe_csv.neutralise("gewone tekst") == "gewone tekst"


def test_the_dict_writer_neutralises_too():
    out = io.StringIO()
    writer = safe_csv.dict_writer(out, fieldnames=["a", "b"], lineterminator="\n")
    writer.writeheader()
    writer.writerow({"a": "=1+1", "b": -5})
    assert out.getvalue() == "a,b\n'=1+1,-5\n"


def test_polars_frames_neutralise_text_columns_only():
    frame = pl.DataFrame({"area": ["=cmd", "Oost", None, "-3"], "amount": [-5, 3, 0, -1]})
    out = io.StringIO()
    safe_csv.write_frame(frame, out)
    assert read(out.getvalue()) == [
        ["area", "amount"], ["'=cmd", "-5"], ["Oost", "3"], ["", "0"], ["-3", "-1"]
    ]  # fmt: skip


def test_the_sql_expression_follows_the_same_rule():
    sql = safe_csv.sql_text("o.name")
    assert "coalesce(o.name, '')" in sql and "chr(9)" in sql and "'''' ||" in sql
    assert "%" not in sql  # it goes into a statement with %(name)s parameters


def test_the_minima_effect_and_simulation_reports_neutralise():
    from meedoen.analysis import report, simulation_report
    from meedoen.analysis.simulation import GroupOutcome

    group = GroupOutcome("=evil()", 3, newly_eligible={}, winners=-1, gain_per_year=-1250, losers=2)
    result = SimpleNamespace(schemes=[], by_type=[group], by_area=[])
    rows = read(simulation_report.groups_csv(result))
    assert rows[1][:5] == ["huishoudtype", "'=evil()", "3", "-1", "2"]
    assert rows[1][7] == "-12.50"  # saldo_per_jaar: a negative amount stays a number
    table_row = SimpleNamespace(
        type=SimpleNamespace(id="@alleen", rent_month=500),
        level=100,
        gross=-100,
        gross_with_holiday_pay=-108,
        components={},
        disposable=0,
    )
    rows = read(report.table_csv(SimpleNamespace(table=[table_row], components=[])))
    assert rows[1] == ["'@alleen", "100", "-1.00", "-1.08", "0.00", "-500.00"]


def test_the_monitor_report_figures_neutralise():
    from meedoen.monitor import report

    rows = read(
        report.figures_csv(SimpleNamespace(csv_rows=[["f1", "=1+1", "x", "y", "2026", "-Oost", "-3", "b"]]))
    )
    assert rows[1] == ["f1", "'=1+1", "x", "y", "2026", "'-Oost", "-3", "b"]


def test_synthetic_signals_neutralise():
    from meedoen.signals import synthetic

    out = io.StringIO()
    row = dict.fromkeys(synthetic.COLUMNS, "=1+1")
    synthetic.write_csv(iter([row]), out)
    assert set(read(out.getvalue())[1]) == {"'=1+1"}


def csv_writes(file: Path) -> list[str]:
    """Every place in a module that writes CSV on its own: csv.writer/DictWriter, or a frame's write_csv."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "csv":
            found += [f"from csv import {a.name}" for a in node.names if a.name in ("writer", "DictWriter")]
        elif isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter"):
            if isinstance(node.value, ast.Name) and node.value.id == "csv":
                found.append(f"csv.{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            own = isinstance(receiver, ast.Name) and receiver.id in ("synthetic", "safe_csv")
            if node.func.attr == "write_csv" and not own:
                found.append(f".write_csv (line {node.lineno})")
    return found


def test_no_module_writes_csv_around_the_safe_writer():
    bad = {}
    for file in PACKAGE.rglob("*.py"):
        name = file.relative_to(PACKAGE).as_posix()
        if name not in ALLOWED and (found := csv_writes(file)):
            bad[name] = found
    assert bad == {}


def test_the_guard_sees_a_direct_writer(tmp_path):
    (tmp_path / "bad.py").write_text("import csv\nw = csv.writer(f)\nframe.write_csv('x.csv')\n")
    assert set(csv_writes(tmp_path / "bad.py")) == {"csv.writer (line 2)", ".write_csv (line 3)"}
