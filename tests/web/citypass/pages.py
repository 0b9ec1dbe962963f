"""The city pass pages for tests/web/e2e/test_accessibility.py, which checks them against the URLs;
tests/web/e2e/test_citypass.py scans each of them."""

# Every city pass page; test_accessibility.py checks the URL configuration against this list.
CITYPASS_PAGES = {
    "citypass:mine",
    "citypass:history",
    "citypass:offers",
    "citypass:register",
    "citypass:provider",
    "citypass:offer-list",
    "citypass:offer-new",
    "citypass:offer-edit",
    "citypass:tills",
    "citypass:my-statements",
    "citypass:officer",
    "citypass:find-pass",
    "citypass:figures",
    "citypass:statements",
    "citypass:reverse",  # the question before a reversal (issue 19); scanned in test_citypass.py
}
# Not HTML pages: redirects, POST-only actions and downloads.
CITYPASS_NOT_PAGES = {
    "citypass:home",
    "citypass:book",
    "citypass:offer-toggle",
    "citypass:till-revoke",
    "citypass:my-statement",
    "citypass:decide-provider",
    "citypass:replace-pass",
    "citypass:figures-export",
}
