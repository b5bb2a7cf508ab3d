"""A meeting's invitation, registrations and documents in the back office: the registrations page (counts for
everyone who sees the meeting, names and contact only for those who run it), their CSV, the invitation
action, and the invitation and minutes as PDF."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.cleaning import check_query
from teilhabe.core.errors import ServiceError
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.participation import documents
from teilhabe.participation.models import Meeting
from teilhabe.participation.permissions import RUN_MEETINGS, VIEW
from teilhabe.participation.selectors import registrations as selectors
from teilhabe.participation.services import invitations, registrations

CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _meeting(request: TenantRequest, pk: int, perm: object = VIEW) -> Meeting:
    meeting = selectors.meeting_for_staff(request.municipality, pk)
    if meeting is None:
        raise Http404(_("Diese Sitzung gibt es nicht."))
    if not request.actor.can(perm, meeting):  # type: ignore[arg-type]
        raise PermissionDenied
    return meeting


@requires(VIEW)
def meeting_registrations(request: TenantRequest, pk: int) -> HttpResponse:
    """Five queries whatever the number of registrations (session, meeting, members, counts, rows)."""
    check_query(request)
    meeting = _meeting(request, pk)
    runs = request.actor.can(RUN_MEETINGS, meeting)
    counts = selectors.registration_counts(meeting)
    return render(request, "backoffice/participation/meeting_registrations.html", {
        "meeting": meeting, "counts": counts, "can_run": runs,
        "registrations": list(selectors.registrations_of(meeting)) if runs else [],
        "recipients": invitations.recipients(meeting) if runs else [],
        "closed_reason": registrations.registration_closed_reason(meeting),
        "when": documents.when(meeting), "where": documents.where(meeting),
    })


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet does not run as a formula."""
    return "'" + value if value.startswith(CSV_FORMULA_START) else value


@requires(RUN_MEETINGS)
def meeting_registrations_csv(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, RUN_MEETINGS)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Name"), _("E-Mail"), _("Organisation"), _("Unterstützungsbedarf"), _("angemeldet am"),
                     _("wird gelöscht am")])
    for r in selectors.registrations_of(meeting):
        writer.writerow([_csv_cell(r.name), _csv_cell(r.email), _csv_cell(r.organisation_name), _csv_cell(r.needs),
                         r.created_at.strftime("%Y-%m-%d %H:%M"), r.delete_after.isoformat()])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anmeldungen-{meeting.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@requires(RUN_MEETINGS)
def meeting_invite(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, RUN_MEETINGS)  # first: another municipality's id is 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    version = request.POST.get("version", "")
    try:
        invitations.invite(actor=request.actor, meeting=meeting,
                           expected_version=int(version) if version.isdigit() else -1)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Die Einladung wird an %(n)d Adresse(n) versandt.")
                         % {"n": len(invitations.recipients(meeting))})
    return redirect("backoffice:meeting_registrations", municipality=request.municipality.slug, pk=meeting.pk)


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@requires(VIEW)
def meeting_invitation_pdf(request: TenantRequest, pk: int) -> HttpResponse:
    _meeting(request, pk)
    meeting = selectors.meeting_documents(request.municipality, pk)
    assert meeting is not None
    return _pdf(documents.invitation_pdf(meeting), documents.filename(meeting, "einladung"))


@requires(VIEW)
def meeting_minutes_pdf(request: TenantRequest, pk: int) -> HttpResponse:
    _meeting(request, pk)
    meeting = selectors.meeting_documents(request.municipality, pk)
    assert meeting is not None
    return _pdf(documents.minutes_pdf(meeting), documents.filename(meeting, "protokoll"))
