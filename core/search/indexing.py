"""Keeping one model's documents current, and reading its best matches.

For a model with ``search_document`` and ``search_vector`` fields whose document comes
from its own fields, ``keep_current`` recomputes it after every save (one UPDATE, so
saves with ``update_fields`` are covered too); ``rebuild`` recomputes every row; and
``ranked`` gives the best matches of a query in one statement with their total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.contrib.postgres.search import SearchRank
from django.db.models import Count, F, Model, QuerySet, Window
from django.db.models.signals import post_save

from .. import generations
from . import documents, vocabulary
from .query import Query

Groups = Callable[[Model], Mapping[str, list]]


def refresh(model: type[Model], instance: Model, groups: Groups, *, public: Callable[[Model], bool]) -> None:
    document, vector = documents.build(groups(instance))
    model._base_manager.filter(pk=instance.pk).update(search_document=document, search_vector=vector)
    instance.search_document = document
    if public(instance):  # a members-only text's words stay out of the shared vocabulary
        vocabulary.record(document.split(), kind=vocabulary.kind_of(model))


def keep_current(
    model: type[Model],
    groups: Groups,
    *,
    generation: str,
    public: Callable[[Model], bool],
    fields: frozenset[str] | None = None,
) -> None:
    """Recompute a row's document after each save, and bump ``generation``.

    ``fields`` names the model fields the document (and ``public``) is made from: a save
    whose ``update_fields`` names none of them (publishing a lead, stamping a time)
    cannot change the document and skips the UPDATE. Without ``fields`` every save
    recomputes it.
    """

    def saved(sender, instance, raw=False, update_fields=None, **kwargs):
        if raw:
            return
        if fields is None or update_fields is None or fields & set(update_fields):
            refresh(model, instance, groups, public=public)
        generations.bump_on_commit(generation)

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"search_{model._meta.label_lower}")


def rebuild(queryset: QuerySet, groups: Groups, *, batch: int = 500) -> int:
    """Recompute the documents of every row of ``queryset``, one UPDATE per batch."""
    rows = list(queryset.order_by("pk"))
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        words: set[str] = set()
        for row in chunk:
            row.search_document, row.search_vector = documents.build(groups(row))
            words |= set(row.search_document.split())
        queryset.model._base_manager.bulk_update(chunk, ["search_document", "search_vector"])
        vocabulary.record(words, kind=vocabulary.kind_of(queryset))
    return len(rows)


def ranked(queryset: QuerySet, query: Query, *, limit: int, then: tuple[str, ...] = ()) -> tuple[list, int]:
    """The ``limit`` best matches, best first (ties by ``then``), and how many match in
    all: one statement, the total as a window count."""
    tsquery = query.search_query()
    if tsquery is None:
        return [], 0
    rows = list(
        queryset.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_vector"), tsquery), total=Window(Count("pk")))
        .order_by("-rank", *then, "pk")[:limit]
    )
    return rows, (rows[0].total if rows else 0)
