"""Where uploaded files live: public media and members-only files, on disk or in a bucket.

Two storages, both configured in ``settings.STORAGES``:

* ``default`` — public files: logos, gallery pictures, news and event images and their
  thumbnails. On S3 they go under the bucket's ``public/`` prefix with a ``public-read``
  ACL and are linked by plain, unsigned URLs (through ``AWS_S3_CUSTOM_DOMAIN`` when set).
* ``private`` — members-only files (event materials). On S3 they go under ``private/``
  with a ``private`` ACL; their URLs are signed and expire after
  ``AWS_QUERYSTRING_EXPIRE`` seconds, so nothing unsigned ever opens them. The portal
  itself streams them after its permission check. On disk they live outside
  ``MEDIA_ROOT`` (``PRIVATE_MEDIA_ROOT``), so a proxy serving ``/media/`` never sees them.

A name that would leave a storage's prefix (``../private/…``, an absolute path) is
refused with ``SuspiciousOperation`` by both backends, so a public storage cannot be made
to read or write a members-only object, nor anything outside the bucket.

A model field takes ``storage=private_media``: the callable is what migrations record,
and the object it returns looks the storage up lazily, so tests that change
``STORAGES`` (and a process configured after import) get the right one.
"""

from __future__ import annotations

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateMediaStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private = PrivateMediaStorage()


def private_media() -> PrivateMediaStorage:
    """The members-only storage, for ``FileField(storage=private_media)``."""
    return _private


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs) -> None:
    if setting == "STORAGES":
        _private._wrapped = empty
