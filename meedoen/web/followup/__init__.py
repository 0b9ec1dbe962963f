"""Saved, shared, followed up (issue 19 item 3), and the resident's own plan (item 5).

A resident keeps a check result (logged in) or gets it by e-mail (a queue task sends it); who asked for
it gets one follow-up question after ``FOLLOWUP_AFTER_DAYS`` ("heeft u het aangevraagd? wat hield u
tegen?"), whose answers are stored per scheme without any link to a person. "Was dit nuttig?" is asked
on the check result and decision pages; staff with the figures role read the answers.
"""
