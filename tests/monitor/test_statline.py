"""Fresh CBS exports: CSV and OData JSON imported, bad rows refused by line, the vintage shown."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from meedoen.data import CBS
from meedoen.demo.monitor_data import write_monitor_demo
from meedoen.monitor.cbs import load_cbs
from meedoen.monitor.statline import ExportError, fetch, import_exports, read_export, read_vintage
from tests.monitor.test_cli import run

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def folder(tmp_path):
    """A copy of the bundled CBS folder, as a municipality would keep its own."""
    target = tmp_path / "cbs"
    shutil.copytree(CBS, target)
    return target


def test_the_bundled_data_say_they_are_the_offline_default():
    vintage = load_cbs(CBS).vintage()
    assert "84066NED (per gemeente) t/m 2017" in vintage
    # 37789ksz has values through October 2018 (November is "."), counted on 1 November.
    assert "37789ksz (landelijk) t/m oktober 2018" in vintage
    assert "offline standaard" in vintage


def test_odata_json_is_read_with_its_table_from_the_metadata():
    export = read_export(SAMPLES / "84066NED_2023.json")
    assert export.table.id == "84066NED"
    assert export.periods == ["2023JJ00"]
    where, first = export.records[0]
    assert (where, first["Regiokenmerken"], first["Inwoners_1"]) == ("value[0]", "NL01", "14900000")


def test_an_imported_json_export_changes_the_comparison_s_vintage(folder):
    assert import_exports([SAMPLES / "84066NED_2023.json"], folder, today=date(2026, 12, 4)) == []
    cbs = load_cbs(folder)
    assert max(cbs.years) == 2023
    arnhem = cbs.municipal.filter((cbs.municipal["code"] == "GM0202") & (cbs.municipal["year"] == 2023))
    assert arnhem.row(0, named=True)["persons"] == 8100
    vintage = cbs.vintage()
    assert "84066NED (per gemeente) t/m 2023" in vintage and "geïmporteerd op 2026-12-04" in vintage
    assert read_vintage(folder)["gemeente_2023.csv"]["source"] == "84066NED_2023.json"


def test_a_csv_export_imports_its_good_rows_and_names_the_bad_ones(folder):
    problems = import_exports([SAMPLES / "82015NED_2024.csv"], folder)
    assert problems == [
        "82015NED_2024.csv, line 50: Perioden '2024MM13' is not a year (2024JJ00) or month (2024MM05)",
        "82015NED_2024.csv, line 51: Bijstandsuitkeringen_1 'zeven' is not a number",
    ]
    cbs = load_cbs(folder)
    # NL01's total (T001131, not the A025293 part) replaces the 2018 series: 400000 - 500 x month.
    assert cbs.national_table == "82015NED"
    assert cbs.national[date(2024, 2, 1)] == 399_500 and cbs.national[date(2025, 1, 1)] == 394_000
    assert "82015NED (landelijk) t/m december 2024" in cbs.vintage()


def test_the_report_shows_the_imported_vintage(folder, tmp_path):
    from meedoen.monitor.loading import load
    from meedoen.monitor.periods import parse_period
    from meedoen.monitor.report import build

    import_exports([SAMPLES / "84066NED_2023.json"], folder)
    demo = tmp_path / "demo"
    write_monitor_demo(demo)
    tables = load(demo).tables
    report = build(tables, parse_period("2023-T1"), load_cbs(folder), "arnhem", None, "data", 3)
    assert report.cbs_year == 2023 and "t/m 2023" in report.cbs_vintage
    assert str(folder) not in " ".join(report.notes)  # no server path on a page


def test_a_file_of_another_table_is_refused_by_name(tmp_path):
    other = tmp_path / "83765NED.csv"
    other.write_text('"ID","WijkenEnBuurten","AantalInwoners_5"\n"0","GM0202","160000"\n', encoding="utf-8")
    with pytest.raises(ExportError, match=r"83765NED\.csv: not an export of a table the monitor reads"):
        read_export(other)


def test_cbs_import_command_exits_2_on_refused_rows_and_prints_the_vintage(capsys, folder):
    code, out, err = run(capsys, "cbs-import", str(SAMPLES / "82015NED_2024.csv"), "--into", str(folder))
    assert code == 2
    assert "line 50" in err and "line 51" in err
    assert "82015NED (landelijk) t/m december 2024" in out


def test_fetch_follows_every_odata_page(tmp_path):
    rows = json.loads((SAMPLES / "84066NED_2023.json").read_text(encoding="utf-8"))
    metadata = rows["odata.metadata"]
    pages = {
        "/84066NED/TypedDataSet?$format=json": {
            "odata.metadata": metadata,
            "value": rows["value"][:4],
            "odata.nextLink": "PAGE2",
        },
        "/84066NED/TypedDataSet?$format=json&$skip=4": {
            "odata.metadata": metadata,
            "value": rows["value"][4:],
        },
    }

    class StatLine(BaseHTTPRequestHandler):
        def do_GET(self):
            page2 = f"{base}/84066NED/TypedDataSet?$format=json&$skip=4"
            body = json.dumps(pages[self.path]).replace("PAGE2", page2)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), StatLine)
    base = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert fetch(tmp_path, ["84066NED"], base=base, opener=lambda url: _get(url)) == []
    finally:
        server.shutdown()
    imported = load_cbs_rows(tmp_path / "gemeente_2023.csv")
    assert len(imported) == len(rows["value"]) == 9


def _get(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def load_cbs_rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[1:]
