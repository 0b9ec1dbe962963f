from django.db import migrations

from meedoen.web.decisions.defaults import install_defaults


def install(apps, schema_editor):
    install_defaults(apps.get_model("decisions", "Provider"), apps.get_model("decisions", "SchemePolicy"))


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
