"""The desk stores nothing of its own: it reads the other apps' data.

``Desk`` exists only to carry the desk's permissions (dashboard, exports, imports);
it has no table. ``LeadInterest`` is a proxy of ``productions.LeadResponse`` so the
coordinator has a changelist of firms' answers to link to ("new lead interests")
without touching the productions admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from productions.models import LeadResponse


class Desk(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("coordinator's desk")
        permissions = [
            ("view_dashboard", _("Can see the dashboard, the activity charts and their data")),
            ("export_data", _("Can export members, leads, registrations and deliveries")),
            ("import_members", _("Can import members from a CSV file")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class LeadInterest(LeadResponse):
    class Meta:
        proxy = True
        default_permissions = ("view",)
        verbose_name = _("firm's interest in a lead")
        verbose_name_plural = _("firms' interest in leads")
