"""CBS importer (84066NED per municipality, 37789ksz national) and the peer group."""

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from meedoen.monitor.cbs import CbsError, default_folder, load_cbs, peer_group
from meedoen.monitor.periods import Period, parse_period

CBS = default_folder()


@pytest.fixture(scope="module")
def cbs():
    return load_cbs(CBS)


def value(cbs, year, code, column, age="20150"):
    rows = cbs.municipal.filter((pl.col("year") == year) & (pl.col("code") == code) & (pl.col("age") == age))
    assert rows.height == 1
    return rows[column][0]


def test_bundled_files_give_the_published_figures(cbs):
    assert cbs.years == [2015, 2016, 2017]
    assert value(cbs, 2017, "GM0202", "inhabitants") == 132_010
    assert value(cbs, 2017, "GM0202", "persons") == 9_320
    assert value(cbs, 2017, "GM0202", "density") == 70.5
    assert value(cbs, 2017, "GM0202", "outflow_work") == 880
    assert value(cbs, 2017, "GM0202", "outflow_work_pct") == 8.5
    assert value(cbs, 2017, "NL01", "density") == 35.5
    assert value(cbs, 2017, "NL01", "outflow_work_pct") == 10.5
    assert value(cbs, 2017, "GM0202", "inhabitants", age="90100") == 109_790


def test_the_2015_edition_with_other_column_names_is_read(cbs):
    # 2015 names the columns Instromers_4 / UitstromersNaarWerk_8 and starts with a byte-order mark
    assert value(cbs, 2015, "NL01", "inhabitants") == 14_188_300
    assert value(cbs, 2015, "NL01", "inflow") == 155_440
    assert value(cbs, 2015, "NL01", "outflow_work") == 59_780


def test_no_value_is_none_not_zero(cbs):
    # "       ." in the export: AOW-age rows have no outflow to work
    assert value(cbs, 2017, "GM0202", "outflow_work", age="90200") is None


def test_names_and_codes_come_from_the_boundaries(cbs):
    assert cbs.code_of("arnhem") == "GM0202"
    assert cbs.code_of("Nijmegen") == "GM0268"
    assert cbs.code_of("GM0014") == "GM0014"
    assert cbs.name("GM0014") == "Groningen"
    assert len(cbs.boundaries) == 388
    with pytest.raises(CbsError, match="no municipality 'atlantis'"):
        cbs.code_of("atlantis")


def test_national_series_counts_benefits_per_month(cbs):
    assert cbs.national[date(1998, 2, 1)] == pytest.approx(449_000)  # 1998MM01: 449.0 thousand benefits
    assert max(cbs.national) == date(2018, 11, 1)  # 2018MM10, the last month with a value


NEWER = """"ID","Leeftijd","Regiokenmerken","Inwoners_1","Bijstandsontvangers_2","Bijstandsdichtheid_3","Instroom_4","Instroom_5","Uitstroom_6","Uitstroom_7","UitstroomNaarWerk_8","UitstroomNaarWerk_9"
"0","20150","NL01   ","14500000","  500000","    34.5","  120000","    19.0","  125000","    20.0","   60000","    10.5"
"1","20150","GM0202 ","  133000","    9100","    68.5","    1900","    17.0","    2100","    18.5","       .","       ."
"2","20150","GM0268 ","  152000","    8300","    54.5","    1950","    19.0","    2050","    19.5","    1000","    10.0"
"""  # noqa: E501  (one header line, as CBS writes it)


def test_a_newer_export_in_the_same_layout_is_picked_up(tmp_path):
    for file in CBS.iterdir():
        shutil.copy(file, tmp_path / file.name)
    (tmp_path / "gemeente_2018.csv").write_text(NEWER, encoding="utf-8")
    cbs = load_cbs(tmp_path)
    assert cbs.years == [2015, 2016, 2017, 2018]
    assert value(cbs, 2018, "GM0202", "persons") == 9_100
    assert value(cbs, 2018, "GM0202", "density") == 68.5
    assert value(cbs, 2018, "GM0202", "outflow_work") is None
    assert value(cbs, 2018, "GM0202", "name") == "Arnhem"
    assert value(cbs, 2017, "GM0202", "persons") == 9_320  # the older years stay
    # the peer group now uses the newest year, which has only Arnhem and Nijmegen
    assert peer_group(cbs, "GM0202", k=5)["code"].to_list() == ["GM0268"]


def test_the_year_can_come_from_a_perioden_column(tmp_path):
    lines = NEWER.splitlines()
    header = lines[0].replace('"Leeftijd",', '"Leeftijd","Perioden",')
    rows = [line.replace('"20150",', '"20150","2019JJ00",') for line in lines[1:]]
    (tmp_path / "gemeente_export.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    cbs = load_cbs(tmp_path)
    assert cbs.years == [2019]
    assert value(cbs, 2019, "GM0268", "inhabitants") == 152_000


def test_bad_folders_and_files_are_named(tmp_path):
    with pytest.raises(CbsError, match="does not exist"):
        load_cbs(tmp_path / "missing")
    with pytest.raises(CbsError, match="no 84066NED export"):
        load_cbs(tmp_path)
    (tmp_path / "gemeente_2018.csv").write_text('"ID","Something"\n"0","1"\n', encoding="utf-8")
    with pytest.raises(CbsError, match="not a 84066NED export"):
        load_cbs(tmp_path)


def test_peer_group_is_deterministic_and_excludes_the_municipality(cbs):
    first = peer_group(cbs, "GM0202", 2017, k=5)
    assert first.equals(peer_group(cbs, "GM0202", 2017, k=5))
    assert first.height == 5
    assert "GM0202" not in first["code"].to_list()
    assert first["distance"].is_sorted()
    assert all(code.startswith("GM") for code in first["code"])
    # Arnhem's group: the large cities with a high density, not a hand list
    assert {"GM0268", "GM0014"} <= set(first["code"])
    assert "GM0268" not in peer_group(cbs, "GM0268", 2017)["code"].to_list()


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023-T1", date(2023, 1, 1), date(2023, 4, 30)),
        ("2023-T2", date(2023, 5, 1), date(2023, 8, 31)),
        ("2023-T3", date(2023, 9, 1), date(2023, 12, 31)),
        ("2024-T1", date(2024, 1, 1), date(2024, 4, 30)),
    ],
)
def test_period_parsing(text, first, last):
    period = parse_period(text)
    assert (period.first, period.last, period.label) == (first, last, text)


def test_previous_periods():
    assert parse_period("2023-T1").previous() == Period(2022, 3)
    assert parse_period("2023-T3").previous() == Period(2023, 2)
    assert parse_period("2023-T2").year_before() == Period(2022, 2)
    assert [p.label for p in Period(2023, 1).back(3)] == ["2022-T2", "2022-T3", "2023-T1"]


@pytest.mark.parametrize("text", ["2023-Q1", "2023-T4", "2023T1", "T1-2023", "2023-t1x", ""])
def test_unknown_period_formats_are_refused(text):
    with pytest.raises(ValueError, match="expected YEAR-T1"):
        parse_period(text)


def test_default_folder_can_be_configured(monkeypatch, tmp_path):
    monkeypatch.setenv("MEEDOEN_CBS_DIR", str(tmp_path))
    assert default_folder() == Path(tmp_path)
