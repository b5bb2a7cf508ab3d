"""A meeting's invitation and minutes as tagged PDF/UA-1 (Typst, through `teilhabe.core.typst_pdf` like the
report and plan documents, with the project's Noto fonts), and a meeting as iCalendar for the invitation mail
and the portal. `templates/participation/meeting.typ` gets a title, facts and sections as JSON — every text
final and plain, nothing evaluated as markup.

The documents are small (a few pages); they are rendered when asked for, not stored."""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar
from icalendar import Event as VEvent

from teilhabe.core.richtext import to_plain
from teilhabe.core.typst_pdf import DEFAULT_FONT_DIRS, compile_pdf, font_chain, fonts
from teilhabe.participation.models import Attendance, Meeting, Proposal

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "participation" / "meeting.typ"
BASE_FONT = "Noto Sans"
FALLBACK_FONTS = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC")
PRODID = "-//Teilhabe//Beteiligung//DE"


def plain(rich: str) -> str:
    """Sanitised rich text as plain text with its paragraphs and list items on lines of their own."""
    return html.unescape(to_plain(rich or ""))


@dataclass
class Table:
    columns: list[str]
    header: list[str]
    rows: list[list[str]]

    def as_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "header": self.header, "rows": self.rows}


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    subsections: list[Section] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "paragraphs": self.paragraphs,
                "table": self.table.as_json() if self.table is not None else None,
                "subsections": [s.as_json() for s in self.subsections]}


@dataclass
class MeetingDocument:
    """What a document says, before Typst: also what the tests read."""

    kicker: str
    title: str
    subtitle: str
    municipality: str
    facts: list[tuple[str, str]]
    sections: list[Section]
    language: str = "de"

    def text(self) -> str:
        parts = [self.kicker, self.title, self.subtitle, *(f"{k} {v}" for k, v in self.facts)]
        for section in self.sections:
            for s in [section, *section.subsections]:
                parts += [s.title, *s.paragraphs]
                if s.table is not None:
                    parts += [" ".join(row) for row in s.table.rows]
        return "\n".join(parts)


# --- facts ---------------------------------------------------------------------------------------------

def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def when(meeting: Meeting) -> str:
    start, end = _local(meeting.starts_at), _local(meeting.ends_at)
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s Uhr") % {
            "day": date_format(start, "l, j. F Y"), "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
    return _("%(start)s bis %(end)s") % {"start": date_format(start, "l, j. F Y, H:i"),
                                         "end": date_format(end, "l, j. F Y, H:i")}


def where(meeting: Meeting) -> str:
    parts = []
    if meeting.format != Meeting.Format.ONLINE and meeting.place:
        parts.append(meeting.place)
    if meeting.format != Meeting.Format.IN_PERSON and meeting.online_url:
        parts.append(_("online: %(url)s") % {"url": meeting.online_url})
    return "\n".join(parts) or str(meeting.get_format_display())


def _facts(meeting: Meeting) -> list[tuple[str, str]]:
    facts = [(_("Art"), str(meeting.get_kind_display())), (_("Wann"), when(meeting)),
             (_("Wo"), where(meeting)), (_("Form"), str(meeting.get_format_display()))]
    if meeting.body is not None:
        facts.append((_("Gremium"), meeting.body.name))
    fields = [f.title for f in meeting.fields_of_action.all()]
    if fields:
        facts.append((_("Handlungsfelder"), ", ".join(fields)))
    return facts


def _subtitle(meeting: Meeting) -> str:
    return meeting.body.name if meeting.body is not None else ""


def _sessions_by_round(meeting: Meeting) -> dict[int, list[Any]]:
    rounds: dict[int, list[Any]] = defaultdict(list)
    for session in meeting.sessions.all():
        rounds[session.round].append(session)
    return dict(sorted(rounds.items()))


def _session_line(session: Any) -> list[str]:
    return [session.title, session.table, session.field_of_action.title if session.field_of_action else "",
            session.moderator_name]


# --- the invitation -----------------------------------------------------------------------------------

def invitation(meeting: Meeting) -> MeetingDocument:
    """The invitation: when, where, the agenda, the parallel sessions and how to register."""
    sections = []
    if meeting.description:
        sections.append(Section(_("Worum es geht"), paragraphs=[plain(meeting.description)]))
    sections.append(Section(_("Tagesordnung"), paragraphs=[plain(meeting.agenda) or _("Die Tagesordnung folgt.")]))
    rounds = _sessions_by_round(meeting)
    if rounds:
        header = [_("Teilsitzung"), _("Tisch / Raum"), _("Handlungsfeld"), _("Moderation")]
        sections.append(Section(_("Parallele Teilsitzungen"), subsections=[
            Section(_("Runde %(n)d") % {"n": number},
                    table=Table(["1fr", "20%", "25%", "20%"], header, [_session_line(s) for s in sessions]))
            for number, sessions in rounds.items()]))
    if meeting.is_public and meeting.registration_open:
        lines = [_("Bitte melden Sie sich im Beteiligungsportal an.")]
        if meeting.registration_deadline:
            lines.append(_("Anmeldeschluss: %(day)s") % {"day": date_format(meeting.registration_deadline,
                                                                              "j. F Y")})
        if meeting.capacity:
            lines.append(_("Plätze: %(n)d") % {"n": meeting.capacity})
        sections.append(Section(_("Anmeldung"), paragraphs=lines))
    return MeetingDocument(kicker=_("Einladung"), title=meeting.title, subtitle=_subtitle(meeting),
                           municipality=meeting.municipality.name, facts=_facts(meeting), sections=sections)


# --- the minutes --------------------------------------------------------------------------------------

def _attendance_rows(meeting: Meeting) -> list[Attendance]:
    return sorted(meeting.attendances.all(),
                  key=lambda a: (a.session is not None, a.session.round if a.session else 0,
                                 a.session.position if a.session else 0, a.pk))


def _part(attendance: Attendance) -> str:
    return attendance.session.title if attendance.session else _("ganze Sitzung")


def _attendance_tables(meeting: Meeting) -> list[Section]:
    """Counts only: by gender, and by where people came from (never a list of persons)."""
    rows = _attendance_rows(meeting)
    if not rows:
        return []
    genders = Table(["1fr", "14%", "14%", "14%", "14%"],
                    [_("Teil"), _("insgesamt"), _("Frauen"), _("Männer"), _("divers")],
                    [[_part(a), str(a.total), str(a.women), str(a.men), str(a.diverse)] for a in rows])
    origin = Table(["1fr", *["11%"] * 6],
                   [_("Teil"), _("Verwaltung"), _("Politik"), _("Migranten­organisationen"),
                    _("Vereine, Verbände"), _("Einrichtungen"), _("Bürger*innen")],
                   [[_part(a), *(str(getattr(a, name)) for name in Attendance.ORGANISATION_FIELDS)] for a in rows])
    return [Section(_("Nach Geschlecht"), table=genders), Section(_("Nach Herkunftsbereich"), table=origin)]


def _proposer(proposal: Proposal) -> str:
    if proposal.proposer_kind == Proposal.ProposerKind.ORGANISATION and proposal.proposer_organisation:
        return proposal.proposer_organisation.name
    if proposal.proposer_kind == Proposal.ProposerKind.BODY and proposal.proposer_body:
        return proposal.proposer_body.name
    if proposal.proposer_kind == Proposal.ProposerKind.PERSON and proposal.proposer_name:
        return proposal.proposer_name
    return str(proposal.get_proposer_kind_display())


def minutes(meeting: Meeting) -> MeetingDocument:
    """The minutes: attendance as counts, the sessions by round with their results, the decisions with their
    status, the proposals collected, and the minutes' own text."""
    sections = [Section(_("Tagesordnung"), paragraphs=[plain(meeting.agenda)] if meeting.agenda else [])]
    attendance = _attendance_tables(meeting)
    sections.append(Section(_("Teilnahme"), paragraphs=[] if attendance else [_("Keine Teilnahme erfasst.")],
                            subsections=attendance))
    rounds = _sessions_by_round(meeting)
    if rounds:
        sections.append(Section(_("Teilsitzungen nach Runden"), subsections=[
            Section(_("Runde %(n)d: %(title)s") % {"n": number, "title": s.title},
                    paragraphs=[" · ".join(x for x in _session_line(s)[1:] if x), plain(s.results)
                                or _("Keine Ergebnisse eingetragen.")])
            for number, sessions in rounds.items() for s in sessions]))
    if meeting.minutes:
        sections.append(Section(pgettext("meeting minutes", "Protokoll"), paragraphs=[plain(meeting.minutes)]))
    decisions = [[str(n), d.text, d.responsible, date_format(d.due_on, "j. n. Y") if d.due_on else "",
                  str(d.get_status_display())] for n, d in enumerate(meeting.decisions.all(), start=1)]
    sections.append(Section(_("Beschlüsse"), table=Table(
        ["auto", "1fr", "20%", "12%", "15%"], [_("Nr."), _("Beschluss"), _("zuständig"), _("bis"), _("Stand")],
        decisions)))
    proposals = [[p.title, p.session.title if p.session else "", p.field_of_action.title if p.field_of_action else "",
                  _proposer(p), str(p.get_status_display())] for p in meeting.proposals.all()]
    sections.append(Section(_("Gesammelte Vorschläge"), table=Table(
        ["1fr", "17%", "17%", "17%", "15%"],
        [_("Vorschlag"), _("Teilsitzung"), _("Handlungsfeld"), _("Wer schlägt vor"), _("Stand")], proposals)))
    return MeetingDocument(kicker=pgettext("meeting minutes", "Protokoll"), title=meeting.title,
                           subtitle=_subtitle(meeting), municipality=meeting.municipality.name,
                           facts=_facts(meeting), sections=sections)


# --- rendering ----------------------------------------------------------------------------------------

def labels() -> dict[str, str]:
    return {"page": _("Seite"), "none": _("keine")}


def render_pdf(document: MeetingDocument, *, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> bytes:
    """The document as an A4 PDF/UA-1."""
    font_book = fonts(font_dirs)
    payload = {
        "lang": document.language, "region": "DE", "title": f"{document.kicker}: {document.title}",
        "heading": document.title,
        "municipality": document.municipality, "header": f"{document.municipality} · {document.kicker}",
        "kicker": document.kicker, "subtitle": document.subtitle,
        "facts": [[label, value] for label, value in document.facts],
        "sections": [s.as_json() for s in document.sections],
        "fonts": font_chain(font_book.families(), [BASE_FONT, *FALLBACK_FONTS]), "labels": labels(),
    }
    return compile_pdf(TEMPLATE, payload, font_book, timestamp=dt.datetime.now(dt.UTC).replace(microsecond=0))


def invitation_pdf(meeting: Meeting) -> bytes:
    return render_pdf(invitation(meeting))


def minutes_pdf(meeting: Meeting) -> bytes:
    return render_pdf(minutes(meeting))


def filename(meeting: Meeting, what: str) -> str:
    stamp = _local(meeting.starts_at).strftime("%Y-%m-%d")
    return f"{what}-{stamp}-{meeting.pk}.pdf"


# --- iCalendar ----------------------------------------------------------------------------------------

def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{meeting.municipality.slug}.teilhabe"


def to_ics(meetings: list[Meeting], *, name: str, urls: dict[int, str] | None = None,
           method: str = "PUBLISH") -> bytes:
    """The meetings as an iCalendar file; a cancelled meeting has STATUS:CANCELLED."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        component = VEvent()
        component.add("uid", meeting_uid(meeting))
        component.add("dtstamp", timezone.now())
        component.add("dtstart", meeting.starts_at)
        component.add("dtend", meeting.ends_at)
        component.add("summary", meeting.title)
        description = plain(meeting.description) or plain(meeting.agenda)
        if description:
            component.add("description", description)
        location = where(meeting)
        if location:
            component.add("location", location.replace("\n", ", "))
        url = meeting.online_url or (urls or {}).get(meeting.pk, "")
        if url:
            component.add("url", url)
        component.add("status", "CANCELLED" if meeting.state == Meeting.State.CANCELLED else "CONFIRMED")
        component.add("sequence", meeting.version)
        calendar.add_component(component)
    return calendar.to_ical()
