"""Demo participation: proposals, following the seeds.

- Waiblingen (seed 002, Sitzungsvorlage 2017): the working groups of the integration workshop made
  recommendations and proposals for key projects per field of action; those the seed names are accepted as the
  demo plan's key projects (the trace kept both ways), the Infoveranstaltung asked for in two fields is merged,
  the wish for lasting places of encounter is under consideration. A proposal declined with a reason, one
  merged duplicate and an online submission waiting for moderation are invented for the demo and say so.
- Heidelberg (seed 000): the four focus groups of 2014 ("Bildung", "Alltagsdiskriminierung",
  "Personalentwicklung", "Zugewanderten- und Frauenökonomie") named goals and measures; the seed does not list
  them, so the proposals are examples, marked as demo, linked to the demo plan's matching measures.
- Herdecke (seed 004): the World Café of 5 July 2017 and the four expert workshops (Ausbildung und Arbeit,
  Sprache und Bildung, Wohnen und Quartier, Teilhabe und Engagement) whose results feed the goal tree; their
  proposals (examples, marked as demo) lead to the demo plan's measures.

Bodies and meetings come from the bodies step (demo.bodies, demo.meetings), found by name; where a body or
meeting is missing the proposal is entered without it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from teilhabe.participation.models import Body, Meeting, MeetingSession, Proposal
from teilhabe.participation.services import proposals as services
from teilhabe.plans.models import FieldOfAction, Measure

if TYPE_CHECKING:
    from teilhabe.demo.participation import ParticipationDemo

DEMO_NOTE = "<p><em>Beispiel für die Demo.</em></p>"


@dataclass(frozen=True)
class Seed:
    title: str
    text: str
    field: str  # the start of the field of action's title
    body: tuple[str, ...] = ()  # words of the body's name (all must occur)
    meeting_kind: str = ""  # the kind of the body's (or the municipality's) meeting it was collected in
    measure: str = ""  # reference of the demo plan's measure it became
    status: str = Proposal.Status.UNDER_CONSIDERATION
    answer: str = ""
    merge_into: str = ""  # title of the proposal it is merged into
    demo: bool = False  # invented for the demo (the text says so)
    online: bool = False  # submitted online, waiting for moderation


ACCEPTED = Proposal.Status.ACCEPTED
NOT_PURSUED = Proposal.Status.NOT_PURSUED
WORKSHOP = Meeting.Kind.WORKSHOP
SESSION = Meeting.Kind.BODY_SESSION

WAIBLINGEN = (
    Seed("Starke Netzwerke Elternbegleiter für geflüchtete Familien",
         "Das Bundesprogramm „Starke Netzwerke Elternbegleiter für geflüchtete Familien“ mit der "
         "Familienbildungsstätte als Schlüsselprojekt umsetzen: Vertrauen aufbauen, Zugänge ermöglichen, Bedarfe "
         "sichtbar machen.", "1.", ("Sprache",), SESSION, "1.1", ACCEPTED,
         "Als Schlüsselprojekt 1.1 in das Integrationskonzept übernommen."),
    Seed("Kita-Einstieg: Brücken bauen in frühe Bildung",
         "Das Bundesprogramm „Kita-Einstieg“ mit dem Fachbereich Bildung und Erziehung als Schlüsselprojekt "
         "umsetzen.", "1.", ("Sprache",), SESSION, "1.2", ACCEPTED,
         "Als Schlüsselprojekt 1.2 in das Integrationskonzept übernommen."),
    Seed("Veranstaltungsreihe, die jeweils ein Land in den Fokus stellt",
         "Eine Veranstaltungsreihe initiieren, die jeweils ein Land in den Fokus stellt.", "2.", ("Kultur",),
         SESSION, "2.1", ACCEPTED, "Als Schlüsselprojekt 2.1 übernommen."),
    Seed("Angebote für die Boccia-Bahn bei der Rundsporthalle",
         "Die neu sanierte Boccia-Bahn bei der Rundsporthalle für Austausch und Treffen über Kulturen und "
         "Generationen hinweg nutzen, z. B. bei „Sport im Park“ oder der interkommunalen Gartenschau.", "2.",
         ("Kultur",), SESSION, "2.2", ACCEPTED, "Als Schlüsselprojekt 2.2 übernommen; die Angebote werden geprüft."),
    Seed("Heranführung an traditionelles Ehrenamt",
         "Menschen mit Migrationshintergrund verstärkt in traditionelle Engagements wie Feuerwehr oder DRK "
         "einbinden.", "3.", ("Engagement",), SESSION, "3.1", ACCEPTED, "Als Schlüsselprojekt 3.1 übernommen."),
    Seed("Projekt „Integrationslotsen“ wieder aufnehmen",
         "Menschen, die schon länger in Waiblingen leben, helfen neu Zugezogenen bei der ersten Orientierung; "
         "besonders Menschen mit Fluchterfahrung sollen als Lotsen ausgebildet werden.", "3.", ("Engagement",),
         SESSION, "3.2", ACCEPTED, "Als Maßnahme 3.2 übernommen."),
    Seed("Offener Treff mit Informationsinput",
         "Ein regelmäßiger offener Treff für alle Interessierten mit Informationen zu Arbeit, Schule und Beruf, "
         "Wohnen, Krankenkasse, Bildung und Erziehung.", "3.", ("Asyl",), SESSION, "3.3", ACCEPTED,
         "Als Schlüsselprojekt 3.3 übernommen."),
    Seed("Treffen von Ehrenamtlichen und Geflüchteten mit der Ausländerbehörde",
         "Ein Treffen für Ehrenamtliche und Geflüchtete mit Sachbearbeiterinnen und Sachbearbeitern der "
         "Ausländerbehörde, um über gesetzliche Sachverhalte zu informieren und Verständnis füreinander zu "
         "wecken.", "3.", ("Asyl",), SESSION, "3.5", ACCEPTED, "Als Maßnahme 3.5 übernommen."),
    Seed("Informationsabend der Ausländerbehörde für Helferkreise",
         "Die Ausländerbehörde erklärt Helferkreisen einmal im Jahr die Rechtslage.", "3.", ("Engagement",),
         SESSION, merge_into="Treffen von Ehrenamtlichen und Geflüchteten mit der Ausländerbehörde",
         answer="Zusammengeführt: das gleiche Anliegen wie das Treffen mit der Ausländerbehörde.", demo=True),
    Seed("Infoveranstaltung für ehrenamtlich Engagierte und Beschäftigte der Verwaltung",
         "Wie im Handlungsfeld Bürgerschaftliches Engagement mit Schwerpunkt Asyl angeregt: eine "
         "Infoveranstaltung für ehrenamtlich Engagierte und Mitarbeiterinnen und Mitarbeiter der Stadtverwaltung.",
         "4.", ("Verwaltung",), SESSION, "4.2", ACCEPTED, "Als Maßnahme 4.2 übernommen."),
    Seed("„Meine ersten 100 Tage bei der Stadtverwaltung“",
         "Eine Berichterstattung in der WKZ über die neuen Auszubildenden macht die Vielfalt der Stadtverwaltung "
         "sichtbar, ohne eine Person mit Migrationshintergrund gesondert in den Mittelpunkt zu stellen.", "4.",
         ("Verwaltung",), SESSION, "4.1", ACCEPTED, "Als Maßnahme 4.1 übernommen."),
    Seed("Runder Tisch Vielfalt",
         "In allen Handlungsfeldern gewünscht: ein „Runder Tisch Vielfalt“ mit konkretem Themeninput; ein bis "
         "zwei Personen je Arbeitsgruppe sind Ansprechpersonen und Multiplikatoren.", "3.", (), WORKSHOP, "3.6",
         ACCEPTED, "Als Schlüsselprojekt 3.6 übernommen."),
    Seed("Integrationsworkshop einmal jährlich",
         "Den Integrationsworkshop einmal jährlich als Informations- und Vernetzungsplattform der Akteure "
         "durchführen.", "3.", (), WORKSHOP, "3.7", ACCEPTED, "Als Schlüsselprojekt 3.7 übernommen."),
    Seed("Plattformen der Begegnung und Vernetzung verstetigen",
         "Das „Wissen voneinander und übereinander“ stärken: Begegnungs- und Vernetzungsplattformen dauerhaft "
         "etablieren.", "2.", ("Kultur",), SESSION, answer="Wird mit dem Runden Tisch Vielfalt geprüft."),
    Seed("Eigene Integrations-App der Stadt",
         "Eine eigene App mit allen Angeboten für Neuzugewanderte.", "1.", ("Sprache",), SESSION,
         status=NOT_PURSUED, answer="Nicht weiterverfolgt: die mehrsprachige Übersicht der Sprachkurse (1.3) und "
         "das Portal bieten das schon; eine eigene App wäre doppelte Pflege.", demo=True),
    Seed("Sprachcafé auch am Samstag",
         "Das Sprachcafé in der Stadtbücherei zusätzlich samstags öffnen, für Berufstätige.", "1.", demo=True,
         online=True),
)

HEIDELBERG = (
    Seed("Interkulturelle Elternmentorinnen an allen Grundschulen",
         "Elternmentorinnen und -mentoren sollen an allen Grundschulen Eltern begleiten.", "AG 1", ("Bildung",),
         "", "1.04", ACCEPTED, "Wird mit der Maßnahme 1.04 fortgeführt und ausgebaut.", demo=True),
    Seed("Herkunftssprachen im regulären Stundenplan",
         "Herkunftssprachlichen Unterricht in den regulären Stundenplan aufnehmen.", "AG 1", ("Bildung",),
         answer="Wird mit dem Staatlichen Schulamt geprüft.", demo=True),
    Seed("Anlaufstelle gegen Diskriminierung bekannter machen",
         "Die Anlaufstelle gegen Diskriminierung mehrsprachig in Stadtteilen und Vereinen bekannt machen.", "AG 3",
         ("Alltagsdiskriminierung",), "", "3.09", ACCEPTED, "Teil der Maßnahme 3.09.", demo=True),
    Seed("Mehrsprachige Beschwerdemöglichkeit bei Diskriminierung",
         "Diskriminierung in mehreren Sprachen melden können.", "AG 3", ("Alltagsdiskriminierung",),
         merge_into="Anlaufstelle gegen Diskriminierung bekannter machen", demo=True),
    Seed("Anonymisierte Bewerbungen in der Stadtverwaltung",
         "Die Stadtverwaltung erprobt anonymisierte Bewerbungsverfahren.", "AG 2", ("Personalentwicklung",), "",
         "2.07", ACCEPTED, "Als Maßnahme 2.07 übernommen.", demo=True),
    Seed("Interkulturelle Kompetenz in Führungskräfteschulungen",
         "Interkulturelle Kompetenz wird fester Teil der Schulungen für Führungskräfte.", "AG 3",
         ("Personalentwicklung",), "", "3.03", ACCEPTED, "Teil der Maßnahme 3.03.", demo=True),
    Seed("Netzwerk Frauenökonomie stärken",
         "Unternehmerinnen mit Migrationsgeschichte vernetzen und sichtbar machen.", "AG 2", ("Frauenökonomie",),
         "", "2.10", ACCEPTED, "Als Maßnahme 2.10 übernommen.", demo=True),
    Seed("Gründungsberatung in Herkunftssprachen",
         "Gründungsberatung auch auf Türkisch, Arabisch und Russisch anbieten.", "AG 2", ("Frauenökonomie",), "",
         "2.09", ACCEPTED, "Teil der Maßnahme 2.09.", demo=True),
    Seed("Jährliche Messe der Migrantenunternehmen",
         "Eine eigene Messe für Unternehmen von Migrantinnen und Migranten, jedes Jahr.", "AG 2",
         ("Frauenökonomie",), status=NOT_PURSUED,
         answer="Nicht weiterverfolgt: die Unternehmen stellen sich in der Ausbildungsbörse (2.04) vor.", demo=True),
)

HERDECKE = (
    Seed("Mehr Praktikumsplätze in Herdecker Betrieben",
         "Am Tisch „Ausbildung und Arbeit“ des World Cafés gewünscht: Betriebe bieten Zugewanderten Praktika an.",
         "Ausbildung", (), Meeting.Kind.CITIZENS_FORUM, "A2", ACCEPTED, "Als Maßnahme A2 in den Zielbaum "
         "übernommen.", demo=True),
    Seed("Sprachpaten für Familien",
         "Am Tisch „Sprache und Bildung“ gewünscht: Ehrenamtliche begleiten Familien beim Deutschlernen.",
         "Sprache", (), Meeting.Kind.CITIZENS_FORUM, "S2", ACCEPTED, "Als Maßnahme S2 übernommen.", demo=True),
    Seed("Nachbarschaft im Quartier stärken",
         "Am Tisch „Wohnen und Quartier“ gewünscht: ein Nachbarschaftsnetzwerk nach dem Vorbild „Nachbarn in "
         "Ende“.", "Wohnen", (), Meeting.Kind.CITIZENS_FORUM, "W2", ACCEPTED, "Als Maßnahme W2 übernommen.",
         demo=True),
    Seed("Kinder in die Sportvereine",
         "Am Tisch „Teilhabe und Engagement“ gewünscht: Vereine laden Kinder aus zugewanderten Familien ein.",
         "Teilhabe", (), Meeting.Kind.CITIZENS_FORUM, "T1", ACCEPTED, "Als Maßnahme T1 übernommen.", demo=True),
    Seed("Flüchtlingscoach für Ausbildung und Arbeit",
         "Expertenworkshop „Ausbildung und Arbeit“: ein Coach begleitet Geflüchtete in Ausbildung und Arbeit.",
         "Ausbildung", (), Meeting.Kind.EXPERT_WORKSHOP, "A1", ACCEPTED, "Als Maßnahme A1 übernommen.", demo=True),
    Seed("Elterncafé an Grundschulen",
         "Expertenworkshop „Sprache und Bildung“: ein Elterncafé an jeder Grundschule.", "Sprache", (),
         Meeting.Kind.EXPERT_WORKSHOP, "S3", ACCEPTED, "Als Maßnahme S3 übernommen.", demo=True),
    Seed("Quartierstreff im Westende",
         "Expertenworkshop „Wohnen und Quartier“: ein Treffpunkt im Stadtteil Westende.", "Wohnen", (),
         Meeting.Kind.EXPERT_WORKSHOP, "W4", ACCEPTED, "Als Maßnahme W4 übernommen.", demo=True),
    Seed("Alle zwei Jahre eine Integrationskonferenz",
         "Expertenworkshop „Teilhabe und Engagement“: alle Akteure treffen sich alle zwei Jahre; eine externe "
         "Stelle bewertet den Zielbaum.", "Teilhabe", (), Meeting.Kind.EXPERT_WORKSHOP, "T4", ACCEPTED,
         "Als Maßnahme T4 übernommen."),
    Seed("Eigenes Integrationszentrum im Rathaus",
         "Ein Integrationszentrum mit eigenem Personal im Rathaus.", "Teilhabe", (), Meeting.Kind.CITIZENS_FORUM,
         status=NOT_PURSUED, answer="Nicht weiterverfolgt: dafür fehlen Räume und Mittel; die Ehrenamtskoordination "
         "(T3) übernimmt die Lotsenaufgabe.", demo=True),
)

SEEDS = {"waiblingen": WAIBLINGEN, "heidelberg": HEIDELBERG, "herdecke": HERDECKE}


def _body(demo: ParticipationDemo, words: tuple[str, ...]) -> Body | None:
    if not words:
        return None
    for name, body in demo.bodies.items():
        if all(w.lower() in name.lower() for w in words):
            return body
    return None


def _meeting(demo: ParticipationDemo, body: Body | None, kind: str, field: FieldOfAction | None) -> Meeting | None:
    """The earliest meeting of that kind held by the body (or, without a body, of that kind at all)."""
    candidates = [m for m in demo.meetings.values()
                  if (not kind or m.kind == kind) and (body is None or m.body_id == body.pk)]
    if not candidates and body is not None:  # e.g. a focus group round: the body meets in a session
        sessions = MeetingSession.objects.filter(municipality=demo.municipality, body=body).select_related("meeting")
        candidates = [s.meeting for s in sessions]
    return min(candidates, key=lambda m: m.starts_at) if candidates else None


def _session(meeting: Meeting | None, body: Body | None, field: FieldOfAction | None) -> MeetingSession | None:
    if meeting is None:
        return None
    sessions = list(meeting.sessions.all())
    for session in sessions:
        if body is not None and session.body_id == body.pk:
            return session
    for session in sessions:
        if field is not None and field.title.split()[0].lower() in session.title.lower():
            return session
    return None


def build(demo: ParticipationDemo) -> None:
    """Enter, answer, merge and link the seed's proposals (see the module docstring)."""
    seeds = SEEDS.get(demo.slug, ())
    if not seeds:
        return
    fields = list(FieldOfAction.objects.filter(edition=demo.edition).order_by("position", "pk"))
    measures = {m.reference: m for m in Measure.objects.filter(edition=demo.edition)}
    actor = demo.actor
    for seed in seeds:
        field = next((f for f in fields if f.title.startswith(seed.field)), None)
        body = _body(demo, seed.body)
        meeting = _meeting(demo, body, seed.meeting_kind, field) if (body or seed.meeting_kind) else None
        text = f"<p>{seed.text}</p>" + (DEMO_NOTE if seed.demo else "")
        values = {"title": seed.title, "text": text, "field_of_action": field,
                  "proposer_kind": Proposal.ProposerKind.BODY if body else Proposal.ProposerKind.ANONYMOUS,
                  "proposer_body": body}
        if seed.online:
            proposal = services.submit_proposal(municipality=demo.municipality, values={
                **values, "proposer_kind": Proposal.ProposerKind.PERSON, "proposer_name": "Leila (Demo)",
                "proposer_body": None})
            demo.proposals[seed.title] = proposal
            continue
        proposal = services.enter_proposal(actor=actor, municipality=demo.municipality, values={
            **values, "meeting": meeting, "session": _session(meeting, body, field)})
        if seed.merge_into and seed.merge_into in demo.proposals:
            proposal = services.merge_proposals(actor=actor, proposal=proposal, into=demo.proposals[seed.merge_into],
                                                expected_version=proposal.version, answer=seed.answer)
        elif seed.measure and seed.measure in measures:
            services.link_measure(actor=actor, proposal=proposal, measure=measures[seed.measure])
            proposal = services.answer_proposal(actor=actor, proposal=proposal, expected_version=proposal.version,
                                                status=seed.status, answer=seed.answer)
        elif seed.status == NOT_PURSUED or seed.answer:  # accepted without its measure: still under consideration
            status = Proposal.Status.UNDER_CONSIDERATION if seed.status == ACCEPTED else seed.status
            proposal = services.answer_proposal(actor=actor, proposal=proposal, expected_version=proposal.version,
                                                status=status, answer=seed.answer)
        demo.proposals[seed.title] = proposal
