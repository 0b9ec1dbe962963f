"""Bad input as the contract says: strict stops and loads nothing, lenient skips and reports each row.

Every problem names the file, the line (the header is line 1) and the column by its name.
"""

from datetime import date

import polars as pl
import pytest

from meedoen.monitor import keys
from meedoen.monitor.kpis import kpis
from meedoen.monitor.loading import MonitorInputError, load
from tests.monitor.builders import HEADERS, write_folder

PERSONS = """
    P1,1990-01-01,Noord,true
    P2,2000-05-01,Zuid,false
"""


def problems_of(folder):
    with pytest.raises(MonitorInputError) as caught:
        load(folder)
    return [(p.file, p.line, p.column) for p in caught.value.problems], caught.value


def test_every_row_check_names_file_line_and_column(tmp_path):
    folder = write_folder(
        tmp_path,
        persons="""
            P1,1990-01-01,Noord,true
            P2,2000-13-01,Zuid,false
            P3,1980-01-01,,yes
            P1,1990-01-01,Noord,true
        """,
        spells="""
            S1,P1,2022-01-01,2021-01-15,work
            S2,P9,2023-02-01,,
            S3,P1,2020-01-01,2023-04-30,holiday
            S4,P1,2023-06-01,,work
            S4,P1,2023-07-01,2023-08-01,
            S5,P1,2023-07-01
            S6,P1,,,
        """,
        instruments="""
            P1,loonkostensubsidie,2023-01-16,
            P1,coaching,2023-01-16,
            P7,jobcoaching,2023-01-16,2023-01-01
        """,
        debt_help="""
            P1,2023-03-01,,vroegsignalering
            P1,2023-02-31,,brief
        """,
    )
    found, error = problems_of(folder)
    assert found == [
        ("persons.csv", 3, "birth_date"),  # month 13
        ("persons.csv", 4, "area"),  # missing required value
        ("persons.csv", 4, "startkwalificatie"),  # 'yes' is not true / false / empty
        ("persons.csv", 5, "person_id"),  # P1 again
        ("spells.csv", 2, "end_date"),  # end before start
        ("spells.csv", 3, "person_id"),  # P9 is not in persons.csv
        ("spells.csv", 4, "outflow_reason"),  # 'holiday'
        ("spells.csv", 5, "outflow_reason"),  # running spell with a reason
        ("spells.csv", 6, "spell_id"),  # S4 again
        ("spells.csv", 6, "outflow_reason"),  # ended spell without a reason
        ("spells.csv", 7, "end_date"),  # three fields where the header has five
        ("spells.csv", 8, "start_date"),  # missing required value
        ("instruments.csv", 3, "instrument"),  # 'coaching'
        ("instruments.csv", 4, "person_id"),  # P7 is unknown
        ("instruments.csv", 4, "end_date"),  # end before start
        ("debt_help.csv", 3, "start_date"),  # 31 February
        ("debt_help.csv", 3, "route"),  # 'brief'
    ]
    messages = [str(p) for p in error.problems]
    assert (
        messages[0] == "persons.csv line 3 column birth_date: not a date '2000-13-01' (expected YYYY-MM-DD)"
    )
    assert "duplicate person_id 'P1' (first on line 2)" in messages[3]
    assert "unknown person_id 'P9' (not in persons.csv)" in messages[5]
    # Strict: nothing is loaded, every row of every file counted as read and none as used.
    assert [(c.file, c.read, c.used) for c in error.counts] == [
        ("persons.csv", 4, 0),
        ("spells.csv", 7, 0),
        ("instruments.csv", 3, 0),
        ("debt_help.csv", 2, 0),
    ]


def test_lenient_skips_each_bad_row_and_computes_on_the_rest(tmp_path):
    folder = write_folder(
        tmp_path,
        persons="""
            P1,1990-01-01,Noord,true
            P2,2000-05-01,Zuid,false
            P3,1980-01-01,Zuid,maybe
        """,
        spells="""
            S1,P1,2022-01-01,,
            S2,P2,2022-01-01,2021-01-01,work
            S3,P2,2022-01-01,,
            S4,P3,2022-01-01,,
        """,
    )
    loaded = load(folder, lenient=True)
    # Skipped: P3 (bad SK value), S2 (end before start), S4 (its person's row was skipped).
    assert [(p.file, p.line, p.column) for p in loaded.problems] == [
        ("persons.csv", 4, "startkwalificatie"),
        ("spells.csv", 3, "end_date"),
        ("spells.csv", 5, "person_id"),
    ]
    assert "its row in persons.csv has a problem" in str(loaded.problems[2])
    counts = {c.file: (c.read, c.used, c.skipped) for c in loaded.counts}
    assert counts["persons.csv"] == (3, 2, 1)
    assert counts["spells.csv"] == (4, 2, 2)
    # What is left: S1 (P1) and S3 (P2), both running: 2 persons on benefit.
    k = kpis(loaded.tables, date(2023, 1, 1), date(2023, 4, 30), date(2024, 6, 30))
    assert (k["stock_at_from"], k["stock_at_to"]) == (2, 2)


def test_missing_files_and_columns_stop_even_when_lenient(tmp_path):
    folder = write_folder(tmp_path, persons=PERSONS)
    (folder / "debt_help.csv").unlink()
    (folder / "spells.csv").write_text("spell_id,person_id,start_date,end_date\n", encoding="utf-8")
    with pytest.raises(MonitorInputError) as caught:
        load(folder, lenient=True)
    shown = [str(p) for p in caught.value.problems]
    assert shown[0] == "spells.csv line 1 column outflow_reason: missing column"
    assert shown[1].startswith("debt_help.csv: file not found")


def test_line_numbers_count_quoted_line_breaks_blank_lines_and_crlf(tmp_path):
    folder = write_folder(tmp_path, persons=PERSONS)
    (folder / "spells.csv").write_bytes(
        b"spell_id,person_id,start_date,end_date,outflow_reason\r\n"
        b'"S1",P1,2022-01-01,,\r\n'  # line 2
        b"\r\n"  # line 3: blank, not a row
        b'"S2\r\nb",P1,2022-01-01,,\r\n'  # lines 4-5: one record with a line break inside quotes
        b"S3,P1,2022-13-01,,\r\n"  # line 6
    )
    found, error = problems_of(folder)
    assert found == [("spells.csv", 6, "start_date")]
    assert error.counts[1].read == 3


def test_clean_csv_with_crlf_and_a_byte_order_mark_loads(tmp_path):
    folder = write_folder(tmp_path, persons=PERSONS)
    (folder / "spells.csv").write_bytes(
        b"\xef\xbb\xbfspell_id,person_id,start_date,end_date,outflow_reason\r\nS1,P1,2022-01-01,,\r\n"
    )
    loaded = load(folder)
    assert loaded.tables.spells["spell_id"].to_list() == ["S1"]


def test_extra_columns_are_ignored_and_order_does_not_matter(tmp_path):
    folder = write_folder(tmp_path, persons=PERSONS)
    (folder / "spells.csv").write_text(
        "outflow_reason,end_date,start_date,person_id,spell_id,team\n,,2022-01-01,P1,S1,x\n", encoding="utf-8"
    )
    tables = load(folder).tables
    assert tables.spells.select("spell_id", "person_id").row(0) == ("S1", "P1")


def write_parquet(folder, tables):
    folder.mkdir()
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return folder


def test_parquet_with_the_same_columns_gives_the_same_kpis(tmp_path):
    csv_folder = write_folder(
        tmp_path / "csv",
        persons=PERSONS,
        spells="""
            S1,P1,2022-01-01,2023-02-01,work
            S2,P2,2023-01-15,,
        """,
        instruments="P1,loonkostensubsidie,2023-02-02,",
        debt_help="P2,2023-03-01,,referral",
    )
    tables = load(csv_folder).tables
    # Typed columns (dates as dates, startkwalificatie as bool), as a Parquet export would have them.
    parquet_folder = write_parquet(
        tmp_path / "parquet",
        {name: getattr(tables, name).drop("person_key") for name in HEADERS},
    )
    period = (date(2023, 1, 1), date(2023, 4, 30), date(2024, 6, 30))
    assert kpis(load(parquet_folder).tables, *period) == kpis(tables, *period)


def test_parquet_problems_name_the_row(tmp_path):
    folder = write_parquet(
        tmp_path / "p",
        {
            "persons": pl.DataFrame(
                {
                    "person_id": ["P1"],
                    "birth_date": [date(1990, 1, 1)],
                    "area": ["A"],
                    "startkwalificatie": [True],
                }
            ),
            "spells": pl.DataFrame(
                {
                    "spell_id": ["S1", "S2"],
                    "person_id": ["P1", "P1"],
                    "start_date": ["2022-01-01", "2022-02-30"],
                    "end_date": [None, None],
                    "outflow_reason": [None, None],
                },
                schema_overrides={"end_date": pl.String, "outflow_reason": pl.String},
            ),
            "instruments": pl.DataFrame(
                schema=dict.fromkeys(["person_id", "instrument", "start_date", "end_date"], pl.String)
            ),
            "debt_help": pl.DataFrame(
                schema=dict.fromkeys(["person_id", "start_date", "end_date", "route"], pl.String)
            ),
        },
    )
    with pytest.raises(MonitorInputError) as caught:
        load(folder)
    assert [str(p) for p in caught.value.problems] == [
        "spells.parquet row 2 column start_date: not a date '2022-02-30' (expected YYYY-MM-DD)"
    ]


def test_were_two_ids_to_share_a_hash_the_ids_themselves_decide(monkeypatch, tmp_path):
    folder = write_folder(
        tmp_path,
        persons=PERSONS,
        spells="""
            S1,P1,2022-01-01,2023-02-01,work
            S2,P2,2023-01-15,,
            S2,P2,2023-01-16,,
        """,
    )
    with pytest.raises(MonitorInputError) as caught:
        load(folder)
    assert [str(p) for p in caught.value.problems] == [
        "spells.csv line 4 column spell_id: duplicate spell_id 'S2' (first on line 3)"
    ]
    expected = kpis(load(folder, lenient=True).tables, date(2023, 1, 1), date(2023, 4, 30), date(2024, 6, 30))
    # Pretend every hash occurs twice: duplicates are then decided on the ids and persons are joined
    # on person_id itself. The answers stay the same.
    monkeypatch.setattr(keys, "_repeated_in_sorted", lambda ordered: ordered)
    with pytest.raises(MonitorInputError) as caught:
        load(folder)
    assert len(caught.value.problems) == 1
    tables = load(folder, lenient=True).tables
    assert tables.spells.schema["person_key"] == pl.String
    assert kpis(tables, date(2023, 1, 1), date(2023, 4, 30), date(2024, 6, 30)) == expected


def test_bytes_that_are_not_utf8_a_nul_or_an_unreadable_record_cost_their_row_only(tmp_path):
    """Issue 16: such a row was a stop for the whole run, even lenient; now it is the row's problem."""
    folder = write_folder(tmp_path, persons=PERSONS)
    (folder / "spells.csv").write_bytes(
        b"spell_id,person_id,start_date,end_date,outflow_reason\n"
        b"S1,P1,2022-01-01,,\n"  # line 2
        b"S2,P2,2022-01-01,2022-06-30,w\xe9rk\n"  # line 3: latin-1
        b"S3,P2,2022-01-01,\x00,\n"  # line 4: a NUL
        b'"S4,P2,' + b"x" * 200_000 + b'",2022-01-01,,\n'  # line 5: a field over the CSV reader's limit
        b"S5,P2,2023-01-01,,\n"  # line 6
    )
    found, error = problems_of(folder)
    assert found == [("spells.csv", 3, ""), ("spells.csv", 4, "end_date"), ("spells.csv", 5, "")]
    assert [p.message.split(":")[0] for p in error.problems] == [
        "not UTF-8 text", "holds a NUL character (byte 0)", "cannot read the CSV",
    ]  # fmt: skip
    loaded = load(folder, lenient=True)
    assert loaded.tables.spells["spell_id"].to_list() == ["S1", "S5"]
    assert {c.file: (c.read, c.used, c.skipped) for c in loaded.counts}["spells.csv"] == (5, 2, 3)
