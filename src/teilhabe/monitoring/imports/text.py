"""Bytes to text: size limits, byte-order marks, UTF-8 or (with a warning) Windows-1252."""

from __future__ import annotations

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from teilhabe.monitoring.imports.problems import FileRefused

UTF8_BOM = b"\xef\xbb\xbf"
CP1252_WARNING = ("Die Datei ist nicht in UTF-8 gespeichert; sie wurde als Windows-1252 (ANSI) gelesen. Prüfen "
                  "Sie die Umlaute in der Vorschau oder speichern Sie die Datei als „CSV UTF-8“.")


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise FileRefused(_("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.")
                          % {"size": filesizeformat(size), "limit": filesizeformat(limit)})
    if size == 0:
        raise FileRefused(_("Die Datei ist leer."))


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and, if it was not UTF-8, a warning saying how it was read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ""
    data = data.removeprefix(UTF8_BOM)
    if b"\x00" in data[:4096]:
        raise FileRefused(_("Die Datei ist keine Textdatei (CSV). Bitte speichern Sie die Tabelle als CSV (UTF-8) "
                            "oder als Excel-Arbeitsmappe (.xlsx)."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRefused(_("Die Zeichenkodierung der Datei ist unbekannt. Bitte speichern Sie sie als „CSV "
                                "UTF-8“.")) from None
        return text, _(CP1252_WARNING)
    if not text.strip():
        raise FileRefused(_("Die Datei ist leer."))
    return text, ""
