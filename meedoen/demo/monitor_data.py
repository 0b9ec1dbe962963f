"""A synthetic case history of a city the size of Arnhem, for the programme monitor.

Ten years of bijstand spells (2014-2024), instruments and debt help for about 8,000 people on
benefit at a time, written as the four tables of ``docs/contracts/monitor-data.md``. Nobody in it
is real. It is calibrated to what Arnhem and CBS published (``shared/seeds/002_*``, ``003_*`` and
``shared/reference/cbs/``); ``docs/monitor-demo-data.md`` gives every assumption and how it is met.

The city is simulated month by month. The stock on the first day of each month follows the
published figures exactly: a month's outflow is whatever the stock path leaves after its inflow.
Who leaves is drawn with weights (short spells, the young and people with a start qualification
leave more often; everyone leaves at the AOW age); each month exactly the year's share of the
outflow (CBS) goes to work. Some return, most of them not within the year. The same seed gives the
same files.

Usage: ``python -m meedoen.demo.monitor_data DIR`` or ``write_monitor_demo(Path("DIR"))``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from meedoen.demo.monitor_calibration import (
    AREAS,
    EPOCH,
    EXPORT,
    GENDERS,
    INFLOW,
    INFLOW_AGES,
    LKS_ACTIVE_DEC,
    SEED,
    SK_TRUE,
    SK_UNKNOWN,
    STOCK,
    WORK_SHARE,
)
from meedoen.demo.monitor_city import (
    City,
    days_in,
    exit_reasons,
    exit_weights,
    inflow_months,
    initial_stock,
    interpolate,
    month_list,
)
from meedoen.demo.monitor_events import (
    debt_help,
    instruments_on_benefit,
    loonkostensubsidie,
    plan_returns,
    work_instruments,
)
from meedoen.monitor.tables import INSTRUMENTS, OUTFLOW_REASONS, ROUTES
from meedoen.reporting import safe_csv


def generate(seed: int = SEED) -> dict[str, pl.DataFrame]:
    """The four tables of the monitor contract for the demo city, as Polars frames."""
    rng = np.random.default_rng(seed)
    city = City(rng)
    months = month_list()
    stock_points = {d.toordinal(): n for d, n in STOCK.items()}
    lks_points = {date(y, 12, 31).toordinal(): n for y, n in LKS_ACTIVE_DEC.items()}
    inflow = {(m.year, m.month): n for y, total in INFLOW.items() for m, n in inflow_months(months, y, total)}
    returns: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    lks_rows: list[int] = []  # every loonkostensubsidie, as its row in city.instruments
    active = initial_stock(city, STOCK[date(2014, 1, 1)], months[0].first)

    for m in months:
        # Inflow: returns planned earlier, then new people up to the month's inflow.
        back = returns.pop((m.year, m.month), [])
        new_starts = days_in(rng, m, max(0, inflow[(m.year, m.month)] - len(back)))
        people = np.array(
            [p for p, _ in back] + city.new_persons(new_starts, INFLOW_AGES).tolist(), dtype=int
        )
        starts = np.array([s for _, s in back] + new_starts.tolist(), dtype=int)

        # Outflow: exactly what keeps the stock on its path; who leaves is drawn by weight (Gumbel top-k).
        target = round(interpolate(stock_points, m.last + 1))
        n_out = int(np.clip(len(active) + len(starts) - target, 0, len(active)))
        weights, aow = exit_weights(city, active, m.first)
        keys = np.log(weights) + rng.gumbel(size=len(active))
        chosen = np.argsort(-keys)[:n_out]
        leaving, ends = active[chosen], days_in(rng, m, n_out, from_second=False)
        reasons = exit_reasons(city, leaving, aow[chosen], m.first, WORK_SHARE[m.year])
        city.spell_end.data[leaving], city.spell_reason.data[leaving] = ends, reasons
        active = np.concatenate([np.delete(active, chosen), city.new_spells(people, starts)])

        leaver = city.spell_person.values[leaving]
        work = reasons == 0
        with_lks = loonkostensubsidie(city, m, leaver, ends, work, lks_rows, lks_points)
        work_instruments(city, m, leaving, leaver, ends, work)
        plan_returns(city, m, leaver, ends, reasons, with_lks, returns)
        instruments_on_benefit(city, m, active)
        debt_help(city, m, active)
    return _frames(city, seed)


def _dates(ordinals: list[int] | np.ndarray) -> pl.Series:
    """Ordinals as a Polars date column; -1 becomes empty."""
    values = np.asarray(ordinals, dtype=np.int64)
    dates = pl.Series(np.where(values < 0, 0, values - EPOCH), dtype=pl.Int32).cast(pl.Date)
    return dates.scatter(np.flatnonzero(values < 0), None)


def _choices(names: tuple[str, ...] | list[str], codes: np.ndarray) -> pl.Series:
    """Codes as their names; a negative code becomes empty."""
    codes = np.asarray(codes)
    return pl.Series(list(names))[np.maximum(codes, 0)].scatter(np.flatnonzero(codes < 0), None)


def _frames(city: City, seed: int = SEED) -> dict[str, pl.DataFrame]:
    person_ids = pl.Series([f"P{i + 1:06d}" for i in range(city.birth.n)])
    sk = city.sk.values
    gender_codes = np.random.default_rng(seed + 1).choice(
        len(GENDERS), size=city.birth.n, p=list(GENDERS.values())
    )
    persons = pl.DataFrame(
        {
            "person_id": person_ids,
            "birth_date": _dates(city.birth.values),
            "area": _choices(list(AREAS), city.area.values),
            "startkwalificatie": pl.Series(sk == SK_TRUE).scatter(np.flatnonzero(sk == SK_UNKNOWN), None),
            "gender": _choices(list(GENDERS)[:2], np.where(gender_codes == 2, -1, gender_codes)),
        }
    )
    spells = pl.DataFrame(
        {
            "spell_id": [f"U{i + 1:07d}" for i in range(city.spell_person.n)],
            "person_id": person_ids[city.spell_person.values],
            "start_date": _dates(city.spell_start.values),
            "end_date": _dates(city.spell_end.values),
            "outflow_reason": _choices(OUTFLOW_REASONS, city.spell_reason.values),
        }
    )
    ins = np.array(city.instruments, dtype=np.int64).reshape(-1, 4)
    ins = ins[ins[:, 2] <= EXPORT.toordinal()]
    ins[:, 3] = np.where(ins[:, 3] > EXPORT.toordinal(), -1, ins[:, 3])
    instruments = pl.DataFrame(
        {
            "person_id": person_ids[ins[:, 0]],
            "instrument": _choices(INSTRUMENTS, ins[:, 1]),
            "start_date": _dates(ins[:, 2]),
            "end_date": _dates(ins[:, 3]),
        }
    ).sort("start_date", "person_id", maintain_order=True)
    debt = np.array(city.debt_help, dtype=np.int64).reshape(-1, 4)
    debt_help = pl.DataFrame(
        {
            "person_id": person_ids[debt[:, 0]],
            "start_date": _dates(debt[:, 1]),
            "end_date": _dates(debt[:, 2]),
            "route": _choices(ROUTES, debt[:, 3]),
        }
    )
    return {"persons": persons, "spells": spells, "instruments": instruments, "debt_help": debt_help}


def write_monitor_demo(folder: str | Path, seed: int = SEED) -> dict[str, int]:
    """Write ``persons.csv``, ``spells.csv``, ``instruments.csv`` and ``debt_help.csv``; rows per file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, frame in generate(seed).items():
        safe_csv.write_frame(frame, folder / f"{name}.csv")
        counts[f"{name}.csv"] = frame.height
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the monitor's demo data (a city like Arnhem).")
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for file, rows in write_monitor_demo(args.folder, args.seed).items():
        print(f"{file}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
