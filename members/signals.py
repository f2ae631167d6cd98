"""Keep each member's search document current whatever changes it: the profile, its
services, credits and resources (admin inlines included), or a category's name; and
its "last updated" date when any of those or its gallery changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Credit, GalleryImage, Member, MemberService, Resource, ServiceCategory
from .services import member_refresh_search, member_touch


@receiver(post_save, sender=Member, dispatch_uid="members_search_member")
def _member_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        member_refresh_search(member_id=instance.pk)


@receiver(post_save, sender=MemberService, dispatch_uid="members_search_service_saved")
@receiver(post_delete, sender=MemberService, dispatch_uid="members_search_service_deleted")
@receiver(post_save, sender=Credit, dispatch_uid="members_search_credit_saved")
@receiver(post_delete, sender=Credit, dispatch_uid="members_search_credit_deleted")
@receiver(post_save, sender=Resource, dispatch_uid="members_search_resource_saved")
@receiver(post_delete, sender=Resource, dispatch_uid="members_search_resource_deleted")
def _part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        member_refresh_search(member_id=instance.member_id, touch=True)


@receiver(post_save, sender=GalleryImage, dispatch_uid="members_touch_image_saved")
@receiver(post_delete, sender=GalleryImage, dispatch_uid="members_touch_image_deleted")
def _image_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        member_touch(member_id=instance.member_id)


@receiver(post_save, sender=ServiceCategory, dispatch_uid="members_search_category")
def _category_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    member_ids = set(
        MemberService.objects.filter(category__in=[instance, *instance.children.all()]).values_list(
            "member_id", flat=True
        )
    )
    for member_id in member_ids:
        member_refresh_search(member_id=member_id)
