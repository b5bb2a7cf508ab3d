"""Logos checked by their content, not their name: only real PNG, JPEG and WebP images, not too large, resized
and encoded anew, so that no metadata (EXIF, GPS) and nothing appended to the file survives."""

from __future__ import annotations

import io
import warnings
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # width × height before decoding: refuses decompression bombs
ALLOWED_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})
SIZE = 512  # the longer side after resizing


def clean_logo(upload: IO[bytes] | Any) -> ContentFile[bytes]:
    """The logo as a new PNG at most SIZE px wide and high, or ValidationError with a German message."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(_("Das Bild ist zu groß (höchstens 5 MB)."), code="too_large")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Das Bild ist zu groß (höchstens 5 MB)."), code="too_large")
    not_an_image = ValidationError(_("Die Datei ist kein Bild im Format PNG, JPEG oder WebP."), code="not_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise not_an_image
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(_("Das Bild hat zu viele Bildpunkte (höchstens 25 Megapixel)."),
                                          code="too_many_pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                turned: Image.Image = ImageOps.exif_transpose(image) or image
                if turned.mode not in ("RGB", "RGBA"):
                    turned = turned.convert("RGBA")
                turned.thumbnail((SIZE, SIZE), Image.Resampling.LANCZOS)
                clean = Image.new(turned.mode, turned.size)  # pixels only: no metadata, no trailing payload
                clean.paste(turned)
                out = io.BytesIO()
                clean.save(out, format="PNG", optimize=True)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise not_an_image from exc
    return ContentFile(out.getvalue(), name="logo.png")
