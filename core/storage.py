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

On S3 nothing in the bucket may render as a page (a stored HTML or SVG would run with
the bucket's or the CDN's origin): ``PortalS3Storage`` sets each object's headers on
upload. Images — whose stored extension comes from the decoded, re-encoded format
(``core.images``) — get that format's ``Content-Type`` and ``Content-Disposition:
inline``; every other file gets ``attachment`` with its file name, and a type a browser
would render (HTML, SVG, XML, scripts) is stored as ``application/octet-stream``. Each
object also carries ``X-Content-Type-Options: nosniff`` as metadata: S3 serves that as
``x-amz-meta-x-content-type-options``, so the CDN or proxy in front of the bucket must
turn it into the real header (a CloudFront response-headers policy, or
``add_header X-Content-Type-Options nosniff`` in nginx); the content type and
disposition are enforced by S3 itself.
"""

from __future__ import annotations

import posixpath

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage

# What core.images stores (its ALLOWED_FORMATS' extensions), by extension.
INLINE_IMAGE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}
RENDERABLE_TYPES = {
    "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
    "text/javascript", "application/javascript", "application/x-javascript",
}  # fmt: skip


def object_headers(name: str, guessed_type: str | None) -> dict[str, str]:
    """The S3 object parameters that keep ``name`` from ever rendering as a page."""
    basename = posixpath.basename(name)
    extension = basename.rpartition(".")[2].lower() if "." in basename else ""
    params = {"Metadata": {"x-content-type-options": "nosniff"}}
    if extension in INLINE_IMAGE_TYPES:
        return {**params, "ContentType": INLINE_IMAGE_TYPES[extension], "ContentDisposition": "inline"}
    safe_name = "".join(c for c in basename if c.isprintable() and c not in '"\\;') or "download"
    content_type = guessed_type or "application/octet-stream"
    if content_type.split(";")[0].strip().lower() in RENDERABLE_TYPES:
        content_type = "application/octet-stream"
    return {**params, "ContentType": content_type, "ContentDisposition": f'attachment; filename="{safe_name}"'}


class PortalS3Storage(S3Storage):
    """S3 storage whose objects carry headers that never render HTML (module doc)."""

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        headers = object_headers(name, params.get("ContentType"))
        metadata = {**params.get("Metadata", {}), **headers.pop("Metadata")}
        return {**params, **headers, "Metadata": metadata}


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
