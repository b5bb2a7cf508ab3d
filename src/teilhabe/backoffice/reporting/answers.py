"""An office answers its reports: the answer form (draft, submit, attachments) and the download of an
attachment. The inbox is on „Meine Maßnahmen“ (backoffice/plans/my_measures.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from teilhabe.backoffice import flow
from teilhabe.backoffice.reporting.forms_answers import ReportAnswerForm
from teilhabe.core.errors import ServiceError
from teilhabe.core.permissions import VIEW
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans.selectors import status_options_of
from teilhabe.reporting import answer_fields, attachments, selectors, services
from teilhabe.reporting.models import MeasureReport, ReportAttachment
from teilhabe.reporting.permissions import ANSWER_REPORT

REMOVE_PARAM = "anhang_entfernen"  # the value of a "Entfernen" button: the attachment's id
ACTION_PARAM = "aktion"  # "speichern" or "einreichen"


def refuse_large_upload(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a request larger than an answer with all its attachments may be, from its declared length,
    before anything reads its body: Django's CSRF check reads the form, so it runs here, after this check
    (the view stays CSRF-protected)."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and (message := attachments.upload_too_large(request.META.get("CONTENT_LENGTH"))):
            return render(request, "backoffice/reporting/upload_too_large.html", {"message": message}, status=413)
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def _answer_url(request: TenantRequest, report: MeasureReport) -> str:
    return reverse("backoffice:report_answer", kwargs={"municipality": request.municipality.slug, "pk": report.pk})


def _remove(request: TenantRequest, report: MeasureReport, value: str) -> None:
    attachment = next((a for a in report.attachments.all() if str(a.pk) == value), None)
    if attachment is None:
        messages.error(request, _("Diesen Anhang gibt es nicht (mehr)."))
        return
    try:
        attachments.remove_attachment(by=request.actor, attachment=attachment)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Der Anhang „%(name)s“ wurde entfernt.") % {"name": attachment.name})


@refuse_large_upload
@requires(ANSWER_REPORT)
def report_answer(request: TenantRequest, pk: int) -> HttpResponse:
    """The answer of one report: only its addressees (NotAllowed → 403 for anybody else, Koordination
    included: nobody sees another office's draft). Read-only once submitted or when the round is closed."""
    actor, municipality = request.actor, request.municipality
    try:
        report = selectors.report_detail(municipality, pk)
    except MeasureReport.DoesNotExist:
        raise Http404 from None
    services.require_answerer(actor, report)
    context: dict[str, Any] = {"report": report, "round": report.round,
                               "steps": list(report.steps.all()), "attachment_list": list(report.attachments.all())}
    if not (report.is_editable and report.round.is_open):
        return render(request, "backoffice/reporting/report_answer.html", {**context, "form": None})
    statuses = status_options_of(municipality)
    if request.method == "POST" and REMOVE_PARAM in request.POST:
        _remove(request, report, request.POST[REMOVE_PARAM])
        # The rest of the form as the person left it; only the attachment list changed.
        report = selectors.report_detail(municipality, pk)
        form = ReportAnswerForm(request.POST, report=report, statuses=statuses)
        form.is_valid()
        return render(request, "backoffice/reporting/report_answer.html", {
            **context, "report": report, "attachment_list": list(report.attachments.all()), "form": form})
    form = ReportAnswerForm(request.POST or None, request.FILES or None, report=report, statuses=statuses,
                            initial=answer_fields.initial_answer(report))
    submitting = request.POST.get(ACTION_PARAM) == answer_fields.SUBMIT
    done = flow.submit(
        request, form, lambda: attachments.save_answer(
            by=actor, report=report, expected_version=flow.expected_version(form), values=form.service_values(),
            uploads=form.cleaned_data["attachments"], submit=submitting),
        success=_("Der Bericht wurde eingereicht. Die Koordinierungsstelle prüft ihn.") if submitting
        else _("Der Entwurf wurde gespeichert."),
        next_url=_answer_url(request, report), error_fields=answer_fields.ERROR_FIELDS)
    return done or render(request, "backoffice/reporting/report_answer.html", {**context, "form": form})


@requires(VIEW)
def attachment_download(request: TenantRequest, pk: int) -> HttpResponse:
    """An attachment, to its report's answerer, or to whoever sees rounds once the report was submitted."""
    attachment = get_object_or_404(
        ReportAttachment.objects.filter(municipality=request.municipality).select_related("report"), pk=pk)
    if not attachments.may_download(request.actor, attachment):
        raise PermissionDenied
    if request.method not in ("GET", "HEAD"):  # after the lookup: a foreign id is 404 whatever the method
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        with attachment.file.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValidationError):
        raise Http404 from None
    # At most TEILHABE_REPORT_ATTACHMENT_MAX_BYTES: served from memory, never sniffed, never shown inline.
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _attachment_rule(actor: Actor, attachment: object) -> bool:
    return isinstance(attachment, ReportAttachment) and attachments.may_download(actor, attachment)


# Read by tests/test_access_matrix.py: beyond VIEW, the answerer, or whoever sees rounds once it was submitted.
attachment_download.object_rule = _attachment_rule  # type: ignore[attr-defined]
