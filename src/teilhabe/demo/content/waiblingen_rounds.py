"""Demo: Waiblingen evaluated its first integration concept (2009/10) at the end of 2014, before the
Fortschreibung 2017/18. The demo has only the Fortschreibung as a plan, so the evaluation asks about its
measures and tells what their forerunners of the first concept achieved; the statuses stand as they are.
Not published: the evaluation was the working basis of the Fortschreibung and went to the council as part of
its Sitzungsvorlage, not as a report of its own."""

from __future__ import annotations

import datetime as dt

from teilhabe.demo.specs import AnswerSpec, RoundSpec
from teilhabe.reporting.models import Success

S, PARTLY, NOT, NOT_YET = Success.SUCCESSFUL, Success.PARTLY, Success.NOT_SUCCESSFUL, Success.NOT_YET


def ok(reference: str, success: str, progress: str, *values: str, reason: str = "",
       reached: tuple[int | None, ...] = (), next_steps: str = "") -> AnswerSpec:
    return AnswerSpec(reference, "accepted", "", progress, success, reason, values, reached,
                      next_steps=next_steps)


EVALUATION_2014 = RoundSpec(
    title="Evaluation Integrationskonzept 2014",
    period_start=dt.date(2012, 1, 1), period_end=dt.date(2014, 12, 31),
    opened_on=dt.date(2014, 10, 6), deadline=dt.date(2014, 11, 21), closed_on=dt.date(2014, 12, 16),
    answers=(
        ok("1.1", PARTLY, "Elternbegleiterinnen der Familienbildungsstätte erreichten 2013 und 2014 rund 40 "
           "zugewanderte Familien.", "40", reason="Geflüchtete Familien wurden kaum erreicht; das Netzwerk "
           "muss auf die Gemeinschaftsunterkünfte ausgeweitet werden."),
        ok("1.2", PARTLY, "Zwei Eltern-Kind-Gruppen in der Innenstadt; die meisten Kinder wechselten danach in "
           "eine Kita.", "2", reason="In den Stadtteilen fehlen Räume für weitere Gruppen."),
        ok("1.3", S, "Eine gedruckte Übersicht der Deutschkurse erschien 2013 und wird jährlich aktualisiert.",
           "9"),
        ok("1.4", S, "Das Sprachcafé der Stadtbücherei trifft sich seit 2012 wöchentlich mit etwa 15 "
           "Teilnehmenden.", "44", "15"),
        ok("2.1", NOT_YET, "Die Idee einer Länderreihe entstand im Integrationsworkshop 2014; begonnen ist noch "
           "nichts."),
        ok("2.2", PARTLY, "Die Boccia-Freunde spielen auf einem provisorischen Platz; der Bau einer Bahn ist "
           "beantragt.", reason="Für die Bahn fehlt noch die Finanzierung."),
        ok("2.3", S, "Bei der Vereinsbörse 2014 stellten sich 21 Vereine vor.", "21"),
        ok("3.1", PARTLY, "Feuerwehr und DRK stellten sich in zwei Sprachkursen vor; vier Neuzugewanderte "
           "wurden Mitglied.", "4", reason="Die Ansprache erreichte nur wenige; es braucht persönliche "
           "Begleitung."),
        ok("3.2", NOT_YET, "Die Integrationslotsen des ersten Konzepts begleiteten bis 2013 rund 60 Personen; "
           "seit dem Ende der Förderung ruht das Projekt.", "", "60", reached=(60, 34, 26),
           next_steps="Wiederaufnahme in der Fortschreibung prüfen."),
        ok("3.3", S, "Der offene Treff im Familienzentrum findet monatlich statt.", "11", "25"),
        ok("3.4", S, "Eine Infoveranstaltung mit Jobcenter und Agentur für Arbeit erreichte 70 Teilnehmende.",
           "70", reached=(70, 31, 39)),
        ok("3.5", NOT_YET, "Ein Treffen mit der Ausländerbehörde wurde angeregt, aber noch nicht vereinbart."),
        ok("3.6", S, "Der Runde Tisch der Migrantenvereine tagte dreimal im Jahr.", "3", "8"),
        ok("3.7", S, "Der Integrationsworkshop 2014 mit 85 Teilnehmenden bereitete die Fortschreibung vor.",
           "85", "32"),
        ok("4.1", NOT_YET, "Die Idee einer Zeitungsreihe über neue Auszubildende ist noch nicht umgesetzt."),
        ok("4.2", NOT_YET, "Eine gemeinsame Veranstaltung für Ehrenamt und Verwaltung ist für 2015 angedacht."),
        ok("4.3", S, "Seit 2013 bietet die Personalabteilung jährlich zwei interkulturelle Trainings an; 38 "
           "Beschäftigte nahmen teil.", "38", reached=(38, 25, 13)),
        ok("4.4", NOT, "Die Willkommensmappe wurde nicht fertiggestellt.",
           reason="Die gedruckten Angebote veralteten zu schnell; eine Online-Übersicht ist sinnvoller."),
    ),
)

ROUNDS = (EVALUATION_2014,)
