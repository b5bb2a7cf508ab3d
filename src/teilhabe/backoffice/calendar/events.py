"""Back office of events: the list (filters, paging), the form, the occurrences of a series with "cancel" and
"move", and Koordination's choice for the printed calendar. Every view needs EDIT_EVENTS; an organisation
editor (Reach.OWN) sees and edits only the events of their organisations. Services do the writing."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.calendar.forms_events import EventForm, OccurrenceForm, initial_of
from teilhabe.calendar.events import recurrence, selectors, services
from teilhabe.calendar.models import DEFAULT_TIME_ZONE, Event
from teilhabe.calendar.permissions import EDIT_CALENDAR, EDIT_EVENTS
from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:events_list", kwargs={"municipality": request.municipality.slug})


def _event(request: TenantRequest, pk: int) -> Event:
    """The event, if it is the municipality's (else 404) and the actor may edit it (else 403)."""
    event = selectors.event_detail(request.municipality, pk, published_only=False)
    if event is None:
        raise Http404
    if not request.actor.can(EDIT_EVENTS, event):
        raise PermissionDenied
    return event


def _organisers(request: TenantRequest) -> tuple[list[Organisation], list[OrgUnit]]:
    organisations, units = selectors.organisers(request.municipality)
    actor = request.actor
    if not actor.holds_fully(EDIT_EVENTS):
        return [o for o in organisations if o.pk in actor.organisation_ids], [
            u for u in units if u.pk in actor.org_unit_ids]
    return organisations, units


def _int(value: Any) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None


@requires(EDIT_EVENTS)
def events_list(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    categories = services.ensure_default_categories(municipality)
    organisations, _units = _organisers(request)
    state = request.GET.get("status", "")
    filters = selectors.EventFilters(
        categories=tuple(k for k in request.GET.getlist("kategorie") if k in {c.key for c in categories}),
        organisation=_int(request.GET.get("organisation")),
        state=state if state in Event.State.values else "",
        q=(request.GET.get("q") or "").strip()[:100],
    )
    page = selectors.event_list(municipality, filters, page=_int(request.GET.get("seite")) or 1,
                                own_of=None if request.actor.holds_fully(EDIT_EVENTS) else request.actor)
    query: list[tuple[str, str]] = [(k, str(v)) for k, v in request.GET.items() if k != "seite"]
    return render(request, "calendar/backoffice/event_list.html", {
        "page": page, "filters": filters, "categories": categories, "organisations": organisations,
        "states": Event.State.choices,
        "previous_url": "?" + urlencode([*query, ("seite", str(page.number - 1))]) if page.has_previous else "",
        "next_url": "?" + urlencode([*query, ("seite", str(page.number + 1))]) if page.has_next else "",
        "can_print": request.actor.can(EDIT_CALENDAR),
    })


def _form(request: TenantRequest, initial: dict[str, Any] | None, *, with_version: bool) -> EventForm:
    organisations, units = _organisers(request)
    return EventForm(request.POST or None, initial=None if request.method == "POST" else initial,
                     organisations=organisations, units=units, with_version=with_version,
                     categories=services.ensure_default_categories(request.municipality))


ERROR_FIELDS = {"organisation": "organiser", "org_unit": "organiser", "start": "start_date", "end": "end_date",
                "time_zone": "start_date"}


@requires(EDIT_EVENTS)
def events_create(request: TenantRequest) -> HttpResponse:
    organisations, units = _organisers(request)
    initial: dict[str, Any] = {"is_free": True, "state": Event.State.DRAFT, "repeat": "none"}
    if len(organisations) + len(units) == 1:
        initial["organiser"] = f"o{organisations[0].pk}" if organisations else f"u{units[0].pk}"
    form = _form(request, initial, with_version=False)
    done = flow.submit(request, form, lambda: services.create_event(
        actor=request.actor, municipality=request.municipality, values=form.values()),
        success=_("Der Termin wurde angelegt."), error_fields=ERROR_FIELDS,
        next_url=lambda event: reverse("backoffice:event_edit", kwargs={
            "municipality": request.municipality.slug, "pk": event.pk}))
    return done or render(request, "calendar/backoffice/event_form.html",
                          {"form": form, "list_url": _list_url(request)})


@requires(EDIT_EVENTS)
def event_edit(request: TenantRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = _form(request, initial_of(event, recurrence.zone(event.time_zone)), with_version=True)
    done = flow.submit(request, form, lambda: services.update_event(
        actor=request.actor, event=event, expected_version=flow.expected_version(form), values=form.values()),
        success=_("Der Termin wurde gespeichert."), error_fields=ERROR_FIELDS,
        next_url=reverse("backoffice:event_edit", kwargs={"municipality": request.municipality.slug, "pk": pk}),
        gone_url=_list_url(request))
    return done or render(request, "calendar/backoffice/event_form.html", {
        "form": form, "event": event, "list_url": _list_url(request),
        "portal_url": reverse("portal:event_detail", kwargs={"municipality": request.municipality.slug, "pk": pk}),
        "can_print": request.actor.can(EDIT_CALENDAR)})


@requires(EDIT_EVENTS)
def event_delete(request: TenantRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return flow.confirm_delete(
        request, version=event.version,
        delete=partial(services.delete_event, actor=request.actor, event=event),
        success=_("Der Termin wurde gelöscht."), done_url=_list_url(request),
        context={"heading": _("Termin löschen"),
                 "question": _("Soll der Termin „%(title)s“ mit allen Einzelterminen gelöscht werden?")
                 % {"title": event.title},
                 "cancel_url": reverse("backoffice:event_edit", kwargs={
                     "municipality": request.municipality.slug, "pk": pk})})


def _print_rule(actor: Actor, obj: object) -> bool:
    return actor.can(EDIT_CALENDAR)


@requires(EDIT_EVENTS)
def event_print(request: TenantRequest, pk: int) -> HttpResponse:
    """Koordination marks the event for the printed wall calendar (or takes it out); a GET goes to the form."""
    event = _event(request, pk)
    if not request.actor.can(EDIT_CALENDAR):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(reverse("backoffice:event_edit", kwargs={"municipality": request.municipality.slug, "pk": pk}))
    selected = request.POST.get("selected") == "1"
    version = _int(request.POST.get("version")) or 0
    flow.act(request, lambda: services.set_selected_for_print(
        actor=request.actor, event=event, expected_version=version, selected=selected),
        success=_("Der Termin erscheint im gedruckten Kalender.") if selected
        else _("Der Termin erscheint nicht mehr im gedruckten Kalender."))
    return redirect(reverse("backoffice:event_edit", kwargs={"municipality": request.municipality.slug, "pk": pk}))


event_print.object_rule = _print_rule  # type: ignore[attr-defined]


@requires(EDIT_EVENTS)
def event_occurrences(request: TenantRequest, pk: int) -> HttpResponse:
    """The occurrences of a series from today on, each with "cancel", "move" and (when changed) "as planned"."""
    event = _event(request, pk)
    url = reverse("backoffice:event_occurrences", kwargs={"municipality": request.municipality.slug, "pk": pk})
    form = OccurrenceForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Die Angaben zum Einzeltermin sind unvollständig."))
            return redirect(url)
        data = form.cleaned_data
        recurrence_id = data["recurrence_id"]
        if data["action"] == "cancel":
            flow.act(request, lambda: services.cancel_occurrence(
                actor=request.actor, event=event, recurrence_id=recurrence_id, note=data["note"]),
                success=_("Der Einzeltermin fällt aus."))
        elif data["action"] == "move":
            if data["new_start"] is None:
                messages.error(request, _("Bitte geben Sie den neuen Beginn an."))
            else:
                flow.act(request, lambda: services.move_occurrence(
                    actor=request.actor, event=event, recurrence_id=recurrence_id, start=data["new_start"]),
                    success=_("Der Einzeltermin wurde verschoben."))
        else:
            flow.act(request, lambda: services.restore_occurrence(
                actor=request.actor, event=event, recurrence_id=recurrence_id),
                success=_("Der Einzeltermin findet wie geplant statt."))
        return redirect(url)
    tz = recurrence.zone(event.time_zone or DEFAULT_TIME_ZONE)
    rows = [{"occurrence": o, "start": o.start.astimezone(tz), "end": o.end.astimezone(tz),
             "recurrence_id": (o.recurrence_id or o.start).astimezone(dt.UTC).isoformat(),
             "changed": o.cancelled or o.moved}
            for o in selectors.occurrences_of(event, first=timezone.now() - dt.timedelta(days=1), limit=100)]
    return render(request, "calendar/backoffice/event_occurrences.html", {
        "event": event, "rows": rows, "list_url": _list_url(request),
        "edit_url": reverse("backoffice:event_edit", kwargs={"municipality": request.municipality.slug, "pk": pk})})
