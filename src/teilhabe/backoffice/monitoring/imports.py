"""Loading data into an indicator: upload → preview → confirm, and the list of its deliveries (batches) with the
warnings that were accepted.

Between preview and confirm the uploaded bytes wait in a server-side file named by a random id; the page carries
a signed token that binds that file to this user, municipality and indicator (and to the warnings the preview
showed). The confirm reads the file again and checks everything anew; a forged or foreign token changes
nothing."""

from __future__ import annotations

import hashlib
import secrets
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.core.errors import ServiceError
from teilhabe.core.forms import KernForm
from teilhabe.core.paging import Page
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.monitoring import imports, selectors
from teilhabe.monitoring.categories import vocabulary
from teilhabe.monitoring.imports import Options, Parsed
from teilhabe.monitoring.models import Indicator
from teilhabe.monitoring.permissions import LOAD_DATA, VIEW_MONITORING
from teilhabe.monitoring.services import ObservationRow

SALT = "teilhabe.monitoring.import"
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
PREVIEW_ROWS = 20
BATCH_PAGE_SIZE = 20
PAGE_PARAM = "seite"
FILE_ID_LENGTH = 64


class ImportUploadForm(KernForm):
    file = forms.FileField(
        label=gettext_lazy("Datei"),
        help_text=gettext_lazy("Tidy-CSV (Year, je Aufgliederung eine Spalte, Value), GENESIS-Flatfile-CSV oder "
                               "Excel-Arbeitsmappe (.xlsx) im Tidy-Format."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,text/csv,"
                                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"), required=False, initial="",
        choices=[("", gettext_lazy("am Inhalt erkennen")), ("tidy", gettext_lazy("Tidy-CSV (Open SDG)")),
                 ("genesis", gettext_lazy("GENESIS-Flatfile-CSV (GENESIS-Online, Regionaldatenbank)")),
                 ("xlsx", gettext_lazy("Excel-Arbeitsmappe (.xlsx), Tidy-Format"))],
    )
    source = forms.CharField(
        label=gettext_lazy("Quelle"), required=False, max_length=300,
        help_text=gettext_lazy("Für Werte ohne eigene Quellenspalte; leer: die Datenquelle des Indikators."),
    )


# --- the pending upload ------------------------------------------------------------------------------

def _upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "uploads" / "monitoring"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _store(data: bytes) -> str:
    directory = _upload_dir()
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for stale in directory.glob("*.upload"):
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)
    file_id = secrets.token_hex(FILE_ID_LENGTH // 2)
    path = directory / f"{file_id}.upload"
    path.write_bytes(data)
    path.chmod(0o600)
    return file_id


def _path(file_id: str) -> Path | None:
    if len(file_id) != FILE_ID_LENGTH or any(c not in "0123456789abcdef" for c in file_id):
        return None
    return _upload_dir() / f"{file_id}.upload"


def _fingerprint(parsed: Parsed) -> str:
    text = "\n".join(f"{w.line}|{w.column}|{w.message}" for w in parsed.warnings.items) + f"#{len(parsed.warnings)}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _token(request: TenantRequest, indicator: Indicator, file_id: str, filename: str, options: dict[str, str],
           parsed: Parsed) -> str:
    return signing.dumps({"f": file_id, "u": request.user.pk, "m": request.municipality.pk, "i": indicator.pk,
                          "n": filename, "o": options, "w": _fingerprint(parsed)}, salt=SALT, compress=True)


def _pending(request: TenantRequest, indicator: Indicator, token: str) -> dict[str, Any] | None:
    """The signed payload if it is this user's upload for this indicator, and its file still exists."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=UPLOAD_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or (payload.get("u"), payload.get("m"), payload.get("i")) != (
            request.user.pk, request.municipality.pk, indicator.pk):
        return None
    path = _path(str(payload.get("f", "")))
    if path is None or not path.is_file():
        return None
    return payload


# --- pages ---------------------------------------------------------------------------------------------

def _indicator(request: TenantRequest, pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("numerator", "denominator"), pk=pk)


def _read(request: TenantRequest, indicator: Indicator, data: bytes, filename: str,
          options: dict[str, str]) -> Parsed:
    return imports.read_file(data, indicator=indicator, municipality=request.municipality, filename=filename,
                             file_format=options.get("format") or None,
                             options=Options(source=options.get("source") or indicator.source))


def _preview(request: TenantRequest, indicator: Indicator, parsed: Parsed, *, filename: str, token: str = "",
             status: int = 200, outdated: bool = False, accept_error: str = "") -> HttpResponse:
    vocab = vocabulary()
    changes = imports.changes(indicator, parsed.rows) if parsed.ok else None

    def labels(row: ObservationRow) -> str:
        return ", ".join(vocab.label_of(dim, code) for dim, code in sorted(row.breakdown.items())) or _("insgesamt")

    shown = [{"row": row, "breakdown": labels(row)} for row in parsed.rows[:PREVIEW_ROWS]]
    changed = [{"row": row, "old": old, "breakdown": labels(row)}
               for row, old in (changes.changed_rows if changes else [])]
    return render(request, "backoffice/monitoring/import_preview.html", {
        "indicator": indicator, "parsed": parsed, "filename": filename, "token": token, "changes": changes,
        "shown": shown, "changed": changed, "outdated": outdated, "accept_error": accept_error,
        "has_area": any(row.area for row in parsed.rows[:PREVIEW_ROWS]),
        "has_flags": any(row.flag for row in parsed.rows[:PREVIEW_ROWS]),
        "format_label": imports.FORMAT_LABELS.get(parsed.file_format, parsed.file_format),
    }, status=status)


@requires(LOAD_DATA)
@require_http_methods(["GET", "POST"])
def indicator_import(request: TenantRequest, pk: int) -> HttpResponse:
    """GET: the upload form. POST: read the file and show the preview (nothing is written)."""
    indicator = _indicator(request, pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if indicator.is_rate:
        form = ImportUploadForm()
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = Path(upload.name or "").name[:200]
        options = {"format": form.cleaned_data["file_format"] or "", "source": form.cleaned_data["source"] or ""}
        if (upload.size or 0) > imports.upload_max_bytes():  # before reading a byte of an oversized file
            parsed = Parsed(file_format="")
            parsed.errors.add(_("Die Datei ist zu groß. Erlaubt sind höchstens %(limit)s MB.")
                              % {"limit": imports.upload_max_bytes() // (1024 * 1024)})
            return _preview(request, indicator, parsed, filename=filename, status=400)
        data = upload.read()
        parsed = _read(request, indicator, data, filename, options)
        if not parsed.ok:
            return _preview(request, indicator, parsed, filename=filename, status=400)
        token = _token(request, indicator, _store(data), filename, options, parsed)
        return _preview(request, indicator, parsed, filename=filename, token=token)
    return render(request, "backoffice/monitoring/import_form.html", {
        "indicator": indicator, "form": form, "max_upload": imports.upload_max_bytes(),
    }, status=400 if request.method == "POST" else 200)


@requires(LOAD_DATA)
def indicator_import_confirm(request: TenantRequest, pk: int) -> HttpResponse:
    """Read the stored upload again and write it, all or nothing; warnings only when the box is ticked."""
    indicator = _indicator(request, pk)  # another municipality's indicator: 404 before anything else
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = redirect("backoffice:indicator_import", municipality=request.municipality.slug, pk=indicator.pk)
    token = str(request.POST.get("token", ""))
    payload = _pending(request, indicator, token)
    if payload is None:
        messages.error(request, _("Diese Vorschau ist nicht mehr gültig. Bitte laden Sie die Datei erneut hoch; es "
                                  "wurde nichts übernommen."))
        return back
    path = _path(str(payload["f"]))
    assert path is not None
    if request.POST.get("action") == "cancel":
        path.unlink(missing_ok=True)
        messages.info(request, _("Der Import wurde abgebrochen; es wurde nichts übernommen."))
        return back
    filename, options = str(payload.get("n", "")), dict(payload.get("o") or {})
    parsed = _read(request, indicator, path.read_bytes(), filename, options)
    if not parsed.ok:
        path.unlink(missing_ok=True)
        return _preview(request, indicator, parsed, filename=filename, status=400)
    if _fingerprint(parsed) != payload.get("w"):
        # The categories or stored values changed since the preview: show what it means now.
        new_token = _token(request, indicator, str(payload["f"]), filename, options, parsed)
        return _preview(request, indicator, parsed, filename=filename, token=new_token, status=409, outdated=True)
    accepted = request.POST.get("accept_warnings") == "1"
    if parsed.warnings and not accepted:
        return _preview(request, indicator, parsed, filename=filename, token=token, status=400,
                        accept_error=_("Bitte bestätigen Sie, dass Sie die Warnungen geprüft haben – oder brechen "
                                       "Sie den Import ab."))
    try:
        batch = imports.import_file(actor=request.actor, indicator=indicator, parsed=parsed, label=filename,
                                    accept_warnings=accepted)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return back
    path.unlink(missing_ok=True)
    messages.success(request, _("Import abgeschlossen: %(n)s Messwerte aus „%(file)s“ wurden übernommen.")
                     % {"n": batch.rows_written, "file": filename})
    return redirect("backoffice:indicator_batches", municipality=request.municipality.slug, pk=indicator.pk)


@requires(VIEW_MONITORING)
def indicator_batches(request: TenantRequest, pk: int) -> HttpResponse:
    """The deliveries of an indicator (of its numerator and denominator, for a rate), newest first, each with
    the warnings that were accepted when it was loaded."""
    indicator = _indicator(request, pk)
    paginator = Paginator(selectors.batches(indicator), BATCH_PAGE_SIZE)
    page = paginator.get_page(request.GET.get(PAGE_PARAM))
    pager = Page[object](items=[], number=page.number, num_pages=paginator.num_pages, total=paginator.count,
                         per_page=BATCH_PAGE_SIZE)
    batches = list(page.object_list)
    for batch in batches:
        batch.format_label = imports.FORMAT_LABELS.get(batch.file_format, batch.file_format)  # type: ignore[attr-defined]
    return render(request, "backoffice/monitoring/import_batches.html", {
        "indicator": indicator, "batches": batches, "pager": pager, "page_query": "",
        "can_load": request.actor.can(LOAD_DATA),
    })
