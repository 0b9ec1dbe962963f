"""Online objection (bezwaar, Awb chapter 6 and 7): the resident objects to a decision, a jurist
handles the bezwaar case (terms, hearing, outcome) and sends a besluit op bezwaar with the appeal route.
An upheld objection changes the decision through ``decisions.recording.revise_decision``."""
