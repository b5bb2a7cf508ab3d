"""An external partner answers its reports through its personal link, without an account: the list of the
reports addressed to its organisation in the link's round, and the answer form of each (with attachments).

The link is checked on every request (services.partner_link_for): an unknown, expired, revoked or replaced
link, or a closed round, shows only a German explanation (403). A report of another organisation is 404.
CSRF stays on; the pages are not indexed and send no referrer (the token is in the URL)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.tenancy import TenantRequest
from teilhabe.plans.selectors import status_options_of
from teilhabe.portal.reporting.forms_partner import PartnerAnswerForm
from teilhabe.reporting import answer_fields, attachments, selectors, services
from teilhabe.reporting.models import MeasureReport, PartnerLink

REMOVE_PARAM = "anhang_entfernen"
ACTION_PARAM = "aktion"


def _private(response: HttpResponse, referrer_policy: str = "no-referrer") -> HttpResponse:
    """The token is in the URL: no referrer leaves the page, and no search engine keeps it. A page with the
    answer form sends its referrer to its own origin only: under "no-referrer" browsers post the form with
    `Origin: null`, which Django's CSRF check (rightly) refuses."""
    response.setdefault("Referrer-Policy", referrer_policy)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def partner_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every partner page: refuse an oversized request before its body is read (then the CSRF check, which
    reads the form), resolve the link or explain why it no longer works, and keep the page private."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and (message := attachments.upload_too_large(request.META.get("CONTENT_LENGTH"))):
            return _private(render(request, "portal/reporting/partner_refused.html",
                                   {"message": message, "heading": _("Zu große Dateien")}, status=413))
        try:
            link = services.partner_link_for(kwargs.pop("token"))
        except NotAllowed as exc:
            return _private(render(request, "portal/reporting/partner_refused.html",
                                   {"message": str(exc), "heading": _("Dieser Link funktioniert nicht")},
                                   status=403))
        return _private(protected(request, link, *args, **kwargs))

    return csrf_exempt(wrapped)


def _list_url(request: TenantRequest, link: PartnerLink) -> str:
    return reverse("portal:partner_reports", kwargs={"municipality": request.municipality.slug, "token": link.token})


@partner_page
def partner_reports(request: TenantRequest, link: PartnerLink) -> HttpResponse:
    reports = list(selectors.partner_reports(link).order_by("field_position", "position", "pk")
                   .only("pk", "reference", "title", "field_title", "state", "review_comment"))
    return render(request, "portal/reporting/partner_reports.html", {
        "link": link, "round": link.round, "reports": reports, "list_url": _list_url(request, link)})


def _report(link: PartnerLink, pk: int) -> MeasureReport:
    report = (selectors.partner_reports(link).filter(pk=pk).select_related("round", "status")
              .prefetch_related("addressed_org_units", "addressed_organisations", "attachments",
                                "steps__actor", "steps__partner_link__organisation").first())
    if report is None:
        raise Http404
    return report


def _attempt(form: PartnerAnswerForm, service: Callable[[], MeasureReport]) -> MeasureReport | None:
    """The portal's counterpart of the back office's flow: a refusal becomes an error on the form."""
    try:
        return service()
    except ConcurrentEdit as exc:
        form.rebind(exc.current_version, exc.message)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                target = answer_fields.ERROR_FIELDS.get(name, name)
                for error in errors:
                    form.add_error(target if target in form.fields and target != "version" else None, error)
        else:
            form.add_error(None, exc)
    except ServiceError as exc:
        form.add_error(None, exc.message)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("Dazu fehlt Ihnen die Berechtigung."))
    return None


@partner_page
def partner_report(request: TenantRequest, link: PartnerLink, pk: int) -> HttpResponse:
    report = _report(link, pk)
    services.require_answerer(link, report)
    report_url = reverse("portal:partner_report", kwargs={
        "municipality": request.municipality.slug, "token": link.token, "pk": report.pk})
    context: dict[str, Any] = {"link": link, "round": link.round, "report": report,
                               "list_url": _list_url(request, link), "steps": list(report.steps.all()),
                               "attachment_list": list(report.attachments.all()),
                               "download_url": f"{report_url}anhang/"}
    if not report.is_editable:
        return render(request, "portal/reporting/partner_report.html", {**context, "form": None})
    return _private(_answer(request, link, report, pk, context), referrer_policy="same-origin")


def _answer(request: TenantRequest, link: PartnerLink, report: MeasureReport, pk: int,
            context: dict[str, Any]) -> HttpResponse:
    report_url = context["download_url"].removesuffix("anhang/")
    statuses = status_options_of(request.municipality)
    if request.method == "POST" and REMOVE_PARAM in request.POST:
        attachment = next((a for a in report.attachments.all() if str(a.pk) == request.POST[REMOVE_PARAM]), None)
        if attachment is None:
            messages.error(request, _("Diesen Anhang gibt es nicht (mehr)."))
        else:
            try:
                attachments.remove_attachment(by=link, attachment=attachment)
            except ServiceError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Der Anhang „%(name)s“ wurde entfernt.") % {"name": attachment.name})
        report = _report(link, pk)
        form = PartnerAnswerForm(request.POST, report=report, statuses=statuses)
        form.is_valid()
        return render(request, "portal/reporting/partner_report.html", {
            **context, "report": report, "attachment_list": list(report.attachments.all()), "form": form})
    form = PartnerAnswerForm(request.POST or None, request.FILES or None, report=report, statuses=statuses,
                             initial=answer_fields.initial_answer(report))
    if request.method == "POST" and form.is_valid():
        submitting = request.POST.get(ACTION_PARAM) == answer_fields.SUBMIT
        saved = _attempt(form, lambda: attachments.save_answer(
            by=link, report=report, expected_version=int(form.cleaned_data["version"]),
            values=form.service_values(), uploads=form.cleaned_data["attachments"], submit=submitting))
        if saved is not None:
            messages.success(request, _("Der Bericht wurde eingereicht. Vielen Dank!") if submitting
                             else _("Der Entwurf wurde gespeichert."))
            return HttpResponseRedirect(report_url)
    return render(request, "portal/reporting/partner_report.html", {**context, "form": form})


@require_GET
@partner_page
def partner_attachment(request: TenantRequest, link: PartnerLink, pk: int, attachment_pk: int) -> HttpResponse:
    report = _report(link, pk)
    attachment = next((a for a in report.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    try:
        with attachment.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    # At most TEILHABE_REPORT_ATTACHMENT_MAX_BYTES: served from memory, never sniffed, never shown inline.
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
