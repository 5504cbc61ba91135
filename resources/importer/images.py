"""Images embedded in imported text as `data:` URIs, checked as the image upload is and stored once.

An embedded image is decoded, held to the upload rules of hub/base/security.py (a real PNG, JPEG,
GIF or WebP that Pillow decodes to the end, no HTML or SVG markup inside, at most MAX_BYTES), then
stored as a Wagtail image in the "Imported" collection. Images are found again by the SHA-1 of
their bytes (Wagtail's `file_hash`), so importing a file again, or another file with the same
figure, reuses the stored image instead of adding a copy.
"""

import base64
import binascii
import hashlib
import io
import re

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from PIL import Image as PILImage

from hub.base.security import PILLOW_DECODE_ERRORS, contains_markup

MAX_BYTES = 5 * 1024 * 1024
# Pillow's format name -> the file extension the stored image gets.
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
COLLECTION = "Imported"
TITLE_MAX = 255

DATA_URI = re.compile(r"^data:(?P<type>[\w.+-]+/[\w.+-]+)?(?P<params>(?:;[\w.+-]+(?:=[\w.+-]*)?)*),(?P<data>.*)$", re.S)


class ImageRefused(Exception):
    """Why an embedded image was left out (the file still imports, with a warning)."""


def is_data_uri(url):
    return url[:5].lower() == "data:"


def decode(url):
    """The bytes of a `data:image/...;base64,` URI, checked; ImageRefused says why not."""
    match = DATA_URI.match(url)
    if match is None or not (match["type"] or "").lower().startswith("image/"):
        raise ImageRefused("not an image")
    if ";base64" not in match["params"].lower():
        raise ImageRefused("not base64-encoded")
    encoded = re.sub(r"\s+", "", match["data"])
    if len(encoded) * 3 // 4 > MAX_BYTES + 2:
        raise ImageRefused(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ImageRefused("its base64 data is damaged") from None
    if len(data) > MAX_BYTES:
        raise ImageRefused(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data, check(data)


def check(data):
    """The file extension of a real PNG, JPEG, GIF or WebP image; ImageRefused for anything else."""
    if contains_markup(io.BytesIO(data)):
        raise ImageRefused("it contains web page or SVG markup")
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in FORMATS:
                raise ImageRefused(f"{kind or 'unknown'} images are not accepted (PNG, JPEG, GIF or WebP only)")
            image.load()
    except PILLOW_DECODE_ERRORS:
        raise ImageRefused("the image is damaged or not an image") from None
    return FORMATS[kind]


def content_hash(data):
    return hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's file_hash is a SHA-1 of the content


def find(data):
    """The stored image with these bytes, or None."""
    return get_image_model().objects.filter(file_hash=content_hash(data)).order_by("pk").first()


def imported_collection():
    collection = Collection.objects.filter(name=COLLECTION).order_by("path").first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION)
    return collection


def store(data, extension, title, name_hint):
    """A Wagtail image for `data` (already checked): the one with the same content, else a new one.

    Returns (image, created); a created image's file is in storage even if the caller's
    transaction rolls back, so the caller deletes it then (`discard`).
    """
    existing = find(data)
    if existing is not None:
        return existing, False
    title = title[:TITLE_MAX]
    image = get_image_model()(
        title=title,
        description=title,
        collection=imported_collection(),
        file=ImageFile(io.BytesIO(data), name=f"{name_hint}.{extension}"),
        file_size=len(data),
        file_hash=content_hash(data),
    )
    image.save()
    return image, True


def discard(images):
    """Remove the files of images whose rows a rolled-back transaction took away."""
    for image in images:
        image.file.delete(save=False)
