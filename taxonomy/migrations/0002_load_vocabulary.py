from django.db import migrations

from taxonomy.vocabulary import load_vocabulary


def load(apps, schema_editor):
    load_vocabulary(lambda name: apps.get_model("taxonomy", name))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
