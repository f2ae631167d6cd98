"""Whatever a filming page shows changing makes the cached pages stale (core.generations):
pages, pictures, schemes, their thresholds and the euro rate, on save and on delete."""

from django.db.models.signals import post_delete, post_save

from core import generations

from .models import EuroRate, GuideImage, GuidePage, IncentiveScheme, SchemeThreshold
from .search import GENERATION

SHOWN = (GuidePage, GuideImage, IncentiveScheme, SchemeThreshold, EuroRate)


def _bump(sender, **kwargs):
    if kwargs.get("raw"):
        return
    generations.bump_on_commit(GENERATION)


def connect() -> None:
    for model in SHOWN:
        uid = f"filming-generation-{model._meta.label_lower}"
        post_save.connect(_bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{uid}-delete")
