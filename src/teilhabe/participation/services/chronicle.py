"""The chronicle (Stationen der Integrationspolitik): every state change of a milestone, one function each.

Koordination (MANAGE_CHRONICLE) writes milestones by hand — a date or a period with its precision (day, month,
year), a kind, a title, a sanitised text, links to a plan edition, a meeting, a reporting round and a
document — and confirms or dismisses the ones Teilhabe proposes. `propose_milestones` looks at what happened
in Teilhabe (an edition adopted, a reporting round closed and published, a public meeting held) and proposes
one milestone for each, once: its `source_key` names the source, so nothing is proposed twice, and a dismissed
proposal stays dismissed. It runs a fixed number of queries when there is nothing new (the chronicle's back
office page calls it on every opening; a periodic task does too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.richtext import sanitize, validate_accessible
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, update_audited
from teilhabe.participation.models import Meeting, Milestone
from teilhabe.participation.permissions import MANAGE_CHRONICLE
from teilhabe.plans.models import Edition
from teilhabe.reporting.models import ReportingRound

EDITABLE_FIELDS = ["date", "end_date", "precision", "kind", "title", "text", "edition", "meeting",
                   "reporting_round", "document_url", "document_label"]
AUDIT_FIELDS = [*EDITABLE_FIELDS, "state"]
LINKS = ("edition", "meeting", "reporting_round")
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


# --- checking what people send ------------------------------------------------------------------------------


def normalise(day: dt.date | None, precision: str) -> dt.date | None:
    """A date as its precision keeps it: the first of the month, or the first of January."""
    if day is None:
        return None
    if precision == Milestone.Precision.MONTH:
        return day.replace(day=1)
    if precision == Milestone.Precision.YEAR:
        return day.replace(month=1, day=1)
    return day


def _clean(municipality_id: int, values: Mapping[str, Any], current: Milestone | None = None) -> dict[str, Any]:
    """Only editable fields; the text sanitised and checked for accessibility; dates in order and as precise as
    their precision; every link in this municipality. Raises ValidationError with German messages per field."""
    cleaned = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    errors: dict[str, list[str]] = {}
    for name in ("title", "document_label", "document_url"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
    if "text" in cleaned:
        cleaned["text"] = sanitize(str(cleaned["text"] or ""))
        try:
            validate_accessible(cleaned["text"])
        except ValidationError as error:
            errors["text"] = list(error.messages)
    precision = cleaned.get("precision", current.precision if current else Milestone.Precision.DAY)
    if precision not in Milestone.Precision.values:
        errors["precision"] = [_("Diese Genauigkeit gibt es nicht.")]
        precision = Milestone.Precision.DAY
    if "kind" in cleaned and cleaned["kind"] not in Milestone.Kind.values:
        errors["kind"] = [_("Diese Art von Meilenstein gibt es nicht.")]
    start = cleaned.get("date", current.date if current else None)
    end = cleaned.get("end_date", current.end_date if current else None)
    for name, day in (("date", start), ("end_date", end)):
        if day is not None and not EARLIEST <= day <= LATEST:
            errors[name] = [_("Bitte geben Sie ein Datum zwischen 1900 und 2200 an.")]
    if start is None:
        errors["date"] = [_("Bitte geben Sie ein Datum oder den Beginn des Zeitraums an.")]
    start, end = normalise(start, precision), normalise(end, precision)
    if start is not None and end is not None and "date" not in errors and "end_date" not in errors:
        if end < start:
            errors["end_date"] = [_("Das Ende des Zeitraums liegt vor seinem Beginn.")]
        elif end == start:
            end = None  # a period of one day (month, year) is that day (month, year)
    if "date" in cleaned or "precision" in cleaned:
        cleaned["date"] = start
    if "end_date" in cleaned or "precision" in cleaned:
        cleaned["end_date"] = end
    for name in LINKS:
        linked = cleaned.get(name)
        if linked is not None and getattr(linked, "municipality_id", None) != municipality_id:
            errors[name] = [_("Diese Verknüpfung gehört nicht zu Ihrer Kommune.")]
    label = cleaned.get("document_label", current.document_label if current else "")
    url = cleaned.get("document_url", current.document_url if current else "")
    if label and not url:
        errors["document_url"] = [_("Bitte geben Sie die Adresse des Dokuments an – oder lassen Sie auch die "
                                    "Bezeichnung leer.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- writing by hand ----------------------------------------------------------------------------------------


def create_milestone(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any]) -> Milestone:
    """A milestone written by Koordination: published at once."""
    authorize(actor, MANAGE_CHRONICLE, municipality)
    cleaned = _clean(municipality.pk, values)
    authorize(actor, MANAGE_CHRONICLE, [cleaned.get(name) for name in LINKS])
    return create_audited(actor=actor, model=Milestone, audit_fields=AUDIT_FIELDS, values={
        "municipality": municipality, "state": Milestone.State.PUBLISHED, **cleaned})


def update_milestone(*, actor: Actor, milestone: Milestone, expected_version: int,
                     values: Mapping[str, Any]) -> Milestone:
    """Change a milestone (a proposed one keeps its state until it is confirmed or dismissed)."""
    authorize(actor, MANAGE_CHRONICLE, milestone)
    cleaned = _clean(milestone.municipality_id, values, current=milestone)
    authorize(actor, MANAGE_CHRONICLE, [cleaned.get(name) for name in LINKS])
    return update_audited(actor=actor, obj=milestone, expected_version=expected_version, values=cleaned,
                          audit_fields=AUDIT_FIELDS)


def delete_milestone(*, actor: Actor, milestone: Milestone, expected_version: int) -> None:
    """Delete a milestone. One that Teilhabe proposed is dismissed instead, so it is not proposed again."""
    authorize(actor, MANAGE_CHRONICLE, milestone)
    if milestone.source_key and milestone.state != Milestone.State.DISMISSED:
        _set_state(actor, milestone, expected_version, Milestone.State.DISMISSED)
        return
    delete_audited(actor=actor, obj=milestone, expected_version=expected_version, audit_fields=AUDIT_FIELDS)


def _set_state(actor: Actor, milestone: Milestone, expected_version: int, state: str) -> Milestone:
    return update_audited(actor=actor, obj=milestone, expected_version=expected_version, values={"state": state},
                          audit_fields=AUDIT_FIELDS)


def confirm_milestone(*, actor: Actor, milestone: Milestone, expected_version: int) -> Milestone:
    """Publish a proposed (or earlier dismissed) milestone in the chronicle."""
    authorize(actor, MANAGE_CHRONICLE, milestone)
    if milestone.state == Milestone.State.PUBLISHED:
        raise ServiceError(_("Dieser Meilenstein steht schon in der Chronik."))
    return _set_state(actor, milestone, expected_version, Milestone.State.PUBLISHED)


def dismiss_milestone(*, actor: Actor, milestone: Milestone, expected_version: int) -> Milestone:
    """Dismiss a proposed milestone: it stays out of the chronicle and is not proposed again."""
    authorize(actor, MANAGE_CHRONICLE, milestone)
    if milestone.state != Milestone.State.PROPOSED:
        raise ServiceError(_("Nur vorgeschlagene Meilensteine können verworfen werden."))
    return _set_state(actor, milestone, expected_version, Milestone.State.DISMISSED)


# --- what Teilhabe proposes ---------------------------------------------------------------------------------


def _day(value: dt.date) -> str:
    return date_format(value, "j. F Y")


def _edition_proposal(edition: Edition) -> dict[str, Any]:
    plan = edition.plan.title
    reference = (_(" (Beschluss %(reference)s)") % {"reference": edition.council_reference}
                 if edition.council_reference else "")
    text = _("Die Ausgabe „%(edition)s“ des Plans „%(plan)s“ wird beschlossen%(reference)s. Damit beginnt die "
             "Umsetzung ihrer Ziele und Maßnahmen.") % {"edition": edition.name, "plan": plan, "reference": reference}
    return {"date": edition.adopted_on, "kind": Milestone.Kind.PLAN, "edition": edition,
            "title": _("„%(plan)s“ beschlossen") % {"plan": plan}, "text": f"<p>{escape(text)}</p>"}


def _round_proposal(round_: ReportingRound) -> dict[str, Any]:
    assert round_.published_at is not None
    text = _("Die zuständigen Stellen haben berichtet, wie weit die Maßnahmen des Plans „%(plan)s“ im "
             "Berichtszeitraum vom %(start)s bis %(end)s gekommen sind. Der Umsetzungsbericht „%(title)s“ ist "
             "veröffentlicht.") % {"plan": round_.edition.plan.title, "start": _day(round_.period_start),
                                   "end": _day(round_.period_end), "title": round_.title}
    return {"date": timezone.localdate(round_.published_at), "kind": Milestone.Kind.REPORT,
            "reporting_round": round_, "edition": round_.edition,
            "title": _("Umsetzungsbericht veröffentlicht: %(title)s") % {"title": round_.title},
            "text": f"<p>{escape(text)}</p>"}


def _meeting_proposal(meeting: Meeting) -> dict[str, Any]:
    start, end = timezone.localdate(meeting.starts_at), timezone.localdate(meeting.ends_at)
    who = (_(" von „%(body)s“") % {"body": meeting.body.name}) if meeting.body is not None else ""
    where = (_(" (%(place)s)") % {"place": meeting.place}) if meeting.place else ""
    text = _("%(kind)s%(who)s%(where)s, öffentlich.") % {
        "kind": meeting.get_kind_display(), "who": who, "where": where}
    return {"date": start, "end_date": end if end > start else None, "kind": Milestone.Kind.PARTICIPATION,
            "meeting": meeting, "title": meeting.title, "text": f"<p>{escape(text)}</p>"}


Builder = Callable[[], dict[str, Any]]


def _sources(municipality: Municipality, now: dt.datetime, known: set[str]) -> Iterable[tuple[str, Builder]]:
    """(source key, how to make the milestone's values) of everything that happened and is not `known`: three
    queries, a fourth only for new meetings (meetings are many: their ids are read first)."""
    editions = (Edition.objects.of(municipality).exclude(status=Edition.Status.DRAFT)
                .filter(adopted_on__isnull=False).select_related("plan").order_by("adopted_on", "pk"))
    for edition in editions:
        yield f"edition:{edition.pk}:adopted", partial(_edition_proposal, edition)
    rounds = (ReportingRound.objects.of(municipality).filter(state=ReportingRound.State.CLOSED,
                                                             published_at__isnull=False)
              .select_related("edition__plan").order_by("published_at", "pk"))
    for round_ in rounds:
        yield f"round:{round_.pk}:published", partial(_round_proposal, round_)
    held = (Meeting.objects.of(municipality).filter(is_public=True).exclude(state=Meeting.State.CANCELLED)
            .filter(Q(state=Meeting.State.HELD) | Q(ends_at__lt=now)))
    new = [pk for pk in held.values_list("pk", flat=True) if f"meeting:{pk}:held" not in known]
    for start in range(0, len(new), 500):
        for meeting in (Meeting.objects.of(municipality).filter(pk__in=new[start:start + 500])
                        .select_related("body").order_by("starts_at", "pk")):
            yield f"meeting:{meeting.pk}:held", partial(_meeting_proposal, meeting)


def _told(municipality: Municipality) -> set[str]:
    """The sources the chronicle already tells of (one query): those proposed before, whatever became of the
    proposal, and those a milestone written by hand links to — a meeting, a reporting round, an edition (not
    merely as the plan a round reported on)."""
    told: set[str] = set()
    rows = Milestone.objects.of(municipality).values_list("source_key", "edition_id", "meeting_id",
                                                         "reporting_round_id")
    for key, edition_id, meeting_id, round_id in rows:
        if key:
            told.add(key)
        if meeting_id:
            told.add(f"meeting:{meeting_id}:held")
        if round_id:
            told.add(f"round:{round_id}:published")
        elif edition_id:
            told.add(f"edition:{edition_id}:adopted")
    return told


def propose_milestones(municipality: Municipality, *, now: dt.datetime | None = None) -> list[Milestone]:
    """Propose a milestone for each thing that happened and that the chronicle does not tell of yet (in German,
    whatever the language of the request). Four queries when there is nothing new; the new ones are created one by one
    (with their audit entry). A proposal that someone else made at the same moment is skipped."""
    actor = Actor.system(municipality.pk)
    known = _told(municipality)
    created: list[Milestone] = []
    with override("de"):
        for key, build in _sources(municipality, now or timezone.now(), known):
            if key in known:
                continue
            milestone = Milestone(municipality=municipality, state=Milestone.State.PROPOSED, source_key=key,
                                  precision=Milestone.Precision.DAY, **build())
            try:
                with transaction.atomic():
                    milestone.full_clean(validate_unique=False, validate_constraints=False)
                    milestone.save()
                    audit.record(actor=actor, municipality=municipality.pk, action=AuditEntry.Action.CREATE,
                                 obj=milestone, changes={
                                     k: [None, v] for k, v in audit.snapshot(milestone, AUDIT_FIELDS).items()
                                     if v not in (None, "", [], False)})
            except IntegrityError:
                continue  # proposed by a run at the same moment
            except ValidationError:
                continue  # a source whose values do not make a milestone (e.g. a title too long): not proposed
            known.add(key)
            created.append(milestone)
    return created
