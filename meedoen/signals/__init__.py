"""Early-detection signals (vroegsignalen): the rules of shared/contracts/signals.md as a plain library.

Parsing and validating the CSV (:mod:`.parsing`), classifying the rows against what is already
stored (:mod:`.classify`), first-contact deadlines in working days (:mod:`.workdays`) and the
municipality's threshold (:mod:`.thresholds`). No Django here: the web app stores what this decides.
"""
