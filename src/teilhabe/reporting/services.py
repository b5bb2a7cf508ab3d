"""Every state change of a reporting round, one function each. Views, the API, commands and tasks call these.

A report's way: pending → draft (saved) → submitted → accepted, or → returned (with a comment) → draft/submitted
again. Koordination opens, reviews, closes and publishes; the addressed offices (or an external partner through
its PartnerLink) answer. Answers change through `update_audited` (version claim, audit trail); each submission,
return and acceptance is also a ReportStep with the answer as it was."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.core import audit
from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Organisation
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, update_audited
from teilhabe.monitoring.models import Indicator
from teilhabe.monitoring.round_values import NotRecorded, ReportedValue, record_round_values, round_period
from teilhabe.plans.models import Edition, FieldOfAction, Measure, StatusOption
from teilhabe.plans.relations import measure_relations
from teilhabe.plans.services import update_measures
from teilhabe.reporting import notifications, tasks
from teilhabe.reporting.models import (
    MeasureReport,
    PartnerLink,
    ReportingRound,
    ReportStep,
    Success,
)
from teilhabe.reporting.permissions import ANSWER_REPORT, MANAGE_ROUNDS

BATCH_SIZE = 500
ROUND_FIELDS = ["title", "period_start", "period_end", "deadline", "scope", "fields", "remind_days_before",
                "state", "published_at"]
ANSWER_FIELDS = ["status", "progress", "success", "success_reason", "indicator_values", "obstacles", "next_steps",
                 "reached_total", "reached_women", "reached_men", "reached_diverse"]
REPORT_AUDIT_FIELDS = ["state", *ANSWER_FIELDS, "review_comment"]
# A success assessment other than "erfolgreich" or "noch nicht bewertbar" needs its reason.
REASON_NEEDED = frozenset({Success.PARTLY, Success.NOT_SUCCESSFUL})
PARTNER_LINK_DAYS = 42
MAX_INDICATOR_VALUE = 500


# --- who answers ---------------------------------------------------------------------------------------

Responder = Actor | PartnerLink
"""Who answers a report: a member of the municipality, or an external partner through its personal link."""


def _user_id(by: Responder) -> int | None:
    return by.user_id if isinstance(by, Actor) else None


def require_answerer(by: Responder, report: MeasureReport) -> None:
    """May `by` see and edit this report's answer? Its addressees may; Koordination answers reports that are
    addressed to nobody (a measure without a lead). Nobody else sees a draft, Koordination included."""
    if isinstance(by, PartnerLink):
        check_partner_link(by)
        if (report.round_id != by.round_id
                or by.organisation_id not in report.responsible_organisation_ids()):
            raise NotAllowed(_("Dieser Link öffnet nur die Berichte Ihrer Organisation in dieser Berichtsrunde."))
        return
    if (by.can(MANAGE_ROUNDS) and not report.responsible_org_unit_ids()
            and not report.responsible_organisation_ids()):
        authorize(by, MANAGE_ROUNDS, report)
        return
    authorize(by, ANSWER_REPORT, report)


def check_partner_link(link: PartnerLink, now: dt.datetime | None = None) -> None:
    """A link works while it is neither expired nor revoked nor replaced, and its round is open."""
    if link.revoked_at is not None:
        raise NotAllowed(_("Dieser Link gilt nicht mehr: Er wurde widerrufen oder durch einen neueren Link "
                           "ersetzt. Bitte fragen Sie bei der Koordinierungsstelle nach einem neuen Link."))
    if (now or timezone.now()) >= link.expires_at:
        raise NotAllowed(_("Dieser Link ist abgelaufen. Bitte fragen Sie bei der Koordinierungsstelle nach einem "
                           "neuen Link."))
    if link.round.state != ReportingRound.State.OPEN:
        raise NotAllowed(_("Diese Berichtsrunde ist abgeschlossen; Berichte können nicht mehr eingereicht "
                           "werden."))


# --- rounds --------------------------------------------------------------------------------------------

def _check_round_values(edition: Edition, values: Mapping[str, Any]) -> None:
    start, end, deadline = values.get("period_start"), values.get("period_end"), values.get("deadline")
    errors: dict[str, str] = {}
    if start and end and end < start:
        errors["period_end"] = _("Das Ende des Berichtszeitraums liegt vor seinem Beginn.")
    if start and deadline and deadline < start:
        errors["deadline"] = _("Die Frist liegt vor dem Beginn des Berichtszeitraums.")
    if values.get("scope") == ReportingRound.Scope.FIELDS:
        fields = list(values.get("fields") or [])
        if not fields:
            errors["fields"] = _("Bitte wählen Sie mindestens ein Handlungsfeld.")
        elif any(f.edition_id != edition.pk for f in fields):
            errors["fields"] = _("Ein Handlungsfeld gehört nicht zu dieser Ausgabe des Plans.")
    if errors:
        raise ValidationError(errors)


def measures_in_scope(edition: Edition, scope: str, fields: Sequence[FieldOfAction] = ()) -> Any:
    """The measures a round over `edition` asks about."""
    measures = Measure.objects.filter(edition=edition)
    if scope == ReportingRound.Scope.FIELDS:
        measures = measures.filter(field__in=list(fields))
    elif scope == ReportingRound.Scope.KEY_PROJECTS:
        measures = measures.filter(is_key_project=True)
    return measures


def open_round(*, actor: Actor, edition: Edition, title: str, period_start: dt.date, period_end: dt.date,
               deadline: dt.date, scope: str = ReportingRound.Scope.ALL, fields: Sequence[FieldOfAction] = (),
               remind_days_before: int = 7) -> ReportingRound:
    """Open a round on the plan in force: one pending report per measure in scope, addressed to its leads."""
    authorize(actor, MANAGE_ROUNDS, edition, list(fields))
    if edition.status != Edition.Status.ADOPTED:
        raise ServiceError(_("Berichtsrunden gibt es für die beschlossene Ausgabe eines Plans (den Plan in "
                             "Kraft), nicht für Entwürfe oder archivierte Ausgaben."))
    values = {"municipality_id": edition.municipality_id, "edition": edition, "title": title,
              "period_start": period_start, "period_end": period_end, "deadline": deadline, "scope": scope,
              "fields": list(fields) if scope == ReportingRound.Scope.FIELDS else [],
              "remind_days_before": remind_days_before, "opened_by_id": actor.user_id}
    _check_round_values(edition, values)
    with transaction.atomic():
        measures = list(
            measures_in_scope(edition, scope, fields)
            .select_related("field", "status", "lead_org_unit", "lead_organisation")
            .order_by("field__position", "field_id", "position", "pk")
        )
        if not measures:
            raise ServiceError(_("In dieser Auswahl gibt es keine Maßnahmen; die Runde wurde nicht eröffnet."))
        round_ = create_audited(actor=actor, model=ReportingRound, values=values, audit_fields=ROUND_FIELDS)
        _create_reports(round_, measures)
        _schedule_reminders(round_)
    return round_


def _schedule_reminders(round_: ReportingRound) -> None:
    tasks.schedule_reminders(round_)


def _lead_names(measure: Measure, relations: Any) -> str:
    """Measure.lead_names from the co-leads in hand (Measure.co_leads would ask the database per measure)."""
    co_leads = [*sorted(relations["co_lead_org_units"].get(measure.pk, []), key=lambda u: u.name),
                *sorted(relations["co_lead_organisations"].get(measure.pk, []), key=lambda o: o.name)]
    contact = measure.lead
    return "; ".join(lead.name for lead in ([contact] if contact else []) + [c for c in co_leads if c != contact])


def _monitoring_names(measure_ids: Sequence[int]) -> dict[int, list[str]]:
    """Measure → names of the monitoring indicators linked to it (Indicator.measures), in their order."""
    through: Any = Indicator.measures.through
    names: dict[int, list[str]] = {}
    for measure_id, name in (through.objects.filter(measure_id__in=list(measure_ids))
                             .order_by("indicator__position", "indicator__name", "indicator_id")
                             .values_list("measure_id", "indicator__name")):
        names.setdefault(measure_id, []).append(name.strip())
    return names


def _report_indicators(measure: Measure, monitoring: Mapping[int, list[str]]) -> list[str]:
    """The measure's success indicators as the round asks about them: its text ones, then the monitoring
    indicators linked to it (by name), each name once."""
    names = [str(i).strip() for i in measure.indicators or [] if str(i).strip()]
    return list(dict.fromkeys([*names, *monitoring.get(measure.pk, [])]))


def _create_reports(round_: ReportingRound, measures: Sequence[Measure]) -> None:
    relations = measure_relations([m.pk for m in measures], ["co_lead_org_units", "co_lead_organisations"])
    monitoring = _monitoring_names([m.pk for m in measures])
    reports = MeasureReport.objects.bulk_create([
        MeasureReport(
            municipality_id=round_.municipality_id, round=round_, measure=measure,
            reference=measure.reference, title=measure.title, field_title=measure.field.title,
            field_position=measure.field.position, position=index, is_key_project=measure.is_key_project,
            lead_names=_lead_names(measure, relations)[:1000],
            indicators=_report_indicators(measure, monitoring),
            status_before_label=measure.status.label, status_before_normalised=measure.status.normalised,
        )
        for index, measure in enumerate(measures)
    ], batch_size=BATCH_SIZE)
    unit_links, organisation_links = [], []
    units_through: Any = MeasureReport.addressed_org_units.through
    organisations_through: Any = MeasureReport.addressed_organisations.through
    for report, measure in zip(reports, measures, strict=True):
        units = {u.pk for u in relations["co_lead_org_units"].get(measure.pk, [])}
        organisations = {o.pk for o in relations["co_lead_organisations"].get(measure.pk, [])}
        if measure.lead_org_unit_id:
            units.add(measure.lead_org_unit_id)
        if measure.lead_organisation_id:
            organisations.add(measure.lead_organisation_id)
        unit_links += [units_through(measurereport_id=report.pk, orgunit_id=pk) for pk in sorted(units)]
        organisation_links += [organisations_through(measurereport_id=report.pk, organisation_id=pk)
                               for pk in sorted(organisations)]
    units_through.objects.bulk_create(unit_links, batch_size=BATCH_SIZE)
    organisations_through.objects.bulk_create(organisation_links, batch_size=BATCH_SIZE)


def update_round(*, actor: Actor, round_: ReportingRound, expected_version: int,
                 values: Mapping[str, Any]) -> ReportingRound:
    """Change an open round's title, period, deadline or reminder (not which measures it asks about)."""
    authorize(actor, MANAGE_ROUNDS, round_)
    _require_open(round_)
    allowed = {"title", "period_start", "period_end", "deadline", "remind_days_before"}
    if values.keys() - allowed:
        raise ServiceError(_("Die Auswahl der Maßnahmen einer eröffneten Runde lässt sich nicht mehr ändern."))
    _check_round_values(round_.edition, {"period_start": round_.period_start, "period_end": round_.period_end,
                                         "deadline": round_.deadline, **values})
    changes = dict(values)
    if "deadline" in values and values["deadline"] != round_.deadline:
        changes["reminded_before_at"] = None  # a new deadline gets its own reminder
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=round_, expected_version=expected_version, values=changes,
                                 audit_fields=ROUND_FIELDS)
        if "reminded_before_at" in changes or "remind_days_before" in values:
            _schedule_reminders(updated)
    return updated


def _require_open(round_: ReportingRound) -> None:
    if round_.state != ReportingRound.State.OPEN:
        raise ServiceError(_("Die Berichtsrunde „%(round)s“ ist abgeschlossen; daran lässt sich nichts mehr "
                             "ändern.") % {"round": round_.title})


@dataclass(frozen=True)
class CloseResult:
    round: ReportingRound
    accepted: int
    flowed: int  # measures whose status or Sachstand changed by the round
    not_accepted: int
    recorded: int = 0  # achieved values that became observations of monitoring indicators
    not_recorded: tuple[NotRecorded, ...] = ()  # achieved values of monitoring indicators not written, and why


def close_round(*, actor: Actor, round_: ReportingRound, expected_version: int) -> CloseResult:
    """Close an open round: from now on its reports are a snapshot. The accepted status and Sachstand of each
    report flow into its measure through the plans' services (with history), unless the edition is archived
    by now. Reports not accepted stay as they are and are shown as such in the report."""
    authorize(actor, MANAGE_ROUNDS, round_)
    _require_open(round_)
    with transaction.atomic():
        closed = update_audited(
            actor=actor, obj=round_, expected_version=expected_version,
            values={"state": ReportingRound.State.CLOSED, "closed_at": timezone.now(),
                    "closed_by_id": actor.user_id}, audit_fields=ROUND_FIELDS)
        accepted = list(MeasureReport.objects.filter(round=round_, state=MeasureReport.State.ACCEPTED,
                                                     measure__isnull=False)
                        .select_related("status").order_by("pk"))
        flowed = _flow_into_measures(actor, round_, accepted)
        recorded, not_recorded = _record_in_monitoring(actor, closed, accepted)
        not_accepted = MeasureReport.objects.filter(round=round_).exclude(state=MeasureReport.State.ACCEPTED).count()
    return CloseResult(round=closed, accepted=len(accepted), flowed=flowed, not_accepted=not_accepted,
                       recorded=recorded, not_recorded=not_recorded)


def _record_in_monitoring(actor: Actor, round_: ReportingRound,
                          accepted: Sequence[MeasureReport]) -> tuple[int, tuple[NotRecorded, ...]]:
    """The achieved values of accepted reports for the monitoring indicators linked to their measures become
    observations (teilhabe.monitoring.round_values), for the year the reporting period ends in, with the
    round's title as their source. What is not written (not a number, a rate, contradicting reports) stays on
    the report, and is listed in the close result and in the round's audit trail."""
    values_of = {r.pk: [v for v in r.indicator_values or [] if str(v.get("value", "")).strip()] for r in accepted}
    measure_ids = [r.measure_id for r in accepted if values_of[r.pk]]
    if not measure_ids:
        return 0, ()
    through: Any = Indicator.measures.through
    linked: dict[tuple[int, str], int] = {}
    for measure_id, indicator_id, name in (through.objects.filter(measure_id__in=measure_ids)
                                           .order_by("indicator__position", "indicator_id")
                                           .values_list("measure_id", "indicator_id", "indicator__name")):
        linked.setdefault((measure_id, name.strip()), indicator_id)
    reported: dict[int, list[ReportedValue]] = {}
    for report in accepted:
        for item in values_of[report.pk]:
            indicator_id = linked.get((report.measure_id, str(item.get("indicator", ""))))  # type: ignore[arg-type]
            if indicator_id is not None:
                reported.setdefault(indicator_id, []).append(
                    ReportedValue(value=str(item["value"]), measure=f"{report.reference} {report.title}".strip()))
    if not reported:
        return 0, ()
    indicators = Indicator.objects.in_bulk(list(reported))
    label = round_.title
    period = round_period(round_.period_end)
    recorded = 0
    not_recorded: list[NotRecorded] = []
    for indicator_id in sorted(reported):
        result = record_round_values(actor=actor, indicator=indicators[indicator_id],
                                     values=reported[indicator_id], period=period, label=label)
        recorded += result.batch is not None
        not_recorded += result.not_recorded
    audit.record(actor=actor, municipality=round_.municipality_id, action=AuditEntry.Action.UPDATE, obj=round_,
                 changes={"monitoring": [None, {
                     "period": period, "recorded": recorded,
                     "not_recorded": [n.as_json() for n in not_recorded]}]})
    return recorded, tuple(not_recorded)


def _flow_into_measures(actor: Actor, round_: ReportingRound, accepted: Sequence[MeasureReport]) -> int:
    edition = Edition.objects.get(pk=round_.edition_id)
    if edition.status == Edition.Status.ARCHIVED or not accepted:
        return 0
    measures = {m.pk: m for m in Measure.objects.filter(pk__in=[r.measure_id for r in accepted])
                .select_related("edition", "status")}
    updates = []
    for report in accepted:
        measure = measures.get(report.measure_id)  # type: ignore[arg-type]
        if measure is None or measure.edition_id != edition.pk:
            continue
        values: dict[str, Any] = {}
        if report.status_id and report.status_id != measure.status_id:
            values["status"] = report.status
        if report.progress and report.progress != measure.progress:
            values["progress"] = report.progress
        if values:
            updates.append((measure, measure.version, values))
    update_measures(actor=actor, edition=edition, updates=updates)
    return len(updates)


def publish_round(*, actor: Actor, round_: ReportingRound, expected_version: int, publish: bool) -> ReportingRound:
    """Show a closed round's report and the measures' statuses on the municipality's public pages, or stop."""
    authorize(actor, MANAGE_ROUNDS, round_)
    if publish and round_.state != ReportingRound.State.CLOSED:
        raise ServiceError(_("Veröffentlicht werden kann nur eine abgeschlossene Berichtsrunde."))
    return update_audited(actor=actor, obj=round_, expected_version=expected_version,
                          values={"published_at": timezone.now() if publish else None}, audit_fields=ROUND_FIELDS)


# --- answering -----------------------------------------------------------------------------------------

def _clean_answer(report: MeasureReport, values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = values.keys() - set(ANSWER_FIELDS)
    if unknown:
        raise ServiceError(_("Unbekannte Angaben: %(names)s") % {"names": ", ".join(sorted(unknown))})
    answer = dict(values)
    status = answer.get("status")
    if status is not None and (not isinstance(status, StatusOption)
                               or status.municipality_id != report.municipality_id):
        raise ValidationError({"status": _("Diesen Status gibt es im Statusschema nicht.")})
    if "indicator_values" in answer:
        answer["indicator_values"] = _clean_indicator_values(report, answer["indicator_values"])
    return answer


def _clean_indicator_values(report: MeasureReport, items: Any) -> list[dict[str, str]]:
    """One achieved value per indicator of the measure (as it stood when the round opened); blanks dropped."""
    known = set(report.indicators or [])
    result: list[dict[str, str]] = []
    for item in items or []:
        indicator = str(item.get("indicator", "")).strip()
        value = str(item.get("value", "")).strip()
        if not value:
            continue
        if indicator not in known:
            raise ValidationError({"indicator_values": _("„%(name)s“ ist kein Erfolgsindikator dieser "
                                                         "Maßnahme.") % {"name": indicator}})
        if len(value) > MAX_INDICATOR_VALUE:
            raise ValidationError({"indicator_values": _("Ein erreichter Wert ist länger als %(n)d Zeichen.")
                                   % {"n": MAX_INDICATOR_VALUE}})
        result.append({"indicator": indicator, "value": value})
    return result


def _check_complete(report: MeasureReport) -> None:
    """What a submitted answer must hold; a draft may be incomplete."""
    errors: dict[str, str] = {}
    if report.status_id is None:
        errors["status"] = _("Bitte geben Sie den Status an.")
    if not report.progress.strip():
        errors["progress"] = _("Bitte beschreiben Sie den Sachstand im Berichtszeitraum.")
    if not report.success:
        errors["success"] = _("Bitte bewerten Sie den Erfolg.")
    elif report.success in REASON_NEEDED and not report.success_reason.strip():
        errors["success_reason"] = _("Bitte begründen Sie die Erfolgsbewertung.")
    parts = [report.reached_women, report.reached_men, report.reached_diverse]
    if report.reached_total is not None and sum(p or 0 for p in parts) > report.reached_total:
        errors["reached_total"] = _("Die Angaben nach Geschlecht ergeben mehr Personen als insgesamt erreicht.")
    if errors:
        raise ValidationError(errors)


def lock_editable(by: Responder, report: MeasureReport) -> MeasureReport:
    """Refuse unless `by` answers this report, its round is open and the report is not handed in; return the
    report as stored now. Every change of an answer (its fields, its attachments) starts here."""
    require_answerer(by, report)
    round_ = ReportingRound.objects.get(pk=report.round_id)
    if round_.state != ReportingRound.State.OPEN:
        raise ServiceError(_("Die Berichtsrunde „%(round)s“ ist abgeschlossen; Berichte können nicht mehr "
                             "geändert oder eingereicht werden.") % {"round": round_.title})
    current = MeasureReport.objects.get(pk=report.pk)
    if not current.is_editable:
        raise ServiceError(_("Dieser Bericht ist %(state)s und kann nicht mehr geändert werden.")
                           % {"state": current.get_state_display()})
    return current


def save_draft(*, by: Responder, report: MeasureReport, expected_version: int, values: Mapping[str,
                                                                                               Any]) -> MeasureReport:
    """Keep the answer as it is, incomplete or not; a returned report stays returned until resubmitted."""
    current = lock_editable(by, report)
    answer = _clean_answer(report, values)
    if current.state == MeasureReport.State.PENDING:
        answer["state"] = MeasureReport.State.DRAFT
    return update_audited(actor=_audit_actor(by), obj=report, expected_version=expected_version, values=answer,
                          audit_fields=REPORT_AUDIT_FIELDS, label=_report_label(report))


def submit(*, by: Responder, report: MeasureReport, expected_version: int, values: Mapping[str, Any]) -> MeasureReport:
    """Save the answer and hand it in. It must be complete; the step keeps it as it was."""
    lock_editable(by, report)
    answer = _clean_answer(report, values)
    with transaction.atomic():
        saved = update_audited(actor=_audit_actor(by), obj=report, expected_version=expected_version,
                               values={**answer, "state": MeasureReport.State.SUBMITTED,
                                       "submitted_at": timezone.now()},
                               audit_fields=REPORT_AUDIT_FIELDS, label=_report_label(report))
        _check_complete(saved)  # raises inside the transaction: nothing is written
        _record_step(saved, ReportStep.Kind.SUBMITTED, by)
    return saved


def _audit_actor(by: Responder) -> Actor | None:
    return by if isinstance(by, Actor) else None


def _report_label(report: MeasureReport) -> str:
    return _("Bericht „%(title)s“") % {"title": str(report)}


def answer_snapshot(report: MeasureReport) -> dict[str, Any]:
    """The answer in readable words, as kept by a step."""
    return {
        "status": report.status.label if report.status_id else "",  # type: ignore[union-attr]
        "progress": report.progress, "success": report.get_success_display() if report.success else "",
        "success_reason": report.success_reason, "indicator_values": report.indicator_values,
        "obstacles": report.obstacles, "next_steps": report.next_steps, "reached_total": report.reached_total,
        "reached_women": report.reached_women, "reached_men": report.reached_men,
        "reached_diverse": report.reached_diverse,
    }


def _record_step(report: MeasureReport, kind: str, by: Responder, comment: str = "") -> ReportStep:
    return ReportStep.objects.create(
        municipality_id=report.municipality_id, report=report, kind=kind, actor_id=_user_id(by),
        partner_link=by if isinstance(by, PartnerLink) else None, comment=comment,
        answer=answer_snapshot(report))


# --- review --------------------------------------------------------------------------------------------

def accept(*, actor: Actor, report: MeasureReport, expected_version: int) -> MeasureReport:
    """Accept a submitted report. Its status is kept as words from now on (the snapshot of the round)."""
    authorize(actor, MANAGE_ROUNDS, report)
    _require_open(ReportingRound.objects.get(pk=report.round_id))
    with transaction.atomic():
        current = MeasureReport.objects.select_related("status").get(pk=report.pk)
        if current.state != MeasureReport.State.SUBMITTED:
            raise ServiceError(_("Angenommen werden kann nur ein eingereichter Bericht; dieser ist %(state)s.")
                               % {"state": current.get_state_display()})
        status = current.status
        accepted = update_audited(
            actor=actor, obj=report, expected_version=expected_version,
            values={"state": MeasureReport.State.ACCEPTED, "reviewed_at": timezone.now(), "review_comment": "",
                    "status_label": status.label if status else "",
                    "status_normalised": status.normalised if status else ""},
            audit_fields=REPORT_AUDIT_FIELDS, label=_report_label(report))
        _record_step(accepted, ReportStep.Kind.ACCEPTED, actor)
        _notify_after_commit(accepted, "accepted")
    return accepted


def return_report(*, actor: Actor, report: MeasureReport, expected_version: int, comment: str) -> MeasureReport:
    """Give a submitted (or already accepted) report back to its office with a comment; it can resubmit."""
    authorize(actor, MANAGE_ROUNDS, report)
    _require_open(ReportingRound.objects.get(pk=report.round_id))
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Bitte sagen Sie der Stelle, was sie ergänzen oder ändern soll.")})
    with transaction.atomic():
        current = MeasureReport.objects.get(pk=report.pk)
        if current.state not in (MeasureReport.State.SUBMITTED, MeasureReport.State.ACCEPTED):
            raise ServiceError(_("Zurückgeben lässt sich nur ein eingereichter oder angenommener Bericht; dieser "
                                 "ist %(state)s.") % {"state": current.get_state_display()})
        returned = update_audited(
            actor=actor, obj=report, expected_version=expected_version,
            values={"state": MeasureReport.State.RETURNED, "reviewed_at": timezone.now(), "review_comment": comment,
                    "status_label": "", "status_normalised": ""},
            audit_fields=REPORT_AUDIT_FIELDS, label=_report_label(report))
        _record_step(returned, ReportStep.Kind.RETURNED, actor, comment)
        _notify_after_commit(returned, "returned")
    return returned


def _notify_after_commit(report: MeasureReport, kind: str) -> None:
    """Mail the office once the review is committed; a failing mail is logged and never undoes the review."""
    transaction.on_commit(lambda: notifications.after_review(report, kind))


# --- partner links -------------------------------------------------------------------------------------

def create_partner_link(*, actor: Actor, round_: ReportingRound, organisation: Organisation, email: str = "",
                        valid_days: int = PARTNER_LINK_DAYS) -> PartnerLink:
    """A personal link for an organisation with reports in this round. It replaces the organisation's older
    links of the round (they stop working)."""
    authorize(actor, MANAGE_ROUNDS, round_, organisation)
    _require_open(round_)
    if not MeasureReport.objects.filter(round=round_, addressed_organisations=organisation).exists():
        raise ServiceError(_("An „%(name)s“ ist in dieser Runde kein Bericht gerichtet.") % {"name": organisation})
    if not 1 <= valid_days <= 365:
        raise ValidationError({"valid_days": _("Ein Link gilt zwischen 1 und 365 Tagen.")})
    now = timezone.now()
    with transaction.atomic():
        PartnerLink.objects.filter(round=round_, organisation=organisation, revoked_at__isnull=True).update(
            revoked_at=now)
        link = PartnerLink(municipality_id=round_.municipality_id, round=round_, organisation=organisation,
                           email=email, nonce=secrets.token_urlsafe(32), expires_at=now + dt.timedelta(days=valid_days),
                           created_by_id=actor.user_id)
        link.full_clean(exclude=["round", "organisation", "municipality", "nonce"])
        link.save()
    return link


def revoke_partner_link(*, actor: Actor, link: PartnerLink) -> PartnerLink:
    authorize(actor, MANAGE_ROUNDS, link)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def partner_link_for(token: str) -> PartnerLink:
    """The link a token names, in the current municipality scope; refused when unknown or no longer valid."""
    pk = PartnerLink.id_of(token)
    link = PartnerLink.objects.select_related("round", "organisation").filter(pk=pk).first() if pk else None
    if link is None or not link.matches(token):
        raise NotAllowed(_("Dieser Link ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben."))
    check_partner_link(link)
    if link.last_used_at is None or timezone.now() - link.last_used_at > dt.timedelta(minutes=5):
        PartnerLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    return link


def late_reports(round_: ReportingRound, today: dt.date | None = None) -> Any:
    """Reports still owed after the deadline."""
    if not round_.is_late(today):
        return MeasureReport.objects.none()
    return MeasureReport.objects.filter(round=round_).exclude(state__in=[MeasureReport.State.SUBMITTED,
                                                                         MeasureReport.State.ACCEPTED])


def owed_states() -> Iterable[str]:
    return (MeasureReport.State.PENDING, MeasureReport.State.DRAFT, MeasureReport.State.RETURNED)


def summary_sentence(total: int, successful: int, *, accepted: int | None = None, interim: bool = False) -> str:
    """The seed's own words: "Von 55 Maßnahmen wurden 50 mit Erfolg durchgeführt". For a round still open
    (`interim`), the interim state instead — its count of successes is not yet a result."""
    if interim:
        return ngettext("Zwischenstand: Von %(total)d Maßnahme sind %(accepted)d Berichte angenommen, davon "
                        "%(successful)d mit Erfolg.",
                        "Zwischenstand: Von %(total)d Maßnahmen sind %(accepted)d Berichte angenommen, davon "
                        "%(successful)d mit Erfolg.", total) % {
            "total": total, "accepted": accepted or 0, "successful": successful}
    return ngettext("Von %(total)d Maßnahme wurden %(successful)d mit Erfolg durchgeführt.",
                    "Von %(total)d Maßnahmen wurden %(successful)d mit Erfolg durchgeführt.", total) % {
        "total": total, "successful": successful}
