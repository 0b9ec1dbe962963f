"""The funds' ledger is append-only: its declaration for the shared mechanism
(meedoen.web.components.append_only). A mistake is corrected by a new entry (a reversal)."""

from __future__ import annotations

from meedoen.web.components.append_only import AppendOnly

LEDGER = AppendOnly(table="ledger_entry", prefix="ledger_entry", message="the fund ledger is append-only")
