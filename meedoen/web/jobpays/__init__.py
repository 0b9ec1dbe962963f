"""Does this job pay? (issue 19 item 6) in the web app, for a resident from their check result and for a
consultant on a client's page. The comparison is the analysis library's :func:`compare` (the same as
``meedoen job`` on the command line); this app only asks for the offer and shows the months."""
