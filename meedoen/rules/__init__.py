"""The rules engine: parameters with their legal sources, households, and vectorised formulas.

A plain library (NumPy + YAML + pydantic). It never imports Django, the analysis, the monitor or
the signals packages; ``tests/test_architecture.py`` guards that.
"""
