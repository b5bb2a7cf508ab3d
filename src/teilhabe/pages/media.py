"""Checks of the files behind a page video, by their content, without external tools.

- Video: MP4 (ISO base media file: the top-level boxes must chain exactly to the end of the file, start
  with `ftyp` and hold `moov` and `mdat`) or WebM (an EBML header whose DocType is `webm`, followed by a
  Segment). The name's suffix does not count. At most `settings.TEILHABE_PAGE_VIDEO_MAX_BYTES`.
- Captions: WebVTT (W3C WebVTT): the file starts with `WEBVTT`, every cue has a valid timing line (end after
  start) and at least one cue exists. Cue text keeps WebVTT's own tags (c, i, b, u, v, lang, ruby, rt and
  timestamps); every other tag is removed, STYLE and REGION blocks are dropped. The cleaned text is stored.
- Poster: a PNG, JPEG or WebP image that Pillow decodes.

Every refusal is a ValidationError with a German message naming the field; nothing is stored then."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CAPTIONS_MAX_BYTES = 1024 * 1024
POSTER_MAX_BYTES = 5 * 1024 * 1024
POSTER_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
MP4 = "video/mp4"
WEBM = "video/webm"


def max_video_bytes() -> int:
    return int(settings.TEILHABE_PAGE_VIDEO_MAX_BYTES)


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


# --- video -----------------------------------------------------------------------------------------------

def _size_of(handle: IO[bytes]) -> int:
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return size


def _is_mp4(handle: IO[bytes], size: int) -> bool:
    """Walk the top-level boxes: each is (32-bit size, 4-character type), size 1 means a 64-bit size follows,
    size 0 means "to the end of the file". They must cover the file exactly."""
    position, seen = 0, []
    while position < size:
        handle.seek(position)
        header = handle.read(8)
        if len(header) < 8:
            return False
        box_size = int.from_bytes(header[:4], "big")
        box_type = header[4:8]
        if not all(0x20 <= b < 0x7F for b in box_type):
            return False
        header_size = 8
        if box_size == 1:
            large = handle.read(8)
            if len(large) < 8:
                return False
            box_size, header_size = int.from_bytes(large, "big"), 16
        elif box_size == 0:
            box_size = size - position
        if box_size < header_size or position + box_size > size:
            return False
        seen.append(box_type)
        position += box_size
        if len(seen) > 10_000:
            return False
    return bool(seen) and seen[0] == b"ftyp" and b"moov" in seen and b"mdat" in seen


def _read_vint(data: bytes, position: int, *, keep_marker: bool) -> tuple[int, int] | None:
    """An EBML variable-length integer at `position`: (value, its length), or None."""
    if position >= len(data):
        return None
    first = data[position]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or position + length > len(data):
        return None
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[position + 1:position + length]:
        value = (value << 8) | byte
    return value, length


def _is_webm(handle: IO[bytes], size: int) -> bool:
    handle.seek(0)
    head = handle.read(4096)
    if not head.startswith(b"\x1a\x45\xdf\xa3"):
        return False
    header_size = _read_vint(head, 4, keep_marker=False)
    if header_size is None:
        return False
    body_start = 4 + header_size[1]
    body_end = body_start + header_size[0]
    if body_end + 4 > min(len(head), size):
        return False
    doc_type = None
    position = body_start
    while position < body_end:
        element = _read_vint(head, position, keep_marker=True)
        if element is None:
            return False
        position += element[1]
        length = _read_vint(head, position, keep_marker=False)
        if length is None:
            return False
        position += length[1]
        if element[0] == 0x4282:  # DocType
            doc_type = head[position:position + length[0]].rstrip(b"\x00")
        position += length[0]
    segment = head[body_end:body_end + 4]
    return position == body_end and doc_type == b"webm" and segment == b"\x18\x53\x80\x67"


def check_video(handle: IO[bytes]) -> tuple[str, int]:
    """(content type, size) of an acceptable video file, else a ValidationError."""
    size = _size_of(handle)
    if size == 0:
        raise _refuse("video", _("Die Videodatei ist leer."))
    if size > max_video_bytes():
        raise _refuse("video", _("Die Videodatei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.")
                      % {"size": filesizeformat(size), "limit": filesizeformat(max_video_bytes())})
    if _is_mp4(handle, size):
        kind = MP4
    elif _is_webm(handle, size):
        kind = WEBM
    else:
        raise _refuse("video", _("Die Datei ist kein Video im Format MP4 oder WebM (geprüft wird der Inhalt, "
                                 "nicht der Name)."))
    handle.seek(0)
    return kind, size


# --- captions ----------------------------------------------------------------------------------------------

_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+(.*))?$")
_SETTING = re.compile(r"^(vertical|line|position|size|align|region):[^\s:]+$")
# WebVTT's own cue markup: class, italic, bold, underline, voice, language, ruby spans and inner timestamps.
_ALLOWED_TAG = re.compile(
    r"</?(?:c|i|b|u|v|lang|ruby|rt)(?:\.[A-Za-z0-9_-]+)*(?:[ \t][^<>\n]*)?>"
    r"|<(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}>"
)
_ANY_TAG = re.compile(r"<[^>\n]*>?")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    timing: str
    text: str


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def clean_cue_text(text: str) -> str:
    """Keep WebVTT's own tags; drop every other tag (a <script> or <img> in a cue becomes nothing)."""
    out, position = [], 0
    for match in _ANY_TAG.finditer(text):
        out.append(text[position:match.start()])
        if _ALLOWED_TAG.fullmatch(match.group(0)):
            out.append(match.group(0))
        position = match.end()
    out.append(text[position:])
    return "".join(out).replace("-->", "→")


def plain_cue_text(text: str) -> str:
    """A cue's text without any markup, for the text alternative."""
    plain = _ANY_TAG.sub("", text)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&lrm;", ""), ("&rlm;", ""),
                         ("&amp;", "&")):
        plain = plain.replace(entity, char)
    return plain


def parse_captions(data: bytes) -> tuple[str, list[Cue]]:
    """The cleaned WebVTT text and its cues, else a ValidationError naming the block that is wrong."""
    if len(data) > CAPTIONS_MAX_BYTES:
        raise _refuse("captions", _("Die Untertiteldatei ist zu groß (höchstens %(limit)s).")
                      % {"limit": filesizeformat(CAPTIONS_MAX_BYTES)})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse("captions", _("Die Untertiteldatei ist nicht in UTF-8 kodiert.")) from exc
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise _refuse("captions", _("Die Untertiteldatei enthält unzulässige Zeichen."))
    blocks = [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
    header = blocks[0] if blocks else ""
    first = header.split("\n")[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise _refuse("captions", _("Die Untertiteldatei ist keine WebVTT-Datei: Die erste Zeile muss "
                                    "„WEBVTT“ lauten."))
    if "-->" in header:
        raise _refuse("captions", _("Nach der Kopfzeile „WEBVTT“ muss eine Leerzeile folgen."))
    cues: list[Cue] = []
    for number, block in enumerate(blocks[1:], start=1):
        block_lines = block.strip("\n").split("\n")
        head = block_lines[0].strip()
        if head.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in head:
            continue  # comments and styling: not kept
        if "-->" not in head:
            block_lines = block_lines[1:]  # a cue identifier
            if not block_lines:
                raise _refuse("captions", _("Untertitel-Block %(n)d hat keine Zeitangabe.") % {"n": number})
        match = _TIMING.match(block_lines[0].strip())
        if match is None:
            raise _refuse("captions", _("Untertitel-Block %(n)d: Die Zeitangabe „%(line)s“ ist nicht im Format "
                                        "00:00:01.000 --> 00:00:04.000.")
                          % {"n": number, "line": block_lines[0].strip()[:80]})
        start = _seconds(*match.group(1, 2, 3, 4))
        end = _seconds(*match.group(5, 6, 7, 8))
        if end <= start:
            raise _refuse("captions", _("Untertitel-Block %(n)d endet nicht nach seinem Beginn.") % {"n": number})
        cue_settings = [s for s in (match.group(9) or "").split() if _SETTING.match(s)]
        timing = " ".join([_stamp(start), "-->", _stamp(end), *cue_settings])
        cue_text = "\n".join(clean_cue_text(line) for line in block_lines[1:]).strip()
        cues.append(Cue(start=start, end=end, timing=timing, text=cue_text))
    if not cues:
        raise _refuse("captions", _("Die Untertiteldatei enthält keinen Untertitel."))
    cleaned = "WEBVTT\n\n" + "\n\n".join(f"{cue.timing}\n{cue.text}" for cue in cues) + "\n"
    return cleaned, cues


def captions_text(cleaned: str) -> list[str]:
    """The text of each cue of stored (cleaned) captions, without markup: the video's text alternative
    when no transcript was written."""
    _, cues = parse_captions(cleaned.encode())
    return [plain_cue_text(cue.text) for cue in cues if cue.text]


# --- poster ----------------------------------------------------------------------------------------------

def check_poster(data: bytes) -> str:
    """The content type of an acceptable poster image, else a ValidationError."""
    from PIL import Image

    if len(data) > POSTER_MAX_BYTES:
        raise _refuse("poster", _("Das Vorschaubild ist zu groß (höchstens %(limit)s).")
                      % {"limit": filesizeformat(POSTER_MAX_BYTES)})
    message = _("Das Vorschaubild ist kein lesbares Bild im Format PNG, JPEG oder WebP.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format or ""
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise _refuse("poster", message) from exc
    if found not in POSTER_FORMATS:
        raise _refuse("poster", message)
    return POSTER_FORMATS[found]


def read_upload(upload: Any, limit: int) -> bytes:
    """At most limit + 1 bytes of an upload (so that "too large" can be told)."""
    upload.seek(0)
    return bytes(upload.read(limit + 1))
