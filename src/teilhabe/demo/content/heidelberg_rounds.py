"""Demo: Heidelberg's reporting rounds. The first implementation report (March to November 2013) asked about
all 55 measures of the KIP: "Von 55 Projekten wurden 50 mit Erfolg durchgeführt". Its statuses are those of
2013 (several projects were still running); the measures have moved on since (RoundSpec.statuses_since).
The round of this year is open and past its deadline: some answers accepted, some submitted, some returned,
some drafts, most still owed. Figures are invented but plausible."""

from __future__ import annotations

import datetime as dt

from teilhabe.demo.specs import AnswerSpec, RoundSpec
from teilhabe.reporting.models import Success

OPEN = "noch nicht begonnen"
WIP = "in Bearbeitung"
DONE = "erfüllt"
ROUTINE = "ins laufende Geschäft übergegangen"
DROPPED = "nicht weiter zu verfolgen"

S, PARTLY, NOT, NOT_YET = Success.SUCCESSFUL, Success.PARTLY, Success.NOT_SUCCESSFUL, Success.NOT_YET


def ok(reference: str, status: str, progress: str, *values: str, reached: tuple[int | None, ...] = (),
       success: str = S, reason: str = "", obstacles: str = "", next_steps: str = "") -> AnswerSpec:
    """An accepted answer of the 2013 round."""
    return AnswerSpec(reference, "accepted", status, progress, success, reason, values, reached, obstacles,
                      next_steps)


REPORT_2013 = RoundSpec(
    title="Umsetzungsbericht 2013",
    period_start=dt.date(2011, 2, 10), period_end=dt.date(2013, 6, 30),
    opened_on=dt.date(2013, 3, 4), deadline=dt.date(2013, 9, 30), closed_on=dt.date(2013, 11, 19),
    published_on=dt.date(2013, 12, 3), statuses_since=True,
    answers=(
        # AG 1: Bildung und Sprachförderung
        ok("1.01", ROUTINE, "Alle 94 städtischen Kitas arbeiten nach dem Sprachförderkonzept; 2012 und 2013 "
           "wurden 120 Fachkräfte in alltagsintegrierter Sprachbildung fortgebildet.", "100 %", "60"),
        ok("1.02", ROUTINE, "In zwölf Kursen an sieben Grundschulen lernten 86 Mütter Deutsch. Seit dem Schuljahr "
           "2012/13 trägt die VHS die Kurse aus ihrem Regelangebot.", "86", "7", reached=(86, 86)),
        ok("1.03", DONE, "Das Programm lief in zehn Kitas mit 140 Eltern; die Elterngruppen führen die Kitas "
           "selbst weiter.", "140", "10", reached=(140, 118, 22)),
        ok("1.04", ROUTINE, "28 Elternmentorinnen und -mentoren sind ausgebildet und begleiten Elternabende und "
           "Elterngespräche an 15 Schulen.", "28", "210"),
        ok("1.05", WIP, "Zwei Bildungslotsinnen begleiten Familien beim Schuleintritt; bis Juni 2013 wurden 164 "
           "Familien erreicht. Das Projekt endet planmäßig im Dezember 2013.", "164", reached=(164,)),
        ok("1.06", ROUTINE, "Die Freiwilligenbörse vermittelt 92 aktive Lernpatenschaften; die Begleitung der "
           "Patinnen und Paten ist fest organisiert.", "92", "92"),
        ok("1.07", DONE, "Die Schulen stellen Räume für herkunftssprachlichen Unterricht in neun Sprachen "
           "bereit; eine Elterninformation dazu liegt vor.", "9"),
        ok("1.08", DONE, "Alle fünf Werkrealschulen haben seit dem Schuljahr 2012/13 Schulsozialarbeit.", "5"),
        ok("1.09", ROUTINE, "Die VHS bietet jährlich 14 Integrationskurse mit Kinderbetreuung an; 63 % der "
           "Teilnehmenden schlossen mit B1 ab.", "14", "63 %"),
        ok("1.10", WIP, "Zwei Alphabetisierungskurse mit 32 Plätzen laufen seit Herbst 2012 und sind voll "
           "belegt.", "32", obstacles="Auf der Warteliste stehen 25 Personen.",
           next_steps="Ein dritter Kurs ist für 2014 beantragt."),
        ok("1.11", DROPPED, "Das Programm wurde 2012 nach einer Prüfung eingestellt.", success=NOT,
           reason="Für ein eigenes städtisches Stipendienprogramm fanden sich keine Stiftungspartner; "
           "Studierende werden an bestehende Programme verwiesen."),
        # AG 2: Ausbildung und Arbeitsmarkt
        ok("2.01", ROUTINE, "38 Ausbildungspatenschaften im Jahr 2012/13; 24 der begleiteten Jugendlichen haben "
           "einen Ausbildungsvertrag unterschrieben.", "38", "63 %", reached=(38, 17, 21)),
        ok("2.02", DONE, "Berufsorientierungstage an acht Schulen mit 45 Betrieben; die Schulen übernehmen das "
           "Format in ihre Berufswegeplanung.", "8", "45"),
        ok("2.03", DONE, "Zwölf Elternabende in sechs Sprachen mit rund 300 Eltern.", "12", "300",
           reached=(300,)),
        ok("2.04", WIP, "Zwei Ausbildungsbörsen mit 34 Betrieben; elf Betriebe bilden erstmals aus. Die letzte "
           "Börse folgt im Dezember 2013.", "11"),
        ok("2.05", ROUTINE, "Die Anerkennungsberatung ist im Jobcenter fest eingerichtet: 240 Beratungen und 85 "
           "eingeleitete Verfahren im Berichtszeitraum.", "240", "85", reached=(240, 131, 109)),
        ok("2.06", DONE, "Drei Trainings mit 41 Teilnehmerinnen; nach sechs Monaten hatten 17 eine Arbeit oder "
           "Ausbildung aufgenommen.", "41", "41 %", reached=(41, 41)),
        ok("2.07", DONE, "Das Pilotverfahren in zwei Ämtern ist ausgewertet: Der Anteil der Eingeladenen mit "
           "Migrationsgeschichte stieg von 11 % auf 19 %.", "19 %"),
        ok("2.08", ROUTINE, "Die Kampagne läuft jährlich; der Anteil der Auszubildenden mit Migrationsgeschichte "
           "liegt 2013 bei 17 %.", "17 %"),
        ok("2.09", WIP, "46 Gründungsberatungen, daraus zwölf Gründungen. Ab 2014 übernimmt das "
           "Existenzgründungszentrum die Beratung.", "46", "12"),
        ok("2.10", WIP, "Das Netzwerk hat sich im März 2013 gegründet und trifft sich vierteljährlich.", "27",
           success=NOT_YET, next_steps="Erste Auswertung nach einem Jahr Netzwerkarbeit."),
        ok("2.11", DONE, "Die 14 wichtigsten Merkblätter liegen in sechs Sprachen vor.", "14"),
        # AG 3: Familie, Gesundheit und Versorgungssysteme
        ok("3.01", DONE, "Der Wegweiser erschien in acht Sprachen; 6.000 Exemplare wurden über Beratungsstellen "
           "und das Bürgeramt verteilt.", "6.000", "8"),
        ok("3.02", ROUTINE, "Der Dolmetscherpool hatte 2012 rund 520 Einsätze in 24 Sprachen; Einsatzpauschalen "
           "der Einrichtungen sichern die Finanzierung.", "520", "24"),
        ok("3.03", ROUTINE, "Interkulturelle Fortbildungen gehören zum Fortbildungsprogramm; 164 Beschäftigte "
           "nahmen teil.", "164", reached=(164, 101, 63)),
        ok("3.04", DONE, "22 Gesundheitslotsinnen und -lotsen sind ausgebildet und hielten 48 "
           "Informationsveranstaltungen in zehn Sprachen.", "22", "48"),
        ok("3.05", DONE, "Die Einladungen liegen in sieben Sprachen vor; die Teilnahme an der U8 stieg bei "
           "Kindern ohne deutsche Staatsangehörigkeit von 78 % auf 86 %.", "86 %"),
        ok("3.06", ROUTINE, "Drei Familienhebammen mit Türkisch, Arabisch und Russisch begleiten 58 Familien im "
           "Jahr.", "58"),
        ok("3.07", DONE, "Acht Veranstaltungen in Begegnungsstätten und Moscheevereinen mit 230 älteren "
           "Menschen.", "8", "230", reached=(230, 140, 90)),
        ok("3.08", WIP, "In den Seniorenzentren Bergheim und Emmertsgrund gibt es seit 2013 einen interkulturellen "
           "Nachmittag.", "2", success=PARTLY,
           reason="Erst zwei von acht Seniorenzentren haben ein interkulturelles Angebot; es fehlen "
           "mehrsprachige Ehrenamtliche.", next_steps="Gewinnung von Ehrenamtlichen über die Migrantenvereine."),
        ok("3.09", ROUTINE, "Die Anlaufstelle berät seit Mai 2011; im Berichtszeitraum wurden 74 Fälle bearbeitet, "
           "die meisten zu Wohnung und Arbeit.", "74"),
        ok("3.10", WIP, "Fünf Familienzentren sind eröffnet, das sechste folgt im Dezember 2013 in Kirchheim.",
           "5"),
        ok("3.11", WIP, "Zwei Fachkräfte der Caritas begleiteten 96 Menschen. Die Anschlussfinanzierung ab 2014 "
           "ist beantragt.", "96", reached=(96,)),
        # AG 4: Wohnumfeld und Bürgerschaftliches Engagement
        ok("4.01", DONE, "Das Portal ist seit Juli 2011 online; 43 Organisationen pflegen eine eigene Seite.",
           "43"),
        ok("4.02", ROUTINE, "Der Interkulturelle Kalender 2013 erschien in 5.000 Exemplaren mit Beiträgen von 31 "
           "Organisationen.", "5.000", "31"),
        ok("4.03", DONE, "Zwölf Migrantenselbstorganisationen nahmen an der Qualifizierungsreihe teil; sieben "
           "Förderanträge waren erfolgreich.", "12", "7"),
        ok("4.04", ROUTINE, "Drei Stadtteilfeste mit zusammen etwa 4.500 Besucherinnen und Besuchern und 38 "
           "beteiligten Gruppen.", "4.500", "38"),
        ok("4.05", WIP, "Der Stadtteiltreff Emmertsgrund bietet wöchentlich elf Angebote, vier davon mehrsprachig; "
           "die Übergabe an den Träger ist für Dezember 2013 vereinbart.", "11"),
        ok("4.06", DONE, "Die Mieterinformationen der GGH liegen in sechs Sprachen vor und werden mit jedem "
           "Mietvertrag ausgegeben.", "6"),
        ok("4.07", ROUTINE, "Die Einbürgerungsfeier findet jährlich im Rathaus statt; 2012 kamen 410 Gäste.",
           "410"),
        ok("4.08", DONE, "Die Ehrenamtsbörse vermittelte 85 Engagierte mit Migrationsgeschichte in Vereine und "
           "Einrichtungen.", "85", reached=(85, 49, 36)),
        ok("4.09", WIP, "22 Vereine wurden zur interkulturellen Öffnung beraten; ein Leitfaden erscheint Ende "
           "2013.", "22"),
        ok("4.10", DONE, "Mehrsprachige Plakate, Briefe und Infostände zur Wahl 2012; die Wahlbeteiligung stieg "
           "von 6,3 % auf 9,1 %.", "9,1 %"),
        ok("4.11", OPEN, "Der Gemeinderat hat den Beitritt zur Europäischen Städtekoalition gegen Rassismus im "
           "Oktober 2013 beschlossen; die Umsetzung des Aktionsplans beginnt 2014.", success=NOT_YET),
        # AG 5: Sport und Kultur
        ok("5.01", ROUTINE, "Sieben Schwimmkurse im Jahr mit weiblichem Aufsichtspersonal; 96 Frauen und Mädchen "
           "nahmen teil.", "96", reached=(96, 96)),
        ok("5.02", DONE, "18 Vereinspatenschaften; die Vereine gewannen 140 neue Mitglieder mit "
           "Migrationsgeschichte.", "140"),
        ok("5.03", ROUTINE, "26 Kooperationen zwischen Ganztagsschulen und Sportvereinen.", "26"),
        ok("5.04", ROUTINE, "Die Interkulturelle Woche 2012 hatte 62 Veranstaltungen von 48 Organisationen.",
           "62", "48"),
        ok("5.05", WIP, "Das Kurpfälzische Museum bietet Führungen in sechs Sprachen an; im Berichtszeitraum "
           "waren es 34.", "34"),
        ok("5.06", ROUTINE, "Der Bestand an Medien in Herkunftssprachen umfasst 14 Sprachen; das Sprachcafé "
           "trifft sich wöchentlich.", "21.400", "46"),
        ok("5.07", WIP, "Der Kulturfonds förderte 2012 und 2013 zusammen 19 interkulturelle Projekte.", "19"),
        ok("5.08", DONE, "60 Instrumentenpatenschaften wurden vergeben, vor allem an Kinder aus Familien mit "
           "geringem Einkommen.", "60", reached=(60, 33, 27)),
        ok("5.09", DONE, "Der Heidelberg-Pass wird in acht Sprachen beworben; die Zahl der ausgegebenen Pässe "
           "stieg auf 7.800.", "7.800"),
        ok("5.10", DONE, "Drei Turniere mit je 16 Mannschaften aus über 30 Nationen.", "16"),
        ok("5.11", DROPPED, "Eine eigene Freizeitliga wurde 2012 geprüft und nicht eingerichtet.", success=NOT,
           reason="Die Vereine sehen mehr Nutzen im Öffnen bestehender Mannschaften; eine eigene Liga hätte "
           "Parallelstrukturen geschaffen."),
    ),
)

FWB = "Freiwilligenbörse Heidelberg"

REPORT_THIS_YEAR = RoundSpec(
    title="Umsetzungsbericht 2026",
    period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
    opened_days_ago=52, deadline_days_ago=4, partner_links=(FWB,),
    answers=(
        # Accepted.
        AnswerSpec("1.01", "accepted", ROUTINE, "Alle 97 städtischen Kitas arbeiten mit dem Sprachförderkonzept; "
                   "2025 wurden 48 Fachkräfte fortgebildet.", S, values=("100 %", "48")),
        AnswerSpec("1.02", "accepted", ROUTINE, "74 Mütter lernten in zehn Kursen an acht Grundschulen Deutsch; "
                   "zwei Kurse richten sich an neu zugewanderte Mütter.", S, values=("74", "8"), reached=(74, 74)),
        AnswerSpec("1.06", "accepted", ROUTINE, "81 aktive Lernpatenschaften; 23 neue Patinnen und Paten wurden "
                   "geschult.", S, values=("81", "81"), by_link=True),
        AnswerSpec("2.05", "accepted", ROUTINE, "310 Beratungen und 128 eingeleitete Anerkennungsverfahren, vor "
                   "allem in Pflege- und Erziehungsberufen.", S, values=("310", "128"), reached=(310, 174, 136)),
        AnswerSpec("3.02", "accepted", ROUTINE, "Rund 1.900 Einsätze in 41 Sprachen; die Nachfrage der Schulen ist "
                   "stark gestiegen.", S, values=("1.900", "41"),
                   obstacles="Für Tigrinya und Dari gibt es zu wenige Dolmetschende."),
        AnswerSpec("3.09", "accepted", ROUTINE, "131 Beratungsfälle, deutlich mehr als im Vorjahr; Schwerpunkte "
                   "waren Wohnungssuche und Behörden.", S, values=("131",)),
        AnswerSpec("4.07", "accepted", ROUTINE, "Zwei Einbürgerungsfeiern im Rathaus mit zusammen 780 Gästen.", S,
                   values=("780",)),
        AnswerSpec("5.01", "accepted", ROUTINE, "Neun Kurse mit 118 Teilnehmerinnen, einer davon im neuen "
                   "Hallenbad.", S, values=("118",), reached=(118, 118)),
        AnswerSpec("5.04", "accepted", ROUTINE, "Die Interkulturelle Woche 2025 hatte 74 Veranstaltungen von 55 "
                   "Organisationen.", S, values=("74", "55")),
        # Submitted, waiting for review.
        AnswerSpec("1.09", "submitted", ROUTINE, "16 Integrationskurse mit Kinderbetreuung; 58 % der Teilnehmenden "
                   "schlossen mit B1 ab.", S, values=("16", "58 %")),
        AnswerSpec("2.08", "submitted", ROUTINE, "Der Anteil der Auszubildenden mit Migrationsgeschichte liegt bei "
                   "24 %; die Kampagne läuft auch in sozialen Medien.", S, values=("24 %",)),
        AnswerSpec("3.03", "submitted", ROUTINE, "212 Beschäftigte nahmen an interkulturellen Fortbildungen teil, "
                   "40 davon Führungskräfte.", S, values=("212",), reached=(212, 138, 72, 2)),
        AnswerSpec("3.06", "submitted", ROUTINE, "Vier Familienhebammen mit Sprachkenntnissen begleiteten 73 "
                   "Familien.", S, values=("73",)),
        AnswerSpec("5.03", "submitted", ROUTINE, "31 Kooperationen zwischen Ganztagsschulen und Sportvereinen.", S,
                   values=("31",)),
        # Returned with a comment: the offices owe them again.
        AnswerSpec("1.04", "returned", ROUTINE, "Die Elternmentorinnen und -mentoren waren an vielen Schulen im "
                   "Einsatz.", S,
                   review_comment="Bitte ergänzen Sie die Zahl der aktiven Elternmentorinnen und -mentoren und "
                   "der Einsätze im Schuljahr 2024/25; der Gemeinderat hat danach gefragt."),
        AnswerSpec("2.01", "returned", ROUTINE, "Die Ausbildungspatenschaften liefen weiter.", PARTLY,
                   "Weniger Patinnen und Paten als geplant.", by_link=True,
                   review_comment="Bitte nennen Sie, wie viele Jugendliche begleitet wurden und wie viele eine "
                   "Ausbildung begonnen haben."),
        AnswerSpec("4.02", "returned", ROUTINE, "Der Kalender 2026 ist erschienen.", S,
                   review_comment="Der Sachstand ist für den Bericht an den Gemeinderat zu knapp: Bitte Auflage "
                   "und Zahl der beteiligten Organisationen angeben."),
        # Drafts, not yet handed in (only the office sees them).
        AnswerSpec("1.10", "draft", WIP, "Drei Alphabetisierungskurse mit 45 Plätzen; neu ist ein Abendkurs.",
                   values=("45",)),
        AnswerSpec("2.10", "draft", ROUTINE, "Das Netzwerk Frauenökonomie hat 64 Mitglieder und lädt zweimal im "
                   "Jahr zur Gründerinnenmesse ein."),
        AnswerSpec("3.08", "draft", WIP, "Sechs von acht Seniorenzentren haben ein interkulturelles Angebot."),
        AnswerSpec("5.06", "draft", ROUTINE, "Das Sprachcafé trifft sich zweimal wöchentlich;"),
    ),
)

ROUNDS = (REPORT_2013, REPORT_THIS_YEAR)
