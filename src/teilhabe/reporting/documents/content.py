"""What the implementation report (Umsetzungsbericht) of a reporting round says, as typed data that the PDF,
DOCX and table writers only lay out.

Everything comes from the round's MeasureReport rows: what a report copied when the round opened (reference, title,
field, leads, indicators) and what was accepted (status as words, success, Sachstand, values, people reached).
A closed round's report therefore stays what was accepted even when the plan changes later. Only accepted
answers are reported; a report not (yet) accepted is counted and listed as such, never with a draft's text.

`report_content` runs a fixed number of queries whatever the number of reports (five: the round, its
reports, the previous round, that round's reports, the plan's measure lineage)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from teilhabe.core import display
from teilhabe.plans.models import Measure, NormalisedStatus
from teilhabe.reporting import selectors
from teilhabe.reporting.models import MeasureReport, ReportingRound, Success
from teilhabe.reporting.services import summary_sentence

NOT_ACCEPTED = "not_accepted"
# The order in which a measure moves forward; "discontinued" is no step on that way.
STATUS_ORDER = {NormalisedStatus.PLANNED: 0, NormalisedStatus.IN_PROGRESS: 1, NormalisedStatus.COMPLETED: 2,
                NormalisedStatus.ROUTINE: 3}
STALLING = frozenset({NormalisedStatus.PLANNED, NormalisedStatus.IN_PROGRESS})
REPORT_FIELDS = (
    "pk", "measure_id", "reference", "title", "field_title", "field_position", "position", "is_key_project",
    "lead_names", "indicators", "state", "status_label", "status_normalised", "progress", "success",
    "success_reason", "indicator_values", "obstacles", "next_steps", "reached_total", "reached_women",
    "reached_men", "reached_diverse", "status_before_label",
)


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass
class Entry:
    """One measure's report as the council reads it."""

    reference: str
    title: str
    field_title: str
    leads: str
    is_key_project: bool
    accepted: bool
    state_label: str
    status: str
    status_normalised: str
    success: str
    success_reason: str
    progress: str
    indicator_values: list[tuple[str, str]]
    indicators: list[str]
    reached: str
    obstacles: str
    next_steps: str
    status_before: str

    @property
    def heading(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    def lines(self) -> list[Line]:
        """The rows of the measure's table. A report not accepted says so and nothing else of its answer."""
        labels = _entry_labels(get_language() or "de")
        empty = display.EMPTY
        rows = [Line(labels["leads"], self.leads or empty)]
        if not self.accepted:
            rows.append(Line(labels["report"], self.state_label))
            rows.append(Line(labels["status_before"], self.status_before or empty))
            return rows
        values = "\n".join(f"{name}: {value}" for name, value in self.indicator_values)
        rows += [
            Line(labels["status"], self.status or empty),
            Line(labels["success"], self.success or empty),
        ]
        if self.success_reason:
            rows.append(Line(labels["reason"], self.success_reason))
        rows.append(Line(labels["progress"], self.progress or empty))
        if self.indicators or values:
            rows.append(Line(labels["values"], values or empty))
        rows.append(Line(labels["reached"], self.reached or empty))
        if self.obstacles:
            rows.append(Line(labels["obstacles"], self.obstacles))
        if self.next_steps:
            rows.append(Line(labels["next_steps"], self.next_steps))
        return rows


@lru_cache(maxsize=8)
def _entry_labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "leads": _("Federführung"), "report": _("Bericht"), "status_before": _("Status bei Eröffnung der Runde"),
            "status": _("Status"), "success": _("Erfolg"), "reason": _("Begründung"), "progress": _("Sachstand"),
            "values": _("Erreichte Werte der Erfolgsindikatoren"), "reached": _("Erreichte Personen"),
            "obstacles": _("Hindernisse"), "next_steps": _("Nächste Schritte"),
        }


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


@dataclass
class Chart:
    """Reports per field of action and normalised status (accepted ones; the rest as "not accepted")."""

    series: list[tuple[str, str]]  # (key, label) of each segment, in order
    rows: list[tuple[str, list[int]]]  # field title → count per series
    title: str
    description: str  # the chart in words: its alternative text

    @property
    def header(self) -> list[str]:
        return [_("Handlungsfeld"), *(label for _key, label in self.series), _("insgesamt")]

    def table(self) -> list[list[str]]:
        return [[title, *(str(n) for n in counts), str(sum(counts))] for title, counts in self.rows]


@dataclass(frozen=True)
class Movement:
    heading: str
    field_title: str
    before: str
    now: str
    forward: bool | None  # None: sideways (e.g. discontinued)

    @property
    def direction(self) -> str:
        if self.forward is None:
            return _("verändert")
        return _("vorangekommen") if self.forward else _("zurückgefallen")


@dataclass
class Comparison:
    previous_title: str  # "" when there is no previous closed round
    moved: list[Movement]
    stalled: list[Movement]
    unchanged: int
    without_comparison: int  # new measures, or not accepted in one of the two rounds

    @property
    def text(self) -> str:
        if not self.previous_title:
            return _("Es gibt keine abgeschlossene frühere Berichtsrunde zu diesem Plan; ein Vergleich ist erst "
                     "mit der nächsten Runde möglich.")
        return _("Verglichen mit „%(previous)s“: jede Maßnahme mit ihrem Bericht dort, oder dem ihrer Vorgängerin "
                 "in einer früheren Ausgabe des Plans.") % {"previous": self.previous_title}

    def counts(self) -> list[list[str]]:
        if not self.previous_title:
            return []
        return [
            [_("Status verändert"), str(len(self.moved))],
            [_("unverändert geplant oder in Umsetzung (stagniert)"), str(len(self.stalled))],
            [_("unverändert abgeschlossen, im laufenden Geschäft oder nicht weiter verfolgt"), str(self.unchanged)],
            [_("nicht vergleichbar (neu, oder in einer der Runden nicht angenommen)"), str(self.without_comparison)],
        ]


@dataclass
class ReportContent:
    language: str
    title: str  # the document's title (metadata)
    round_title: str
    plan_title: str
    municipality: str
    is_draft: bool
    cover: list[Line]
    total: int
    accepted: int
    successful: int
    sentence: str
    by_status: list[Count]
    by_success: list[Count]
    chart: Chart
    sections: list[Section]
    comparison: Comparison
    file_stem: str

    @property
    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def not_accepted(self) -> int:
        return self.total - self.accepted

    @property
    def summary_text(self) -> str:
        text = self.sentence
        if self.not_accepted:
            text += " " + ngettext(
                "%(n)d Bericht ist (noch) nicht angenommen; er ist nicht als erfolgreich gezählt.",
                "%(n)d Berichte sind (noch) nicht angenommen; sie sind nicht als erfolgreich gezählt.",
                self.not_accepted) % {"n": self.not_accepted}
        return text

    @property
    def annex_header(self) -> list[str]:
        return [_("Nr."), _("Maßnahme"), _("Handlungsfeld"), _("Federführung"), _("Status"), _("Erfolg")]

    def annex(self) -> list[list[str]]:
        empty = display.EMPTY
        return [[e.reference or empty, e.title, e.field_title, e.leads or empty,
                 e.status if e.accepted else e.state_label, e.success if e.accepted else empty]
                for e in self.entries]

    @property
    def movement_header(self) -> list[str]:
        return [_("Maßnahme"), _("Handlungsfeld"), _("vorher"), _("jetzt"), _("Entwicklung")]

    @property
    def stalled_header(self) -> list[str]:
        return [_("Maßnahme"), _("Handlungsfeld"), _("Status in beiden Runden")]


def status_series() -> list[tuple[str, str]]:
    return [*((value, str(label)) for value, label in NormalisedStatus.choices),
            (NOT_ACCEPTED, _("noch nicht angenommen"))]


def _reached(total: int | None, women: int | None, men: int | None, diverse: int | None) -> str:
    if total is None and women is None and men is None and diverse is None:
        return ""
    parts = [(_("Frauen"), women), (_("Männer"), men), (_("divers"), diverse)]
    known = ", ".join(f"{label} {display.format_number(n)}" for label, n in parts if n is not None)
    if total is None:
        return known
    text = display.format_number(total)
    return f"{text} ({_('davon')} {known})" if known else text


def _lineage(plan_id: int) -> dict[int, int | None]:
    return dict(Measure.objects.filter(edition__plan_id=plan_id).values_list("pk", "predecessor_id"))


def report_content(round_: ReportingRound, today: dt.date | None = None) -> ReportContent:
    """The report of `round_` in the active language, from its MeasureReport rows. Five queries."""
    round_ = ReportingRound.objects.select_related("edition__plan", "municipality").get(pk=round_.pk)
    plan = round_.edition.plan
    rows = list(MeasureReport.objects.filter(round=round_).order_by("field_position", "position", "pk")
                .values_list(*REPORT_FIELDS))
    state_labels = dict(MeasureReport.State.choices)
    success_labels = {key: str(label) for key, label in Success.choices}
    status_labels = {key: str(label) for key, label in NormalisedStatus.choices}
    series = status_series()
    series_index = {key: i for i, (key, _label) in enumerate(series)}
    sections: dict[str, Section] = {}
    chart_rows: dict[str, list[int]] = {}
    by_status: Counter[str] = Counter()
    by_success: Counter[str] = Counter()
    entries_by_measure: dict[int, Entry] = {}
    accepted = successful = 0
    for row in rows:
        values = dict(zip(REPORT_FIELDS, row, strict=True))
        is_accepted = values["state"] == MeasureReport.State.ACCEPTED
        normalised = values["status_normalised"] if is_accepted else ""
        entry = Entry(
            reference=values["reference"], title=values["title"], field_title=values["field_title"],
            leads=values["lead_names"], is_key_project=values["is_key_project"], accepted=is_accepted,
            state_label=_("Bericht %(state)s, nicht angenommen") % {"state": state_labels[values["state"]]}
            if not is_accepted else str(state_labels[values["state"]]),
            status=values["status_label"] if is_accepted else "", status_normalised=normalised,
            success=success_labels.get(values["success"], "") if is_accepted else "",
            success_reason=values["success_reason"] if is_accepted else "",
            progress=values["progress"] if is_accepted else "",
            indicator_values=[(str(i.get("indicator", "")), str(i.get("value", "")))
                              for i in (values["indicator_values"] or [])] if is_accepted else [],
            indicators=[str(i) for i in values["indicators"] or []],
            reached=_reached(values["reached_total"], values["reached_women"], values["reached_men"],
                             values["reached_diverse"]) if is_accepted else "",
            obstacles=values["obstacles"] if is_accepted else "",
            next_steps=values["next_steps"] if is_accepted else "",
            status_before=values["status_before_label"],
        )
        sections.setdefault(entry.field_title, Section(entry.field_title)).entries.append(entry)
        counts = chart_rows.setdefault(entry.field_title, [0] * len(series))
        if is_accepted:
            accepted += 1
            by_status[normalised] += 1
            by_success[values["success"]] += 1
            successful += values["success"] == Success.SUCCESSFUL
            counts[series_index.get(normalised, series_index[NOT_ACCEPTED])] += 1
        else:
            counts[series_index[NOT_ACCEPTED]] += 1
        if values["measure_id"] is not None:
            entries_by_measure[values["measure_id"]] = entry
    total = len(rows)
    not_accepted_label = _("noch nicht angenommen")
    status_counts = [Count(key, status_labels[key], by_status.get(key, 0)) for key, _l in NormalisedStatus.choices]
    success_counts = [Count(key, label, by_success.get(key, 0)) for key, label in success_labels.items()]
    if total - accepted:
        status_counts.append(Count(NOT_ACCEPTED, not_accepted_label, total - accepted))
        success_counts.append(Count(NOT_ACCEPTED, not_accepted_label, total - accepted))
    chart = Chart(series=series, rows=list(chart_rows.items()), title=_("Stand der Maßnahmen nach Handlungsfeldern"),
                  description=_chart_description(series, list(chart_rows.items())))
    comparison = _comparison(round_, plan.pk, entries_by_measure, status_labels)
    language = (get_language() or "de").split("-")[0]
    is_draft = round_.state == ReportingRound.State.OPEN
    cover = [
        Line(_("Kommune"), round_.municipality.name),
        Line(_("Plan"), f"{plan.title} ({round_.edition.name})"),
        Line(_("Berichtszeitraum"), f"{display.format_date(round_.period_start)} – "
                                    f"{display.format_date(round_.period_end)}"),
        Line(_("Maßnahmen"), str(total)),
    ]
    if round_.closed_at:
        cover.append(Line(_("abgeschlossen am"), display.format_date(timezone.localdate(round_.closed_at))))
    else:
        cover.append(Line(_("Stand der Runde"), _("offen – Frist %(deadline)s") % {
            "deadline": display.format_date(round_.deadline)}))
    cover.append(Line(_("erstellt am"), display.format_date(today or timezone.localdate())))
    return ReportContent(
        language=language, title=f"{round_.title} – {plan.title}", round_title=round_.title, plan_title=plan.title,
        municipality=round_.municipality.name, is_draft=is_draft, cover=cover, total=total, accepted=accepted,
        successful=successful, sentence=summary_sentence(total, successful, accepted=accepted, interim=is_draft),
        by_status=status_counts,
        by_success=success_counts, chart=chart, sections=list(sections.values()), comparison=comparison,
        file_stem="-".join(s for s in (slugify(round_.title)[:60], "entwurf" if is_draft else "") if s) or "bericht",
    )


def _chart_description(series: list[tuple[str, str]], rows: list[tuple[str, list[int]]]) -> str:
    parts = []
    for title, counts in rows:
        shown = ", ".join(f"{n} {label}" for (_key, label), n in zip(series, counts, strict=True) if n)
        parts.append(f"{title}: {shown or '0'}")
    return _("Balkendiagramm: Maßnahmen je Handlungsfeld nach Status. ") + "; ".join(parts) + "."


def _comparison(round_: ReportingRound, plan_id: int, entries: dict[int, Entry],
                status_labels: dict[str, str]) -> Comparison:
    """What moved and what stalled since the previous closed round of the plan, measure by measure: the same
    measure, or its predecessor along the lineage of Fortschreibungen."""
    previous = selectors.previous_round(round_)
    if previous is None:
        return Comparison(previous_title="", moved=[], stalled=[], unchanged=0, without_comparison=len(entries))
    before: dict[int, tuple[str, str]] = {
        measure_id: (normalised, label)
        for measure_id, normalised, label in MeasureReport.objects.filter(
            round=previous, state=MeasureReport.State.ACCEPTED, measure__isnull=False).values_list(
            "measure_id", "status_normalised", "status_label")
    }
    lineage = _lineage(plan_id)
    moved: list[Movement] = []
    stalled: list[Movement] = []
    unchanged = without = 0
    for measure_id, entry in entries.items():
        earlier = None
        current: int | None = measure_id
        seen: set[int] = set()
        while current is not None and current not in seen:
            if current in before:
                earlier = before[current]
                break
            seen.add(current)
            current = lineage.get(current)
        if earlier is None or not entry.accepted:
            without += 1
            continue
        old, old_label = earlier
        new = entry.status_normalised
        movement = Movement(entry.heading, entry.field_title, old_label or status_labels.get(old, ""),
                            entry.status, None)
        if old != new:
            if old in STATUS_ORDER and new in STATUS_ORDER:
                movement = Movement(movement.heading, movement.field_title, movement.before, movement.now,
                                    STATUS_ORDER[new] > STATUS_ORDER[old])  # type: ignore[index]
            moved.append(movement)
        elif new in STALLING:
            stalled.append(movement)
        else:
            unchanged += 1
    return Comparison(previous_title=previous.title, moved=moved, stalled=stalled, unchanged=unchanged,
                      without_comparison=without)

