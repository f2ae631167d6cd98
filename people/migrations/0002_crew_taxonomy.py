"""The crew taxonomy the portal starts with (people/taxonomy.py); matching service
categories are linked when they exist (the demo links them again after loading its own)."""

from django.db import migrations

from people import taxonomy


def load(apps, schema_editor):
    taxonomy.load(apps.get_model("people", "Department"), apps.get_model("people", "Role"), apps.get_model("members", "ServiceCategory"))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
