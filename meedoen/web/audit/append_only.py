"""The audit log is append-only: its declaration for the shared mechanism
(meedoen.web.components.append_only).

The model (``AuditEntry``), the migrations that install the database triggers and the database grants
all read this one declaration.
"""

from __future__ import annotations

from meedoen.web.components.append_only import AppendOnly

AUDIT_LOG = AppendOnly(table="audit_auditentry", prefix="audit", message="the audit log is append-only")
install_triggers = AUDIT_LOG.install_triggers
