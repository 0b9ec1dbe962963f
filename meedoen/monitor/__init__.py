"""The programme monitor: case-level tables in, the KPIs of ``shared/contracts/monitor-data.md`` out.

A plain library on Polars (never Django). ``loading.load`` reads and checks the four tables,
``kpis.kpis`` computes the contract's KPIs for a period, and ``series.monthly_series``,
``ambition.ambition`` and ``cohorts.cohorts`` give the views a management report needs around them.
The package itself imports nothing, so the ``meedoen`` command line loads Polars only for a monitor
command.
"""
