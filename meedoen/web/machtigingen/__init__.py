"""Machtigen: a resident lets another person act on their behalf ("namens"), and shares one check result."""
