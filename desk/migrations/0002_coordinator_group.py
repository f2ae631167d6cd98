"""The "Coordinator" group with exactly the permissions the cluster office needs.

Why a migration that creates permissions itself: Django makes content types and
permissions in a ``post_migrate`` handler, i.e. only after *all* migrations ran, so on
a fresh database they do not exist yet when this migration runs. We therefore call
``create_permissions`` for every app (idempotent: it only adds what is missing) from the
migration's historical app registry, then assign. This works on a fresh database, on an
existing one and in the test database, and needs no signal handler that would silently
re-add permissions a site administrator removed from the group later on.

The list is frozen here on purpose (migrations must not import code that changes). A new
model that coordinators should manage needs a new migration that adds its permissions.

Not granted: anything on auth (groups, permissions), changing users (which would let a
coordinator give themselves permissions), the Celery beat schedule, calendar feed
secrets, and the historical (audit) tables, which stay read through each object's history.
"""

from django.db import migrations
from django.db.models import Q

ALL = ("add", "change", "delete", "view")

COORDINATOR_PERMISSIONS = {
    # The desk itself: dashboard and charts, exports, member import, new interest list.
    ("desk", "desk"): ("view_dashboard", "export_data", "import_members"),
    ("desk", "leadinterest"): ("view",),
    # Members and the catalogue.
    ("members", "member"): ALL,
    ("members", "memberservice"): ALL,
    ("members", "servicecategory"): ALL,
    ("members", "credit"): ALL,
    ("members", "galleryimage"): ALL,
    ("members", "resource"): ALL,
    ("members", "inquiry"): ("view", "delete"),
    # People of member firms: invitations, memberships, applications; users read-only.
    ("accounts", "user"): ("view",),
    ("accounts", "membership"): ALL,
    ("accounts", "invitation"): ("add", "view"),
    ("accounts", "membershipapplication"): ("view", "change"),
    # Productions.
    ("productions", "productionlead"): ALL,
    ("productions", "leadresponse"): ALL,
    ("productions", "leadstatuschange"): ("view",),
    ("productions", "productioninquiry"): ("view", "change", "delete"),
    ("productions", "leadalertpreference"): ("view",),
    # News and events.
    ("news", "post"): ALL,
    ("events", "event"): ALL,
    ("events", "registration"): ALL,
    ("events", "material"): ALL,
    # Digests: what was sent and what people chose; the log is read-only.
    ("digests", "digestdelivery"): ("view",),
    ("digests", "digestpreference"): ("view",),
}

GROUP_NAME = "Coordinator"


def codenames():
    for (app_label, model), actions in COORDINATOR_PERMISSIONS.items():
        for action in actions:
            codename = action if model == "desk" else f"{action}_{model}"
            yield app_label, model, codename


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = list(codenames())
    query = Q()
    for app_label, model, codename in wanted:
        query |= Q(content_type__app_label=app_label, content_type__model=model, codename=codename)
    permissions = list(Permission.objects.filter(query))
    if len(permissions) != len(wanted):
        found = {(p.content_type.app_label, p.codename) for p in permissions}
        missing = [w for w in wanted if (w[0], w[2]) not in found]
        raise RuntimeError(f"Permissions missing for the Coordinator group: {missing}")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0003_invitation_application"),
        ("members", "0003_validated_images"),
        ("productions", "0001_initial"),
        ("news", "0002_post_related_productions"),
        ("events", "0001_initial"),
        ("digests", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
