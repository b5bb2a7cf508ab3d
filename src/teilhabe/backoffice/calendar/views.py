"""Back office of the calendar: Koordination chooses variants, overrides dates, hides observances and
adds its own. Reading needs VIEW, every change EDIT_CALENDAR; services do the writing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.backoffice.calendar.forms import DateOverrideForm, OwnObservanceForm, VariantsForm
from teilhabe.calendar import selectors, services
from teilhabe.calendar.models import DateOverride, OwnObservance
from teilhabe.calendar.permissions import EDIT_CALENDAR
from teilhabe.core.cleaning import request_param
from teilhabe.core.errors import ServiceError
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


def _add_errors(form: Any, error: ValidationError, field_map: dict[str, str] | None = None) -> None:
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            target = field_map.get(name, name)
            for message in errors:
                form.add_error(target if target in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@requires(VIEW)
def calendar_admin(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    year = _year_from(request.GET.get("jahr"))
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
    return render(request, "calendar/backoffice/admin.html", {
        "year": year,
        "rows": rows,
        "variants_form": VariantsForm(current=setup.variants),
        "own": setup.own,
        "setup": setup,
        "overrides": sorted(setup.overrides.values(), key=lambda o: (o.year, o.date), reverse=True),
        "portal_url": reverse("portal:calendar", kwargs={"municipality": municipality.slug}),
        "can_edit": request.actor.can(EDIT_CALENDAR),
        "previous_year": year - 1 if year > selectors.MIN_YEAR else None,
        "next_year": year + 1 if year < selectors.MAX_YEAR else None,
    })


@requires(EDIT_CALENDAR)
@require_POST
def calendar_variants(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    setup = selectors.calendar_setup(municipality)
    form = VariantsForm(request.POST, current=setup.variants)
    if form.is_valid():
        try:
            services.set_variants(actor=request.actor, municipality=municipality,
                                  variants=form.variants())
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Die Varianten wurden gespeichert."))
    else:
        messages.error(request, _("Bitte wählen Sie für jede Gruppe eine der angebotenen Varianten."))
    return redirect(_admin_url(request, _year_from(request.POST.get("jahr"))))


@requires(EDIT_CALENDAR)
def calendar_override(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    setup = selectors.calendar_setup(municipality)
    if request.method == "POST":
        form = DateOverrideForm(request.POST, setup=setup)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_date_override(
                    actor=request.actor, municipality=municipality,
                    observance_key=data["observance_key"], year=data["year"], date=data["date"],
                    end_date=data["end_date"], note=data["note"],
                )
            except ServiceError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Das Datum wurde gespeichert."))
                return redirect(_admin_url(request, data["year"]))
    else:
        form = DateOverrideForm(setup=setup, initial=_override_initial(request, setup))
    return render(request, "calendar/backoffice/override_form.html", {"form": form, "admin_url": _admin_url(request)})


def _override_initial(request: TenantRequest, setup: selectors.CalendarSetup) -> dict[str, Any]:
    """Prefill from ?key=&jahr=: an existing override, else the computed date."""
    key = request_param(request, "key")[:60]
    year = _year_from(request.GET.get("jahr"))
    initial: dict[str, Any] = {"observance_key": key, "year": year}
    existing = setup.overrides.get((key, year))
    if existing is not None:
        initial.update(date=existing.date, end_date=existing.end_date, note=existing.note)
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
    year = _year_from(request.POST.get("jahr"))
    override = DateOverride.objects.of(request.municipality).filter(
        observance_key=request_param(request, "observance_key", request.POST)[:60], year=year).first()
    if override is None:
        messages.error(request, _("Für diesen Eintrag und dieses Jahr ist kein abweichendes Datum eingetragen."))
    else:
        services.delete_date_override(actor=request.actor, override=override)
        messages.success(request, _("Das abweichende Datum wurde entfernt; es gilt wieder das berechnete."))
    return redirect(_admin_url(request, year))


def _toggle(request: TenantRequest, hide: bool) -> HttpResponse:
    municipality = request.municipality
    key = request_param(request, "observance_key", request.POST)[:60]
    year = _year_from(request.POST.get("jahr"))
    try:
        if hide:
            services.hide_observance(actor=request.actor, municipality=municipality,
                                     observance_key=key)
            messages.success(request, _("Der Eintrag wird im Kalender nicht mehr gezeigt."))
        else:
            services.unhide_observance(actor=request.actor, municipality=municipality,
                                       observance_key=key)
            messages.success(request, _("Der Eintrag wird im Kalender wieder gezeigt."))
    except ServiceError as error:
        messages.error(request, error.message)
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
    form = OwnObservanceForm(request.POST or None, languages=municipality.content_languages)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_own_observance(actor=request.actor, municipality=municipality,
                                           values=form.values())
        except ValidationError as error:
            _add_errors(form, error, OWN_FIELD_MAP)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Der eigene Feier- oder Gedenktag wurde angelegt."))
            return redirect(_admin_url(request))
    return render(request, "calendar/backoffice/own_form.html", {"form": form, "observance": None,
                                                                 "admin_url": _admin_url(request)})


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
    if request.method == "POST":
        form = OwnObservanceForm(request.POST, languages=municipality.content_languages)
        if form.is_valid():
            try:
                services.update_own_observance(
                    actor=request.actor, observance=observance,
                    expected_version=form.cleaned_data.get("version") or observance.version, values=form.values(),
                )
            except ValidationError as error:
                _add_errors(form, error, OWN_FIELD_MAP)
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Die Änderungen wurden gespeichert."))
                return redirect(_admin_url(request))
    else:
        form = OwnObservanceForm(initial=OwnObservanceForm.initial_for(observance),
                                 languages=municipality.content_languages)
    return render(request, "calendar/backoffice/own_form.html", {"form": form, "observance": observance,
                                                                 "admin_url": _admin_url(request)})


@requires(EDIT_CALENDAR)
@require_POST
def calendar_own_delete(request: TenantRequest) -> HttpResponse:
    observance = _own_from(request, request.POST)
    if observance is None:
        messages.error(request, _("Bitte wählen Sie einen eigenen Eintrag aus der Liste."))
        return redirect(_admin_url(request))
    try:
        version = int(request.POST.get("version", observance.version))
    except ValueError:
        version = observance.version
    try:
        services.delete_own_observance(actor=request.actor, observance=observance,
                                       expected_version=version)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Der eigene Feier- oder Gedenktag wurde gelöscht."))
    return redirect(_admin_url(request))
