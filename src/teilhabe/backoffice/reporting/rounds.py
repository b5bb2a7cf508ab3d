"""Koordination's pages of reporting rounds: the list of rounds, opening and editing a round, its progress
and reports, closing and publishing it, partner links, and the review of one report (accept / return)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.reporting.forms_rounds import (
    ERROR_FIELDS,
    ROUND_VALUES,
    ConfirmForm,
    PartnerLinkForm,
    ReportFilterForm,
    ReturnForm,
    RoundCreateForm,
    RoundEditForm,
)
from teilhabe.core.cleaning import check_query
from teilhabe.core.display import format_date
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import Organisation
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.reporting import notifications, selectors, services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound, ReportStep
from teilhabe.reporting.permissions import MANAGE_ROUNDS, VIEW_ROUNDS

# The new partner link's id, kept in the session until the round page has shown the link once.
SHOWN_LINK_KEY = "reporting_partner_link_shown"
FILTER_PARAMS = ("stand", "feld")
PAGE_PARAM = "seite"
MAX_PAGE = 1_000_000


def _round(request: TenantRequest, pk: int) -> ReportingRound:
    try:
        return selectors.round_of(request.municipality, pk)
    except ReportingRound.DoesNotExist:
        raise Http404 from None


def _round_url(request: TenantRequest, round_: ReportingRound | int, anchor: str = "") -> str:
    pk = round_ if isinstance(round_, int) else round_.pk
    url = reverse("backoffice:round_detail", kwargs={"municipality": request.municipality.slug, "pk": pk})
    return f"{url}#{anchor}" if anchor else url


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:round_list", kwargs={"municipality": request.municipality.slug})


def partner_url(request: TenantRequest, link: PartnerLink) -> str:
    """The full address of a partner link, as the mail has it (TEILHABE_BASE_URL)."""
    return notifications.partner_url(link, base_url=settings.TEILHABE_BASE_URL, slug=request.municipality.slug)


def _send_link(request: TenantRequest, link: PartnerLink) -> None:
    """Mail the link to its address; a refusal (no address, no longer valid, mail server down) is a message."""
    try:
        notifications.send_partner_link(link, base_url=settings.TEILHABE_BASE_URL)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Der Link wurde per E-Mail an %(email)s gesendet.") % {"email": link.email})


# --- the list and opening a round -------------------------------------------------------------------------

@requires(VIEW_ROUNDS)
@require_GET
def round_list(request: TenantRequest) -> HttpResponse:
    return render(request, "backoffice/reporting/round_list.html", {
        "rows": selectors.rounds_overview(request.municipality),
        "can_manage": request.actor.can(MANAGE_ROUNDS),
    })


def _suggestion(today: dt.date) -> dict[str, Any]:
    """Last calendar year, answers due in six weeks."""
    return {"title": _("Umsetzungsbericht %(year)s") % {"year": today.year},
            "period_start": dt.date(today.year - 1, 1, 1), "period_end": dt.date(today.year - 1, 12, 31),
            "deadline": today + dt.timedelta(weeks=6), "remind_days_before": 7,
            "scope": ReportingRound.Scope.ALL}


@requires(MANAGE_ROUNDS)
def round_create(request: TenantRequest) -> HttpResponse:
    editions = selectors.round_editions(request.municipality)
    fields = selectors.fields_of_editions(editions)
    counts = selectors.scope_counts([e.pk for e in editions])
    initial = _suggestion(dt.date.today())
    if editions:
        initial["edition"] = editions[0].pk
    form = RoundCreateForm(request.POST or None, editions=editions, fields=fields, counts=counts, initial=initial)
    done = flow.submit(
        request, form, lambda: services.open_round(actor=request.actor, **form.values()),
        success=_opened_message, error_fields=ERROR_FIELDS,
        next_url=lambda r: _round_url(request, r))
    return done or render(request, "backoffice/reporting/round_form.html", {
        "form": form, "has_editions": bool(editions), "several_plans": len(editions) > 1,
        "counts": [(e, counts.get(e.pk)) for e in editions],
    })


def _opened_message(round_: ReportingRound) -> str:
    n = round_.reports.count()
    return ngettext("Die Berichtsrunde „%(title)s“ ist eröffnet: %(n)d Bericht wurde angefragt.",
                    "Die Berichtsrunde „%(title)s“ ist eröffnet: %(n)d Berichte wurden angefragt.",
                    n) % {"title": round_.title, "n": n}


# --- a round's page ---------------------------------------------------------------------------------------

def _filter_query(values: dict[str, str]) -> str:
    kept = {k: v for k, v in values.items() if v}
    return urlencode(kept)


@requires(VIEW_ROUNDS)
def round_detail(request: TenantRequest, pk: int) -> HttpResponse:
    check_query(request)
    round_ = _round(request, pk)  # a foreign id is 404 whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    progress = selectors.round_progress(round_)
    form = ReportFilterForm(request.GET, field_titles=[title for title, _c in progress.by_field])
    values = form.valid_values()
    page = selectors.reports_page(round_, state=values["stand"], field_title=values["feld"],
                                  page=_page_number(request))
    can_manage = request.actor.can(MANAGE_ROUNDS)
    late_now = round_.is_open and round_.is_late()
    filter_query = _filter_query(values)
    context: dict[str, Any] = {
        "round": round_, "progress": progress, "overall": progress.overall, "form": form, "pager": page,
        "rows": _report_rows(request, page.items, late_now, filter_query),
        "page_query": f"{filter_query}&" if filter_query else "",
        "filtered": any(values.values()), "late_now": late_now, "can_manage": can_manage,
    }
    if can_manage:
        partners = selectors.partner_overview(round_)
        context["partners"] = partners
        if round_.is_open and partners:
            context["link_form"] = PartnerLinkForm(partners=partners)
        context["new_link"] = _new_link(request, round_)
    return render(request, "backoffice/reporting/round_detail.html", context)


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


@dataclass(slots=True)
class ReportRow:
    """A row of the review list, prepared in Python: a round may ask about a thousand measures."""

    url: str
    reference: str
    title: str
    is_key_project: bool
    field_title: str
    offices: str
    state: str
    state_label: str
    late: bool
    submitted: str


def _report_rows(request: TenantRequest, reports: list[MeasureReport], late_now: bool, query: str) -> list[ReportRow]:
    prefix = reverse("backoffice:report_review", kwargs={"municipality": request.municipality.slug, "pk": 0})
    head, tail = prefix.split("/0/", 1)
    suffix = f"/{tail}" + (f"?{query}" if query else "")
    labels = dict(MeasureReport.State.choices)
    return [
        ReportRow(
            url=f"{head}/{r.pk}{suffix}", reference=r.reference, title=r.title, is_key_project=r.is_key_project,
            field_title=r.field_title,
            offices=", ".join([*(u.name for u in r.addressed_org_units.all()),
                               *(o.name for o in r.addressed_organisations.all())]),
            state=r.state, state_label=str(labels[r.state]), late=late_now and r.state in selectors.OWED,
            submitted=format_date(r.submitted_at) if r.submitted_at else "–")
        for r in reports
    ]


def _new_link(request: TenantRequest, round_: ReportingRound) -> dict[str, Any] | None:
    """The partner link created just now, shown once: the session forgets it when the page shows it."""
    pk = request.session.get(SHOWN_LINK_KEY)
    if not pk:
        return None
    del request.session[SHOWN_LINK_KEY]
    link = PartnerLink.objects.filter(round=round_, pk=pk).select_related("organisation").first()
    if link is None:
        return None
    return {"link": link, "url": partner_url(request, link)}


@requires(MANAGE_ROUNDS)
def round_edit(request: TenantRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    if not round_.is_open:
        messages.error(request, _("Die Berichtsrunde „%(round)s“ ist abgeschlossen; daran lässt sich nichts mehr "
                                  "ändern.") % {"round": round_.title})
        return HttpResponseRedirect(_round_url(request, round_))
    form = RoundEditForm(request.POST or None, initial=flow.initial(round_, *ROUND_VALUES))
    done = flow.submit(request, form, lambda: services.update_round(
        actor=request.actor, round_=round_, expected_version=flow.expected_version(form),
        values={name: form.cleaned_data[name] for name in ROUND_VALUES}),
        success=_("Die Berichtsrunde wurde gespeichert."), next_url=_round_url(request, round_),
        gone_url=_list_url(request))
    return done or render(request, "backoffice/reporting/round_edit.html", {"form": form, "round": round_})


@requires(MANAGE_ROUNDS)
def round_close(request: TenantRequest, pk: int) -> HttpResponse:
    """GET: what closing does and how many reports are not accepted; POST: close."""
    round_ = _round(request, pk)
    if not round_.is_open:
        messages.info(request, _("Die Berichtsrunde ist bereits abgeschlossen."))
        return HttpResponseRedirect(_round_url(request, round_))
    form = ConfirmForm(request.POST or None, initial={"version": round_.version})
    done = flow.submit(request, form, lambda: services.close_round(
        actor=request.actor, round_=round_, expected_version=flow.expected_version(form)),
        success=_closed_message, next_url=_round_url(request, round_), gone_url=_list_url(request))
    if done is not None:
        return done
    if form.conflict is not None:  # closing is a yes/no: show the state it now is in
        round_ = _round(request, pk)
    return render(request, "backoffice/reporting/round_close.html", {
        "form": form, "round": round_, "overall": selectors.round_progress(round_).overall,
        "close_hint": _("Prüfen Sie die Änderungen und schließen Sie die Runde erneut ab, wenn es dabei bleibt.")})


def _closed_message(result: services.CloseResult) -> str:
    return " ".join([
        _("Die Berichtsrunde „%(title)s“ ist abgeschlossen.") % {"title": result.round.title},
        ngettext("%(n)d Maßnahme wurde mit Status oder Sachstand aus ihrem angenommenen Bericht aktualisiert.",
                 "%(n)d Maßnahmen wurden mit Status oder Sachstand aus ihren angenommenen Berichten aktualisiert.",
                 result.flowed) % {"n": result.flowed},
        ngettext("%(n)d Bericht war nicht angenommen; er erscheint im Bericht als fehlend.",
                 "%(n)d Berichte waren nicht angenommen; sie erscheinen im Bericht als fehlend.",
                 result.not_accepted) % {"n": result.not_accepted} if result.not_accepted else "",
        ngettext("%(n)d erreichter Wert wurde als Messwert in das Monitoring übernommen.",
                 "%(n)d erreichte Werte wurden als Messwerte in das Monitoring übernommen.",
                 result.recorded) % {"n": result.recorded} if result.recorded else "",
        ngettext("Nicht übernommen (bleibt im Bericht): %(items)s",
                 "Nicht übernommen (bleiben im Bericht): %(items)s", len(result.not_recorded)) % {
            "items": "; ".join(f"{n.indicator}: „{n.value}“ ({n.measure}) – {n.reason}" for n in result.not_recorded)}
        if result.not_recorded else "",
    ]).strip()


def _version(request: TenantRequest) -> int:
    value = request.POST.get("version", "")
    if not value.isdigit():
        raise ServiceError(str(flow.STALE_FORM))
    return int(value)


@requires(MANAGE_ROUNDS)
def round_publish(request: TenantRequest, pk: int) -> HttpResponse:
    """Publish a closed round (publish=1) or take it off the public pages (publish=0)."""
    round_ = _round(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    publish = request.POST.get("publish") == "1"
    flow.act(request, lambda: services.publish_round(
        actor=request.actor, round_=round_, expected_version=_version(request), publish=publish),
        success=_("Die Berichtsrunde ist veröffentlicht: Ihr Bericht und die Stände der Maßnahmen stehen auf den "
                  "öffentlichen Seiten.") if publish else
        _("Die Berichtsrunde ist nicht mehr veröffentlicht."))
    return HttpResponseRedirect(_round_url(request, round_))


# --- partner links ----------------------------------------------------------------------------------------

@requires(MANAGE_ROUNDS)
def round_partnerlink_create(request: TenantRequest, pk: int) -> HttpResponse:
    """A new personal link for an organisation with reports in the round; it replaces its older link. The
    round page shows the full link once."""
    round_ = _round(request, pk)
    partners = selectors.partner_overview(round_)
    initial = {"organisation": request.GET.get("organisation", "")}
    form = PartnerLinkForm(request.POST or None, partners=partners, initial=initial)

    def create() -> PartnerLink:
        return services.create_partner_link(
            actor=request.actor, round_=round_, organisation=_organisation(round_, form.cleaned_data["organisation"]),
            email=form.cleaned_data["email"], valid_days=form.cleaned_data["valid_days"])

    def remember(link: PartnerLink) -> None:
        request.session[SHOWN_LINK_KEY] = link.pk
        if form.cleaned_data["send"]:
            _send_link(request, link)

    done = flow.submit(request, form, create,
                       success=lambda link: _("Der Link für „%(name)s“ wurde erstellt; ältere Links dieser "
                                              "Organisation gelten nicht mehr.") % {"name": link.organisation},
                       next_url=_round_url(request, round_, "partnerlinks"), after=remember)
    return done or render(request, "backoffice/reporting/round_partnerlink.html", {
        "form": form, "round": round_, "partners": partners})


def _organisation(round_: ReportingRound, pk: int) -> Organisation:
    organisation = Organisation.objects.filter(municipality_id=round_.municipality_id, pk=pk).first()
    if organisation is None:
        raise ServiceError(_("Diese Organisation gibt es nicht."))
    return organisation


def _partner_link(request: TenantRequest, pk: int) -> PartnerLink:
    return get_object_or_404(
        PartnerLink.objects.filter(municipality=request.municipality).select_related("organisation"), pk=pk)


@requires(MANAGE_ROUNDS)
def partnerlink_revoke(request: TenantRequest, pk: int) -> HttpResponse:
    link = _partner_link(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    flow.act(request, lambda: services.revoke_partner_link(actor=request.actor, link=link),
             success=_("Der Link für „%(name)s“ gilt nicht mehr.") % {"name": link.organisation})
    return HttpResponseRedirect(_round_url(request, link.round_id, "partnerlinks"))


@requires(MANAGE_ROUNDS)
def partnerlink_send(request: TenantRequest, pk: int) -> HttpResponse:
    """Mail a valid link to its address (again)."""
    link = _partner_link(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    authorize(request.actor, MANAGE_ROUNDS, link)
    _send_link(request, link)
    return HttpResponseRedirect(_round_url(request, link.round_id, "partnerlinks"))


# --- reviewing one report ---------------------------------------------------------------------------------

SHOWN_STATES = (MeasureReport.State.SUBMITTED, MeasureReport.State.ACCEPTED)


@requires(VIEW_ROUNDS)
def report_review(request: TenantRequest, pk: int) -> HttpResponse:
    """The report as handed in (never a draft), its steps, and for Koordination accept / return."""
    check_query(request)
    try:
        report = selectors.report_detail(request.municipality, pk)
    except MeasureReport.DoesNotExist:
        raise Http404 from None
    round_ = report.round
    can_review = request.actor.can(MANAGE_ROUNDS) and round_.is_open
    filters = {name: request.GET.get(name, "") for name in FILTER_PARAMS}
    here = f"{request.path}?{_filter_query(filters)}" if any(filters.values()) else request.path
    accept_form = ConfirmForm(initial={"version": report.version}, prefix="annehmen")
    return_form = ReturnForm(initial={"version": report.version}, prefix="zurueck")
    if request.method == "POST":
        if not can_review:
            messages.error(request, _("Diesen Bericht können Sie nicht prüfen: Die Runde ist abgeschlossen.")
                           if request.actor.can(MANAGE_ROUNDS) else _("Dazu fehlt Ihnen die Berechtigung."))
            return HttpResponseRedirect(here)
        if "zurueck-version" in request.POST:
            return_form = ReturnForm(request.POST, prefix="zurueck")
            done = flow.submit(request, return_form, lambda: services.return_report(
                actor=request.actor, report=report, expected_version=flow.expected_version(return_form),
                comment=return_form.cleaned_data["comment"]),
                success=_("Der Bericht wurde mit Ihrem Kommentar an die Stelle zurückgegeben."), next_url=here)
        else:
            accept_form = ConfirmForm(request.POST, prefix="annehmen")
            done = flow.submit(request, accept_form, lambda: services.accept(
                actor=request.actor, report=report, expected_version=flow.expected_version(accept_form)),
                success=_("Der Bericht wurde angenommen."), next_url=here)
        if done is not None:
            return done
        if accept_form.conflict or return_form.conflict:  # show the report as it is now
            report = selectors.report_detail(request.municipality, pk)
    return render(request, "backoffice/reporting/report_review.html", {
        **_review_context(request, report, filters),
        "can_review": can_review, "accept_form": accept_form, "return_form": return_form,
        "conflict": accept_form.conflict or return_form.conflict,
    })


def _review_context(request: TenantRequest, report: MeasureReport, filters: dict[str, str]) -> dict[str, Any]:
    steps = list(report.steps.all())
    last_submission = next((s for s in reversed(steps) if s.kind == ReportStep.Kind.SUBMITTED), None)
    ids = selectors.report_ids_of_round(report.round, state=filters["stand"], field_title=filters["feld"])
    index = ids.index(report.pk) if report.pk in ids else None
    query = _filter_query(filters)

    def review_url(pk: int) -> str:
        url = reverse("backoffice:report_review", kwargs={"municipality": request.municipality.slug, "pk": pk})
        return f"{url}?{query}" if query else url

    back = _round_url(request, report.round)
    return {
        "report": report, "round": report.round, "steps": steps,
        "shows_answer": report.state in SHOWN_STATES,
        "last_submission": last_submission if report.state == MeasureReport.State.RETURNED else None,
        "offices": [*(u.name for u in report.addressed_org_units.all()),
                    *(o.name for o in report.addressed_organisations.all())],
        "attachments": list(report.attachments.all()) if report.state in SHOWN_STATES else [],
        "previous_url": review_url(ids[index - 1]) if index else None,
        "next_url": review_url(ids[index + 1]) if index is not None and index + 1 < len(ids) else None,
        "position": (index + 1) if index is not None else None, "count": len(ids),
        "back_url": f"{back}?{query}#berichte" if query else f"{back}#berichte",
    }
