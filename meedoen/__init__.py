"""Meedoen: rules as code and digital services for Werk en Inkomen of Dutch municipalities."""

__version__ = "0.1.0"
