"""Work (issue 22): the Werkgeversservicepunt, candidates and matching, placements, maatwerkbanen."""

from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "meedoen.web.work"
    label = "work"
    verbose_name = "Werk en werkgevers"
