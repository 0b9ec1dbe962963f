"""The city pass ledger is append-only: its declaration for the shared mechanism
(meedoen.web.components.append_only). A mistake is corrected by a new entry (a reversal).

The model (``LedgerEntry``), the migration that installs the database triggers and the database
grants all read this one declaration.
"""

from __future__ import annotations

from meedoen.web.components.append_only import AppendOnly

LEDGER = AppendOnly(
    table="citypass_ledgerentry", prefix="citypass_ledger", message="the city pass ledger is append-only"
)
install_triggers = LEDGER.install_triggers
