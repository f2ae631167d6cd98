"""The coordinator edits a user's digest preference (issue: preferences "editable by the
coordinator"); 0002 granted only the view permission. A user without a preference row
has the default, so changing it in the admin may mean adding the row: add and change.
"""

from django.db import migrations

GROUP_NAME = "Coordinator"
CODENAMES = ("add_digestpreference", "change_digestpreference")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    digests = apps.get_app_config("digests")
    digests.models_module = True
    create_permissions(digests, apps=apps, verbosity=0)
    digests.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:  # removed by the site administrator: leave it so
        return
    group.permissions.add(*Permission.objects.filter(content_type__app_label="digests", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="digests", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("desk", "0002_coordinator_group")]

    operations = [migrations.RunPython(grant, revoke)]
