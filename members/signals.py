"""Keep each member's search document current whatever changes it: the profile, its
services, credits and resources (admin inlines included), or a category's name; and
its "last updated" date when any of those or its gallery changes; and let a logo or
gallery picture leave storage once its row no longer holds it (members.files)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core import generations

from . import tasks
from .files import discard_file_on_commit
from .models import Credit, GalleryImage, Member, MemberService, Resource, ServiceCategory
from .search import GENERATION
from .services import member_refresh_search, member_touch, members_refresh_search

# A category change touching more members than this is left to a Celery task.
INLINE_REFRESH_LIMIT = 50


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
    if raw:
        return
    generations.bump_on_commit(GENERATION)  # facet labels and suggestions
    if created:
        return
    member_ids = sorted(
        set(
            MemberService.objects.filter(category__in=[instance, *instance.children.all()]).values_list(
                "member_id", flat=True
            )
        )
    )
    if len(member_ids) <= INLINE_REFRESH_LIMIT:
        members_refresh_search(member_ids=member_ids)
    else:
        transaction.on_commit(lambda: tasks.refresh_search_documents.delay(member_ids=member_ids))


@receiver(post_delete, sender=ServiceCategory, dispatch_uid="members_search_category_deleted")
@receiver(post_delete, sender=Member, dispatch_uid="members_search_member_deleted")
def _gone(sender, instance, **kwargs):
    generations.bump_on_commit(GENERATION)


# The image field of each model whose files leave storage with them (members.files).
IMAGE_FIELDS = {Member: "logo", GalleryImage: "image"}


@receiver(pre_save, sender=Member, dispatch_uid="members_files_member_before_save")
@receiver(pre_save, sender=GalleryImage, dispatch_uid="members_files_image_before_save")
def _remember_stored_file(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    """The file name in the database before this save (the field holds the new one)."""
    field = IMAGE_FIELDS[sender]
    instance._stored_file_name = None
    if raw or instance._state.adding or (update_fields is not None and field not in update_fields):
        return
    instance._stored_file_name = (
        sender._base_manager.using(using).filter(pk=instance.pk).values_list(field, flat=True).first()
    )


@receiver(post_save, sender=Member, dispatch_uid="members_files_member_saved")
@receiver(post_save, sender=GalleryImage, dispatch_uid="members_files_image_saved")
def _discard_replaced_file(sender, instance, raw=False, using=None, **kwargs):
    old_name = instance.__dict__.pop("_stored_file_name", None)
    field_file = getattr(instance, IMAGE_FIELDS[sender])
    if old_name and old_name != field_file.name:
        discard_file_on_commit(old_name, field_file.storage, using=using)


@receiver(post_delete, sender=Member, dispatch_uid="members_files_member_deleted")
@receiver(post_delete, sender=GalleryImage, dispatch_uid="members_files_image_deleted")
def _discard_deleted_file(sender, instance, using=None, **kwargs):
    field_file = getattr(instance, IMAGE_FIELDS[sender])
    if field_file.name:
        discard_file_on_commit(field_file.name, field_file.storage, using=using)
