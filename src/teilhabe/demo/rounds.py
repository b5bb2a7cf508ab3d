"""Reporting rounds of the demo, built through the reporting services like the back office would.

The services stamp "now" (opened_at, submitted_at, reviewed_at, closed_at, published_at, ReportStep.at,
partner links); the demo tells a story of 2013 and of this year, so after the service calls the timestamps are
set to the story's days with a direct `update()` of those columns only. That is acceptable for demo data and
nowhere else; the audit trail and the measures' history keep the day the demo was loaded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.demo.specs import AnswerSpec, MunicipalitySpec, RoundSpec
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure, StatusOption
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound, ReportStep

BERLIN = ZoneInfo("Europe/Berlin")


def build_rounds(spec: MunicipalitySpec, municipality: Municipality, edition: Edition,
                 usernames: Mapping[Role, list[str]]) -> None:
    """Every round of the spec on the adopted `edition`, oldest first."""
    if not spec.rounds:
        return
    users = {u.username: u for u in User.objects.filter(username__in=[n for ns in usernames.values() for n in ns])}
    members = [actor_for(users[name], municipality) for role in (Role.FACHSTELLE,)
               for name in usernames.get(role, [])]
    coordination = actor_for(users[usernames[Role.KOORDINATION][0]], municipality)
    statuses = {s.label: s for s in StatusOption.objects.filter(municipality=municipality)}
    for round_spec in spec.rounds:
        _build_round(round_spec, municipality, edition, coordination, members, statuses)
        if round_spec.statuses_since:
            _statuses_since(spec, coordination, edition, statuses)


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def _build_round(spec: RoundSpec, municipality: Municipality, edition: Edition, coordination: Actor,
                 members: Sequence[Actor], statuses: Mapping[str, StatusOption]) -> ReportingRound:
    today = timezone.localdate()
    deadline = spec.deadline or today - dt.timedelta(days=spec.deadline_days_ago)
    opened_on = spec.opened_on or today - dt.timedelta(days=spec.opened_days_ago)
    round_ = services.open_round(actor=coordination, edition=edition, title=spec.title,
                                 period_start=spec.period_start, period_end=spec.period_end, deadline=deadline)
    reports = {r.reference: r for r in MeasureReport.objects.filter(round=round_).prefetch_related(
        "addressed_org_units", "addressed_organisations")}
    links = {name: services.create_partner_link(
        actor=coordination, round_=round_, organisation=Organisation.objects.get(name=name),
        email=f"berichte@{_slug(name)}.demo.invalid") for name in spec.partner_links}

    # The story's clock: answers come in between the opening and the deadline (or today, if earlier),
    # Koordination reviews a few days later.
    last_day = min(deadline, today - dt.timedelta(days=1)) if spec.closed_on is None else deadline
    span = max((last_day - opened_on).days, 1)
    times: dict[int, list[dt.datetime]] = {}
    for index, answer in enumerate(spec.answers):
        report = reports[answer.reference]
        by: services.Responder = _responder(answer, report, members, links, municipality)
        submitted_on = opened_on + dt.timedelta(days=7 + (index * 11) % max(span - 7, 1))
        reviewed_on = min(submitted_on + dt.timedelta(days=3 + index % 5), spec.closed_on or today)
        report = _answer(answer, report, by, coordination, statuses)
        times[report.pk] = [_at(submitted_on, 9 + index % 8, (index * 7) % 60), _at(reviewed_on, 11, index % 60)]

    if spec.closed_on is not None:
        round_.refresh_from_db()
        round_ = services.close_round(actor=coordination, round_=round_, expected_version=round_.version).round
        if spec.published_on is not None:
            round_ = services.publish_round(actor=coordination, round_=round_, expected_version=round_.version,
                                            publish=True)
    _set_story_times(round_, opened_on, spec, times, links)
    return round_


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _slug(name: str) -> str:
    """"Freiwilligenbörse Heidelberg" → "freiwilligenboerseheidelberg", for the demo's mail addresses."""
    plain = name.lower().split("(")[0].translate(UMLAUTS)
    return "".join(c for c in plain if c.isascii() and c.isalnum())[:30] or "partner"


def _responder(answer: AnswerSpec, report: MeasureReport, members: Sequence[Actor], links: Mapping[str, PartnerLink],
               municipality: Municipality) -> services.Responder:
    """Who answers: the organisation's partner link, a demo member of the addressed office, or else the
    office itself without a demo account (an actor without a user: its steps name nobody)."""
    units = report.responsible_org_unit_ids()
    organisations = report.responsible_organisation_ids()
    if answer.by_link:
        return next(link for link in links.values() if link.organisation_id in organisations)
    for member in members:
        if member.org_unit_ids & units or member.organisation_ids & organisations:
            return member
    return Actor(user_id=None, municipality_id=municipality.pk, role=Role.FACHSTELLE,
                 org_unit_ids=frozenset(units), organisation_ids=frozenset(organisations))


def _values(answer: AnswerSpec, report: MeasureReport, statuses: Mapping[str, StatusOption]) -> dict[str, Any]:
    values: dict[str, Any] = {"progress": answer.progress, "success": answer.success,
                              "success_reason": answer.reason, "obstacles": answer.obstacles,
                              "next_steps": answer.next_steps}
    if answer.status or answer.state != "draft":  # no status given: the measure's status stands
        values["status"] = statuses[answer.status or report.status_before_label]
    values["indicator_values"] = [{"indicator": name, "value": value}
                                  for name, value in zip(report.indicators, answer.values, strict=False) if value]
    reached = (*answer.reached, None, None, None, None)[:4]
    values.update(reached_total=reached[0], reached_women=reached[1], reached_men=reached[2],
                  reached_diverse=reached[3])
    return values


def _answer(answer: AnswerSpec, report: MeasureReport, by: services.Responder, coordination: Actor,
            statuses: Mapping[str, StatusOption]) -> MeasureReport:
    values = _values(answer, report, statuses)
    if answer.state == "draft":
        return services.save_draft(by=by, report=report, expected_version=report.version, values=values)
    report = services.submit(by=by, report=report, expected_version=report.version, values=values)
    if answer.state == "accepted":
        return services.accept(actor=coordination, report=report, expected_version=report.version)
    if answer.state == "returned":
        return services.return_report(actor=coordination, report=report, expected_version=report.version,
                                      comment=answer.review_comment)
    return report


def _set_story_times(round_: ReportingRound, opened_on: dt.date, spec: RoundSpec,
                     times: Mapping[int, list[dt.datetime]], links: Mapping[str, PartnerLink]) -> None:
    """Demo only: move the timestamps the services stamped "now" to the days of the story."""
    ReportingRound.objects.filter(pk=round_.pk).update(
        opened_at=_at(opened_on, 9),
        closed_at=_at(spec.closed_on, 16) if spec.closed_on else None,
        published_at=_at(spec.published_on, 12) if spec.published_on else None)
    for pk, (submitted_at, reviewed_at) in times.items():
        report = MeasureReport.objects.filter(pk=pk)
        state = report.values_list("state", flat=True).get()
        report.update(submitted_at=submitted_at if state != MeasureReport.State.DRAFT else None,
                      reviewed_at=reviewed_at if state in (MeasureReport.State.ACCEPTED,
                                                           MeasureReport.State.RETURNED) else None,
                      updated_at=reviewed_at if state != MeasureReport.State.SUBMITTED else submitted_at)
        ReportStep.objects.filter(report_id=pk, kind=ReportStep.Kind.SUBMITTED).update(at=submitted_at)
        ReportStep.objects.filter(report_id=pk).exclude(kind=ReportStep.Kind.SUBMITTED).update(at=reviewed_at)
    # A closed round's links were sent after the opening; the open round's link was renewed ten days ago.
    sent_on = opened_on + dt.timedelta(days=2) if spec.closed_on else timezone.localdate() - dt.timedelta(days=10)
    for link in links.values():
        PartnerLink.objects.filter(pk=link.pk).update(
            created_at=_at(sent_on), sent_at=_at(sent_on, 10, 5),
            expires_at=_at(sent_on + dt.timedelta(days=services.PARTNER_LINK_DAYS)))


def _statuses_since(spec: MunicipalitySpec, coordination: Actor, edition: Edition,
                    statuses: Mapping[str, StatusOption]) -> None:
    """The measures as they stand today (their spec's status), changed through the plans' service with history."""
    wanted = {m.reference: statuses[m.status] for f in spec.fields for m in f.measures}
    updates = [(m, m.version, {"status": wanted[m.reference]})
               for m in Measure.objects.filter(edition=edition).select_related("status")
               if m.reference in wanted and m.status_id != wanted[m.reference].pk]
    plan_services.update_measures(actor=coordination, edition=edition, updates=updates)
