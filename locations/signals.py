"""Keeping locations' search documents and cached pages current.

A location's document names its categories, which are set after the row is saved, so
it is recomputed on save and whenever its categories change; renaming a category
recomputes its locations. A member's change can hide or show the locations it manages,
so it makes the library's cached pages stale too.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core import generations
from core.search import indexing, vocabulary
from members.models import Member

from .models import Location, LocationCategory, LocationPhoto
from .search import GENERATION, is_public, location_groups, rebuild_documents
from .selectors import public_locations


@receiver(post_save, sender=Location, dispatch_uid="locations_search_on_save")
def location_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    indexing.refresh(Location, instance, location_groups, public=is_public)
    generations.bump_on_commit(GENERATION)


@receiver(m2m_changed, sender=Location.categories.through, dispatch_uid="locations_search_on_categories")
def categories_changed(sender, instance, action, reverse=False, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    locations = [instance] if not reverse else list(instance.locations.all())
    for location in locations:
        indexing.refresh(Location, location, location_groups, public=is_public)
    generations.bump_on_commit(GENERATION)


@receiver(post_save, sender=LocationCategory, dispatch_uid="locations_search_on_category")
def category_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    rebuild_documents(Location.objects.filter(categories__in=[instance, *instance.children.all()]).distinct())
    generations.bump_on_commit(GENERATION)


@receiver(post_save, sender=Member, dispatch_uid="locations_words_on_member")
def manager_saved(sender, instance, raw=False, **kwargs):
    """A firm made public again makes its locations public without saving them: their
    words join the vocabulary now (the site search asks only the kinds that hold a
    query's words), not at the next rebuild."""
    if raw:
        return
    documents = public_locations().filter(manager=instance).values_list("search_document", flat=True)
    words = " ".join(documents).split()
    if words:
        vocabulary.record(words, kind=vocabulary.kind_of(Location))


@receiver(post_delete, sender=Location, dispatch_uid="locations_bump_on_delete")
@receiver(post_save, sender=LocationPhoto, dispatch_uid="locations_bump_on_photo")
@receiver(post_delete, sender=LocationPhoto, dispatch_uid="locations_bump_on_photo_delete")
@receiver(post_save, sender=Member, dispatch_uid="locations_bump_on_member")
def library_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    generations.bump_on_commit(GENERATION)
