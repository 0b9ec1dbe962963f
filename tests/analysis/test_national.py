"""National scale (#21): the population partitioned by municipality, the Dask run identical to one
process (and to the municipal simulation), sweeps that recompute only what depends on the swept
parameter and match each variant run on its own, bad input."""

import csv
import datetime as dt
import heapq
from collections import Counter
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from meedoen.analysis.national.distributed import (
    PARTITION_COST,
    batches,
    client_for,
    freeze,
    run_national,
    run_partition,
)
from meedoen.analysis.national.population import (
    NATIONAL_ONLY,
    Municipality,
    Partition,
    build,
    households_of,
    municipalities,
    read_manifest,
    read_partition,
)
from meedoen.analysis.national.sweep import read_sweep, run_sweep
from meedoen.analysis.population_table import read_population
from meedoen.analysis.simulation import simulate
from meedoen.cli import main
from meedoen.rules.parameters import default_parameters
from meedoen.rules.population import HOUSEHOLD_COLUMNS, PERSON_COLUMNS
from meedoen.rules.reforms import apply_reform, reform_changes

DATE = dt.date(2026, 1, 1)
ROOT = Path(__file__).resolve().parents[2]
REFORM = ROOT / "meedoen" / "examples" / "reforms" / "nijmegen_meedoenregeling_120.yaml"
LIMIT = "gemeenten.nijmegen.meedoenregeling.inkomensgrens"
# The three municipalities with local rules, and national-only ones of different sizes.
SOME = {"GM0202", "GM0268", "GM0014", "GM0363", "GM0003", "GM0088", "GM0599", "GM0344"}


@pytest.fixture(scope="module")
def population(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("nat") / "bevolking"
    build(folder, DATE, scale=0.01, only=SOME)
    return folder


@pytest.fixture(scope="module")
def reform():
    data = __import__("yaml").safe_load(REFORM.read_text(encoding="utf-8"))
    return freeze(reform_changes(data, default_parameters(), str(REFORM)))


def test_every_municipality_of_the_cbs_table_gets_its_partition(tmp_path, capsys):
    year, found = municipalities()
    assert year == 2017 and len(found) == 388  # 84066NED 2017: 388 municipalities
    out = tmp_path / "nl"
    assert (
        main(["population", "national", "--out", str(out), "--scale", "0.0005", "--date", "2026-01-01"]) == 0
    )
    assert "388 gemeenten" in capsys.readouterr().out
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == sorted(f"gemeente={m.code}" for m in found)
    assert all((out / f / "part.parquet").is_file() for f in folders)
    date, parts = read_manifest(out)
    assert date == DATE and len(parts) == 388
    # Amsterdam: 728.920 inhabitants of 15+ (CBS 2017) / 1,75 per household x 0,0005 = 208,3
    amsterdam = next(p for p in parts if p.municipality.code == "GM0363")
    assert amsterdam.households == 208 and amsterdam.label == NATIONAL_ONLY
    arnhem = next(p for p in parts if p.municipality.code == "GM0202")
    assert arnhem.label == "arnhem"


def test_the_engine_layout_holds_the_same_population_as_the_household_table(population):
    _, parts = read_manifest(population)
    for part in parts[:3]:
        fast, table = read_partition(part, DATE), read_population(part.path, DATE, part.label)
        for column in ("household", *PERSON_COLUMNS, *HOUSEHOLD_COLUMNS):
            assert np.array_equal(getattr(fast.population, column), getattr(table.population, column)), column
        assert [fast.area_names[i] for i in fast.areas] == [table.area_names[i] for i in table.areas]


def test_calibrated_to_the_municipality_s_own_bijstand(population):
    _, parts = read_manifest(population)
    amsterdam = next(p for p in parts if p.municipality.code == "GM0363")
    # 728.920 inhabitants / 1,75 x 0,01 = 4.165 households
    assert amsterdam.households == households_of(amsterdam.municipality, 0.01) == 4165
    # Rotterdam has 46.210 persons with bijstand of 535.390 (86,3 per 1.000), Utrecht 12.550 of
    # 287.730 (43,6): twice the density, so about twice the share of bijstand households.
    result = run_national(parts, DATE)
    share = {
        code: result.metric("gemeente", code, "eligible:bijstand")
        / result.metric("gemeente", code, "households")
        for code in ("GM0599", "GM0344")
    }
    assert 1.5 < share["GM0599"] / share["GM0344"] < 2.6


def test_dask_with_two_worker_processes_gives_the_one_process_result(population, reform):
    _, parts = read_manifest(population)
    one = run_national(parts, DATE, reform)
    client = client_for(2, None, processes=True)
    try:
        dask = run_national(parts, DATE, reform, client)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    assert len(batches(parts, 2)) < len(parts)  # tasks of several partitions, added in the worker
    assert dask.counts == one.counts
    assert dask.workers == 2 and len(dask.tasks) == len(parts)
    peaks = dask.peak_per_worker()
    assert len(peaks) <= 2 and all(0 < peak < 4 * 2**30 for peak in peaks.values())
    assert one.metric("gemeente", "GM0268", "losers") > 0  # Nijmegen back to 120 %: households lose


def _sized(households: list[int]) -> list[Partition]:
    return [
        Partition(Municipality(f"GM{i:04}", f"m{i}", 0, 0, ""), Path(f"{i}.parquet"), h, 0)
        for i, h in enumerate(households)
    ]


def test_batches_take_half_of_the_work_still_to_go_largest_first():
    assert PARTITION_COST == 5_000
    parts = _sized([5_000, 45_000, 195_000, 15_000, 95_000, 45_000])
    # weights (households + 5.000): 200k 100k 50k 50k 20k 10k, 430k in all; one worker takes half
    # of what remains per task: 200k + 100k >= 215k; then 50k + 50k >= 65k; 20k >= 15k; 10k.
    sizes = [[p.households for p in batch] for batch in batches(parts, 1)]
    assert sizes == [[195_000, 95_000], [45_000, 45_000], [15_000], [5_000]]


def test_batches_of_the_country_keep_two_workers_even_in_a_few_tasks():
    """The 388 municipalities at full scale: every partition in one task, about 16 tasks, and two
    workers taking the next task when free finish within 2 % of an even split of the work."""
    _, found = municipalities()
    parts = _sized([households_of(m, 1.0) for m in found])
    tasks = batches(parts, 2)
    assert sorted(p.municipality.code for t in tasks for p in t) == sorted(p.municipality.code for p in parts)
    assert 10 <= len(tasks) <= 20
    work = [sum(p.households + PARTITION_COST for p in t) for t in tasks]
    free = [0, 0]
    for w in work:
        heapq.heappush(free, heapq.heappop(free) + w)
    assert max(free) <= 1.02 * sum(work) / 2


def test_dask_in_threads_too(population, reform):
    _, parts = read_manifest(population)
    client = client_for(2, None, processes=False)
    try:
        assert (
            run_national(parts[:4], DATE, reform, client).counts
            == run_national(parts[:4], DATE, reform).counts
        )
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()


def test_a_partition_equals_the_municipal_simulation(population, reform):
    """The partition task against ``meedoen simulate`` of one municipality on the same table."""
    _, parts = read_manifest(population)
    nijmegen = next(p for p in parts if p.municipality.code == "GM0268")
    counts, _ = run_partition(nijmegen, DATE, reform)
    params = default_parameters()
    data = read_population(nijmegen.path, DATE, "nijmegen")
    policy = simulate(data, params, apply_reform(params, REFORM))
    for s in policy.schemes:
        assert counts[("gemeente", "GM0268", f"eligible:{s.measure.id}")] == s.eligible_baseline
        assert counts[("gemeente", "GM0268", f"eligible_reform:{s.measure.id}")] == s.eligible_reform
        assert counts[("gemeente", "GM0268", f"cost:{s.measure.id}")] == s.cost_baseline
        assert counts[("gemeente", "GM0268", f"cost_reform:{s.measure.id}")] == s.cost_reform
    assert counts[("gemeente", "GM0268", "losers")] == sum(g.losers for g in policy.by_type) > 0
    for g in policy.by_area:
        assert counts[("gebied", f"GM0268 {g.group}", "losers")] == g.losers


def test_a_reform_giving_a_figure_the_sources_lack_is_costed_as_the_municipal_simulation(population):
    """Arnhem's GelrePas budget is not_found; a reform that gives it (an adviser's assumption) costs
    the pass on the reform side only, and nobody wins the pass's value that was unknown before."""
    assumed = ROOT / "meedoen" / "examples" / "aanname_gelrepas_budget.yaml"
    data = __import__("yaml").safe_load(assumed.read_text(encoding="utf-8"))
    reform = freeze(reform_changes(data, default_parameters(), str(assumed)))
    _, parts = read_manifest(population)
    arnhem = next(p for p in parts if p.municipality.code == "GM0202")
    counts, _ = run_partition(arnhem, DATE, reform)
    params = default_parameters()
    policy = simulate(read_population(arnhem.path, DATE, "arnhem"), params, apply_reform(params, assumed))
    pas = next(s for s in policy.schemes if s.measure.id == "stadspas")
    assert counts[("gemeente", "GM0202", "cost:stadspas")] == pas.cost_baseline == 0
    assert counts[("gemeente", "GM0202", "cost_reform:stadspas")] == pas.cost_reform > 0
    assert counts[("gemeente", "GM0202", "winners")] == sum(g.winners for g in policy.by_type) == 0


def test_partitions_add_up_to_one_run_over_all_of_them(population, tmp_path):
    """The national-only municipalities in one table, one run: the same totals as their partitions."""
    _, parts = read_manifest(population)
    national = [p for p in parts if p.label == NATIONAL_ONLY]
    frames = [
        pl.read_parquet(p.path).with_columns(pl.col("household_id") + i * 10_000_000)
        for i, p in enumerate(national)
    ]
    pl.concat(frames).write_parquet(tmp_path / "alles.parquet")
    together = Partition(Municipality("GM9999", "alles", 0, 0, ""), tmp_path / "alles.parquet", 0, 0)
    whole, _ = run_partition(together, DATE)
    summed = run_national(national, DATE).counts
    for level in ("nederland", "type"):
        assert {k: v for k, v in whole.items() if k[0] == level} == {
            k: v for k, v in summed.items() if k[0] == level
        }


def _sweep_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sweep.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sweep_recomputes_only_what_rests_on_the_parameter_and_matches_each_variant(population, tmp_path):
    _, parts = read_manifest(population)
    path = _sweep_file(tmp_path, f"description: test\nparameter: {LIMIT}\nvalues: [1.10, 1.30, 1.60]\n")
    sweep = read_sweep(path, DATE)
    client = client_for(2, None, processes=False)
    try:
        result = run_sweep(parts, DATE, sweep, client)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    assert "meedoenregeling" in result.recomputed and "meedoenregeling_inkomensgrens" in result.recomputed
    for untouched in ("zorgtoeslag", "huurtoeslag", "bijstand", "reference_norm", "stadspas"):
        assert untouched not in result.recomputed
    for changes, counts in zip(sweep.changes, result.counts, strict=True):
        assert Counter(counts) == run_national(parts, DATE, changes).counts
    reach = [row["eligible"] for row in result.curve() if row["scheme"] == "meedoenregeling"]
    assert reach == sorted(reach) and reach[0] < reach[-1]


def test_sweep_command_draws_the_curve(population, tmp_path, capsys):
    path = _sweep_file(tmp_path, f"parameter: {LIMIT}\nvalues: [1.20, 1.40]\n")
    out = tmp_path / "curve"
    code = main(["simulate", "--sweep", str(path), "--population", str(population), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    rows = list(csv.DictReader((out / "curve.csv").open(encoding="utf-8")))
    assert [r[LIMIT] for r in rows if r["scheme"] == "meedoenregeling"] == ["1.2", "1.4"]
    assert (out / "curve.png").stat().st_size > 1000 and (out / "curve.svg").is_file()


def test_a_grid_over_two_parameters(population):
    grid = {
        "description": "grid",
        "grid": {LIMIT: [1.2, 1.4], "gemeenten.nijmegen.meedoenregeling.bedrag_per_persoon": [100, 200]},
    }
    path = population.parent / "grid.yaml"
    path.write_text(__import__("yaml").safe_dump(grid, sort_keys=False), encoding="utf-8")
    sweep = read_sweep(path, DATE)
    assert len(sweep.variants) == 4 and sweep.parameters[0] == LIMIT


def test_sweep_naming_a_parameter_that_does_not_exist_exits_2(population, tmp_path, capsys):
    wrong = "gemeenten.arnhem.meedoenregeling.inkomensgrens"  # Arnhem has no Meedoen-regeling
    path = _sweep_file(tmp_path, f"parameter: {wrong}\nvalues: [1.2]\n")
    code = main(["simulate", "--sweep", str(path), "--population", str(population), "--out", str(tmp_path)])
    assert code == 2
    assert wrong in capsys.readouterr().err


def test_zero_workers_refused(population, tmp_path, capsys):
    code = main(
        ["simulate", "--national", "--workers", "0", "--population", str(population), "--out", str(tmp_path)]
    )
    assert code == 2 and "--workers" in capsys.readouterr().err


def test_national_command_without_a_population_says_how_to_make_one(tmp_path, capsys):
    code = main(["simulate", "--national", "--population", str(tmp_path / "niets"), "--out", str(tmp_path)])
    assert code == 2 and "meedoen population national" in capsys.readouterr().err


def test_national_command_writes_the_results(population, tmp_path, capsys):
    code = main(
        [
            "simulate",
            "--national",
            "--population",
            str(population),
            "--reform",
            str(REFORM),
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert f"{len(SOME)} gemeenten" in printed and "achteruit" in printed
    rows = list(csv.DictReader((tmp_path / "resultaten.csv").open(encoding="utf-8")))
    assert {r["level"] for r in rows} == {"nederland", "gemeente", "type", "gebied"}


def test_national_command_never_prints_an_unknown_cost_as_zero(population, tmp_path, capsys):
    """Three municipalities lack the city pass's value: "bedrag onbekend", not "€ 0,00"; a reform
    that gives Arnhem's budget costs it there and still names the other two."""
    assumed = ROOT / "meedoen" / "examples" / "aanname_gelrepas_budget.yaml"
    args = ["simulate", "--national", "--population", str(population), "--out", str(tmp_path)]
    assert main([*args, "--reform", str(assumed)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("stadspas:"))
    before, after = line.split("; met de wijziging ")
    assert before.endswith("bedrag onbekend (niet gevonden in 3 gemeente(n))")
    assert "€" in after and after.endswith("zonder 2 gemeente(n) waar het bedrag onbekend is")
    assert "€ 0,00" not in line and "€\u00a00,00" not in line
