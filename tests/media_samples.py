"""Small video, caption and image files for tests, built here (no encoder needed): structurally valid MP4 and
WebM containers, a WebVTT file, a PNG."""

from __future__ import annotations

import io


def box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def mp4(payload_size: int = 1000) -> bytes:
    """An ISO base media file: ftyp, moov, mdat (the media data is filler)."""
    return (box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
            + box(b"moov", box(b"mvhd", bytes(100)))
            + box(b"mdat", bytes(range(256)) * (payload_size // 256) + bytes(payload_size % 256)))


def _vint(value: int) -> bytes:
    return bytes([0x80 | value]) if value < 0x7F else (0x4000 | value).to_bytes(2, "big")


def _element(element_id: bytes, payload: bytes) -> bytes:
    return element_id + _vint(len(payload)) + payload


def webm(doc_type: bytes = b"webm") -> bytes:
    """An EBML header naming the document type, then a Segment (with a small filler payload)."""
    header = _element(b"\x1a\x45\xdf\xa3", _element(b"\x42\x86", b"\x01") + _element(b"\x42\x82", doc_type))
    return header + b"\x18\x53\x80\x67" + b"\x01\xff\xff\xff\xff\xff\xff\xff" + bytes(500)


VTT = """WEBVTT
Kind: captions

NOTE written for the tests

1
00:00:00.000 --> 00:00:02.500
Willkommen im Portal.

00:02.500 --> 00:05.000 line:90%
<v Sprecherin>Hier finden Sie <b>Angebote</b>.<script>alert(1)</script><img src=x onerror=alert(2)>
"""


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 9), (20, 60, 120)).save(buffer, format="PNG")
    return buffer.getvalue()
