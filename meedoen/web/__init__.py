"""The web app: Regelingencheck, applying, automated decisions and the back office (Django).

The rules live in :mod:`meedoen.rules`; this package only asks the engine and shows its answers.
"""
