"""The municipality's own look and its site pages: the NL Design System theme of the deployed
municipality (``MEEDOEN_MUNICIPALITY``), the footer's contact, privacy and accessibility pages, and
which pages another site may embed."""
