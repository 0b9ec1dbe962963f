"""The monthly payment statement of one provider with --entries ledger entries (default 1 million)
in one month, on PostgreSQL: the CSV (every entry, streamed) and the PDF (totals per offer).

Starts a throwaway PostgreSQL (.ci/postgres.sh, through bench/web_load.py) unless DATABASE_URL is
set, migrates, fills the ledger with one INSERT ... SELECT generate_series, then times the statement
code the views use. Exits 1 when the CSV and PDF together take more than 10 s.

    python bench/citypass_statement.py [--entries 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time

import web_load  # bench/ is the script's folder, so it is on the path
from citypass_redemptions import bench_provider

REPO = web_load.REPO
BUDGET_SECONDS = 10.0
MONTH = dt.date(2026, 3, 1)


def fill(entries: int, passes: int):
    """One provider with three offers, ``passes`` passes with a budget, ``entries`` bookings in MONTH."""
    from django.db import connection

    from meedoen.web.accounts.models import Role, User
    from meedoen.web.citypass import issuing

    _, provider = bench_provider(0)
    offers = [
        provider.offers.create(name=f"Aanbod {i}", category="sport", price_cents=500).pk for i in range(3)
    ]
    resident = User.objects.create_user("bench-inwoner", role=Role.RESIDENT)
    day = dt.date(2026, 2, 1)
    for i in range(passes):
        person = {"id": f"p{i}", "role": "applicant", "birth_date": "1980-01-01"}
        issuing.issue(resident, "nijmegen", "meedoenregeling", [person], day=day)
    seconds_in_month = 31 * 86400 - 1
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO citypass_ledgerentry (reference, budget_id, pass_card_id, kind, amount_cents,
                                              provider_id, offer_id, at)
            SELECT gen_random_uuid(), b.id, b.pass_card_id, 'redemption', -1, %s,
                   (ARRAY[%s, %s, %s])[1 + n %% 3],
                   TIMESTAMPTZ '2026-03-01 00:00:00+01' + (n %% %s) * INTERVAL '1 second'
            FROM generate_series(0, %s - 1) AS n
            JOIN citypass_budget b ON b.id = (SELECT min(id) FROM citypass_budget) + n %% %s
            """,
            [provider.pk, *offers, seconds_in_month, entries, passes],
        )
        cursor.execute(
            """UPDATE citypass_budget b SET balance_cents = s.total
               FROM (SELECT budget_id, sum(amount_cents) AS total
                     FROM citypass_ledgerentry GROUP BY budget_id) s
               WHERE s.budget_id = b.id"""
        )
        cursor.execute("VACUUM ANALYZE citypass_ledgerentry")  # what autovacuum does after a bulk load
    return provider


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--passes", type=int, default=1000)
    args = parser.parse_args()
    database, pg_dir = web_load.start_postgres()
    try:
        os.environ.update(web_load.server_env(database, tempfile.mkdtemp(prefix="meedoen-bench-")))
        import django

        sys.path.insert(0, str(REPO))
        django.setup()
        from django.core.management import call_command

        from meedoen.web.citypass import statements
        from meedoen.web.citypass.consistency import problems
        from meedoen.web.components.pdf import render_pdf

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        provider = fill(args.entries, args.passes)
        print(f"filled {args.entries} ledger entries in {time.perf_counter() - started:.1f} s")
        print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")

        started = time.perf_counter()
        size = lines = 0
        for line in statements.csv_rows(provider, MONTH):
            size += len(line)
            lines += 1
        csv_seconds = time.perf_counter() - started

        started = time.perf_counter()
        empty = {"provider": provider, "month": MONTH, "totals": [], "total": 0}
        render_pdf("citypass/statement_pdf.html", empty)
        took = time.perf_counter() - started
        print(f"WeasyPrint start-up (once per server process, not counted): {took:.2f} s")

        started = time.perf_counter()
        totals = statements.totals(provider, MONTH)
        pdf = render_pdf(
            "citypass/statement_pdf.html",
            {"provider": provider, "month": MONTH, "totals": totals, "total": sum(t.cents for t in totals)},
        )
        pdf_seconds = time.perf_counter() - started
        assert lines == args.entries + 1 and sum(t.bookings for t in totals) == args.entries
        print(f"CSV: {lines - 1} rows, {size / 1e6:.1f} MB in {csv_seconds:.2f} s")
        paid = sum(t.cents for t in totals)
        print(f"PDF: {len(totals)} offers, total {paid} cents, {len(pdf)} bytes in {pdf_seconds:.2f} s")
        total = csv_seconds + pdf_seconds
        print(
            f"statement for {args.entries} entries: {total:.2f} s (budget {BUDGET_SECONDS:.0f} s) "
            f"{'OK' if total <= BUDGET_SECONDS else 'OVER BUDGET'}; "
            f"load average after: {os.getloadavg()[0]:.2f}"
        )
        started = time.perf_counter()
        found = problems()
        took = time.perf_counter() - started
        print(f"consistency check over {args.passes} budgets: {len(found)} problems in {took:.2f} s")
        return 0 if total <= BUDGET_SECONDS and not found else 1
    finally:
        if pg_dir:
            from django.db import connections

            connections.close_all()
            web_load.stop(None, pg_dir)


if __name__ == "__main__":
    sys.exit(main())
