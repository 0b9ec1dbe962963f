"""Audit entries point at their object (issue 17, item 8) and at the machtiging acted under.

The append-only guarantee holds across this migration: on PostgreSQL adding a column does not touch
the rows and the triggers stay; SQLite cannot add a NOT NULL column in place, so Django copies the
table into a new one, which drops the old table's triggers: they are installed again on the new table.
Entries written before this migration keep empty object fields (the log is never rewritten).
"""

from django.conf import settings
from django.db import migrations, models

from meedoen.web.audit.append_only import AUDIT_LOG


def protect_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and getattr(settings, "AUDIT_DB_TRIGGERS", True):
        AUDIT_LOG.install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alter_auditentry_options")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="namens_id",
            field=models.BigIntegerField(db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="object_id",
            field=models.CharField(blank=True, db_default="", default="", max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="object_type",
            field=models.CharField(blank=True, db_default="", default="", max_length=30),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="in_list",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ),
        migrations.RunPython(protect_again, migrations.RunPython.noop),
    ]
