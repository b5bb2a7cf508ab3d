"""Real files for the attachment tests (built here, never mocked): a PDF, PNG, JPEG and WebP image, and the
broken kinds the checks must refuse."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from teilhabe.reporting.models import MeasureReport


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(fmt: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (32, 68, 170)).save(buffer, format=fmt)
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def form_data(report: MeasureReport, **values: Any) -> dict[str, Any]:
    """What the answer form posts: the version, an action and the given answer (empty fields otherwise)."""
    data: dict[str, Any] = {"version": report.version, "aktion": "speichern", "status": "", "progress": "",
                            "success_reason": "", "obstacles": "", "next_steps": "", "reached_total": "",
                            "reached_women": "", "reached_men": "", "reached_diverse": ""}
    data.update(values)
    return data
