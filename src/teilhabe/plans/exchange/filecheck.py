"""Checks before any parsing: size, kind of file, password protection and zip bombs."""

from __future__ import annotations

import io
import zipfile
from typing import Literal

import msoffcrypto
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.plans.exchange.problems import ImportRefused

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF8_BOM = b"\xef\xbb\xbf"
# A real measure list unpacks to a few MB; anything far bigger is a zip bomb, not a plan.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000

Kind = Literal["xlsx", "json"]


def max_upload_bytes() -> int:
    return int(settings.TEILHABE_MAX_UPLOAD_BYTES)


def too_large_message(size: int) -> str:
    return _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.") % {
        "size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())}


def check_size(size: int) -> None:
    """Called with the declared size of an upload before reading it, and again with the bytes."""
    if size > max_upload_bytes():
        raise ImportRefused(too_large_message(size))
    if size == 0:
        raise ImportRefused(_("Die Datei ist leer."))


def detect(data: bytes) -> Kind:
    """The kind of file, judged by its content (never by its name), or a clear refusal."""
    check_size(len(data))
    if data.startswith(OLE_MAGIC):
        raise ImportRefused(_ole_message(data))
    if data.startswith(ZIP_MAGIC):
        check_zip(data)
        return "xlsx"
    head = data[:64].removeprefix(UTF8_BOM).lstrip()
    if head.startswith(b"{"):
        return "json"
    if not head.strip(b"\x00"):
        raise ImportRefused(_("Die Datei ist leer."))
    raise ImportRefused(
        _("Die Datei ist weder eine Excel-Arbeitsmappe (.xlsx) noch eine Teilhabe-JSON-Datei. "
          "Bitte speichern Sie die Tabelle in Excel oder LibreOffice als „Excel-Arbeitsmappe (.xlsx)“.")
    )


def _ole_message(data: bytes) -> str:
    """An OLE container is either an encrypted OOXML file or a legacy .xls/.doc."""
    try:
        encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    except Exception:  # any unreadable container gets the same advice
        encrypted = False
    if encrypted:
        return _("Die Datei ist mit einem Kennwort geschützt und kann nicht gelesen werden. Bitte entfernen "
                 "Sie den Kennwortschutz in Excel (Datei › Informationen › Arbeitsmappe schützen) und laden "
                 "Sie die Datei erneut hoch.")
    return _("Die Datei ist im alten Excel-Format (.xls) oder einem anderen Office-Format gespeichert. "
             "Bitte speichern Sie sie als „Excel-Arbeitsmappe (.xlsx)“.")


def check_zip(data: bytes) -> None:
    """A well-formed, unencrypted XLSX package of sane unpacked size."""
    broken = _("Die Datei ist beschädigt und kann nicht als Excel-Arbeitsmappe gelesen werden.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportRefused(broken) from None
    names = {m.filename for m in members}
    if "mimetype" in names and any(n == "content.xml" for n in names):
        raise ImportRefused(_("Die Datei ist eine OpenDocument-Tabelle (.ods). Bitte speichern Sie sie als "
                              "„Excel-Arbeitsmappe (.xlsx)“."))
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportRefused(_("Die Datei ist keine Excel-Arbeitsmappe (.xlsx)."))
    if any(m.flag_bits & 0x1 for m in members):
        raise ImportRefused(_("Die Datei ist mit einem Kennwort geschützt und kann nicht gelesen werden."))
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportRefused(
            _("Die Arbeitsmappe besteht aus zu vielen Teilen (%(count)s; höchstens %(limit)s). Bitte speichern "
              "Sie sie in Excel oder LibreOffice neu als „Excel-Arbeitsmappe (.xlsx)“.")
            % {"count": number_format(len(members), force_grouping=True),
               "limit": number_format(MAX_ZIP_MEMBERS, force_grouping=True)}
        )
    # The sizes come from the archive's directory. Python's zipfile (and so openpyxl) never unpacks more
    # than a member declares and refuses a member whose data does not match, so their sum is the most
    # that reading this workbook can ever unpack.
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            _("Die Arbeitsmappe ist entpackt zu groß (%(size)s; höchstens %(limit)s). Bitte teilen Sie die Liste "
              "auf oder entfernen Sie Bilder und leere formatierte Bereiche.")
            % {"size": readable_size(total), "limit": readable_size(MAX_UNCOMPRESSED_BYTES)}
        )


def readable_size(size: int) -> str:
    """A byte count in the active language's number format, binary units: "1,2 GB", "100 MB", "512 Bytes"."""
    if size < 1024:
        figure, unit = number_format(size, force_grouping=True), ngettext("Byte", "Bytes", size)
    else:
        units = ("KB", "MB", "GB", "TB")
        power = min(len(units), (size.bit_length() - 1) // 10)  # 1024 ** power <= size
        unit, value = units[power - 1], size / 1024**power
        # One decimal place where it says something ("1,2 GB"), none for whole figures ("100 MB").
        shown = round(value, 1)
        figure = number_format(shown, decimal_pos=0 if shown == int(shown) else 1, force_grouping=True)
    return f"{figure}\N{NO-BREAK SPACE}{unit}"
