"""Demo participation: the chronicle. Heidelberg's is its own history page (seed 000, "Stationen der
Integrationspolitik in Heidelberg"), station by station with the dates as precise as the page gives them, plus
the migration council's decisions of 20 October (seed 003); Waiblingen's comes from its council paper of
20.11.2017 (seed 002), Herdecke's from its competition entry (seed 004). Milestones link to the demo's plan
edition, reporting rounds and meetings where those tell of the same thing. Afterwards Teilhabe proposes
milestones from what happened in the demo (a published report, public meetings held), so the back office shows
proposals to confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from teilhabe.participation.models import Meeting, Milestone
from teilhabe.participation.services import chronicle as services
from teilhabe.reporting.models import ReportingRound

if TYPE_CHECKING:
    from teilhabe.demo.participation import ParticipationDemo

K = Milestone.Kind
DAY, MONTH, YEAR = Milestone.Precision.DAY, Milestone.Precision.MONTH, Milestone.Precision.YEAR


@dataclass(frozen=True)
class Station:
    date: dt.date
    title: str
    text: str
    kind: str
    precision: str = DAY
    end_date: dt.date | None = None
    link_edition: bool = False  # the edition in force
    link_round: str = ""  # a reporting round by title
    link_meeting: bool = False  # a demo meeting on `date`, if the meetings step made one
    document_url: str = ""
    document_label: str = ""


d = dt.date

HEIDELBERG = (
    Station(d(2006, 1, 1), "Neuer Stellenwert für das Thema „Integration“",
            "Durch den Wechsel des Oberbürgermeisters wird dem Thema Integration ein besonderer Stellenwert "
            "beigemessen. Betont wird dies durch die Schaffung des (vierten) Dezernats für Integration, "
            "Chancengleichheit und Bürgerdienste. Beim Bürgeramt werden als ein wichtiges Signal in dieser Richtung "
            "die „Stabsstelle für Migration“ und das Sachgebiet „Migration und Bürgerschaftliches Engagement“ "
            "eingerichtet.", K.OFFICE, YEAR, d(2007, 1, 1)),
    Station(d(2007, 5, 1), "SPD-Antrag und Kick-off-Veranstaltung",
            "Die SPD-Fraktion beantragt die Erstellung eines kommunalen Integrationsplans mit und für Menschen mit "
            "Migrationshintergrund und die Stadt Heidelberg wirbt am 10. Mai 2007 mit einer Kick-off-Veranstaltung "
            "für ein interkulturelles Gesamtkonzept für Heidelberg.", K.EVENT, MONTH),
    Station(d(2007, 12, 1), "Fragebogenaktion zu Heidelberger Integrationsmaßnahmen und -projekten",
            "Das Institut Sinus Sociovision führt im Auftrag der Stadt Heidelberg eine Fragebogenaktion zu allen "
            "Heidelberger Integrationsmaßnahmen und -projekten durch. Die Ergebnisse fließen in eine "
            "Bestandsanalyse ein.", K.REPORT, MONTH, d(2008, 7, 1)),
    Station(d(2007, 12, 10), "Zwei Auftaktveranstaltungen zum Kommunalen Integrationsplan",
            "Bei zwei Auftaktveranstaltungen – am 10. Dezember 2007 und am 5. März 2008 – wirbt die Stadt bei "
            "Vertreterinnen und Vertretern von Verbänden, Vereinen, Dachorganisationen und Multiplikatoren, die in "
            "Heidelberg Integrationsarbeit leisten, um Mitwirkung am Integrationsplan. Ziel ist es, dass das "
            "vielfältige Know-how und möglichst viele Sichtweisen eingebracht werden.", K.PARTICIPATION,
            link_meeting=True),
    Station(d(2008, 1, 1), "Fünf Arbeitsgruppen arbeiten am Kommunalen Integrationsplan",
            "<p>Die Federführung hat bei dem Prozess das städtische Bürgeramt. Die fünf Arbeitsgruppen treffen sich "
            "regelmäßig:</p><ul><li>AG 1: Bildung und Sprachförderung</li><li>AG 2: Ausbildung und "
            "Arbeitsmarkt</li><li>AG 3: Familie, Gesundheit und Versorgungssysteme</li><li>AG 4: Wohnumfeld und "
            "Bürgerschaftliches Engagement</li><li>AG 5: Sport und Kultur</li></ul><p>Viele städtische Ämter, "
            "Referate und Gesellschaften beleuchten die Ziele und Maßnahmen in drei großen Abstimmungsrunden aus "
            "Verwaltungssicht. Die „Kommunale Gemeinschaftsstelle für Verwaltungsmanagement“ (KGSt) begleitet den "
            "Prozess fachlich.</p>", K.PARTICIPATION, YEAR, d(2009, 1, 1)),
    Station(d(2008, 7, 1), "Repräsentative Umfrage zur Lebenssituation der Heidelberger Migrantinnen und Migranten",
            "Das Institut Sinus Sociovision führt im Auftrag der Stadt Heidelberg eine repräsentative Umfrage zur "
            "Lebenssituation der Heidelberger Migrantinnen und Migranten durch. Ziel ist es, Erkenntnisse zu den "
            "spezifischen Lebenslagen, Problemsichten und subjektiven Einstellungen von Menschen mit "
            "Migrationsgeschichte zu gewinnen.", K.REPORT, MONTH, d(2008, 12, 1)),
    Station(d(2008, 10, 13), "Erste Einbürgerungsfeier",
            "Oberbürgermeister Dr. Eckart Würzner begrüßt bei der ersten Einbürgerungsfeier der Stadt Heidelberg im "
            "Spiegelsaal des Prinz Carl zahlreiche neue deutsche Staatsbürgerinnen und Staatsbürger.", K.EVENT),
    Station(d(2009, 3, 1), "Ergebnisse der Studie zur Lebenssituation der Heidelberger Zuwanderinnen und "
            "Zuwanderer liegen vor",
            "Die Ergebnisse der Studie zur Lebenssituation der Heidelberger Zuwanderer werden in den "
            "gemeinderätlichen Gremien präsentiert. Sie liefern wichtige Impulse für die Arbeit am KIP. Sie fließen "
            "zudem in die weitere Integrationsarbeit der Verwaltung ein.", K.REPORT, MONTH, d(2009, 4, 1)),
    # Seed 003 names "20. Oktober" and the intercultural calendar "2011": the session was in October 2010.
    Station(d(2010, 10, 20), "Ausländerrat/Migrationsrat: Empfehlungen zum KIP, Informationsportal und "
            "Interkultureller Kalender",
            "Mit den Beschlüssen zum Kommunalen Integrationsplan (KIP), zur Erstellung eines Informationsportals zum "
            "Thema Integration für Migrantenselbstorganisationen und zur Kofinanzierung eines Interkulturellen "
            "Kalenders legt der Ausländerrat/Migrationsrat (AMR) einen weiteren Meilenstein zur Optimierung der "
            "Integrationsarbeit in Heidelberg. Der Kalender 2011 erscheint in Zusammenarbeit mit dem "
            "Eine-Welt-Zentrum als Wandkalender in einer Auflage von mindestens 5000 Stück.", K.COUNCIL_DECISION),
    Station(d(2011, 2, 10), "Integrationsplan einstimmig verabschiedet",
            "Der Heidelberger Gemeinderat verabschiedet den Kommunalen Integrationsplan einstimmig. Damit beginnt "
            "die Umsetzung und Weiterentwicklung der Maßnahmen.", K.COUNCIL_DECISION, link_edition=True),
    Station(d(2011, 5, 1), "„Integration“ = „Chancengleichheit“",
            "Projekte rund um das Thema „Integration“ werden innerhalb der Stadtverwaltung fortan nicht mehr im "
            "Bereich Ordnungs- beziehungsweise Ausländerrecht beim Bürgeramt koordiniert, sondern unter dem Dach des "
            "Amtes für Chancengleichheit, das sich für gleiche Teilhabe einsetzt. Damit verstärkt die Stadt "
            "Heidelberg das Signal, dass im Vordergrund der kommunalen Integrationspolitik das Erreichen der "
            "gleichberechtigten Teilhabe aller Menschen steht.", K.OFFICE,
            document_url="https://www.heidelberg.de/chancengleichheit",
            document_label="Amt für Chancengleichheit auf heidelberg.de"),
    Station(d(2011, 12, 14), "Dankesfest für die Mitwirkenden am Kommunalen Integrationsplan (KIP)",
            "Oberbürgermeister Dr. Eckart Würzner lädt alle Mitwirkenden am KIP zu einem feierlichen Dankesfest in "
            "den Spiegelsaal des Prinz Carl ein. Anwesend ist auch die baden-württembergische Integrationsministerin "
            "Bilkay Öney, der der Oberbürgermeister ein frisch gedrucktes Exemplar des Integrationsplans überreicht.",
            K.EVENT),
    Station(d(2012, 12, 18), "Amt für Chancengleichheit stellt Indikatoren zu Integrations- und "
            "Gleichstellungsmaßnahmen vor",
            "Der Heidelberger Gemeinderat hat die vom Amt für Chancengleichheit entwickelten Indikatoren für ein "
            "gemeinsames Integrations- und Gendermonitoring zur Kenntnis genommen und die Verwaltung in diesem Weg "
            "bestärkt. Damit können die Erfolge der im Kommunalen Integrationsplan (KIP) geforderten Maßnahmen "
            "bewertet werden und es wird eine Grundlage für die Weiterentwicklung der städtischen Integrations- und "
            "Gleichstellungsmaßnahmen geschaffen.", K.COUNCIL_DECISION),
    Station(d(2013, 3, 1), "Erarbeitung des ersten Umsetzungsberichts zum Kommunalen Integrationsplan (KIP)",
            "Unter Federführung des Amtes für Chancengleichheit haben viele städtische Ämter, externe Institutionen "
            "und Schlüsseleinrichtungen den Stand der Umsetzung ihrer im KIP genannten Maßnahmen und Ziele "
            "beschrieben sowie den Erfolg bewertet. Von 55 Projekten wurden 50 mit Erfolg durchgeführt.", K.REPORT,
            MONTH, d(2013, 11, 1)),
    Station(d(2013, 12, 19), "Baden-Württemberg unterstützt neuen Aktionsplan",
            "Das Ministerium für Integration des Landes Baden-Württemberg hat den Antrag für den neuen Aktionsplan "
            "„Offen für Vielfalt und Chancengleichheit – Ansporn für alle“ des Amtes für Chancengleichheit "
            "bewilligt. Mit dem Projekt soll ein Plan mit Zielvereinbarungen und Maßnahmen für die Stadt Heidelberg "
            "und ihre Kooperationspartnerinnen und -partner entstehen, der mit breiter Bürgerbeteiligung erarbeitet "
            "wird und der neue Impulse setzt für die Förderung der Vielfalt der Talente, die hier leben.", K.OTHER),
    Station(d(2014, 3, 13), "Erkenntnisse aus dem Integrations- und Genderbereich führen zu neuen Aufträgen",
            "Der Heidelberger Gemeinderat nimmt einstimmig die Umsetzungs- und Monitoringberichte zum Kommunalen "
            "Integrationsplan, zum Zweiten Gleichstellungs-Aktionsplan und zum Integrations- und Gendermonitoring "
            "zur Kenntnis. Gleichzeitig wird damit auch der Auftrag verbunden, in einem weiteren gemeinsamen Prozess "
            "mit allen Beteiligten und der interessierten Öffentlichkeit neue Handlungsspielräume, "
            "Zielvereinbarungen und geeignete Projekte sowie ein vertiefendes Monitoring zu erarbeiten.",
            K.COUNCIL_DECISION),
    Station(d(2014, 4, 29), "Auftaktveranstaltung zum Neuen Aktionsplan",
            "Auftaktveranstaltung zum Neuen Aktionsplan im Spiegelsaal des Prinz Carl Verwaltungsgebäudes mit "
            "Expertinnen und Experten aus dem Integrationsbereich und breiter Bürgerbeteiligung.", K.PARTICIPATION,
            link_meeting=True),
    Station(d(2014, 6, 5), "Einstimmiger Beschluss zum Bürgerbeteiligungskonzept „Offen für Vielfalt und "
            "Chancengleichheit – Ansporn für alle“",
            "Der Heidelberger Gemeinderat beschließt einstimmig das Bürgerbeteiligungskonzept zur Erstellung eines "
            "neuen Aktionsplans „Offen für Vielfalt und Chancengleichheit – Ansporn für alle“.", K.COUNCIL_DECISION),
    Station(d(2014, 7, 23), "Erste Fokusgruppenrunde – Start der praxisbezogenen Arbeit am neuen Aktionsplan",
            "Die praxisbezogene Arbeit am Aktionsplan beginnt mit der ersten Runde der vier Fokusgruppen „Bildung“, "
            "„Alltagsdiskriminierung“, „Personalentwicklung“ sowie „Zugewanderten- und Frauenökonomie“. Über 100 "
            "Interessierte aus Verbänden, Vereinen, städtischen Ämtern und der Bürgerschaft bringen sich aktiv in den "
            "Diskussionsprozess ein.", K.PARTICIPATION, link_meeting=True),
    Station(d(2014, 9, 24), "Zweite Fokusgruppenrunde zum neuen Aktionsplan",
            "In den vier Fokusgruppen konkretisieren die Teilnehmerinnen und Teilnehmer die im Juli skizzierten "
            "Zielvereinbarungen und Maßnahmen.", K.PARTICIPATION, end_date=d(2014, 9, 29), link_meeting=True),
    Station(d(2014, 10, 9), "Heidelberg will in die Städtekoalition gegen Rassismus aufgenommen werden",
            "Der Heidelberger Gemeinderat beschließt einstimmig, beim Lenkungsausschuss der Europäischen "
            "Städtekoalition gegen Rassismus (European Coalition of Cities against Racism – ECCAR) einen Antrag auf "
            "Aufnahme der Stadt in das Netzwerk zu stellen.", K.COUNCIL_DECISION),
    Station(d(2014, 11, 28), "Dritte Fokusgruppenrunde zum neuen Aktionsplan",
            "Zum dritten Mal tagen alle vier Fokusgruppen parallel rund um das Rathaus. Ausgewählte "
            "Zielvereinbarungen und Maßnahmen werden von den Teilnehmerinnen und Teilnehmern vertiefend diskutiert, "
            "es werden Erfolgsindikatoren genannt und Verantwortlichkeiten soweit wie möglich festgelegt.",
            K.PARTICIPATION, link_meeting=True),
    Station(d(2015, 3, 13), "Beitritt zur Europäischen Städtekoalition gegen Rassismus",
            "Am 13. März 2015 wird der Beitrittsbeschluss von Dr. Ursula Löbel, der stellvertretenden Vorsitzenden "
            "und Geschäftsstellenleiterin des ECCAR e.V., an Oberbürgermeister Dr. Eckart Würzner übergeben. Am "
            "Festakt nehmen auch die baden-württembergische Integrationsministerin Bilkay Öney, Bürgermeister "
            "Wolfgang Erichson, viele geladene Gäste und Akteurinnen und Akteure der Integrationsarbeit teil.",
            K.MEMBERSHIP),
)

WAIBLINGEN = (
    Station(d(2009, 1, 1), "Das erste Integrationskonzept entsteht",
            "In den Jahren 2009 und 2010 erarbeitet Waiblingen gemeinsam mit zahlreichen Akteuren aus der "
            "Bürgerschaft, Verwaltung, Institutionen, Organisationen und Vereinen sein erstes Integrationskonzept: "
            "konkret formulierte Maßnahmen in einzelnen Handlungsfeldern und Leitlinien, ein richtungsweisender "
            "Kompass für die weitere Integrationsarbeit.", K.PLAN, YEAR, d(2010, 1, 1)),
    Station(d(2014, 1, 1), "Evaluation des ersten Integrationskonzepts",
            "Ende 2014 werden die Ergebnisse des ersten Integrationskonzepts evaluiert.", K.REPORT, YEAR,
            link_round="Evaluation Integrationskonzept 2014"),
    Station(d(2017, 4, 27), "Gemeinderat stimmt der Fortschreibung des Integrationskonzeptes zu",
            "Nach dem Ausschuss für Bildung, Soziales und Verwaltung (5. April 2017, Sitzungsvorlage BSV 3/2017) "
            "stimmt der Gemeinderat der Fortschreibung des Integrationskonzeptes zu. Ein Förderantrag im Rahmen der "
            "„Verwaltungsvorschrift Integration“ über 15.000 € wird bewilligt; das Institut für angewandte "
            "Sozialwissenschaft (IfaS) unter Leitung von Prof. Dr. Paul-Stefan Roß begleitet den Prozess "
            "wissenschaftlich.", K.COUNCIL_DECISION),
    Station(d(2017, 11, 20), "Sitzungsvorlage zur Fortschreibung: Ergebnisse und vorgeschlagene Schlüsselprojekte",
            "<p>Integrationsworkshop, moderierte Arbeitsgruppen und die Auswertung ihrer Ergebnisse sind "
            "abgeschlossen. Die Sitzungsvorlage fasst sie zusammen und schlägt Schlüsselprojekte je Handlungsfeld "
            "vor. Als zwei steuernde Instrumente sollen ein „Runder Tisch Vielfalt“ und ein jährlicher "
            "Integrationsworkshop die Arbeitsgruppen verbinden.</p>", K.REPORT),
    Station(d(2017, 12, 14), "Gemeinderat stimmt dem weiteren Ablauf der Fortschreibung zu",
            "Nach dem Ausschuss für Bildung, Soziales und Verwaltung (6. Dezember 2017) stimmt der Gemeinderat dem "
            "vorgeschlagenen weiteren Ablauf des Fortschreibungsprozesses des Integrationskonzeptes zu.",
            K.COUNCIL_DECISION, link_edition=True),
)

HERDECKE = (
    Station(d(2016, 12, 8), "Startschuss für das Integrationskonzept",
            "Der Rat der Stadt Herdecke beauftragt die Verwaltung, ein kommunales Integrationskonzept mit der "
            "Kernfragestellung „Wie leben wir 2030 zusammen“ zu erstellen, und stellt dafür Mittel bereit.",
            K.COUNCIL_DECISION),
    Station(d(2017, 3, 8), "Steuerungsgruppe gebildet",
            "Der Ausschuss für Soziales bildet eine Steuerungsgruppe zur Erstellung des Integrationskonzeptes aus "
            "Vertretern der Fraktionen und der Verwaltung.", K.COUNCIL_DECISION),
    Station(d(2017, 3, 29), "Erste Sitzung der Steuerungsgruppe",
            "Die Steuerungsgruppe beschließt einhellig, ein externes Institut mit der Erstellung des Konzeptes zu "
            "beauftragen. Nach der Ausschreibung erhält das Ibis Institut für interdisziplinäre Beratung und "
            "interkulturelle Seminare in Duisburg den Zuschlag.", K.PARTICIPATION, link_meeting=True),
    Station(d(2017, 5, 31), "Multiplikatorenrunde",
            "Das Projekt wird Herdecker Vereinen und Institutionen vorgestellt, um möglichst viele Menschen für das "
            "Thema zu erreichen und eine breite Öffentlichkeit herzustellen.", K.PARTICIPATION, link_meeting=True),
    Station(d(2017, 7, 5), "Erstes Bürgerforum als World Café",
            "Das erste Bürgerforum findet nach dem Konzept des World Cafés statt. Aus seinen Rückmeldungen ergeben "
            "sich vier Themenbereiche für die Expertenworkshops.", K.PARTICIPATION, link_meeting=True),
    Station(d(2017, 10, 4), "Vier Expertenworkshops",
            "<p>Am 4. und 10. Oktober 2017 arbeiten Expertinnen und Experten in vier Workshops:</p><ul>"
            "<li>Ausbildung und Arbeit</li><li>Sprache und Bildung</li><li>Wohnen und Quartier</li><li>Teilhabe und "
            "Engagement</li></ul><p>Ihre Ergebnisse werden zu einem Zielbaum „Gesellschaftliche Integration in "
            "Herdecke“ zusammengeführt.</p>", K.PARTICIPATION, link_meeting=True),
)

STATIONS = {"heidelberg": HEIDELBERG, "waiblingen": WAIBLINGEN, "herdecke": HERDECKE}


def _meeting_on(demo: ParticipationDemo, day: dt.date) -> Meeting | None:
    for meeting in demo.meetings.values():
        if timezone.localdate(meeting.starts_at) == day:
            return meeting
    return None


def _values(demo: ParticipationDemo, station: Station) -> dict[str, Any]:
    values: dict[str, Any] = {
        "date": station.date, "end_date": station.end_date, "precision": station.precision, "kind": station.kind,
        "title": station.title, "text": station.text, "document_url": station.document_url,
        "document_label": station.document_label,
    }
    if station.link_edition:
        values["edition"] = demo.edition
    if station.link_round:
        values["reporting_round"] = (ReportingRound.objects.of(demo.municipality)
                                     .filter(title=station.link_round).first())
    if station.link_meeting:
        values["meeting"] = _meeting_on(demo, station.date)
    return values


def build(demo: ParticipationDemo) -> None:
    for station in STATIONS.get(demo.slug, ()):
        services.create_milestone(actor=demo.actor, municipality=demo.municipality, values=_values(demo, station))
    services.propose_milestones(demo.municipality)
