"""Demo bodies and meetings, following the seeds (see the package docstring).

Heidelberg (seed 000): the opening event of 29 April 2014, the four focus groups "Bildung",
"Alltagsdiskriminierung", "Personalentwicklung" and "Zugewanderten- und Frauenökonomie" meeting in parallel in
three rounds (23 July, 24–29 September, 28 November 2014), and the Ausländer- und Migrationsrat (seed 003).
Waiblingen (seed 002): the integration workshop that formed one working group per field of action, one or two
further sessions of each, and the "Runder Tisch Vielfalt" with a contact person per working group.
Herdecke (seed 004): the steering group of council factions and administration (first session 29 March 2017),
the multiplier meeting of 31 May 2017, the citizens' forum as a World Café on 5 July 2017 (tables × rounds) and
the four expert workshops of 4 and 10 October 2017 — all run under the steering group, which "accompanies the
process" (so its moderator runs them).

What the seeds do not say — times, people's names, attendance counts, the tables' questions, meetings still to
come — is invented and marked as demo data where people read it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from teilhabe.participation.models import Body, BodyMember, Meeting
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import meetings as meeting_services
from teilhabe.plans.models import FieldOfAction

if TYPE_CHECKING:
    from teilhabe.demo.participation import ParticipationDemo

DEMO_NOTE = "Uhrzeit und Teilnahmezahlen sind Demodaten."


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


def _body(demo: ParticipationDemo, name: str, kind: str, *, purpose: str = "",
          fields: list[FieldOfAction] | None = None, active_from: dt.date | None = None, public: bool = True) -> Body:
    body = body_services.create_body(actor=demo.actor, municipality=demo.municipality, values={
        "name": name, "kind": kind, "purpose": purpose, "fields_of_action": list(fields or []),
        "active_from": active_from, "is_public": public})
    demo.bodies[name] = body
    return body


def _member(demo: ParticipationDemo, body: Body, function: str, *, user: str = "", name: str = "",
            organisation: str = "", since: dt.date | None = None) -> None:
    values: dict[str, Any] = {"function": function, "active_from": since}
    if user:
        if user not in demo.users:
            return
        values["user"] = demo.users[user]
    else:
        values["name"] = name
    if organisation in demo.organisations:
        values["organisation"] = demo.organisations[organisation]
    elif organisation:
        values["organisation_name"] = organisation
    body_services.add_member(actor=demo.actor, body=body, values=values)


def _meeting(demo: ParticipationDemo, title: str, kind: str, start: dt.datetime, end: dt.datetime, *,
             body: Body | None = None, place: str = "", description: str = "", agenda: str = "",
             fields: list[FieldOfAction] | None = None, public: bool = True) -> Meeting:
    meeting = meeting_services.create_meeting(actor=demo.actor, municipality=demo.municipality, values={
        "title": title, "kind": kind, "body": body, "starts_at": start, "ends_at": end, "place": place,
        "description": description, "agenda": agenda, "fields_of_action": list(fields or []), "is_public": public})
    demo.meetings[title] = meeting
    return meeting


def _held(demo: ParticipationDemo, meeting: Meeting, *, attendance: dict[str, int] | None = None,
          minutes: str = "", decisions: tuple[tuple[str, str, str], ...] = ()) -> Meeting:
    """Record what happened: attendance (counts), minutes and decisions (text, responsible, status), published;
    the meeting marked held."""
    if attendance:
        meeting_services.record_attendance(actor=demo.actor, meeting=meeting, values=attendance)
    if minutes:
        meeting = meeting_services.write_minutes(actor=demo.actor, meeting=meeting, expected_version=meeting.version,
                                                 minutes=minutes)
    for position, (text, responsible, status) in enumerate(decisions):
        meeting_services.add_decision(actor=demo.actor, meeting=meeting, values={
            "text": text, "responsible": responsible, "status": status, "position": position})
    meeting = Meeting.objects.get(pk=meeting.pk)
    if minutes or decisions:
        meeting = meeting_services.publish_minutes(actor=demo.actor, meeting=meeting,
                                                   expected_version=meeting.version)
    meeting = meeting_services.mark_held(actor=demo.actor, meeting=meeting, expected_version=meeting.version)
    demo.meetings[meeting.title] = meeting
    return meeting


def _upcoming(days: int, hour: int) -> tuple[dt.datetime, dt.datetime]:
    day = timezone.localdate() + dt.timedelta(days=days)
    return _at(day, hour), _at(day, hour + 2)


def _fields(demo: ParticipationDemo) -> list[FieldOfAction]:
    return list(FieldOfAction.objects.filter(edition=demo.edition).order_by("position", "pk"))


def _field(demo: ParticipationDemo, words: str) -> list[FieldOfAction]:
    return [f for f in _fields(demo) if words.lower() in f.title.lower()][:1]


# --- Heidelberg ---------------------------------------------------------------------------------------------

FOCUS_GROUPS = ("Bildung", "Alltagsdiskriminierung", "Personalentwicklung", "Zugewanderten- und Frauenökonomie")
FOCUS_ROUNDS = (
    ("Erste Fokusgruppenrunde", dt.date(2014, 7, 23), dt.date(2014, 7, 23),
     "Die praxisbezogene Arbeit am Aktionsplan „Offen für Vielfalt und Chancengleichheit – Ansporn für alle“ "
     "beginnt mit der ersten Runde der vier Fokusgruppen. Über 100 Interessierte aus Verbänden, Vereinen, "
     "städtischen Ämtern und der Bürgerschaft bringen sich aktiv in den Diskussionsprozess ein.",
     {"total": 104, "women": 61, "men": 41, "from_administration": 22, "from_migrant_organisations": 25,
      "from_associations": 31, "citizens": 26}),
    ("Zweite Fokusgruppenrunde", dt.date(2014, 9, 24), dt.date(2014, 9, 29),
     "In den vier Fokusgruppen konkretisieren die Teilnehmerinnen und Teilnehmer die im Juli skizzierten "
     "Zielvereinbarungen und Maßnahmen.",
     {"total": 87, "women": 50, "men": 35, "from_administration": 20, "from_migrant_organisations": 21,
      "from_associations": 27, "citizens": 19}),
    ("Dritte Fokusgruppenrunde", dt.date(2014, 11, 28), dt.date(2014, 11, 28),
     "Zum dritten Mal tagen alle vier Fokusgruppen parallel rund um das Rathaus. Ausgewählte Zielvereinbarungen "
     "und Maßnahmen werden vertiefend diskutiert, es werden Erfolgsindikatoren genannt und Verantwortlichkeiten "
     "soweit wie möglich festgelegt.",
     {"total": 79, "women": 46, "men": 31, "from_administration": 19, "from_migrant_organisations": 18,
      "from_associations": 24, "citizens": 18}),
)


def _heidelberg(demo: ParticipationDemo) -> None:
    groups = [_body(demo, f"Fokusgruppe {name}", Body.Kind.FOCUS_GROUP, active_from=dt.date(2014, 7, 23),
                    purpose=f"Fokusgruppe „{name}“ zum Aktionsplan „Offen für Vielfalt und Chancengleichheit – "
                            "Ansporn für alle“: Zielvereinbarungen, Maßnahmen, Erfolgsindikatoren und "
                            "Verantwortlichkeiten erarbeiten.") for name in FOCUS_GROUPS]
    _member(demo, groups[0], BodyMember.Function.MODERATOR, user="moderation.heidelberg", since=dt.date(2014, 7, 1))
    _member(demo, groups[0], BodyMember.Function.MEMBER, user="gremium.heidelberg", since=dt.date(2014, 7, 1))
    for group in groups:
        _member(demo, group, BodyMember.Function.MODERATOR, name="Moderation des Amts für Chancengleichheit (Demo)",
                organisation="Amt für Chancengleichheit")
    council = _body(demo, "Ausländer- und Migrationsrat", Body.Kind.MIGRATION_COUNCIL,
                    purpose="Der Ausländerrat / Migrationsrat (AMR) vertritt die Interessen der Migrantinnen und "
                            "Migranten in Heidelberg und berät den Gemeinderat; er hat unter anderem das "
                            "Internetportal für Integration und Migration beschlossen.")
    _member(demo, council, BodyMember.Function.CHAIR, name="Michael Mwa Allimadi",
            organisation="Ausländerrat / Migrationsrat")
    _member(demo, council, BodyMember.Function.MEMBER, user="gremium.heidelberg", since=dt.date(2020, 1, 1))
    # The demo moderator also runs the council's sessions (its office; demo data).
    _member(demo, council, BodyMember.Function.MODERATOR, user="moderation.heidelberg", since=dt.date(2020, 1, 1))

    opening = _meeting(demo, "Auftaktveranstaltung zum Neuen Aktionsplan", Meeting.Kind.KICK_OFF,
                       _at(dt.date(2014, 4, 29), 17), _at(dt.date(2014, 4, 29), 20),
                       place="Spiegelsaal, Prinz Carl Verwaltungsgebäude",
                       description="Auftaktveranstaltung mit Expertinnen und Experten aus dem Integrationsbereich und "
                                   f"breiter Bürgerbeteiligung. {DEMO_NOTE}")
    _held(demo, opening, attendance={"total": 120, "women": 68, "men": 50, "from_administration": 25,
                                     "from_politics": 10, "from_migrant_organisations": 30, "from_associations": 30,
                                     "citizens": 25})
    for number, (title, first, last, text, counts) in enumerate(FOCUS_ROUNDS, start=1):
        meeting = _meeting(demo, title, Meeting.Kind.FOCUS_GROUP_ROUND, _at(first, 17), _at(last, 20),
                           place="Rund um das Rathaus Heidelberg", description=f"{text} {DEMO_NOTE}",
                           agenda="<ul><li>Begrüßung im Plenum</li><li>Arbeit in den vier Fokusgruppen</li>"
                                  "<li>Berichte aus den Gruppen</li></ul>")
        meeting_services.create_sessions(actor=demo.actor, meeting=meeting, titles=list(FOCUS_GROUPS),
                                         bodies=groups)
        minutes = ""
        decisions: tuple[tuple[str, str, str], ...] = ()
        if number == 3:
            minutes = ("<p>Die Fokusgruppen haben ausgewählte Zielvereinbarungen und Maßnahmen vertieft, "
                       "Erfolgsindikatoren benannt und Verantwortlichkeiten festgelegt, soweit es möglich war.</p>")
            decisions = (("Die Ergebnisse der Fokusgruppen gehen in den Entwurf des Aktionsplans ein.",
                          "Amt für Chancengleichheit", "done"),)
        _held(demo, meeting, attendance=counts, minutes=minutes, decisions=decisions)
    start, end = _upcoming(21, 18)
    _meeting(demo, "Sitzung des Ausländer- und Migrationsrats", Meeting.Kind.BODY_SESSION, start, end, body=council,
             place="Rathaus Heidelberg, Großer Sitzungssaal",
             description="Öffentliche Sitzung (Termin: Demodaten).",
             agenda="<ol><li>Bericht aus dem Amt für Chancengleichheit</li><li>Stand des Aktionsplans</li></ol>")


# --- Waiblingen ---------------------------------------------------------------------------------------------

def _waiblingen(demo: ParticipationDemo) -> None:
    fields = _fields(demo)
    groups = []
    for field in fields:
        short = field.title.split(". ", 1)[-1].split(" / ")[0]
        group = _body(demo, f"Arbeitsgruppe {short}", Body.Kind.WORKING_GROUP, fields=[field],
                      active_from=dt.date(2017, 3, 1),
                      purpose="Gebildet im Integrationsworkshop zur Fortschreibung des Integrationskonzepts; "
                              "moderiert von Mitarbeitenden der Stadtverwaltung und ehrenamtlich Engagierten.")
        groups.append(group)
    if groups:
        _member(demo, groups[0], BodyMember.Function.MODERATOR, user="moderation.waiblingen")
        _member(demo, groups[0], BodyMember.Function.MEMBER, user="gremium.waiblingen")
    round_table = _body(demo, "Runder Tisch Vielfalt", Body.Kind.ROUND_TABLE, fields=fields,
                        active_from=dt.date(2018, 1, 1),
                        purpose="Ein bis zwei Personen aus jeder Arbeitsgruppe sind Ansprechpartnerinnen und "
                                "-partner und Multiplikatorinnen und Multiplikatoren für ihre Arbeitsgruppe; das "
                                "Thema „Vielfalt und Integration“ wird als Querschnittsthema weiterbearbeitet.")
    for number, group in enumerate(groups, start=1):
        contact = f"Ansprechperson {number} (Demo)"
        _member(demo, group, BodyMember.Function.CONTACT, name=contact, organisation="Ehrenamtlich engagiert")
        _member(demo, round_table, BodyMember.Function.CONTACT, name=contact, organisation=group.name)
    _member(demo, round_table, BodyMember.Function.MEMBER, user="gremium.waiblingen")

    workshop = _meeting(demo, "Integrationsworkshop", Meeting.Kind.WORKSHOP,
                        _at(dt.date(2017, 3, 18), 10), _at(dt.date(2017, 3, 18), 16), place="Rathaus Waiblingen",
                        fields=fields,
                        description="Auftakt der Fortschreibung mit Vertreterinnen und Vertretern aus "
                                    "bürgerschaftlichen Gremien, Verwaltung, Vereinen, Organisationen, "
                                    "Migrantenvertretungen und ehrenamtlich engagierten Bürgerinnen und Bürgern. "
                                    f"Hier wurden die Arbeitsgruppen gebildet. Datum, {DEMO_NOTE}")
    meeting_services.create_sessions(actor=demo.actor, meeting=workshop, titles=[g.name for g in groups],
                                     bodies=groups)
    _held(demo, workshop, attendance={"total": 64, "women": 37, "men": 27, "from_administration": 14,
                                      "from_politics": 6, "from_migrant_organisations": 12, "from_associations": 18,
                                      "citizens": 14},
          decisions=(("Für jedes Handlungsfeld wird eine Arbeitsgruppe gebildet.", "Stadtverwaltung", "done"),))
    for number, group in enumerate(groups):
        for session in (1, 2) if number % 2 == 0 else (1,):
            day = dt.date(2017, 4 + session, 3 + 7 * number)
            meeting = _meeting(demo, f"{group.name}: {session}. Sitzung", Meeting.Kind.BODY_SESSION,
                               _at(day, 18), _at(day, 20), body=group, fields=list(group.fields_of_action.all()),
                               place="Rathaus Waiblingen",
                               description="Bestehende Angebote vorstellen und diskutieren, Empfehlungen erarbeiten "
                                           f"und Schlüsselprojekte vorschlagen. Datum, {DEMO_NOTE}")
            _held(demo, meeting, attendance={"total": 12 + number, "women": 7, "men": 5 + number})
    start, end = _upcoming(35, 9)
    _meeting(demo, "Integrationsworkshop (jährlich)", Meeting.Kind.WORKSHOP, start, end + dt.timedelta(hours=4),
             place="Rathaus Waiblingen", fields=fields,
             description="Der jährliche Integrationsworkshop als Informations- und Vernetzungsplattform der "
                         "Akteure (Termin: Demodaten).")
    start, end = _upcoming(14, 18)
    _meeting(demo, "Runder Tisch Vielfalt: Treffen", Meeting.Kind.BODY_SESSION, start, end, body=round_table,
             place="Rathaus Waiblingen", description="Treffen mit Themeninput (Termin: Demodaten).")


# --- Herdecke -----------------------------------------------------------------------------------------------

WORLD_CAFE_TABLES = ("Tisch 1: Was gelingt in Herdecke?", "Tisch 2: Wo fehlt etwas?",
                     "Tisch 3: Wer sollte mitmachen?", "Tisch 4: Was wünschen Sie sich?")


def _herdecke(demo: ParticipationDemo) -> None:
    steering = _body(demo, "Steuerungsgruppe Integrationskonzept", Body.Kind.STEERING_GROUP,
                     active_from=dt.date(2017, 3, 8), fields=_fields(demo),
                     purpose="Gebildet am 8. März 2017 im Ausschuss für Soziales aus Vertretern der Fraktionen und "
                             "der Verwaltung; begleitet die Erstellung und Umsetzung des Integrationskonzepts.")
    _member(demo, steering, BodyMember.Function.CHAIR, name="Vorsitz der Steuerungsgruppe (Demo)",
            organisation="Ausschuss für Soziales")
    for number in range(1, 5):
        _member(demo, steering, BodyMember.Function.MEMBER, name=f"Vertretung Fraktion {number} (Demo)",
                organisation="Rat der Stadt Herdecke")
    _member(demo, steering, BodyMember.Function.MODERATOR, user="moderation.herdecke")
    _member(demo, steering, BodyMember.Function.MEMBER, user="gremium.herdecke")
    _member(demo, steering, BodyMember.Function.GUEST, name="Ibis Institut", organisation="Ibis Institut, Duisburg")

    first = _meeting(demo, "Erste Sitzung der Steuerungsgruppe", Meeting.Kind.BODY_SESSION,
                     _at(dt.date(2017, 3, 29), 17), _at(dt.date(2017, 3, 29), 19), body=steering,
                     place="Rathaus Herdecke", public=False)
    _held(demo, first, decisions=(("Ein externes Institut wird mit der Erstellung des Konzepts beauftragt.",
                                   "Verwaltung", "done"),))
    multipliers = _meeting(demo, "Multiplikatorenrunde", Meeting.Kind.MULTIPLIER_MEETING,
                           _at(dt.date(2017, 5, 31), 18), _at(dt.date(2017, 5, 31), 20), place="Rathaus Herdecke",
                           body=steering,
                           description="Das Projekt wird Herdecker Vereinen und Institutionen vorgestellt, um "
                                       f"möglichst viele Menschen zu erreichen. {DEMO_NOTE}")
    _held(demo, multipliers, attendance={"total": 34, "women": 18, "men": 16, "from_associations": 20,
                                         "from_institutions": 9, "from_administration": 5})
    forum = _meeting(demo, "Erstes Bürgerforum (World Café)", Meeting.Kind.CITIZENS_FORUM,
                     _at(dt.date(2017, 7, 5), 18), _at(dt.date(2017, 7, 5), 21), place="Herdecke", body=steering,
                     description="Das erste Bürgerforum nach dem Konzept des World Cafés: an vier Tischen, in drei "
                                 "Runden. Die Fragen an den Tischen sind Demodaten. " + DEMO_NOTE)
    tables = meeting_services.create_sessions(actor=demo.actor, meeting=forum, titles=list(WORLD_CAFE_TABLES),
                                              rounds=3, tables=["1", "2", "3", "4"])
    for session in tables:
        meeting_services.record_attendance(actor=demo.actor, meeting=forum, session=session,
                                           values={"total": 8 + session.position})
    _held(demo, forum, attendance={"total": 52, "women": 29, "men": 22, "diverse": 1, "citizens": 30,
                                   "from_associations": 12, "from_administration": 4, "from_politics": 6},
          minutes="<p>Aus den Rückmeldungen ergaben sich vier Themenbereiche für die Expertenworkshops: Ausbildung "
                  "und Arbeit; Sprache und Bildung; Wohnen und Quartier; Teilhabe und Engagement.</p>",
          decisions=(("Zu den vier Themenbereichen finden Expertenworkshops statt.", "Ibis Institut", "done"),))
    themes = ("Ausbildung und Arbeit", "Sprache und Bildung", "Wohnen und Quartier", "Teilhabe und Engagement")
    for number, theme in enumerate(themes):
        day = dt.date(2017, 10, 4) if number < 2 else dt.date(2017, 10, 10)
        hour = 10 if number % 2 == 0 else 14
        workshop = _meeting(demo, f"Expertenworkshop {theme}", Meeting.Kind.EXPERT_WORKSHOP, _at(day, hour),
                            _at(day, hour + 3), place="Herdecke", fields=_field(demo, theme), body=steering,
                            description="Die Ergebnisse fließen in den Zielbaum „Gesellschaftliche Integration in "
                                        f"Herdecke“ ein. {DEMO_NOTE}")
        _held(demo, workshop, attendance={"total": 14 + number, "women": 8, "men": 6 + number})
    start, end = _upcoming(60, 10)
    _meeting(demo, "Integrationskonferenz", Meeting.Kind.CONFERENCE, start, end + dt.timedelta(hours=4),
             place="Herdecke", fields=_fields(demo),
             description="Alle zwei Jahre betrachten alle Akteure der Integrationsarbeit und die Bürgerschaft das "
                         "Konzept und entwickeln es weiter (Termin: Demodaten).")


BUILDERS = {"heidelberg": _heidelberg, "waiblingen": _waiblingen, "herdecke": _herdecke}


def build(demo: ParticipationDemo) -> None:
    builder = BUILDERS.get(demo.slug)
    if builder is not None:
        builder(demo)
