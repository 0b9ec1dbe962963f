"""Letters (brieven): letterhead per municipality, case numbers, HTML and PDF."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "meedoen.web.letters"
    label = "letters"
