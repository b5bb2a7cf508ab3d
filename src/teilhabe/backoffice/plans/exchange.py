"""Import / Export page: template download, export, and import as upload → preview → confirm.

Between preview and confirm the uploaded bytes wait in a server-side file named by a random token that
is tied to this session and municipality; the confirm reads them again and re-validates everything."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import constant_time_compare
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.backoffice.plans.forms.exchange import ExportForm, ImportForm
from teilhabe.core.cleaning import find_problem
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.core.validators import validate_no_markup
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.actors import norm
from teilhabe.plans.exchange.execute import PreviewOutdated
from teilhabe.plans.exchange.filecheck import check_size
from teilhabe.plans.exchange.planning import Preview, Target
from teilhabe.plans.exchange.problems import ImportRefused
from teilhabe.plans.exchange.suggestions import USE_EXISTING, parse_choice
from teilhabe.plans.models import Edition
from teilhabe.plans.permissions import IMPORT_EXPORT

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "teilhabe_exchange_import"
TOKEN_RE = re.compile(r"^[0-9a-f]{64}$")
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
PLAN_TITLE_MAX = 200


# --- pending uploads ---------------------------------------------------------------------------------

def _upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "uploads" / "exchange"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _store(data: bytes) -> str:
    directory = _upload_dir()
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for stale in directory.glob("*.upload"):
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)
    token = secrets.token_hex(32)
    path = directory / f"{token}.upload"
    path.write_bytes(data)
    path.chmod(0o600)
    return token


def _load(token: str) -> bytes | None:
    if not TOKEN_RE.match(token):
        return None
    path = _upload_dir() / f"{token}.upload"
    return path.read_bytes() if path.is_file() else None


def _discard(token: str) -> None:
    if TOKEN_RE.match(token):
        (_upload_dir() / f"{token}.upload").unlink(missing_ok=True)


def _pending(request: TenantRequest) -> dict[str, Any] | None:
    entries = request.session.get(SESSION_KEY, {})
    entry = entries.get(str(request.municipality.pk))
    return entry if isinstance(entry, dict) else None


def _set_pending(request: TenantRequest, entry: dict[str, Any] | None) -> None:
    entries = dict(request.session.get(SESSION_KEY, {}))
    key = str(request.municipality.pk)
    old = entries.pop(key, None)
    if isinstance(old, dict) and (entry is None or old.get("token") != entry.get("token")):
        _discard(str(old.get("token", "")))
    if entry is not None:
        entries[key] = entry
    request.session[SESSION_KEY] = entries


# --- pages -----------------------------------------------------------------------------------------------

def _page(request: TenantRequest, import_form: ImportForm | None = None, status: int = 200) -> HttpResponse:
    municipality = request.municipality
    export_form = ExportForm(municipality=municipality, actor=request.actor)
    return render(request, "backoffice/exchange/index.html", {
        "import_form": import_form or ImportForm(municipality=municipality, actor=request.actor),
        "export_form": export_form,
        "has_editions": export_form.fields["edition"].queryset.exists(),  # type: ignore[attr-defined]
        "status_words": exchange.status_words(municipality),
        "max_upload": settings.TEILHABE_MAX_UPLOAD_BYTES,
    }, status=status)


@requires(IMPORT_EXPORT)
def exchange_page(request: TenantRequest) -> HttpResponse:
    return _page(request)


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@requires(IMPORT_EXPORT)
def exchange_template(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    return _download(exchange.template_xlsx(municipality), f"massnahmen-vorlage-{municipality.slug}.xlsx", XLSX_TYPE)


@requires(IMPORT_EXPORT)
def exchange_export(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    form = ExportForm(request.GET, municipality=municipality, actor=request.actor)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Ausgabe und ein Format."))
        return redirect("backoffice:exchange", municipality=municipality.slug)
    edition: Edition = form.cleaned_data["edition"]
    name = slugify(f"{edition.plan.title}-{edition.name}") or "plan"
    if form.cleaned_data["format"] == "json":
        return _download(exchange.export_plan_json(edition), f"{name}.json", "application/json; charset=utf-8")
    return _download(exchange.export_plan(edition), f"{name}.xlsx", XLSX_TYPE)


def _render_preview(request: TenantRequest, preview: Preview, *, filename: str, token: str = "",
                    status: int = 200, outdated: bool = False, title_error: str = "") -> HttpResponse:
    return render(request, "backoffice/exchange/preview.html", {
        "preview": preview, "filename": filename, "token": token, "outdated": outdated,
        "title_error": title_error, "plan_title_max": PLAN_TITLE_MAX,
    }, status=status)


def _remember(request: TenantRequest, data: bytes, filename: str, target: Target, preview: Preview) -> str:
    """Keep the upload and what its preview showed until the confirm; returns the token."""
    token = _store(data)
    _set_pending(request, {
        "token": token, "filename": filename, "edition_id": target.edition.pk if target.edition else None,
        "plan_title": target.new_plan_title, "at": int(time.time()), "fingerprint": preview.fingerprint(),
        "suggestions": [norm(s.name) for s in preview.suggestions],
    })
    return token


def _choices(request: TenantRequest, pending: dict[str, Any]) -> dict[str, str] | None:
    """The answers to "Meinten Sie …?" (one select per suggestion, by its position); None if one is forged."""
    choices: dict[str, str] = {}
    for index, key in enumerate(pending.get("suggestions") or []):
        value = str(request.POST.get(f"choice-{index}", USE_EXISTING))
        if value != USE_EXISTING and parse_choice(value) is None:
            return None
        choices[str(key)] = value
    return choices


@requires(IMPORT_EXPORT)
@require_http_methods(["GET", "POST"])
def exchange_import(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    if request.method != "POST":
        return redirect("backoffice:exchange", municipality=municipality.slug)
    form = ImportForm(request.POST, request.FILES, municipality=municipality)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload = form.cleaned_data["file"]
    filename = Path(upload.name or "").name[:200]
    try:
        check_size(upload.size or 0)  # before reading a single byte of an oversized file
        draft = exchange.read_file(upload.read(), filename)
    except ImportRefused as refusal:
        for message in refusal.messages:
            form.add_error("file", message)
        return _page(request, form, status=400)
    # "Neuen Plan anlegen" always means a new plan, even if one of that title exists; its name is the one
    # entered, else the one the file names (export), else the user is asked.
    if form.edition is None:
        title = (form.cleaned_data.get("plan_title") or "").strip() or exchange.default_plan_title(draft)
        if not title:
            form.add_error("plan_title", _("Bitte geben Sie den Namen des Plans an; die Datei nennt keinen."))
            return _page(request, form, status=400)
        target = Target(new_plan_title=title)
    else:
        target = Target(edition=form.edition)
    preview = exchange.preview_import(actor=request.actor, municipality=municipality,
                                      draft=draft, target=target)
    if not preview.ok:
        _set_pending(request, None)
        return _render_preview(request, preview, filename=filename, status=400)
    upload.seek(0)
    token = _remember(request, upload.read(), filename, target, preview)
    return _render_preview(request, preview, filename=filename, token=token)


def _after_import_url(slug: str) -> str:
    for name in ("backoffice:tree", "backoffice:exchange"):
        try:
            return reverse(name, kwargs={"municipality": slug})
        except NoReverseMatch:
            continue
    return "/"


@requires(IMPORT_EXPORT)
@require_http_methods(["POST"])
def exchange_import_confirm(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    back = redirect("backoffice:exchange", municipality=municipality.slug)
    pending = _pending(request)
    token = str(request.POST.get("token", ""))
    if not pending or not constant_time_compare(token, str(pending.get("token", ""))):
        messages.error(request, _("Diese Vorschau ist nicht mehr gültig. Bitte laden Sie die Datei erneut hoch."))
        return back
    data = _load(token)
    _set_pending(request, None)  # one use only: this also removes the stored file
    if request.POST.get("action") == "cancel":
        messages.info(request, _("Der Import wurde abgebrochen; es wurde nichts übernommen."))
        return back
    if data is None:
        messages.error(request, _("Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch."))
        return back
    filename = str(pending.get("filename", ""))
    edition_id = pending.get("edition_id")
    edition = Edition.objects.of(municipality).filter(pk=edition_id).first() if edition_id else None
    if edition_id and edition is None:
        messages.error(request, _("Die gewählte Ausgabe gibt es nicht mehr. Es wurde nichts übernommen."))
        return back
    choices = _choices(request, pending)
    if choices is None:
        messages.error(request, _("Die Auswahl zu „Meinten Sie …?“ ist ungültig. Es wurde nichts übernommen."))
        return back
    plan_title = str(pending.get("plan_title", ""))
    if edition is None and "plan_title" in request.POST:
        plan_title = str(request.POST.get("plan_title", "")).strip()
    target = Target(edition=edition, new_plan_title=plan_title)
    try:
        draft = exchange.read_file(data, filename)
        if edition is None and not _plan_title_ok(plan_title):
            # Shown again with the name it had; nothing written.
            target = Target(new_plan_title=str(pending.get("plan_title", "")))
            preview = exchange.preview_import(actor=request.actor, municipality=municipality, draft=draft,
                                              target=target, choices=choices)
            return _render_preview(request, preview, filename=filename, status=400,
                                   token=_remember(request, data, filename, target, preview),
                                   title_error=_("Bitte geben Sie den Namen des Plans an (höchstens %(n)s Zeichen, "
                                                 "kein HTML).") % {"n": PLAN_TITLE_MAX})
        result = exchange.import_plan(actor=request.actor, municipality=municipality, draft=draft, target=target,
                                      choices=choices, expected_fingerprint=str(pending.get("fingerprint", "")))
    except ImportRefused as refusal:
        preview = Preview(target=target, problems=refusal.problems)
        return _render_preview(request, preview, filename=filename, status=400)
    except PreviewOutdated as outdated:
        # Planned again, the import differs from what was shown: show the new preview, apply nothing.
        new_token = _remember(request, data, filename, target, outdated.preview)
        return _render_preview(request, outdated.preview, filename=filename, token=new_token, status=409,
                               outdated=True)
    text = _("Import abgeschlossen: %(n)s Maßnahmen wurden in „%(edition)s“ übernommen.") % {
        "n": result.measure_count, "edition": result.edition}
    if result.update_count or result.skipped_count:
        text += " " + _("%(updated)s Maßnahmen wurden geändert, %(skipped)s wegen eines Konflikts ausgelassen.") % {
            "updated": result.update_count, "skipped": result.skipped_count}
    messages.success(request, text)
    return HttpResponseRedirect(_after_import_url(municipality.slug))


def _plan_title_ok(title: str) -> bool:
    if not title or len(title) > PLAN_TITLE_MAX:
        return False
    try:
        validate_no_markup(title)
    except ValidationError:
        return False
    return not find_problem(title, multiline=False)
