"""Who counts as a member, in one place: every members-only page and list asks here.

A logged-in user counts as a member only while at least one of their firms is active;
coordinators (staff) see everything members see. Suspending a firm takes effect on the
next request, since nothing here is cached. The rule reads memberships, which this app
owns.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from members.models import Member


def is_cluster_member(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return user.memberships.filter(member__status=Member.Status.ACTIVE).exists()


def active_member_ids(user) -> list[int]:
    """IDs of the active firms the user belongs to (empty for anonymous users)."""
    if not user.is_authenticated:
        return []
    return list(user.memberships.filter(member__status=Member.Status.ACTIVE).values_list("member_id", flat=True))


class MemberRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; logged-in non-members get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_cluster_member(request.user):
            raise PermissionDenied("members only")
        return super().dispatch(request, *args, **kwargs)
