"""Uploaded images: validation against bad and hostile files, and cached thumbnails.

Every new image a model stores is re-encoded first (``reencode_new_images``, connected to
``pre_save`` for every model, so each app's ImageFields are covered without asking): the
EXIF orientation is applied, the pixels are written again in the decoded format with
no metadata at all (EXIF with GPS position, XMP, comments, ICC profile), and the stored
name takes its extension from that format, never from the uploaded name, so a GIF called
``x.pdf`` is stored and served as ``….gif``, ``image/gif``. Pages therefore only ever
link to re-encoded files.

Validation opens the file with Pillow, so a renamed PDF, an oversized file or a
decompression bomb (small file, huge pixel count) is refused with a message before
anything is stored. Thumbnails are made once per (image, size), stored next to the
uploads under ``thumbs/`` and remembered in the cache, so a page view costs no image
work and no storage round-trip. All thumbnails of one image share a folder named after
it, so ``delete_image`` can remove them with the image through the storage API (local
disk or S3 alike) without knowing which sizes were ever asked for.
"""

from __future__ import annotations

import hashlib
import io
import logging
import posixpath
import warnings

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: any real photo; far below a decompression bomb


def check_upload_size(upload, max_bytes: int) -> None:
    """Refuse an upload larger than ``max_bytes``, saying both sizes in MB."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
            code="too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "limit": max_bytes // 1024 // 1024},
        )


def validate_image_upload(upload) -> None:
    """Django validator for ImageField/FileField uploads."""
    check_upload_size(upload, MAX_UPLOAD_BYTES)
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image is too large in pixels. Please upload at most %(limit)s megapixels."),
            code="too_many_pixels",
            params={"limit": MAX_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF file."),
            code="not_an_image",
        ) from None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Images in %(format)s format are not accepted. Please upload a JPEG, PNG, WebP or GIF file."),
            code="bad_format",
            params={"format": image_format},
        )


def reencode_image(upload) -> tuple[bytes, str]:
    """The image's pixels written again, without metadata, and its format's extension."""
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        frames = getattr(original, "n_frames", 1)
        if image_format == "GIF" and frames > 1:
            # An animation keeps its frames; Pillow writes GIFs without comments or EXIF.
            buffer = io.BytesIO()
            original.save(buffer, "GIF", save_all=True, optimize=False)
            return buffer.getvalue(), ALLOWED_FORMATS[image_format]
        image = ImageOps.exif_transpose(original)
        image.load()
    image.info = {}
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=90, optimize=True)
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=90, method=4)
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:  # GIF, one frame
        image.save(buffer, "GIF")
    return buffer.getvalue(), ALLOWED_FORMATS[image_format]


def reencode_new_images(sender, instance, **kwargs) -> None:
    """``pre_save``: replace each newly uploaded image of ``instance`` by its re-encoding."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        value = getattr(instance, field.attname)
        if not value or getattr(value, "_committed", True):
            continue  # nothing new: a stored file is left alone
        content, extension = reencode_image(value.file)
        stem = posixpath.splitext(posixpath.basename(value.name))[0] or "image"
        name = f"{stem}.{extension}"
        value.file = ContentFile(content, name=name)
        value.name = name


def _thumbnail_folder(source_name: str) -> str:
    digest = hashlib.sha1(source_name.encode(), usedforsecurity=False).hexdigest()
    return f"thumbs/{digest[:2]}/{digest}"


def _thumbnail_name(source_name: str, width: int, height: int, crop: bool) -> str:
    return f"{_thumbnail_folder(source_name)}/{width}x{height}{'-crop' if crop else ''}.webp"


def make_thumbnail(source_name: str, width: int, height: int, *, crop: bool = False) -> str:
    """Create (if missing) and return the storage name of a thumbnail."""
    name = _thumbnail_name(source_name, width, height, crop)
    if default_storage.exists(name):
        return name
    with default_storage.open(source_name, "rb") as source, Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        if crop:
            image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
        else:
            image.thumbnail((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=82, method=4)
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def thumbnail_url(field_file, width: int, height: int | None = None, *, crop: bool = False) -> str:
    """URL of a thumbnail of an ImageField value; '' when there is no image or it is broken."""
    if not field_file:
        return ""
    height = height or width
    key = "thumb:" + _thumbnail_name(field_file.name, width, height, crop)
    url = cache.get(key)
    if url is None:
        try:
            url = default_storage.url(make_thumbnail(field_file.name, width, height, crop=crop))
        except (OSError, ValueError):
            logger.warning("thumbnail failed for %s", field_file.name, exc_info=True)
            return ""
        cache.set(key, url, timeout=60 * 60 * 24 * 30)
    return url


def delete_thumbnails(source_name: str) -> None:
    """Delete every thumbnail made of an image, and forget their cached URLs."""
    folder = _thumbnail_folder(source_name)
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # local storage: no thumbnail was ever made
        return
    for filename in files:
        name = f"{folder}/{filename}"
        default_storage.delete(name)
        cache.delete("thumb:" + name)
    try:
        default_storage.delete(folder)  # local storage removes the empty folder; S3 has none
    except OSError:
        logger.warning("thumbnail folder %s not removed", folder, exc_info=True)


def delete_image(name: str, storage=None) -> None:
    """Delete a stored image and its thumbnails (``storage``: the field's, by default the default one)."""
    if not name:
        return
    (storage or default_storage).delete(name)
    delete_thumbnails(name)
