"""The objection pages: which are HTML pages (scanned with axe-core in tests/web/e2e/test_objection.py)
and which are not (POST actions, PDF, downloads). test_accessibility.py checks the URL conf against both."""

OBJECTION_PAGES = {"objections:file", "objections:filed", "objections:queue", "objections:case"}
OBJECTION_NOT_PAGES = {
    "objections:letter",
    "objections:document",
    "objections:extend",
    "objections:hearing",
    "objections:decide",
}
