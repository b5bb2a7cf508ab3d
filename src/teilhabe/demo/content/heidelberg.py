"""Demo: Heidelberg's Kommunaler Integrationsplan (adopted by the Gemeinderat on 10 February 2011),
built by five working groups. Structure follows the city's own account; measures are invented but
plausible, and 50 of the 55 count as successful, as the first implementation report (2013) says."""

from __future__ import annotations

from teilhabe.core.roles import Role
from teilhabe.demo.content.heidelberg_monitoring import MONITORING
from teilhabe.demo.content.heidelberg_rounds import ROUNDS
from teilhabe.demo.specs import (
    EditionSpec,
    FieldSpec,
    GoalSpec,
    MunicipalitySpec,
    OrganisationSpec,
    StatusSpec,
    UnitSpec,
    UserSpec,
    measure,
    month,
)

# Status words as in Hannover's reports, mapped to the normalised set.
OPEN = "noch nicht begonnen"
WIP = "in Bearbeitung"
DONE = "erfüllt"
ROUTINE = "ins laufende Geschäft übergegangen"
DROPPED = "nicht weiter zu verfolgen"

# Org units
DEZ_IV = "Dezernat für Integration, Chancengleichheit und Bürgerdienste"
AFC = "Amt für Chancengleichheit"
BUERGERAMT = "Bürgeramt"
SCHULE = "Amt für Schule und Bildung"
JUGEND = "Kinder- und Jugendamt"
SOZIALES = "Amt für Soziales und Senioren"
SPORT = "Amt für Sport und Gesundheitsförderung"
KULTUR = "Kulturamt"
BUECHEREI = "Stadtbücherei"
PERSONAL = "Personal- und Organisationsamt"
STADTENTW = "Amt für Stadtentwicklung und Statistik"
WIRTSCHAFT = "Amt für Wirtschaftsförderung und Wissenschaft"

# Organisations
AMR = "Ausländerrat/Migrationsrat (AMR)"
EWZ = "Eine-Welt-Zentrum"
PARI = "Der Paritätische Wohlfahrtsverband, Kreisverband Heidelberg"
FWB = "Freiwilligenbörse Heidelberg"
VHS = "Volkshochschule Heidelberg (VHS)"
JOBCENTER = "Jobcenter Heidelberg"
AGENTUR = "Agentur für Arbeit Heidelberg"
IHK = "IHK Rhein-Neckar"
HWK = "Handwerkskammer Mannheim Rhein-Neckar-Odenwald"
CARITAS = "Caritasverband Heidelberg"
DIAKONIE = "Diakonisches Werk Heidelberg"
SPORTKREIS = "Sportkreis Heidelberg"
GGH = "GGH Gesellschaft für Grund- und Hausbesitz"
ELTERNVEREIN = "Interkultureller Elternverein Heidelberg"
AFRIKA = "Afrikanisches Kulturforum Heidelberg"
FRAUEN = "Internationaler Frauentreff Heidelberg"
ARAB = "Arabisch-Deutscher Familienverein"

# Target groups
KINDER = "Kinder im Vorschulalter"
SCHUELER = "Schülerinnen und Schüler"
JUGENDLICHE = "Jugendliche am Übergang Schule – Beruf"
ELTERN = "Eltern mit Migrationsgeschichte"
FRAUEN_MIG = "Frauen mit Migrationsgeschichte"
ZUGEWANDERTE = "Neu Zugewanderte"
ERWACHSENE = "Erwachsene mit geringen Deutschkenntnissen"
SENIOREN = "Ältere Migrantinnen und Migranten"
MSO = "Migrantenselbstorganisationen"
BESCHAEFTIGTE = "Beschäftigte der Stadtverwaltung"
BETRIEBE = "Betriebe und Unternehmen"
ALLE = "Stadtgesellschaft"
GEFLUECHTETE = "Geflüchtete"

HH_AFC = "Haushalt Amt für Chancengleichheit"

BILDUNG = FieldSpec(
    title="AG 1: Bildung und Sprachförderung",
    description="Arbeitsgruppe 1 des Kommunalen Integrationsplans: gleiche Bildungschancen von der Kita "
    "bis zur Weiterbildung, Sprachförderung für Kinder und Erwachsene.",
    colour="#1d4ed8",
    goals=(
        GoalSpec(
            "Alle Kinder und Jugendlichen haben unabhängig von ihrer Herkunft gleiche Bildungschancen",
            children=(
                GoalSpec("Sprachkompetenz von Anfang an stärken", children=(
                    GoalSpec("Sprachförderung in allen Kitas verankern"),
                    GoalSpec("Eltern in die Sprachbildung ihrer Kinder einbeziehen"),
                )),
                GoalSpec("Übergänge im Bildungssystem erfolgreich gestalten", children=(
                    GoalSpec("Übergang Kita – Grundschule begleiten"),
                    GoalSpec("Mehr Jugendliche mit Migrationsgeschichte erreichen einen höheren Schulabschluss"),
                )),
            ),
        ),
        GoalSpec(
            "Erwachsene haben Zugang zu Sprache und Weiterbildung",
            children=(
                GoalSpec("Integrations- und Sprachkurse bedarfsgerecht und wohnortnah anbieten"),
            ),
        ),
    ),
    measures=(
        measure(
            "1.01", "Sprachförderung in Kindertageseinrichtungen",
            goal="Sprachförderung in allen Kitas verankern", lead=JUGEND, status=ROUTINE,
            desc="Alltagsintegrierte Sprachförderung in allen städtischen Kitas; Fachkräfte werden in "
            "Sprachstandserhebung und Sprachbildung fortgebildet.",
            partners=(SCHULE,), groups=(KINDER,), start="2011-04", cost=180000,
            funding="Landesprogramm Sprachförderung, städtischer Haushalt",
            indicators=("Anteil der Kitas mit Sprachförderkonzept (Ziel: 100 %)",
                        "Zahl der fortgebildeten Fachkräfte pro Jahr"),
        ),
        measure(
            "1.02", "Mama lernt Deutsch – Sprachkurse für Mütter an Grundschulen",
            goal="Eltern in die Sprachbildung ihrer Kinder einbeziehen", lead=VHS, status=ROUTINE, key=True,
            desc="Deutschkurse für Mütter am Vormittag in den Räumen der Grundschulen ihrer Kinder, mit "
            "Kinderbetreuung und Einblicken in den Schulalltag.",
            partners=(AFC, SCHULE), groups=(FRAUEN_MIG, ELTERN), start="2011-09", cost=24000,
            funding="Haushalt Amt für Chancengleichheit, Teilnahmebeiträge",
            indicators=("Zahl der Teilnehmerinnen pro Schuljahr (Ziel: 80)", "Zahl der beteiligten Grundschulen"),
            gender="Richtet sich gezielt an Mütter, die von anderen Kursen wegen Kinderbetreuung nicht "
            "erreicht werden.",
        ),
        measure(
            "1.03", "Rucksack-Programm: Elternbildung in Kitas",
            goal="Eltern in die Sprachbildung ihrer Kinder einbeziehen", lead=JUGEND, status=DONE,
            desc="Elternbegleiterinnen treffen sich wöchentlich mit Elterngruppen in der Kita und stärken "
            "Erstsprache und Deutsch parallel.",
            partners=(ELTERNVEREIN,), groups=(ELTERN, KINDER), start="2011-09", end="2013-07", cost=15000,
            funding="Landesmittel, städtischer Haushalt",
            indicators=("Zahl der teilnehmenden Eltern", "Zahl der Kitas mit Elterngruppe"),
        ),
        measure(
            "1.04", "Interkulturelle Elternmentorinnen und -mentoren",
            goal="Eltern in die Sprachbildung ihrer Kinder einbeziehen", lead=AFC, status=ROUTINE, key=True,
            desc="Ehrenamtliche Eltern mit Migrationsgeschichte werden qualifiziert und vermitteln zwischen "
            "Familien, Kitas und Schulen.",
            partners=(AMR, ELTERNVEREIN, SCHULE), groups=(ELTERN,), start="2012-01", cost=12000,
            funding="Elternstiftung Baden-Württemberg, Haushalt Amt für Chancengleichheit",
            indicators=("Zahl der ausgebildeten Elternmentorinnen und -mentoren (Ziel: 30)",
                        "Zahl der Einsätze pro Schuljahr"),
        ),
        measure(
            "1.05", "Bildungslotsinnen und -lotsen am Übergang Kita – Grundschule",
            goal="Übergang Kita – Grundschule begleiten", lead=SCHULE, status=DONE,
            desc="Begleitung von Familien bei Schulanmeldung und Einschulung, mehrsprachige Informationsabende "
            "in den Stadtteilen.",
            co_leads=(JUGEND,), note="gemeinsame Federführung; Kitas über das Kinder- und Jugendamt",
            groups=(ELTERN, KINDER), start="2011-10", end="2013-12", cost=20000,
            funding="städtischer Haushalt",
            indicators=("Zahl der begleiteten Familien",),
        ),
        measure(
            "1.06", "Hausaufgabenhilfe und Lernpatenschaften",
            goal="Mehr Jugendliche mit Migrationsgeschichte erreichen einen höheren Schulabschluss",
            lead=FWB, status=ROUTINE,
            desc="Ehrenamtliche Lernpatinnen und -paten unterstützen Schülerinnen und Schüler einmal pro "
            "Woche; die Freiwilligenbörse vermittelt und begleitet.",
            partners=(SCHULE,), groups=(SCHUELER,), start="2011-03", cost=8000, funding="Spenden, Zuschuss der Stadt",
            indicators=("Zahl der aktiven Patenschaften (Ziel: 100)",),
        ),
        measure(
            "1.07", "Herkunftssprachlichen Unterricht an Schulen unterstützen",
            goal="Mehr Jugendliche mit Migrationsgeschichte erreichen einen höheren Schulabschluss",
            lead=SCHULE, status=DONE,
            desc="Räume an Schulen für den Unterricht in Herkunftssprachen bereitstellen und Lehrkräfte "
            "miteinander vernetzen.",
            partners=(ELTERNVEREIN, ARAB, AFRIKA), groups=(SCHUELER,), start="2011-09", end="2012-12",
            indicators=("Zahl der angebotenen Sprachen",),
        ),
        measure(
            "1.08", "Schulsozialarbeit an Werkrealschulen ausbauen",
            goal="Mehr Jugendliche mit Migrationsgeschichte erreichen einen höheren Schulabschluss",
            lead=JUGEND, status=DONE,
            desc="Ausbau der Schulsozialarbeit auf alle Werkrealschulen; interkulturelle Kompetenz ist "
            "Bestandteil der Stellenprofile.",
            partners=(SCHULE,), groups=(SCHUELER,), start="2011-09", end="2013-07", cost=210000,
            funding="städtischer Haushalt, Landesförderung Schulsozialarbeit",
            indicators=("Zahl der Schulen mit Schulsozialarbeit",),
        ),
        measure(
            "1.09", "Integrationskurse mit Kinderbetreuung",
            goal="Integrations- und Sprachkurse bedarfsgerecht und wohnortnah anbieten", lead=VHS,
            status=ROUTINE,
            desc="Integrationskurse am Vormittag mit paralleler Kinderbetreuung, damit Eltern kleiner Kinder "
            "teilnehmen können.",
            partners=(JOBCENTER,), groups=(ZUGEWANDERTE, ELTERN), start="2011-03", cost=30000,
            funding="Bundesamt für Migration und Flüchtlinge (BAMF), städtischer Zuschuss für die Kinderbetreuung",
            indicators=("Zahl der Kurse mit Kinderbetreuung pro Jahr", "Anteil der Teilnehmenden mit Abschluss B1"),
            gender="Frauen nehmen deutlich häufiger teil, wenn Kinderbetreuung angeboten wird.",
        ),
        measure(
            "1.10", "Alphabetisierungskurse für Erwachsene",
            goal="Integrations- und Sprachkurse bedarfsgerecht und wohnortnah anbieten", lead=VHS, status=WIP,
            desc="Kurse für Erwachsene, die in keiner Sprache lesen und schreiben gelernt haben; "
            "Ausweitung auf zwei Stadtteile.",
            partners=(CARITAS,), groups=(ERWACHSENE,), start="2012-09", cost=18000,
            funding="BAMF, Landesmittel",
            indicators=("Zahl der Kursplätze",),
        ),
        measure(
            "1.11", "Stipendienprogramm für Studierende mit Migrationsgeschichte",
            goal="Mehr Jugendliche mit Migrationsgeschichte erreichen einen höheren Schulabschluss",
            lead=AFC, status=DROPPED,
            desc="Geprüft wurde ein städtisches Stipendienprogramm. Da Land und Stiftungen inzwischen "
            "vergleichbare Programme anbieten, wird die Maßnahme nicht weiter verfolgt.",
            groups=(JUGENDLICHE,), start="2011-06", end="2012-06",
        ),
    ),
)

ARBEIT = FieldSpec(
    title="AG 2: Ausbildung und Arbeitsmarkt",
    description="Arbeitsgruppe 2: gleiche Chancen auf Ausbildung und Beschäftigung, Anerkennung "
    "mitgebrachter Qualifikationen, die Stadt als interkulturell offene Arbeitgeberin.",
    colour="#0f766e",
    goals=(
        GoalSpec(
            "Menschen mit Migrationsgeschichte haben gleiche Chancen auf Ausbildung und Beschäftigung",
            children=(
                GoalSpec("Mehr Jugendliche mit Migrationsgeschichte beginnen eine Ausbildung", children=(
                    GoalSpec("Berufsorientierung an Schulen interkulturell ausrichten"),
                    GoalSpec("Betriebe für Vielfalt in der Ausbildung gewinnen"),
                )),
                GoalSpec("Qualifikationen von Zugewanderten werden anerkannt und genutzt", children=(
                    GoalSpec("Anerkennungsberatung ausbauen"),
                )),
                GoalSpec("Die Stadtverwaltung öffnet sich als Arbeitgeberin interkulturell", children=(
                    GoalSpec("Anteil der Auszubildenden mit Migrationsgeschichte bei der Stadt erhöhen"),
                )),
                GoalSpec("Zugewanderten- und Frauenökonomie stärken"),
            ),
        ),
    ),
    measures=(
        measure(
            "2.01", "Ausbildungspatenschaften",
            goal="Mehr Jugendliche mit Migrationsgeschichte beginnen eine Ausbildung", lead=FWB,
            status=ROUTINE, key=True,
            desc="Berufserfahrene Ehrenamtliche begleiten Jugendliche vom vorletzten Schuljahr bis in die "
            "Ausbildung: Bewerbungen, Praktika, Prüfungsvorbereitung.",
            partners=(JOBCENTER, IHK, AFC), groups=(JUGENDLICHE,), start="2011-05", cost=16000,
            funding="Europäischer Sozialfonds (ESF), Spenden",
            indicators=("Zahl der Patenschaften pro Jahr (Ziel: 40)",
                        "Anteil der begleiteten Jugendlichen mit Ausbildungsvertrag"),
        ),
        measure(
            "2.02", "Interkulturelle Berufsorientierungstage",
            goal="Berufsorientierung an Schulen interkulturell ausrichten", lead=SCHULE, status=DONE,
            desc="Betriebe, Kammern und Auszubildende mit Migrationsgeschichte stellen Berufe an Werkreal- "
            "und Realschulen vor.",
            partners=(AGENTUR, IHK, HWK), groups=(SCHUELER, JUGENDLICHE), start="2011-10", end="2013-10",
            cost=6000, funding="städtischer Haushalt",
            indicators=("Zahl der teilnehmenden Schulen", "Zahl der beteiligten Betriebe"),
        ),
        measure(
            "2.03", "Elternabende zur dualen Ausbildung in Herkunftssprachen",
            goal="Berufsorientierung an Schulen interkulturell ausrichten", lead=AMR, status=DONE,
            desc="Informationsabende auf Türkisch, Russisch und Arabisch über das duale Ausbildungssystem, "
            "gestaltet mit Migrantenselbstorganisationen.",
            partners=(AGENTUR, ELTERNVEREIN, ARAB), groups=(ELTERN,), start="2012-02", end="2013-06",
            cost=3000, funding="Haushalt Amt für Chancengleichheit",
            indicators=("Zahl der Veranstaltungen", "Zahl der erreichten Eltern"),
        ),
        measure(
            "2.04", "Ausbildungsbörse mit Unternehmen von Migrantinnen und Migranten",
            goal="Betriebe für Vielfalt in der Ausbildung gewinnen", lead=WIRTSCHAFT, status=DONE,
            desc="Unternehmerinnen und Unternehmer mit Migrationsgeschichte werden für die Ausbildung "
            "gewonnen und bei der Ausbildereignung unterstützt.",
            partners=(IHK, HWK), groups=(BETRIEBE,), start="2012-03", end="2013-12", cost=9000,
            funding="städtischer Haushalt",
            indicators=("Zahl der neu ausbildenden Betriebe",),
        ),
        measure(
            "2.05", "Anerkennungsberatung für ausländische Berufsabschlüsse",
            goal="Anerkennungsberatung ausbauen", lead=JOBCENTER, status=ROUTINE,
            desc="Regelmäßige Sprechstunde zur Anerkennung ausländischer Abschlüsse und Vermittlung in "
            "Anpassungsqualifizierungen.",
            partners=(AGENTUR, AFC), groups=(ZUGEWANDERTE,), start="2012-04",
            funding="Bundesprogramm Integration durch Qualifizierung (IQ)",
            indicators=("Zahl der Beratungen pro Jahr", "Zahl der eingeleiteten Anerkennungsverfahren"),
        ),
        measure(
            "2.06", "Bewerbungstraining für Frauen mit Migrationsgeschichte",
            goal="Qualifikationen von Zugewanderten werden anerkannt und genutzt", lead=AFC, status=DONE,
            desc="Kurse zu Bewerbung, Vorstellungsgespräch und Wiedereinstieg, mit Kinderbetreuung.",
            partners=(JOBCENTER, VHS, FRAUEN), groups=(FRAUEN_MIG,), start="2011-09", end="2013-06",
            cost=7500, funding=HH_AFC,
            indicators=("Zahl der Teilnehmerinnen", "Anteil mit Arbeits- oder Ausbildungsaufnahme nach sechs Monaten"),
            gender="Baut auf dem Gleichstellungs-Aktionsplan auf; Kinderbetreuung während der Kurse.",
        ),
        measure(
            "2.07", "Anonymisierte Bewerbungsverfahren in der Stadtverwaltung erproben",
            goal="Anteil der Auszubildenden mit Migrationsgeschichte bei der Stadt erhöhen",
            lead=PERSONAL, status=DONE,
            desc="Erprobung anonymisierter Bewerbungen für Ausbildungsplätze in zwei Ausbildungsjahrgängen, "
            "mit Auswertung.",
            partners=(AFC,), groups=(JUGENDLICHE,), start="2012-01", end="2013-09",
            indicators=("Anteil der Eingeladenen mit Migrationsgeschichte",),
        ),
        measure(
            "2.08", "Ausbildungskampagne „Deine Zukunft bei der Stadt Heidelberg“",
            goal="Anteil der Auszubildenden mit Migrationsgeschichte bei der Stadt erhöhen",
            lead=PERSONAL, status=ROUTINE,
            desc="Mehrsprachige Werbung für Ausbildungsberufe der Stadt; Auszubildende werben an Schulen "
            "als Botschafterinnen und Botschafter.",
            partners=(SCHULE, AMR), groups=(JUGENDLICHE,), start="2011-11", cost=12000,
            funding="städtischer Haushalt",
            indicators=("Anteil der Auszubildenden mit Migrationsgeschichte (Ausgangswert 2010: 9 %, Ziel: 20 %)",),
        ),
        measure(
            "2.09", "Gründungsberatung für Migrantinnen und Migranten",
            goal="Zugewanderten- und Frauenökonomie stärken", lead=WIRTSCHAFT, status=DONE,
            desc="Mehrsprachige Orientierungsberatung für Gründerinnen und Gründer und Lotsendienst zu "
            "Kammern und Banken.",
            partners=(IHK,), groups=(ZUGEWANDERTE,), start="2012-01", end="2013-12", cost=10000,
            funding="städtischer Haushalt",
            indicators=("Zahl der Beratungen", "Zahl der Gründungen"),
        ),
        measure(
            "2.10", "Netzwerk Frauenökonomie",
            goal="Zugewanderten- und Frauenökonomie stärken", lead=AFC, status=WIP,
            desc="Aufbau eines Netzwerks selbstständiger Frauen mit und ohne Migrationsgeschichte mit "
            "Stammtisch und Mentoring.",
            partners=(FRAUEN, WIRTSCHAFT), groups=(FRAUEN_MIG,), start="2013-03", cost=4000, funding=HH_AFC,
            indicators=("Zahl der Netzwerkmitglieder",),
            gender="Stärkt die wirtschaftliche Eigenständigkeit von Frauen.",
        ),
        measure(
            "2.11", "Mehrsprachige Informationen des Jobcenters",
            goal="Qualifikationen von Zugewanderten werden anerkannt und genutzt", lead=JOBCENTER, status=DONE,
            desc="Merkblätter zu Leistungen, Pflichten und Förderangeboten in sechs Sprachen.",
            groups=(ZUGEWANDERTE,), start="2011-06", end="2012-03", cost=5000, funding="Bundesmittel",
            indicators=("Zahl der übersetzten Merkblätter",),
        ),
    ),
)

FAMILIE = FieldSpec(
    title="AG 3: Familie, Gesundheit und Versorgungssysteme",
    description="Arbeitsgruppe 3: gleichberechtigter Zugang zu Beratung, Gesundheitsvorsorge und Pflege; "
    "interkulturelle Öffnung der Regeldienste.",
    colour="#9d174d",
    goals=(
        GoalSpec(
            "Familien und ältere Menschen mit Migrationsgeschichte finden gleichberechtigten Zugang zu "
            "Beratung, Gesundheit und Pflege",
            children=(
                GoalSpec("Regeldienste öffnen sich interkulturell", children=(
                    GoalSpec("Beratungsangebote mehrsprachig bekannt machen"),
                    GoalSpec("Fachkräfte interkulturell qualifizieren"),
                )),
                GoalSpec("Gesundheitsvorsorge erreicht alle Familien", children=(
                    GoalSpec("Teilnahme an Vorsorgeuntersuchungen erhöhen"),
                )),
                GoalSpec("Ältere Migrantinnen und Migranten sind gut versorgt"),
                GoalSpec("Schutz vor Diskriminierung"),
            ),
        ),
    ),
    measures=(
        measure(
            "3.01", "Mehrsprachiger Wegweiser „Beratung in Heidelberg“",
            goal="Beratungsangebote mehrsprachig bekannt machen", lead=AFC, status=DONE, key=True,
            desc="Wegweiser zu Beratungsstellen in acht Sprachen, gedruckt und online, erarbeitet mit "
            "dem Ausländerrat/Migrationsrat.",
            partners=(AMR, PARI), groups=(ZUGEWANDERTE, ELTERN), start="2011-05", end="2012-05", cost=14000,
            funding=HH_AFC,
            indicators=("Zahl der verteilten Exemplare", "Zahl der Sprachen"),
        ),
        measure(
            "3.02", "Dolmetscherpool für soziale Einrichtungen",
            goal="Beratungsangebote mehrsprachig bekannt machen", lead=PARI, status=ROUTINE, key=True,
            desc="Geschulte Sprachmittlerinnen und Sprachmittler begleiten Gespräche in Kitas, Schulen, "
            "Beratungsstellen und Ämtern.",
            partners=(AFC, SOZIALES), groups=(ZUGEWANDERTE,), start="2011-07", cost=25000,
            funding="städtischer Zuschuss, Eigenmittel der Träger",
            indicators=("Zahl der Einsätze pro Jahr", "Zahl der angebotenen Sprachen"),
            gender="Auf Wunsch wird eine Sprachmittlerin oder ein Sprachmittler gleichen Geschlechts vermittelt.",
        ),
        measure(
            "3.03", "Interkulturelle Fortbildungen für Beschäftigte der Stadt",
            goal="Fachkräfte interkulturell qualifizieren", lead=PERSONAL, status=ROUTINE,
            desc="Fortbildungsreihe zu interkultureller Kompetenz und Antidiskriminierung im städtischen "
            "Fortbildungsprogramm.",
            partners=(AFC,), groups=(BESCHAEFTIGTE,), start="2011-09", cost=8000,
            funding="städtisches Fortbildungsbudget",
            indicators=("Zahl der Teilnehmenden pro Jahr",),
        ),
        measure(
            "3.04", "Gesundheitslotsinnen und -lotsen „Mit Migranten für Migranten“",
            goal="Teilnahme an Vorsorgeuntersuchungen erhöhen", lead=SPORT, status=DONE,
            desc="Ausbildung von Menschen mit Migrationsgeschichte, die in ihren Gemeinschaften über "
            "Gesundheitsvorsorge informieren.",
            partners=(CARITAS, ARAB), groups=(ZUGEWANDERTE,), start="2011-10", end="2013-09", cost=11000,
            funding="Landesgesundheitsförderung, Krankenkassen",
            indicators=("Zahl der ausgebildeten Lotsinnen und Lotsen", "Zahl der Informationsveranstaltungen"),
        ),
        measure(
            "3.05", "Mehrsprachige Einladungen zu Vorsorgeuntersuchungen für Kinder",
            goal="Teilnahme an Vorsorgeuntersuchungen erhöhen", lead=JUGEND, status=DONE,
            desc="Erinnerungsschreiben zu den U-Untersuchungen werden mit mehrsprachigen Beilagen verschickt.",
            groups=(ELTERN, KINDER), start="2011-04", end="2012-04", cost=2500, funding="städtischer Haushalt",
            indicators=("Teilnahmequote an der U8 nach Staatsangehörigkeit (aggregiert)",),
        ),
        measure(
            "3.06", "Frühe Hilfen: Familienhebammen mit Sprachkenntnissen",
            goal="Teilnahme an Vorsorgeuntersuchungen erhöhen", lead=JUGEND, status=ROUTINE,
            desc="Familienhebammen mit Kenntnissen in Türkisch, Russisch und Arabisch begleiten Familien im "
            "ersten Lebensjahr.",
            partners=(DIAKONIE,), groups=(ELTERN,), start="2012-01", cost=40000,
            funding="Bundesinitiative Frühe Hilfen",
            indicators=("Zahl der begleiteten Familien",),
        ),
        measure(
            "3.07", "Kultursensible Pflege: Informationsreihe für ältere Migrantinnen und Migranten",
            goal="Ältere Migrantinnen und Migranten sind gut versorgt", lead=SOZIALES, status=DONE,
            desc="Veranstaltungen in Moscheegemeinden, Kulturvereinen und Seniorenzentren über Pflege- "
            "und Unterstützungsangebote.",
            partners=(CARITAS, DIAKONIE), groups=(SENIOREN,), start="2012-03", end="2013-11", cost=4000,
            funding="städtischer Haushalt",
            indicators=("Zahl der Veranstaltungen", "Zahl der erreichten Personen"),
        ),
        measure(
            "3.08", "Seniorenzentren öffnen sich interkulturell",
            goal="Ältere Migrantinnen und Migranten sind gut versorgt", lead=SOZIALES, status=WIP,
            desc="Die Seniorenzentren gewinnen ältere Migrantinnen und Migranten als Besucherinnen, "
            "Besucher und Ehrenamtliche; Angebote in Herkunftssprachen.",
            partners=(AMR,), groups=(SENIOREN,), start="2013-01", cost=6000, funding="städtischer Haushalt",
            indicators=("Zahl der Seniorenzentren mit interkulturellem Angebot",),
        ),
        measure(
            "3.09", "Anlaufstelle gegen Diskriminierung",
            goal="Schutz vor Diskriminierung", lead=AFC, status=ROUTINE, key=True,
            desc="Das Amt für Chancengleichheit berät als Antidiskriminierungsstelle Einzelpersonen und "
            "Institutionen und dokumentiert Fälle anonymisiert.",
            partners=(AMR,), groups=(ALLE,), start="2011-05", cost=5000, funding=HH_AFC,
            indicators=("Zahl der Beratungsfälle pro Jahr",),
        ),
        measure(
            "3.10", "Familienzentren in Stadtteilen mit hohem Zuwanderungsanteil",
            goal="Regeldienste öffnen sich interkulturell", lead=JUGEND, status=DONE,
            desc="Kitas in Emmertsgrund, Boxberg und Hasenleiser werden zu Familienzentren mit Beratung "
            "und Elterncafé weiterentwickelt.",
            partners=(DIAKONIE, CARITAS), groups=(ELTERN, KINDER), start="2011-09", end="2013-12", cost=90000,
            funding="städtischer Haushalt, Landesmittel",
            indicators=("Zahl der Familienzentren",),
        ),
        measure(
            "3.11", "Psychosoziale Beratung für traumatisierte Zugewanderte",
            goal="Regeldienste öffnen sich interkulturell", lead=CARITAS, status=DONE,
            desc="Beratung und Vermittlung in Therapie mit Sprachmittlung; Fallbesprechungen mit "
            "Fachkräften.",
            partners=(PARI,), groups=(ZUGEWANDERTE, GEFLUECHTETE), start="2011-11", end="2013-12", cost=30000,
            funding="Landesmittel, Eigenmittel",
            indicators=("Zahl der Beratenen",),
        ),
    ),
)

WOHNEN = FieldSpec(
    title="AG 4: Wohnumfeld und Bürgerschaftliches Engagement",
    description="Arbeitsgruppe 4: gutes Zusammenleben in den Stadtteilen, fairer Zugang zu Wohnraum, "
    "Stärkung der Migrantenselbstorganisationen und des Engagements.",
    colour="#7c2d12",
    goals=(
        GoalSpec(
            "In allen Stadtteilen leben Menschen unterschiedlicher Herkunft gut zusammen und engagieren sich",
            children=(
                GoalSpec("Nachbarschaften stärken", children=(
                    GoalSpec("Begegnungsorte in den Stadtteilen schaffen"),
                )),
                GoalSpec("Fairer Zugang zum Wohnungsmarkt"),
                GoalSpec("Migrantenselbstorganisationen stärken und beteiligen", children=(
                    GoalSpec("Migrantenselbstorganisationen professionalisieren und sichtbar machen"),
                    GoalSpec("Mehr Menschen mit Migrationsgeschichte engagieren sich ehrenamtlich"),
                )),
                GoalSpec("Politische Teilhabe stärken"),
            ),
        ),
    ),
    measures=(
        measure(
            "4.01", "Internetportal für Integration und Migration",
            goal="Migrantenselbstorganisationen professionalisieren und sichtbar machen", lead=AMR,
            status=DONE, key=True,
            desc="Etwa fünf Vertreterinnen und Vertreter von Migrantenselbstorganisationen erstellen als "
            "Freiwillige unter Anleitung ein Portal, auf dem sich die Vereine, ihre Arbeit und Termine "
            "präsentieren.",
            partners=(PARI, FWB), groups=(MSO,), start="2011-01", end="2011-07", cost=6000,
            funding="Ausländerrat/Migrationsrat, Tandempartner",
            indicators=("Zahl der Organisationen mit eigener Seite im Portal",),
        ),
        measure(
            "4.02", "Interkultureller Kalender",
            goal="Migrantenselbstorganisationen professionalisieren und sichtbar machen", lead=EWZ,
            status=ROUTINE, key=True,
            desc="Wandkalender mit Feier- und Gedenktagen der Religionen und Kulturen und den Terminen der "
            "Migrantenselbstorganisationen, Auflage mindestens 5.000 Stück.",
            partners=(AMR,), groups=(ALLE, MSO), start="2010-11", cost=7000,
            funding="Kofinanzierung durch den Ausländerrat/Migrationsrat",
            indicators=("Auflage (Ziel: 5.000)", "Zahl der beteiligten Organisationen"),
        ),
        measure(
            "4.03", "Qualifizierung von Migrantenselbstorganisationen",
            goal="Migrantenselbstorganisationen professionalisieren und sichtbar machen", lead=PARI,
            status=DONE,
            desc="Workshops zu Vereinsrecht, Fördermitteln, Öffentlichkeitsarbeit und Projektmanagement.",
            partners=(AMR, FWB, AFC), groups=(MSO,), start="2011-09", end="2013-06", cost=9000,
            funding="Landesprogramm, Haushalt Amt für Chancengleichheit",
            indicators=("Zahl der teilnehmenden Organisationen", "Zahl der erfolgreichen Förderanträge"),
        ),
        measure(
            "4.04", "Stadtteilfeste der Vielfalt",
            goal="Begegnungsorte in den Stadtteilen schaffen", lead=AFC, status=ROUTINE,
            desc="Jährliche Feste in wechselnden Stadtteilen, gestaltet von Vereinen, Schulen und "
            "Migrantenselbstorganisationen.",
            partners=(ELTERNVEREIN, AFRIKA, ARAB, FRAUEN), groups=(ALLE,), start="2011-06", cost=5000,
            funding=HH_AFC,
            indicators=("Zahl der Besucherinnen und Besucher", "Zahl der beteiligten Gruppen"),
        ),
        measure(
            "4.05", "Quartiersmanagement Emmertsgrund interkulturell ausrichten",
            goal="Begegnungsorte in den Stadtteilen schaffen", lead=STADTENTW, status=DONE,
            desc="Das Quartiersmanagement beschäftigt mehrsprachige Stadtteilmütter und öffnet den "
            "Stadtteiltreff für Vereine.",
            partners=(GGH,), groups=(ALLE,), start="2011-04", end="2013-12", cost=60000,
            funding="Programm Soziale Stadt",
            indicators=("Zahl der Angebote im Stadtteiltreff",),
        ),
        measure(
            "4.06", "Mehrsprachige Mieterinformationen",
            goal="Fairer Zugang zum Wohnungsmarkt", lead=GGH, status=DONE,
            desc="Hausordnung, Mülltrennung und Nebenkosten in sechs Sprachen erklärt; Sprechstunden mit "
            "Sprachmittlung.",
            partners=(PARI,), groups=(ZUGEWANDERTE,), start="2011-09", end="2012-06", cost=4000,
            funding="Eigenmittel der GGH",
            indicators=("Zahl der Sprachen",),
        ),
        measure(
            "4.07", "Einbürgerungsfeier",
            goal="Politische Teilhabe stärken", lead=BUERGERAMT, status=ROUTINE,
            desc="Der Oberbürgermeister begrüßt jedes Jahr die neu Eingebürgerten im Spiegelsaal des "
            "Prinz Carl.",
            partners=(AMR,), groups=(ZUGEWANDERTE,), start="2008-10", cost=3500, funding="städtischer Haushalt",
            indicators=("Zahl der Gäste",),
        ),
        measure(
            "4.08", "Ehrenamtsbörse für Migrantinnen und Migranten",
            goal="Mehr Menschen mit Migrationsgeschichte engagieren sich ehrenamtlich", lead=FWB,
            status=DONE,
            desc="Gezielte Ansprache und Vermittlung von Menschen mit Migrationsgeschichte in "
            "Ehrenämter; Anerkennungskultur für ihr Engagement.",
            partners=(AMR, ELTERNVEREIN), groups=(ZUGEWANDERTE,), start="2011-10", end="2013-10",
            cost=5000, funding="Zuschuss der Stadt",
            indicators=("Zahl der vermittelten Engagierten",),
        ),
        measure(
            "4.09", "Interkulturelle Öffnung von Vereinen",
            goal="Mehr Menschen mit Migrationsgeschichte engagieren sich ehrenamtlich", lead=FWB,
            status=DONE,
            desc="Beratung und Fortbildung für Vorstände von Vereinen, die neue Mitglieder mit "
            "Migrationsgeschichte gewinnen wollen.",
            partners=(PARI, SPORTKREIS), groups=(MSO,), start="2012-01", end="2013-12", cost=4500,
            funding="Zuschuss der Stadt",
            indicators=("Zahl der beratenen Vereine",),
        ),
        measure(
            "4.10", "Informationskampagne zur Wahl des Ausländerrats/Migrationsrats",
            goal="Politische Teilhabe stärken", lead=BUERGERAMT, status=DONE,
            desc="Mehrsprachige Information und Wahlcafés, um die Wahlbeteiligung zu erhöhen.",
            partners=(AMR, AFC), groups=(ZUGEWANDERTE,), start="2012-09", end="2012-11", cost=8000,
            funding="städtischer Haushalt",
            indicators=("Wahlbeteiligung (Ausgangswert 2007: 6,3 %)",),
        ),
        measure(
            "4.11", "Beitritt zur Europäischen Städtekoalition gegen Rassismus (ECCAR)",
            goal="Politische Teilhabe stärken", lead=AFC, status=DONE,
            desc="Vorbereitung des Beitritts und Aufbau eines lokalen Netzwerks gegen Rassismus; der "
            "Beitritt wurde am 13. März 2015 vollzogen.",
            partners=(AMR,), groups=(ALLE,), start="2014-03", end="2015-03", funding=HH_AFC,
            indicators=("Umsetzung des Zehn-Punkte-Aktionsplans",),
        ),
    ),
)

SPORT_KULTUR = FieldSpec(
    title="AG 5: Sport und Kultur",
    description="Arbeitsgruppe 5: Sport und Kultur als Orte der Begegnung; Öffnung von Vereinen und "
    "Kultureinrichtungen.",
    colour="#6d28d9",
    goals=(
        GoalSpec(
            "Sport und Kultur verbinden Menschen aller Herkunft",
            children=(
                GoalSpec("Mehr Kinder und Jugendliche mit Migrationsgeschichte sind in Sportvereinen aktiv",
                         children=(GoalSpec("Mädchen und Frauen mit Migrationsgeschichte für Sport gewinnen"),)),
                GoalSpec("Kulturelle Vielfalt wird in den Kultureinrichtungen sichtbar", children=(
                    GoalSpec("Kultureinrichtungen öffnen sich für neue Publikumsgruppen"),
                )),
            ),
        ),
    ),
    measures=(
        measure(
            "5.01", "Schwimmkurse für Mädchen und Frauen",
            goal="Mädchen und Frauen mit Migrationsgeschichte für Sport gewinnen", lead=SPORT, status=ROUTINE,
            desc="Schwimmkurse mit weiblichen Lehrkräften zu geschützten Zeiten in zwei Hallenbädern.",
            partners=(SPORTKREIS, FRAUEN), groups=(FRAUEN_MIG,), start="2011-05", cost=9000,
            funding="städtischer Haushalt, Teilnahmebeiträge",
            indicators=("Zahl der Teilnehmerinnen pro Jahr",),
            gender="Geschützter Rahmen ermöglicht Frauen die Teilnahme, die gemischte Kurse nicht besuchen.",
        ),
        measure(
            "5.02", "Integration durch Sport: Vereinspatenschaften",
            goal="Mehr Kinder und Jugendliche mit Migrationsgeschichte sind in Sportvereinen aktiv",
            lead=SPORTKREIS, status=DONE,
            desc="Vereinsmitglieder begleiten Kinder und ihre Familien in den ersten Monaten der "
            "Mitgliedschaft; Beiträge können bezuschusst werden.",
            partners=(SPORT,), groups=(SCHUELER,), start="2011-09", end="2013-08", cost=12000,
            funding="Landessportverband, Bundesprogramm Integration durch Sport",
            indicators=("Zahl der neuen Vereinsmitglieder mit Migrationsgeschichte",),
        ),
        measure(
            "5.03", "Bewegungsangebote an Ganztagsschulen mit Sportvereinen",
            goal="Mehr Kinder und Jugendliche mit Migrationsgeschichte sind in Sportvereinen aktiv",
            lead=SPORT, status=ROUTINE,
            desc="Vereine gestalten Nachmittagsangebote an Ganztagsschulen und gewinnen so neue Mitglieder.",
            partners=(SCHULE, SPORTKREIS), groups=(SCHUELER,), start="2011-09", cost=20000,
            funding="Jugendbegleiter-Programm des Landes, städtischer Haushalt",
            indicators=("Zahl der Kooperationen Schule – Verein",),
        ),
        measure(
            "5.04", "Interkulturelle Woche",
            goal="Kulturelle Vielfalt wird in den Kultureinrichtungen sichtbar", lead=AFC, status=ROUTINE,
            key=True,
            desc="Jährliche Veranstaltungswoche im Herbst mit Lesungen, Konzerten, Festen und "
            "Diskussionen; Vereine gestalten das Programm mit.",
            partners=(AMR, EWZ, AFRIKA, ARAB), groups=(ALLE,), start="2011-09", cost=15000, funding=HH_AFC,
            indicators=("Zahl der Veranstaltungen", "Zahl der beteiligten Organisationen"),
        ),
        measure(
            "5.05", "Mehrsprachige Führungen in städtischen Museen",
            goal="Kultureinrichtungen öffnen sich für neue Publikumsgruppen", lead=KULTUR, status=DONE,
            desc="Führungen auf Türkisch, Russisch, Arabisch und Englisch im Kurpfälzischen Museum.",
            groups=(ZUGEWANDERTE, ALLE), start="2012-03", end="2013-12", cost=6000,
            funding="städtischer Haushalt",
            indicators=("Zahl der Führungen",),
        ),
        measure(
            "5.06", "Medien in Herkunftssprachen und Sprachcafé in der Stadtbücherei",
            goal="Kultureinrichtungen öffnen sich für neue Publikumsgruppen", lead=BUECHEREI,
            status=ROUTINE,
            desc="Ausbau des Bestands in zehn Sprachen und wöchentliches Sprachcafé mit Ehrenamtlichen.",
            partners=(FWB,), groups=(ZUGEWANDERTE, ERWACHSENE), start="2011-03", cost=10000,
            funding="städtischer Haushalt",
            indicators=("Zahl der Entleihungen fremdsprachiger Medien", "Zahl der Sprachcafé-Termine"),
        ),
        measure(
            "5.07", "Förderprogramm interkulturelle Kulturprojekte",
            goal="Kulturelle Vielfalt wird in den Kultureinrichtungen sichtbar", lead=KULTUR, status=DONE,
            desc="Jährliche Ausschreibung für Projekte von Künstlerinnen, Künstlern und Vereinen mit "
            "Migrationsgeschichte.",
            partners=(AMR,), groups=(MSO,), start="2011-06", end="2013-12", cost=25000,
            funding="Kulturförderung der Stadt",
            indicators=("Zahl der geförderten Projekte",),
        ),
        measure(
            "5.08", "Musik- und Singschule: Instrumentenpatenschaften",
            goal="Kultureinrichtungen öffnen sich für neue Publikumsgruppen", lead=KULTUR, status=DONE,
            desc="Leihinstrumente und ermäßigte Gebühren für Kinder aus Familien mit geringem Einkommen.",
            groups=(SCHUELER,), start="2011-09", end="2013-07", cost=8000, funding="Spenden, städtischer Haushalt",
            indicators=("Zahl der vergebenen Patenschaften",),
        ),
        measure(
            "5.09", "Heidelberg-Pass für Kultur und Sport bekannt machen",
            goal="Kultureinrichtungen öffnen sich für neue Publikumsgruppen", lead=SOZIALES, status=DONE,
            desc="Mehrsprachige Information über Ermäßigungen mit dem Heidelberg-Pass bei Kultur- und "
            "Sportangeboten.",
            partners=(KULTUR, SPORT), groups=(ZUGEWANDERTE,), start="2012-01", end="2012-12", cost=3000,
            funding="städtischer Haushalt",
            indicators=("Zahl der ausgegebenen Pässe",),
        ),
        measure(
            "5.10", "Fußballturnier der Kulturen",
            goal="Mehr Kinder und Jugendliche mit Migrationsgeschichte sind in Sportvereinen aktiv",
            lead=SPORTKREIS, status=DONE,
            desc="Jährliches Turnier gemischter Mannschaften von Vereinen, Schulen und "
            "Migrantenselbstorganisationen.",
            partners=(AMR, AFRIKA), groups=(JUGENDLICHE,), start="2011-07", end="2013-07", cost=2500,
            funding="Sponsoring",
            indicators=("Zahl der Mannschaften",),
        ),
        measure(
            "5.11", "Interkulturelle Freizeitliga für Erwachsene",
            goal="Mehr Kinder und Jugendliche mit Migrationsgeschichte sind in Sportvereinen aktiv",
            lead=SPORTKREIS, status=DROPPED,
            desc="Eine eigene Liga wurde geprüft; die Vereine sehen mehr Nutzen im Öffnen bestehender "
            "Mannschaften, daher wird die Maßnahme nicht weiter verfolgt.",
            groups=(ALLE,), start="2012-01", end="2012-09",
        ),
    ),
)

HEIDELBERG = MunicipalitySpec(
    slug="heidelberg",
    name="Heidelberg",
    ags="08221000",
    languages=("de", "en", "tr", "ar", "ru", "uk"),
    org_units=(
        UnitSpec("Dezernat des Oberbürgermeisters", "dezernat", "Dez. I", children=(
            UnitSpec(PERSONAL, "amt", "11"),
            UnitSpec(STADTENTW, "amt", "12"),
            UnitSpec(WIRTSCHAFT, "amt", "80"),
        )),
        UnitSpec("Dezernat für Familie, Soziales und Kultur", "dezernat", "Dez. III", children=(
            UnitSpec(SCHULE, "amt", "40"),
            UnitSpec(KULTUR, "amt", "41", children=(UnitSpec(BUECHEREI, "abteilung"),)),
            UnitSpec(SOZIALES, "amt", "50"),
            UnitSpec(JUGEND, "amt", "51"),
            UnitSpec(SPORT, "amt", "52"),
        )),
        UnitSpec(DEZ_IV, "dezernat", "Dez. IV", children=(
            UnitSpec(AFC, "amt", "AfC", children=(
                UnitSpec("Koordinierungsstelle Integration", "abteilung"),
                UnitSpec("Antidiskriminierungsstelle", "abteilung"),
            )),
            UnitSpec(BUERGERAMT, "amt", "33", children=(
                UnitSpec("Stabsstelle für Migration", "stabsstelle"),
                UnitSpec("Sachgebiet Migration und Bürgerschaftliches Engagement", "abteilung"),
            )),
        )),
    ),
    organisations=(
        OrganisationSpec(AMR, "other"),
        OrganisationSpec(EWZ, "association"),
        OrganisationSpec(PARI, "welfare"),
        OrganisationSpec(FWB, "association"),
        OrganisationSpec(VHS, "education"),
        OrganisationSpec(JOBCENTER, "authority"),
        OrganisationSpec(AGENTUR, "authority"),
        OrganisationSpec(IHK, "other"),
        OrganisationSpec(HWK, "other"),
        OrganisationSpec(CARITAS, "welfare"),
        OrganisationSpec(DIAKONIE, "welfare"),
        OrganisationSpec(SPORTKREIS, "association"),
        OrganisationSpec(GGH, "company"),
        OrganisationSpec(ELTERNVEREIN, "mso"),
        OrganisationSpec(AFRIKA, "mso"),
        OrganisationSpec(FRAUEN, "mso"),
        OrganisationSpec(ARAB, "mso"),
    ),
    status_scheme=(
        StatusSpec(OPEN, "planned", "#6b7280"),
        StatusSpec(WIP, "in_progress", "#1d4ed8"),
        StatusSpec(DONE, "completed", "#15803d"),
        StatusSpec(ROUTINE, "routine", "#0f766e"),
        StatusSpec(DROPPED, "discontinued", "#b91c1c"),
    ),
    plan_title="Kommunaler Integrationsplan",
    plan_description="Demodaten: Die Struktur folgt dem Kommunalen Integrationsplan (KIP) der Stadt "
    "Heidelberg, erarbeitet 2008 bis 2009 in fünf Arbeitsgruppen und am 10. Februar 2011 vom Gemeinderat "
    "einstimmig verabschiedet. Die Maßnahmen sind erfunden und dienen nur der Vorführung.",
    goal_levels=("Leitziel", "Teilziel", "Handlungsziel"),
    edition=EditionSpec(
        name="KIP 2011", adopted_on=month("2011-02-10"), council_reference="Drucksache 0012/2011/BV (Demo)",
    ),
    follow_up_edition="Fortschreibung 2015 – Offen für Vielfalt und Chancengleichheit",
    fields=(BILDUNG, ARBEIT, FAMILIE, WOHNEN, SPORT_KULTUR),
    rounds=ROUNDS,
    monitoring=MONITORING,
    users=(
        UserSpec(Role.KOORDINATION, "Katrin", "Koordinatorin", org_units=("Koordinierungsstelle Integration",)),
        UserSpec(Role.FACHSTELLE, "Fatma", "Fachstelle", org_units=(AFC,)),
        UserSpec(Role.FACHSTELLE, "Volker", "Volkshochschule", organisations=(VHS,), username="vhs.heidelberg"),
        UserSpec(Role.LESEND, "Lea", "Lesend"),
        UserSpec(Role.STATISTIK, "Sven", "Statistikstelle"),
        UserSpec(Role.ORGANISATION, "Amal", "Familienverein", organisations=(ARAB,)),
        UserSpec(Role.MODERATION, "Moritz", "Moderation"),
        UserSpec(Role.GREMIUM, "Gül", "Gremium"),
    ),
)
