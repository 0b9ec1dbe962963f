from django.conf import settings
from django.db import migrations

from meedoen.web.audit.append_only import AUDIT_LOG


def protect(apps, schema_editor):
    if getattr(settings, "AUDIT_DB_TRIGGERS", True):
        AUDIT_LOG.install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(protect, migrations.RunPython.noop)]
