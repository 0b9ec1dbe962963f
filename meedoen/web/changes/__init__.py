"""Wijziging doorgeven (issue 19 item 4): a resident reports a new income, household or rent once; every
scheme they applied for is evaluated again through :mod:`meedoen.web.calculation`; the consequences are
shown before they confirm; each scheme whose outcome changes goes to the area team's consultant.

A change the resident reports is a declared fact, and declared facts never decide automatically (the
decisions' automation policy, :mod:`meedoen.web.decisions.automation`): the policy is still asked, so
its other reasons and its proposal stand in the consultant's task next to this one.
"""
