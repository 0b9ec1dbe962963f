from django.conf import settings
from django.db import migrations

from meedoen.web.ledger.append_only import LEDGER


def protect(apps, schema_editor):
    if getattr(settings, "AUDIT_DB_TRIGGERS", True):
        LEDGER.install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(protect, migrations.RunPython.noop)]
