"""Background work of the members area: search documents of many members at once."""

from celery import shared_task

from . import services


@shared_task(name="members.tasks.refresh_search_documents", acks_late=True)
def refresh_search_documents(*, member_ids: list[int]) -> int:
    """Recompute the documents of these members (after a category's names or synonyms
    changed), in batches of set-based updates."""
    return services.members_refresh_search(member_ids=member_ids)
