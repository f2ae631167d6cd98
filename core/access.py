"""Who counts as a member, in one place: the productions and events areas reuse it.

A logged-in user counts as a member only while at least one of their firms is active;
coordinators (staff) see everything members see. Suspending a firm takes effect on the
next request, since nothing here is cached.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied


def is_cluster_member(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    from members.models import Member

    return user.memberships.filter(member__status=Member.Status.ACTIVE).exists()


def active_member_ids(user) -> list[int]:
    """IDs of the active firms the user belongs to (empty for anonymous users)."""
    if not user.is_authenticated:
        return []
    from members.models import Member

    return list(user.memberships.filter(member__status=Member.Status.ACTIVE).values_list("member_id", flat=True))


class MemberRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; logged-in non-members get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_cluster_member(request.user):
            raise PermissionDenied("members only")
        return super().dispatch(request, *args, **kwargs)
