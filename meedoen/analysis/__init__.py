"""Income analyses on top of the rules engine: the minima-effect report and "does this job pay?".

Uses ``meedoen.rules`` and never the web app.
"""
