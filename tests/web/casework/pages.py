"""Case-work pages for tests/web/e2e/test_accessibility.py; scanned in tests/web/e2e/test_casework.py."""

CASEWORK_PAGES = {
    "casework:caseload",
    "casework:client",
    "casework:plan",
    "casework:end",
    "casework:dashboard",
}
# POST-only actions (their errors are shown on the scanned case page).
CASEWORK_NOT_PAGES = {
    "casework:assign-consultant",
    "casework:add-step",
    "casework:step-done",
    "casework:add-instrument",
    "casework:add-spell",
    "casework:add-debt-help",
    "casework:dashboard-download",  # a file (CSV or PDF); on PostgreSQL first the PDF job's wait page
}
