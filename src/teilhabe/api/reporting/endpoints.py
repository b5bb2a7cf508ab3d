"""Reporting rounds in the REST API: Koordination and Lesend follow a round's progress and its handed-in
reports; an office answers its own reports; Koordination accepts or returns them.

GET  /api/v1/{municipality}/reporting/rounds                      rounds with their progress (VIEW_ROUNDS)
GET  /api/v1/{municipality}/reporting/rounds/{round_id}           one round, progress per office and field
GET  /api/v1/{municipality}/reporting/rounds/{round_id}/reports   its reports; answers only once handed in
GET  /api/v1/{municipality}/reporting/inbox                       the caller's reports to answer (ANSWER_REPORT)
GET  /api/v1/{municipality}/reporting/reports/{report_id}/answer  the answer, draft included (its answerer)
PUT  /api/v1/{municipality}/reporting/reports/{report_id}/answer  save the answer as a draft (needs `version`)
POST /api/v1/{municipality}/reporting/reports/{report_id}/submit  hand the saved answer in (needs `version`)
POST /api/v1/{municipality}/reporting/reports/{report_id}/accept  accept (MANAGE_ROUNDS, needs `version`)
POST /api/v1/{municipality}/reporting/reports/{report_id}/return  return with a comment (MANAGE_ROUNDS)

Reads go through teilhabe.reporting.selectors, writes through teilhabe.reporting.services (guard, version
claim, audit, steps, the office's mail); errors become answers in teilhabe.api.main."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from teilhabe.api.auth import MemberSessionAuth, actor_of, municipality_of, require
from teilhabe.api.plans.endpoints import status_out
from teilhabe.api.reporting.schemas import (
    AnswerOut,
    AnswerPutIn,
    GroupProgressOut,
    InboxItemOut,
    IndicatorValueOut,
    ProgressOut,
    ReportAnswerOut,
    ReportIdPath,
    ReportOut,
    ReportState,
    ReturnIn,
    RoundDetailOut,
    RoundIdPath,
    RoundOut,
    RoundReportsQuery,
    RoundScope,
    RoundState,
    SuccessValue,
    VersionIn,
)
from teilhabe.api.schemas import ERRORS_WRITE, RefOut, Slug, errors, with_api_names
from teilhabe.core.models import Municipality
from teilhabe.plans.models import StatusOption
from teilhabe.plans.selectors import status_options_of
from teilhabe.reporting import selectors, services
from teilhabe.reporting.models import MeasureReport, ReportingRound, Success
from teilhabe.reporting.permissions import ANSWER_REPORT, MANAGE_ROUNDS, VIEW_ROUNDS
from teilhabe.reporting.selectors import StateCounts

router = Router(tags=["Berichtsrunden"], auth=MemberSessionAuth())

ERRORS_READ_ROLE = errors(401, 403, 404, 422)
HANDED_IN = (MeasureReport.State.SUBMITTED, MeasureReport.State.ACCEPTED)
# Service field → the API field that carries it, so that errors name what the client sent.
API_NAMES = {"status": "status_id"}


# --- building the answers -------------------------------------------------------------------------------------


def _progress(counts: StateCounts) -> ProgressOut:
    return ProgressOut(total=counts.total, pending=counts.pending, draft=counts.draft, submitted=counts.submitted,
                       returned=counts.returned, accepted=counts.accepted, missing=counts.missing,
                       late=counts.late, percent_in=counts.percent_in)


def _round_fields(round_: ReportingRound, counts: StateCounts) -> dict[str, Any]:
    return {
        "id": round_.pk, "title": round_.title, "plan_id": round_.edition.plan_id, "edition_id": round_.edition_id,
        "period_start": round_.period_start, "period_end": round_.period_end, "deadline": round_.deadline,
        "scope": cast(RoundScope, round_.scope), "state": cast(RoundState, round_.state),
        "state_label": round_.get_state_display(), "remind_days_before": round_.remind_days_before,
        "opened_at": round_.opened_at, "closed_at": round_.closed_at, "published_at": round_.published_at,
        "version": round_.version, "progress": _progress(counts),
    }


def _answer(report: MeasureReport) -> AnswerOut:
    return AnswerOut(
        status=status_out(report.status) if report.status else None, progress=report.progress,
        success=cast(SuccessValue, report.success) if report.success else None,
        success_label=str(Success(report.success).label) if report.success else "",
        success_reason=report.success_reason,
        indicator_values=[IndicatorValueOut(indicator=str(v.get("indicator", "")), value=str(v.get("value", "")))
                          for v in report.indicator_values or [] if isinstance(v, dict)],
        obstacles=report.obstacles, next_steps=report.next_steps, reached_total=report.reached_total,
        reached_women=report.reached_women, reached_men=report.reached_men, reached_diverse=report.reached_diverse,
    )


def _report_out(report: MeasureReport) -> ReportOut:
    """A report for review: a draft's answer (or a returned report's, being reworked) is never included."""
    return ReportOut(
        id=report.pk, round_id=report.round_id, measure_id=report.measure_id, reference=report.reference,
        title=report.title, field_title=report.field_title, is_key_project=report.is_key_project,
        addressed_org_units=[RefOut(id=u.pk, name=u.name) for u in report.addressed_org_units.all()],
        addressed_organisations=[RefOut(id=o.pk, name=o.name) for o in report.addressed_organisations.all()],
        state=cast(ReportState, report.state), state_label=report.get_state_display(),
        submitted_at=report.submitted_at, reviewed_at=report.reviewed_at, review_comment=report.review_comment,
        version=report.version, answer=_answer(report) if report.state in HANDED_IN else None,
    )


def _answer_out(report: MeasureReport, municipality: Municipality) -> ReportAnswerOut:
    round_ = report.round
    return ReportAnswerOut(
        id=report.pk, round_id=round_.pk, round_title=round_.title, period_start=round_.period_start,
        period_end=round_.period_end, deadline=round_.deadline, reference=report.reference, title=report.title,
        field_title=report.field_title, indicators=[str(i) for i in report.indicators or []],
        status_options=[status_out(s) for s in status_options_of(municipality)],
        state=cast(ReportState, report.state), state_label=report.get_state_display(),
        editable=report.is_editable and round_.is_open, review_comment=report.review_comment,
        version=report.version, answer=_answer(report),
    )


# --- looking objects up ---------------------------------------------------------------------------------------


def _round(municipality: Municipality, round_id: int) -> ReportingRound:
    try:
        return selectors.round_of(municipality, round_id)
    except ReportingRound.DoesNotExist:
        raise Http404 from None


def _report(municipality: Municipality, report_id: int) -> MeasureReport:
    """A report of the municipality with what the guard and the answer need (another municipality's: 404)."""
    report = (MeasureReport.objects.filter(municipality=municipality, pk=report_id)
              .select_related("round", "status").prefetch_related("addressed_org_units", "addressed_organisations")
              .first())
    if report is None:
        raise Http404
    return report


def _answer_values(municipality: Municipality, payload: AnswerPutIn) -> dict[str, Any]:
    data = payload.model_dump(exclude={"version", "status_id"})
    data["success"] = data["success"] or ""
    data["indicator_values"] = [dict(v) for v in data["indicator_values"]]
    status = None
    if payload.status_id is not None:
        status = StatusOption.objects.of(municipality).filter(pk=payload.status_id).first()
        if status is None:
            raise ValidationError({"status_id": [_("Diesen Status gibt es im Statusschema nicht.")]})
    return {**data, "status": status}




# --- rounds ---------------------------------------------------------------------------------------------------


@router.get("/{slug:municipality}/reporting/rounds", response={200: list[RoundOut], **ERRORS_READ_ROLE},
            operation_id="reporting_rounds_list", summary="Berichtsrunden / reporting rounds")
def rounds_list(request: HttpRequest, municipality: Slug) -> list[RoundOut]:
    """Alle Berichtsrunden der Kommune, neueste zuerst, mit ihrem Fortschritt (eingereicht, angenommen,
    zurückgegeben, fehlend, überfällig). Koordination und Lesend. Feste Zahl von Datenbankabfragen.

    Every reporting round with its progress counts."""
    require(request, VIEW_ROUNDS)
    rounds = list(selectors.rounds_of(municipality_of(request)))
    progress = selectors.rounds_progress(rounds)
    return [RoundOut(**_round_fields(r, progress[r.pk])) for r in rounds]


@router.get("/{slug:municipality}/reporting/rounds/{round_id}", response={200: RoundDetailOut, **ERRORS_READ_ROLE},
            operation_id="reporting_round_get", summary="Eine Berichtsrunde / one reporting round")
def round_get(request: HttpRequest, municipality: Slug, round_id: RoundIdPath) -> RoundDetailOut:
    """Eine Berichtsrunde mit ihrem Fortschritt insgesamt, je Stelle und je Handlungsfeld.

    One round with its progress overall, per office and per field of action."""
    require(request, VIEW_ROUNDS)
    round_ = _round(municipality_of(request), round_id)
    progress = selectors.round_progress(round_)
    return RoundDetailOut(
        **_round_fields(round_, progress.overall),
        by_office=[GroupProgressOut(name=name, progress=_progress(c)) for name, c in progress.by_office],
        by_field=[GroupProgressOut(name=name, progress=_progress(c)) for name, c in progress.by_field],
    )


@router.get("/{slug:municipality}/reporting/rounds/{round_id}/reports",
            response={200: list[ReportOut], **ERRORS_READ_ROLE}, operation_id="reporting_round_reports",
            summary="Berichte einer Runde / reports of a round")
def round_reports(request: HttpRequest, municipality: Slug, round_id: RoundIdPath,
                  query: Query[RoundReportsQuery]) -> list[ReportOut]:
    """Die Berichte einer Runde in der Reihenfolge des Plans, mit Adressaten und Stand; die Antwort nur bei
    eingereichten und angenommenen Berichten (Entwürfe sieht nur die berichtende Stelle). Filter `state`.
    Feste Zahl von Datenbankabfragen.

    The reports of a round; answers only once handed in (a draft is seen by its office alone)."""
    require(request, VIEW_ROUNDS)
    round_ = _round(municipality_of(request), round_id)
    return [_report_out(r) for r in selectors.reports_with_answers(round_, state=query.state or "")]


# --- answering ------------------------------------------------------------------------------------------------


@router.get("/{slug:municipality}/reporting/inbox", response={200: list[InboxItemOut], **ERRORS_READ_ROLE},
            operation_id="reporting_inbox", summary="Zu beantwortende Berichte / reports to answer")
def inbox(request: HttpRequest, municipality: Slug) -> list[InboxItemOut]:
    """Die Berichte offener Runden, die die angemeldete Stelle beantwortet (an ihre Verwaltungseinheiten oder
    Organisationen gerichtet; für die Koordination auch die an niemanden gerichteten), offene zuerst.

    The reports of open rounds the caller answers, owed ones first."""
    actor = require(request, ANSWER_REPORT)
    return [
        InboxItemOut(id=row.pk, round_id=row.round_id, round_title=row.round_title, deadline=row.deadline,
                     reference=row.reference, title=row.title, field_title=row.field_title,
                     state=cast(ReportState, row.state), state_label=row.state_label,
                     review_comment=row.review_comment, is_late=row.is_late, version=row.version)
        for row in selectors.inbox(actor)
    ]


@router.get("/{slug:municipality}/reporting/reports/{report_id}/answer",
            response={200: ReportAnswerOut, **ERRORS_READ_ROLE}, operation_id="reporting_answer_get",
            summary="Antwort auf einen Bericht / the answer to a report")
def answer_get(request: HttpRequest, municipality: Slug, report_id: ReportIdPath) -> ReportAnswerOut:
    """Ein Bericht für die Stelle, an die er gerichtet ist: was gefragt ist (Indikatoren, mögliche Status) und
    ihre Antwort, auch als Entwurf. Andere bekommen 403.

    A report for the office it is addressed to, draft included; others get 403."""
    place = municipality_of(request)
    report = _report(place, report_id)
    services.require_answerer(actor_of(request), report)
    return _answer_out(report, place)


@router.put("/{slug:municipality}/reporting/reports/{report_id}/answer",
            response={200: ReportAnswerOut, **ERRORS_WRITE}, operation_id="reporting_answer_put",
            summary="Antwort als Entwurf speichern / save the answer as a draft")
def answer_put(request: HttpRequest, municipality: Slug, report_id: ReportIdPath,
               payload: AnswerPutIn) -> ReportAnswerOut:
    """Speichert die ganze Antwort als Entwurf; sie darf unvollständig sein. Nicht gesendete Felder werden
    geleert. `version` ist Pflicht (409 mit den Änderungen der anderen, wenn inzwischen gespeichert).
    Eingereichte, angenommene Berichte und abgeschlossene Runden: 400.

    Saves the whole answer as a draft (may be incomplete); 409 on a concurrent edit."""
    place = municipality_of(request)
    report = _report(place, report_id)
    actor = actor_of(request)
    services.require_answerer(actor, report)
    values = _answer_values(place, payload)
    try:
        services.save_draft(by=actor, report=report, expected_version=payload.version, values=values)
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    return _answer_out(_report(place, report_id), place)


@router.post("/{slug:municipality}/reporting/reports/{report_id}/submit",
             response={200: ReportAnswerOut, **ERRORS_WRITE}, operation_id="reporting_report_submit",
             summary="Bericht einreichen / submit a report")
def report_submit(request: HttpRequest, municipality: Slug, report_id: ReportIdPath,
                  payload: VersionIn) -> ReportAnswerOut:
    """Reicht die gespeicherte Antwort ein. Sie muss vollständig sein (Status, Sachstand, Erfolgsbewertung, bei
    „teilweise“ oder „nicht erfolgreich“ eine Begründung), sonst 422 je Feld und nichts ändert sich.

    Hands the saved answer in; an incomplete answer is refused with 422 per field."""
    place = municipality_of(request)
    report = _report(place, report_id)
    actor = actor_of(request)
    services.require_answerer(actor, report)
    try:
        services.submit(by=actor, report=report, expected_version=payload.version, values={})
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    return _answer_out(_report(place, report_id), place)


# --- review ---------------------------------------------------------------------------------------------------


@router.post("/{slug:municipality}/reporting/reports/{report_id}/accept",
             response={200: ReportOut, **ERRORS_WRITE}, operation_id="reporting_report_accept",
             summary="Bericht annehmen (Koordination) / accept a report")
def report_accept(request: HttpRequest, municipality: Slug, report_id: ReportIdPath,
                  payload: VersionIn) -> ReportOut:
    """Nimmt einen eingereichten Bericht an; die Stelle bekommt eine E-Mail. Nur Koordination; `version` ist
    Pflicht (409, wenn die Stelle inzwischen erneut eingereicht hat).

    Accepts a submitted report (Koordination only); the office is mailed."""
    require(request, MANAGE_ROUNDS)
    place = municipality_of(request)
    services.accept(actor=actor_of(request), report=_report(place, report_id), expected_version=payload.version)
    return _report_out(_report(place, report_id))


@router.post("/{slug:municipality}/reporting/reports/{report_id}/return",
             response={200: ReportOut, **ERRORS_WRITE}, operation_id="reporting_report_return",
             summary="Bericht zurückgeben (Koordination) / return a report")
def report_return(request: HttpRequest, municipality: Slug, report_id: ReportIdPath, payload: ReturnIn) -> ReportOut:
    """Gibt einen eingereichten oder angenommenen Bericht mit einem Kommentar an die Stelle zurück; sie bekommt
    eine E-Mail mit dem Kommentar und kann erneut einreichen. Nur Koordination; `version` ist Pflicht.

    Returns a report to its office with a comment (Koordination only); the office is mailed."""
    require(request, MANAGE_ROUNDS)
    place = municipality_of(request)
    services.return_report(actor=actor_of(request), report=_report(place, report_id),
                           expected_version=payload.version, comment=payload.comment)
    return _report_out(_report(place, report_id))
