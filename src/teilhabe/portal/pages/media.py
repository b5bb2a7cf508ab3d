"""The files of the page videos, served by the app itself: the video with HTTP range requests (so that a
player can seek), the captions as text/vtt, the poster image. Public like the pages that show them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from teilhabe.core.tenancy import TenantRequest
from teilhabe.pages import selectors
from teilhabe.pages.models import PageVideo

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _video_or_404(request: TenantRequest, pk: int) -> PageVideo:
    video = selectors.page_video(request.municipality, pk)
    if video is None:
        raise Http404
    return video


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single `bytes=` range within `size`; None for no or an unusable header
    (the whole file is sent then); (-1, -1) for a range that cannot be satisfied."""
    match = _RANGE.match(header.strip())
    if match is None or not (match.group(1) or match.group(2)):
        return None
    first_text, last_text = match.groups()
    if not first_text:  # the last N bytes
        length = int(last_text)
        if length == 0:
            return (-1, -1)
        return (max(size - length, 0), size - 1)
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if first >= size or last < first:
        return (-1, -1)
    return (first, min(last, size - 1))


def _chunks(handle: IO[bytes], first: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(first)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def _headers(response: HttpResponse | StreamingHttpResponse, content_type: str) -> None:
    response["Accept-Ranges"] = "bytes"
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"


@require_safe
def video_file(request: TenantRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    video = _video_or_404(request, pk)
    try:
        handle = video.video.open("rb")
        size = video.video.size
    except (FileNotFoundError, SuspiciousFileOperation, ValueError):
        raise Http404 from None
    wanted = parse_range(request.headers.get("Range", ""), size)
    if wanted == (-1, -1):
        handle.close()
        refusal = HttpResponse(status=416)
        refusal["Content-Range"] = f"bytes */{size}"
        _headers(refusal, video.video_type)
        return refusal
    first, last = wanted if wanted is not None else (0, size - 1)
    length = last - first + 1
    response: HttpResponse | StreamingHttpResponse
    if request.method == "HEAD":
        handle.close()
        response = HttpResponse(status=206 if wanted else 200)
    else:
        response = StreamingHttpResponse(_chunks(handle, first, length), status=206 if wanted else 200)
    if wanted is not None:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(length)
    _headers(response, video.video_type)
    return response


@require_safe
def captions_file(request: TenantRequest, pk: int) -> HttpResponse:
    video = _video_or_404(request, pk)
    response = HttpResponse(video.captions.encode(), content_type="text/vtt; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def poster_file(request: TenantRequest, pk: int) -> HttpResponse:
    video = _video_or_404(request, pk)
    if not video.poster:
        raise Http404
    try:
        with video.poster.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, SuspiciousFileOperation, ValueError):
        raise Http404 from None
    response = HttpResponse(content, content_type=video.poster_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response

