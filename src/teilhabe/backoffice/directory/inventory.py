"""The inventory of offers (Bestandsaufnahme) in the back office: rounds, each organisation's answer, and the
analysis — offers by field of action × district × language × target group with the gaps, as tables, a chart
and an Excel file."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.directory.forms_offers import AnswerForm, RoundForm
from teilhabe.core.i18n import language_name
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.directory import selectors, services
from teilhabe.directory.models import InventoryResponse, InventoryRound
from teilhabe.directory.permissions import ANSWER_INVENTORY, EDIT_OFFERS, MANAGE_INVENTORY


def _url(request: TenantRequest, name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": request.municipality.slug, **kwargs})


@requires(ANSWER_INVENTORY)
@require_GET
def inventory_list(request: TenantRequest) -> HttpResponse:
    return render(request, "backoffice/directory/inventory_list.html", {
        "rounds": selectors.inventory_rounds(request.municipality),
        "can_manage": request.actor.can(MANAGE_INVENTORY), "tab": "inventory",
    })


@requires(MANAGE_INVENTORY)
def inventory_create(request: TenantRequest) -> HttpResponse:
    form = RoundForm(request.POST or None, with_version=False)
    done = flow.submit(request, form, lambda: services.open_inventory_round(
        actor=request.actor, municipality=request.municipality, title=form.cleaned_data["title"],
        deadline=form.cleaned_data["deadline"], message=form.cleaned_data["message"],
        remind_days_before=form.cleaned_data["remind_days_before"]),
        success=lambda r: _("Die Bestandsaufnahme „%(title)s“ ist eröffnet.") % {"title": r.title},
        next_url=lambda r: _url(request, "inventory_detail", pk=r.pk))
    return done or render(request, "backoffice/directory/inventory_form.html", {
        "form": form, "title": _("Bestandsaufnahme eröffnen"), "submit": _("Eröffnen"), "tab": "inventory",
        "organisations": selectors.asked_organisations(request.municipality)})


def _organisations_for(actor: Actor, round_: InventoryRound) -> list[Any]:
    asked = selectors.asked_organisations(round_.municipality)
    if actor.holds_fully(ANSWER_INVENTORY):
        return asked
    return [o for o in asked if o.pk in actor.organisation_ids]


@requires(ANSWER_INVENTORY)
def inventory_detail(request: TenantRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(InventoryRound.objects.of(request.municipality), pk=pk)
    responses = selectors.responses_of(round_)
    rows = [{"organisation": o, "response": responses.get(o.pk)} for o in _organisations_for(request.actor, round_)]
    return render(request, "backoffice/directory/inventory_detail.html", {
        "round": round_, "rows": rows, "answered": sum(1 for r in rows if r["response"]),
        "can_manage": request.actor.can(MANAGE_INVENTORY), "is_open": round_.state == InventoryRound.State.OPEN,
        "tab": "inventory",
    })


@requires(ANSWER_INVENTORY)
def inventory_answer(request: TenantRequest, pk: int) -> HttpResponse:
    """One organisation's answer (?organisation=<id>): its offers to confirm, or "no offers"."""
    round_ = get_object_or_404(InventoryRound.objects.of(request.municipality), pk=pk)
    detail_url = _url(request, "inventory_detail", pk=round_.pk)
    value = request.GET.get("organisation", "")
    organisation = next((o for o in _organisations_for(request.actor, round_)
                         if value.isdigit() and o.pk == int(value)), None)
    if organisation is None:
        return HttpResponseRedirect(detail_url)
    response = InventoryResponse.objects.filter(round=round_, organisation=organisation).first()
    offers = selectors.organisation_offers(request.municipality, organisation)
    initial: dict[str, Any] = {"version": 0, "confirmed_offers": [o.pk for o in offers]}
    if response is not None:
        initial = {"version": response.version, "no_offers": response.no_offers, "note": response.note,
                   "confirmed_offers": [o.pk for o in response.confirmed_offers.all()]}
    form = AnswerForm(request.POST or None, offers=offers, initial=initial)
    done = None
    if round_.state == InventoryRound.State.OPEN:
        done = flow.submit(request, form, lambda: services.answer_inventory(
            actor=request.actor, round_=round_, organisation=organisation,
            expected_version=flow.expected_version(form), confirmed_offers=form.confirmed(),
            no_offers=form.cleaned_data["no_offers"], note=form.cleaned_data["note"]),
            success=_("Danke! Die Antwort für „%(name)s“ ist gespeichert.") % {"name": organisation.name},
            next_url=detail_url)
    return done or render(request, "backoffice/directory/inventory_answer.html", {
        "round": round_, "organisation": organisation, "form": form, "offers": offers, "response": response,
        "is_open": round_.state == InventoryRound.State.OPEN, "can_create": request.actor.can(EDIT_OFFERS),
        "tab": "inventory",
    })


@requires(MANAGE_INVENTORY)
def inventory_close(request: TenantRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(InventoryRound.objects.of(request.municipality), pk=pk)
    form = flow.DeleteForm(request.POST or None, initial={"version": round_.version})
    done = flow.submit(request, form, lambda: services.close_inventory_round(
        actor=request.actor, round_=round_, expected_version=flow.expected_version(form)),
        success=_("Die Bestandsaufnahme ist abgeschlossen."), next_url=_url(request, "inventory_detail", pk=pk))
    return done or render(request, "backoffice/directory/inventory_close.html", {
        "round": round_, "form": form, "tab": "inventory"})


# --- analysis ---------------------------------------------------------------------------------------------


def _inventory(request: TenantRequest) -> selectors.Inventory:
    municipality = request.municipality
    return selectors.inventory(municipality, languages_of_interest=municipality.content_languages)


def chart_spec(inventory: selectors.Inventory) -> dict[str, Any]:
    """Offers per district, stacked by field of action (Vega-Lite)."""
    values = [{"Stadtteil": district, "Handlungsfeld": field, "Angebote": count}
              for (field, district), count in sorted(inventory.by_field_district.items())]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": _("Angebote je Stadtteil, nach Handlungsfeld"),
        "width": "container", "height": 280,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "Stadtteil", "type": "nominal", "sort": inventory.districts,
                  "axis": {"labelAngle": -30, "title": _("Stadtteil")}},
            "y": {"field": "Angebote", "type": "quantitative", "aggregate": "sum",
                  "axis": {"title": _("Angebote"), "tickMinStep": 1}},
            "color": {"field": "Handlungsfeld", "type": "nominal", "legend": {"title": _("Handlungsfeld")}},
        },
    }


@requires(MANAGE_INVENTORY)
@require_GET
def inventory_analysis(request: TenantRequest) -> HttpResponse:
    """Fixed number of queries: the offers, their measures and target groups, the categories."""
    inventory = _inventory(request)
    languages = [(code, language_name(code)) for code in inventory.languages]
    # The gaps of one language at a time (?sprache=fa): the portal's first language after German by default.
    gap_choices = [(code, name) for code, name in languages if code != "de"]
    wanted = request.GET.get("sprache", "")
    gap_language = wanted if wanted in dict(gap_choices) else (gap_choices[0][0] if gap_choices else "")
    return render(request, "backoffice/directory/inventory_analysis.html", {
        "inventory": inventory, "languages": languages, "spec": chart_spec(inventory),
        "gap_choices": gap_choices, "gap_language": gap_language,
        "gap_language_name": dict(gap_choices).get(gap_language, ""),
        "gap_rows": inventory.language_gap_rows(gap_language) if gap_language else [],
        "tab": "analysis",
    })


@requires(MANAGE_INVENTORY)
@require_GET
def inventory_export(request: TenantRequest) -> HttpResponse:
    """The inventory as an Excel workbook: every offer, the tables and the gaps."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    inventory = _inventory(request)
    workbook = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], rows: list[list[Any]], first: bool = False) -> None:
        ws = workbook.active if first else workbook.create_sheet()
        assert ws is not None
        ws.title = title[:31]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "B2"

    sheet(_("Angebote"), [_("Titel"), _("Kategorie"), _("Anbieter"), _("Stadtteil"), _("online"), _("Sprachen"),
                          _("Zielgruppen"), _("kostenlos"), _("Stand"), _("zuletzt bestätigt")], [
        [o.title, str(o.category), str(o.provider or ""), o.district, _("ja") if o.is_online else "",
         ", ".join(o.languages or []), ", ".join(g.name for g in o.target_groups.all()),
         _("ja") if o.is_free else "", o.get_state_display(), o.last_confirmed] for o in inventory.offers], True)
    sheet(_("Handlungsfeld x Stadtteil"), [_("Handlungsfeld"), *inventory.districts, _("Summe")],
          [[field, *counts, total] for field, counts, total in inventory.field_rows()])
    sheet(_("Kategorie x Sprache"), [_("Kategorie"), *inventory.languages],
          [[c, *counts] for c, counts in inventory.language_rows()])
    sheet(_("Kategorie x Zielgruppe"), [_("Kategorie"), *inventory.target_groups],
          [[c, *counts] for c, counts in inventory.target_group_rows()])
    gap_districts = [d for d in inventory.districts if d != selectors.ONLINE]
    sheet(_("Lücken"), [_("Kategorie"), *gap_districts],
          [[c, *[", ".join(m) for m in missing]] for c, missing in inventory.gap_rows()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    stamp = timezone.localdate().isoformat()
    name = f"bestandsaufnahme-{request.municipality.slug}-{stamp}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


