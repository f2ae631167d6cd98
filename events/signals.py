"""Event pages show the seats left: a change to who holds a seat makes them stale.

A registration saved or deleted by any path (the services, the admin) bumps the events'
cache generation once the change commits, so the cached public event pages
(``core.pagecache``) are rebuilt with the new count. Bulk ``update()`` calls of the
services only touch pending registrations, which do not hold a seat.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import generations

from .models import Registration
from .search import GENERATION


@receiver(post_save, sender=Registration, dispatch_uid="events_registration_saved")
@receiver(post_delete, sender=Registration, dispatch_uid="events_registration_deleted")
def registration_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        generations.bump_on_commit(GENERATION)
