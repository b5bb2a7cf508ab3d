"""Public registration for a participation meeting on a municipality's portal, the one-click withdrawal,
and a public meeting as iCalendar and its minutes as PDF once published. No login; the municipality comes
from the URL, so a meeting id of another municipality is not found (404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import TenantRequest
from teilhabe.core.throttling import client_address
from teilhabe.participation import documents
from teilhabe.participation.models import Meeting
from teilhabe.participation.selectors import registrations as selectors
from teilhabe.participation.services import registrations as services
from teilhabe.portal.participation.forms_registrations import RegistrationForm

THROTTLE_WINDOW = 3600


def _throttled(request: TenantRequest) -> bool:
    """At most TEILHABE_REGISTRATION_LIMIT registrations an hour from one address (counted when tried)."""
    address = client_address(request)
    if not address:
        return False
    limit = int(getattr(settings, "TEILHABE_REGISTRATION_LIMIT", 20))
    key = f"teilhabe:registration:address:{address}"
    if int(cache.get(key, 0)) >= limit:
        return True
    if not cache.add(key, 1, timeout=THROTTLE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, timeout=THROTTLE_WINDOW)
    return False


def _public_meeting(request: TenantRequest, pk: int) -> Meeting:
    meeting = selectors.public_meeting(request.municipality, pk)
    if meeting is None:
        raise Http404(_("Diese Veranstaltung gibt es nicht."))
    return meeting


def _context(meeting: Meeting) -> dict[str, object]:
    return {"meeting": meeting, "when": documents.when(meeting), "where": documents.where(meeting),
            "description": documents.plain(meeting.description), "agenda": documents.plain(meeting.agenda),
            "counts": selectors.registration_counts(meeting),
            "closed_reason": services.registration_closed_reason(meeting)}


@require_http_methods(["GET", "POST"])
def registration_form(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = request.municipality
    meeting = _public_meeting(request, pk)
    context = _context(meeting)
    consent = services.consent_text(meeting)
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST, consent_text=consent)
        if form.is_spam:  # answer a bot like a person, but keep nothing
            return redirect("portal:participation_registrations_thanks", municipality=municipality.slug, pk=pk)
        if _throttled(request):
            messages.error(request, _("Von Ihrem Anschluss kamen in der letzten Stunde zu viele Anmeldungen. "
                                      "Bitte versuchen Sie es später noch einmal."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.register(municipality=municipality, meeting_id=meeting.pk, name=data["name"],
                                  email=data["email"], organisation_name=data["organisation_name"],
                                  needs=data["needs"], consent=data["consent"],
                                  user=request.user if request.user.is_authenticated else None,
                                  keep_informed=data["keep_informed"], language=get_language() or "de")
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, field_errors in error.message_dict.items():
                        for message in field_errors:
                            form.add_error(field if field in form.fields else None, message)
                else:
                    for message in error.messages:
                        form.add_error(None, message)
            else:
                return redirect("portal:participation_registrations_thanks", municipality=municipality.slug, pk=pk)
        if status == 200:
            messages.error(request, _("Die Anmeldung wurde nicht gespeichert. Bitte prüfen Sie Ihre Eingaben."))
            status = 400
        context = _context(meeting)  # the reason may have changed (the last place went)
    else:
        form = RegistrationForm(consent_text=consent)
    return render(request, "portal/participation/registration_form.html",
                  {**context, "form": form, "consent_text": consent}, status=status)


@require_GET
def registration_thanks(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _public_meeting(request, pk)
    return render(request, "portal/participation/registration_thanks.html", _context(meeting))


@require_http_methods(["GET", "POST"])
def registration_cancel(request: TenantRequest, token: str) -> HttpResponse:
    """The link in the confirmation opens a page with one button: a mail program that fetches links to check
    them must not withdraw anyone's registration."""
    municipality = request.municipality
    if request.method == "POST":
        meeting = services.cancel(municipality=municipality, token=token)
        return render(request, "portal/participation/registration_cancelled.html",
                      {"meeting": meeting, "done": meeting is not None}, status=200 if meeting else 404)
    registration = selectors.registration_by_token(municipality, token)
    if registration is None:
        return render(request, "portal/participation/registration_cancelled.html",
                      {"meeting": None, "done": False}, status=404)
    return render(request, "portal/participation/registration_cancel.html",
                  {"registration": registration, "meeting": registration.meeting,
                   "when": documents.when(registration.meeting)})


@require_GET
def meeting_ics(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _public_meeting(request, pk)
    url = request.build_absolute_uri(reverse("portal:participation_registrations_form", kwargs={
        "municipality": request.municipality.slug, "pk": meeting.pk})) if meeting.registration_open else ""
    data = documents.to_ics([meeting], name=meeting.title, urls={meeting.pk: url} if url else None)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veranstaltung-{meeting.pk}.ics"'
    return response


@require_GET
def meeting_minutes_pdf(request: TenantRequest, pk: int) -> HttpResponse:
    """The minutes of a public meeting, once they are published."""
    meeting = selectors.meeting_documents(request.municipality, pk, public_only=True)
    if meeting is None or meeting.minutes_published_at is None:
        raise Http404(_("Für diese Veranstaltung ist kein Protokoll veröffentlicht."))
    response = HttpResponse(documents.minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.filename(meeting, "protokoll")}"'
    return response


# --- the portal's calendar -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Occurrence:
    all_day: bool = False
    cancelled: bool = False
    moved: bool = False


@dataclass(frozen=True)
class _CalendarEntry:
    """A public meeting in the shape the calendar's event templates read (title, organiser, place)."""

    title: str
    organiser: str
    place_name: str
    online_url: str
    district: str = ""
    is_free: bool = True


def calendar_rows(municipality: Municipality, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    """Public, not cancelled participation meetings that touch start … end as rows of the calendar's event
    pages (one query): the month view and the event list show them beside the events."""
    rows = []
    for meeting in selectors.public_meetings_between(municipality, start, end):
        begins, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        entry = _CalendarEntry(
            title=meeting.title, organiser=meeting.body.name if meeting.body else municipality.name,
            place_name=meeting.place if meeting.format != Meeting.Format.ONLINE else "",
            online_url=meeting.online_url)
        rows.append({
            "occurrence": _Occurrence(), "event": entry, "start": begins, "end": ends, "last_day": ends.date(),
            "multi_day": ends.date() != begins.date(), "meeting": meeting,
            "url": reverse("portal:participation_bodies_meeting",
                           kwargs={"municipality": municipality.slug, "pk": meeting.pk}),
            "categories": [str(_("Bürgerbeteiligung"))], "languages": [],
        })
    return rows
