"""The coordinator edits the portal's branding (name, texts, colours, logo)."""

from django.db import migrations

GROUP_NAME = "Coordinator"
CODENAMES = ("add_branding", "change_branding", "view_branding")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    core = apps.get_app_config("core")
    core.models_module = True
    create_permissions(core, apps=apps, verbosity=0)
    core.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:  # removed by the site administrator: leave it so
        return
    group.permissions.add(*Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("desk", "0003_coordinator_edits_digest_preferences"), ("core", "0002_branding")]

    operations = [migrations.RunPython(grant, revoke)]
