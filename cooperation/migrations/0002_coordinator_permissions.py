"""The "Coordinator" group (desk 0002) gets what the cluster office needs here: it reads
everything, hides and restores posts and replies (``moderate_cooperation``), deals with
reports, keeps the firms' marks on calls (the outcomes it reports on) and the lead
teams; the reminder log is read-only. Frozen here, like the desk's list.
"""

from django.db import migrations
from django.db.models import Q

GROUP_NAME = "Coordinator"
PERMISSIONS = {
    "cooperationrequest": ("view", "change", "moderate"),
    "requestanswer": ("view", "change"),
    "requestmessage": ("view", "change"),
    "requestfollow": ("view",),
    "requestreport": ("view", "change"),
    "callparticipation": ("view", "add", "change", "delete"),
    "callreminder": ("view",),
    "leadteamoptin": ("view", "change", "delete"),
    "cooperationpreference": ("view",),
}


def _query() -> Q:
    query = Q(pk__in=[])
    for model, actions in PERMISSIONS.items():
        for action in actions:
            codename = "moderate_cooperation" if action == "moderate" else f"{action}_{model}"
            query |= Q(content_type__app_label="cooperation", content_type__model=model, codename=codename)
    return query


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    cooperation = apps.get_app_config("cooperation")
    cooperation.models_module = True
    create_permissions(cooperation, apps=apps, verbosity=0)
    cooperation.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:  # removed by the site administrator: leave it so
        return
    group.permissions.add(*Permission.objects.filter(_query()))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(_query()))


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial"), ("desk", "0002_coordinator_group")]

    operations = [migrations.RunPython(grant, revoke)]
