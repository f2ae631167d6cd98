"""Background work of the search: the vocabulary recounted from every provider's documents."""

from celery import shared_task

from . import registry, vocabulary


@shared_task(name="core.search.tasks.rebuild_vocabulary", acks_late=True)
def rebuild_vocabulary() -> int:
    """Run nightly by beat: word frequencies drift as documents change one by one."""
    return vocabulary.rebuild([qs for provider in registry.providers() for qs in provider.documents()])
