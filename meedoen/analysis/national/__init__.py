"""National scale: a synthetic population of every municipality as Parquet partitions, the
simulation mapped over them (in one process or on Dask) and reform sweeps that recompute only
what a swept parameter reaches (issue #21, ``docs/national-scale.md``)."""
