"""The early-detection pages for tests/web/e2e/test_accessibility.py; test_vroegsignalering.py scans them."""

VROEGSIGNALERING_PAGES = {
    "vroegsignalering:worklist",
    "vroegsignalering:case",
    "vroegsignalering:offer",
    "vroegsignalering:upload",
    "vroegsignalering:figures",
    "vroegsignalering:upload-status",  # a large delivery's status: scanned in e2e/test_jobs_pages.py
}
# POST-only actions: they redirect back to the case page (or show it again with the form's errors).
VROEGSIGNALERING_NOT_PAGES = {
    "vroegsignalering:attempt",
    "vroegsignalering:note",
    "vroegsignalering:close",
    "vroegsignalering:hand-over",
    "vroegsignalering:debt-help",
    "vroegsignalering:debt-help-progress",
}
