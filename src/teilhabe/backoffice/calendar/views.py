"""Back office of the calendar: Koordination chooses variants, overrides dates, hides observances and
adds its own. Reading needs VIEW, every change EDIT_CALENDAR; services do the writing."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.backoffice import flow
from teilhabe.backoffice.calendar.forms import DateOverrideForm, OwnObservanceForm, VariantsForm
from teilhabe.calendar import selectors, services
from teilhabe.calendar.models import DateOverride, OwnObservance
from teilhabe.calendar.permissions import EDIT_CALENDAR
from teilhabe.core.cleaning import request_param
from teilhabe.core.permissions import VIEW
from teilhabe.core.tenancy import TenantRequest, requires


def _year_from(value: Any) -> int:
    """A year from the query string or a form, within the engine's range; else this year."""
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if selectors.MIN_YEAR <= year <= selectors.MAX_YEAR else timezone.localdate().year


def _admin_url(request: TenantRequest, year: int | None = None) -> str:
    url = reverse("backoffice:calendar_admin", kwargs={"municipality": request.municipality.slug})
    return f"{url}?jahr={year}" if year else url


@requires(VIEW)
def calendar_admin(request: TenantRequest) -> HttpResponse:
    return render(request, "calendar/backoffice/admin.html",
                  _admin_context(request, _year_from(request.GET.get("jahr"))))


def _admin_context(request: TenantRequest, year: int, variants_form: VariantsForm | None = None) -> dict[str, Any]:
    municipality = request.municipality
    setup = selectors.calendar_setup(municipality)
    occurrences = selectors.observances_for(municipality, year, setup=setup, include_hidden=True)
    rows = [
        {
            "occurrence": o,
            "community": setup.community(o.community),
            "hidden": o.key in setup.hidden,
            "override": setup.overrides.get((o.key, year)),
            "is_own": o.key not in selectors.engine_definitions(),
        }
        for o in occurrences
    ]
    return {
        "year": year,
        "rows": rows,
        "variants_form": variants_form or VariantsForm(current=setup.variants, initial={"version": setup.version}),
        "own": setup.own,
        "setup": setup,
        "overrides": sorted(setup.overrides.values(), key=lambda o: (o.year, o.date), reverse=True),
        "portal_url": reverse("portal:calendar", kwargs={"municipality": municipality.slug}),
        "can_edit": request.actor.can(EDIT_CALENDAR),
        "previous_year": year - 1 if year > selectors.MIN_YEAR else None,
        "next_year": year + 1 if year < selectors.MAX_YEAR else None,
    }


@requires(EDIT_CALENDAR)
@require_POST
def calendar_variants(request: TenantRequest) -> HttpResponse:
    """Saved: back to the page. A concurrent change of the variants: the page again, with the person's
    choices and what the other person chose."""
    municipality = request.municipality
    year = _year_from(request.POST.get("jahr"))
    form = VariantsForm(request.POST, current=selectors.calendar_setup(municipality).variants)
    if not form.is_valid():
        for message in list(form.non_field_errors()) or [
                _("Bitte wählen Sie für jede Gruppe eine der angebotenen Varianten.")]:
            messages.error(request, str(message))
        return redirect(_admin_url(request, year))
    done = flow.submit(request, form, lambda: services.set_variants(
        actor=request.actor, municipality=municipality, expected_version=flow.expected_version(form),
        variants=form.variants()),
        success=_("Die Varianten wurden gespeichert."), next_url=_admin_url(request, year))
    return done or render(request, "calendar/backoffice/admin.html",
                          _admin_context(request, year, variants_form=form))


@requires(EDIT_CALENDAR)
def calendar_override(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    setup = selectors.calendar_setup(municipality)
    form = DateOverrideForm(request.POST or None, setup=setup,
                            initial=None if request.method == "POST" else _override_initial(request, setup))
    done = flow.submit(request, form, lambda: services.set_date_override(
        actor=request.actor, municipality=municipality, expected_version=form.expected_version(),
        **{key: form.cleaned_data[key] for key in ("observance_key", "year", "date", "end_date", "note")}),
        success=_("Das Datum wurde gespeichert."), next_url=lambda override: _admin_url(request, override.year))
    return done or render(request, "calendar/backoffice/override_form.html", {
        "form": form, "admin_url": _admin_url(request)})


def _override_initial(request: TenantRequest, setup: selectors.CalendarSetup) -> dict[str, Any]:
    """Prefill from ?key=&jahr=: an existing override, else the computed date."""
    key = request_param(request, "key")[:60]
    year = _year_from(request.GET.get("jahr"))
    initial: dict[str, Any] = {"observance_key": key, "year": year, "version": 0,
                               "opened_for": DateOverrideForm.target(key, year)}
    existing = setup.overrides.get((key, year))
    if existing is not None:
        initial.update(date=existing.date, end_date=existing.end_date, note=existing.note, version=existing.version)
        return initial
    municipality = request.municipality
    computed = [o for o in selectors.observances_for(municipality, year, setup=setup, include_hidden=True)
                if o.key == key]
    if computed:
        initial.update(date=computed[0].date, end_date=computed[0].end_date)
    return initial


@requires(EDIT_CALENDAR)
@require_POST
def calendar_override_delete(request: TenantRequest) -> HttpResponse:
    """The button in the list deletes against the version it showed; after a concurrent change the person
    sees what changed and confirms again."""
    year = _year_from(request.POST.get("jahr"))
    key = request_param(request, "observance_key", request.POST)[:60]
    override = DateOverride.objects.of(request.municipality).filter(observance_key=key, year=year).first()
    if override is None:
        messages.error(request, _("Für diesen Eintrag und dieses Jahr ist kein abweichendes Datum eingetragen."))
        return redirect(_admin_url(request, year))
    return flow.confirm_delete(
        request, version=override.version,
        delete=partial(services.delete_date_override, actor=request.actor, override=override),
        success=_("Das abweichende Datum wurde entfernt; es gilt wieder das berechnete."),
        done_url=_admin_url(request, year),
        context={"heading": _("Abweichendes Datum entfernen"),
                 "question": _("Soll für „%(key)s“ %(year)d wieder das berechnete Datum gelten?")
                 % {"key": key, "year": year},
                 "cancel_url": _admin_url(request, year), "hidden": {"observance_key": key, "jahr": year}})


def _toggle(request: TenantRequest, hide: bool) -> HttpResponse:
    municipality = request.municipality
    key = request_param(request, "observance_key", request.POST)[:60]
    year = _year_from(request.POST.get("jahr"))
    if hide:
        flow.act(request, lambda: services.hide_observance(
            actor=request.actor, municipality=municipality, observance_key=key),
            success=_("Der Eintrag wird im Kalender nicht mehr gezeigt."))
    else:
        flow.act(request, lambda: services.unhide_observance(
            actor=request.actor, municipality=municipality, observance_key=key),
            success=_("Der Eintrag wird im Kalender wieder gezeigt."))
    return redirect(_admin_url(request, year))


@requires(EDIT_CALENDAR)
@require_POST
def calendar_hide(request: TenantRequest) -> HttpResponse:
    return _toggle(request, hide=True)


@requires(EDIT_CALENDAR)
@require_POST
def calendar_unhide(request: TenantRequest) -> HttpResponse:
    return _toggle(request, hide=False)


OWN_FIELD_MAP = {"names": "name_de"}
OWN_PARAM = "kennung"


@requires(EDIT_CALENDAR)
def calendar_own_create(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    form = OwnObservanceForm(request.POST or None, languages=municipality.content_languages, with_version=False)
    done = flow.submit(request, form, lambda: services.create_own_observance(
        actor=request.actor, municipality=municipality, values=form.values()),
        success=_("Der eigene Feier- oder Gedenktag wurde angelegt."), next_url=_admin_url(request),
        error_fields=OWN_FIELD_MAP)
    return done or render(request, "calendar/backoffice/own_form.html", {
        "form": form, "observance": None, "admin_url": _admin_url(request)})


def _own_from(request: TenantRequest, data: Any) -> OwnObservance | None:
    """The municipality's own observance named by ?kennung= (or the form field); another
    municipality's key simply does not exist here."""
    key = request_param(request, OWN_PARAM, data)[:60]
    if not key:
        return None
    return get_object_or_404(OwnObservance.objects.of(request.municipality), key=key)


@requires(EDIT_CALENDAR)
def calendar_own_edit(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    observance = _own_from(request, request.GET)
    if observance is None:
        messages.info(request, _("Bitte wählen Sie einen eigenen Eintrag aus der Liste."))
        return redirect(_admin_url(request))
    form = OwnObservanceForm(request.POST or None, initial=OwnObservanceForm.initial_for(observance),
                             languages=municipality.content_languages)
    done = flow.submit(request, form, lambda: services.update_own_observance(
        actor=request.actor, observance=observance, expected_version=flow.expected_version(form),
        values=form.values()),
        success=_("Die Änderungen wurden gespeichert."), next_url=_admin_url(request), error_fields=OWN_FIELD_MAP)
    return done or render(request, "calendar/backoffice/own_form.html", {
        "form": form, "observance": observance, "admin_url": _admin_url(request)})


@requires(EDIT_CALENDAR)
@require_POST
def calendar_own_delete(request: TenantRequest) -> HttpResponse:
    observance = _own_from(request, request.POST)
    if observance is None:
        messages.error(request, _("Bitte wählen Sie einen eigenen Eintrag aus der Liste."))
        return redirect(_admin_url(request))
    return flow.confirm_delete(
        request, version=observance.version,
        delete=partial(services.delete_own_observance, actor=request.actor, observance=observance),
        success=_("Der eigene Feier- oder Gedenktag wurde gelöscht."), done_url=_admin_url(request),
        context={"heading": _("Eigenen Eintrag löschen"),
                 "question": _("Wollen Sie „%(name)s“ löschen?") % {"name": observance},
                 "consequence": _("Eingetragene Daten und das Ausblenden dieses Eintrags werden mitgelöscht."),
                 "cancel_url": _admin_url(request), "hidden": {OWN_PARAM: observance.key}})
