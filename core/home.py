"""The home page's sections: each app registers what it shows there, core lays them out.

core imports no domain app, so members, productions, news, events and desk each register
a section (from their AppConfig.ready) with a function that builds plain data: a fixed
number of queries whatever the number of members, and nothing a template would have to
query again. The result is cached per section and language, and dropped when a row of a
model the section names is saved or deleted, so a page view normally costs no query at
all and a change shows at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

# A section is rebuilt at least this often even when nothing it names changes, so time
# moves it on (an event that has started, a call whose deadline passed).
SECTION_TIMEOUT = 10 * 60


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    build: Callable[[], dict]
    order: int


_SECTIONS: dict[str, Section] = {}


def _key(name: str, language: str) -> str:
    return f"home:{name}:{language}"


def invalidate(name: str) -> None:
    cache.delete_many([_key(name, code) for code, _label in settings.LANGUAGES])


def register(name: str, *, template: str, build: Callable[[], dict], order: int, invalidated_by=()) -> None:
    """Show ``template`` with the data ``build()`` returns, at position ``order``.

    ``invalidated_by``: models whose saves and deletions drop the cached data.
    """
    _SECTIONS[name] = Section(name, template, build, order)

    def drop(sender, **kwargs):
        invalidate(name)

    for model in invalidated_by:
        uid = f"home-{name}-{model._meta.label_lower}"
        post_save.connect(drop, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(drop, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def sections() -> list[tuple[Section, dict]]:
    """Every registered section in order, with its data (from the cache when it is there)."""
    language = get_language() or settings.LANGUAGE_CODE
    ordered = sorted(_SECTIONS.values(), key=lambda s: s.order)
    keys = {section.name: _key(section.name, language) for section in ordered}
    cached = cache.get_many(list(keys.values()))
    result = []
    for section in ordered:
        data = cached.get(keys[section.name])
        if data is None:
            data = section.build()
            cache.set(keys[section.name], data, SECTION_TIMEOUT)
        result.append((section, data))
    return result
