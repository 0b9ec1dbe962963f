"""A signal's sender: the platform for API deliveries, none for the municipality's own files.

Existing API signals are linked to their platform through their delivery (``Ingest.filename`` is
``api:<platform name>``); the old constraint (one ``signal_id`` per municipality) guaranteed that no
two stored signals share an id, so the new per-sender constraints hold for the migrated data. A
signal whose delivery record was already purged by retention keeps no platform (counted as a file
delivery): its id stays unique either way.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_api_signals(apps, schema_editor):
    Ingest = apps.get_model("vroegsignalering", "Ingest")
    Signal = apps.get_model("vroegsignalering", "Signal")
    SignalPlatform = apps.get_model("vroegsignalering", "SignalPlatform")
    platforms = {p.name: p.pk for p in SignalPlatform.objects.all()}
    for ingest_id, filename in Ingest.objects.filter(source="api").values_list("id", "filename"):
        platform = platforms.get(filename.removeprefix("api:")) if filename.startswith("api:") else None
        if platform is not None:
            Signal.objects.filter(ingest_id=ingest_id).update(platform_id=platform)


class Migration(migrations.Migration):
    dependencies = [
        ("vroegsignalering", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="signal",
            name="platform",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="signals",
                to="vroegsignalering.signalplatform",
            ),
        ),
        # backwards: the old constraint comes back only while no two senders share an id
        migrations.RunPython(link_api_signals, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="signal",
            name="unique_signal_id",
        ),
        migrations.AddConstraint(
            model_name="signal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("platform__isnull", True)),
                fields=("municipality", "signal_id"),
                name="unique_signal_id_of_file_deliveries",
            ),
        ),
        migrations.AddConstraint(
            model_name="signal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("platform__isnull", False)),
                fields=("platform", "signal_id"),
                name="unique_signal_id_per_platform",
            ),
        ),
    ]
