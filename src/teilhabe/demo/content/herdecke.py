"""Demo: Herdecke's concept "Gesellschaftliche Integration in Herdecke – Wie leben wir 2030 zusammen",
developed from 2017 with the Ibis Institut: four fields from the expert workshops and a Zielbaum as the
core of its quality management. The goals and measures are invented but follow the document."""

from __future__ import annotations

from teilhabe.core.roles import Role
from teilhabe.demo.content.herdecke_monitoring import MONITORING
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
)

GEPLANT = "geplant"
BEGONNEN = "begonnen"
UMGESETZT = "umgesetzt"
VERSTETIGT = "verstetigt"
ZURUECK = "zurückgestellt"

# Org units
FB_SOZ = "Fachbereich Soziales, Jugend und Integration"
INTEGRATION = "Integrationsbüro"
FB_BILDUNG = "Fachbereich Bildung, Kultur und Sport"
FB_PLANEN = "Fachbereich Stadtentwicklung und Wohnen"
WIFOE = "Wirtschaftsförderung"
EHRENAMT = "Stabsstelle Bürgerbeteiligung und Ehrenamt"

# Organisations
IBIS = "Ibis Institut für interdisziplinäre Beratung und interkulturelle Seminare"
BUERGERSTIFTUNG = "Bürgerstiftung Herdecke"
DOERKEN = "Werner Richard - Dr. Carl Dörken Stiftung"
WOHNBAU = "Herdecker Wohnungsbaugenossenschaft"
WOHNGES = "Wohnungsgesellschaft Ruhrtal"
JOBCENTER = "Jobcenter EN"
AGENTUR = "Agentur für Arbeit Hagen"
VHS = "VHS Witten|Wetter|Herdecke"
KI_EN = "Kommunales Integrationszentrum Ennepe-Ruhr-Kreis"
FLUECHTLINGSHILFE = "Flüchtlingshilfe Herdecke"
DIAKONIE = "Diakonie Mark-Ruhr"
TUS = "Turn- und Sportverein Herdecke"
KULTURVEREIN = "Internationaler Kulturverein Herdecke"

# Target groups
GEFLUECHTETE = "Geflüchtete"
JUNGE = "Junge Geflüchtete"
ELTERN = "Eltern mit Migrationsgeschichte"
KINDER = "Kinder und Jugendliche"
NACHBARN = "Nachbarschaften"
EHRENAMTLICHE = "Ehrenamtlich Engagierte"
BETRIEBE = "Betriebe"
ALLE = "Stadtgesellschaft"
LAENGER = "Länger hier lebende Menschen mit Migrationsgeschichte"

ARBEIT = FieldSpec(
    title="Ausbildung und Arbeit",
    description="Zugewanderte finden Ausbildung und Arbeit; örtliche Betriebe und Kammern sind Partner.",
    colour="#0f766e",
    goals=(
        GoalSpec("Zugewanderte finden in Herdecke Ausbildung und Arbeit, die ihren Fähigkeiten entsprechen",
                 children=(
            GoalSpec("Übergänge in Ausbildung verbessern", children=(
                GoalSpec("Junge Geflüchtete erhalten eine individuelle Ausbildungsbegleitung"),
            )),
            GoalSpec("Örtliche Betriebe als Partner gewinnen", children=(
                GoalSpec("Praktikumsplätze für Zugewanderte vermitteln"),
            )),
        )),
    ),
    measures=(
        measure(
            "A1", "Flüchtlingscoach: Begleitung in Ausbildung und Arbeit",
            goal="Junge Geflüchtete erhalten eine individuelle Ausbildungsbegleitung", lead=INTEGRATION,
            status=BEGONNEN, key=True,
            desc="Ein hauptamtlicher Coach begleitet Geflüchtete von der Kompetenzfeststellung bis in "
            "Ausbildung oder Arbeit und hält Kontakt zu Betrieben.",
            partners=(DOERKEN, JOBCENTER), groups=(JUNGE, GEFLUECHTETE), start="2017-01", cost=55000,
            funding="Werner Richard - Dr. Carl Dörken Stiftung",
            indicators=("Zahl der begleiteten Personen", "Zahl der Übergänge in Ausbildung oder Arbeit"),
        ),
        measure(
            "A2", "Praktikumsbörse Herdecker Betriebe",
            goal="Praktikumsplätze für Zugewanderte vermitteln", lead=WIFOE, status=GEPLANT,
            desc="Betriebe melden Praktikumsplätze; Vermittlung und Begleitung durch Coach und Jobcenter.",
            partners=(JOBCENTER, AGENTUR), groups=(BETRIEBE, GEFLUECHTETE), start="2018-06", cost=3000,
            funding="städtischer Haushalt",
            indicators=("Zahl der gemeldeten Praktikumsplätze", "Zahl der vermittelten Praktika"),
        ),
        measure(
            "A3", "Berufsbezogene Sprachkurse",
            goal="Übergänge in Ausbildung verbessern", lead=VHS, status=BEGONNEN,
            desc="Deutschkurse mit Fachsprache für Pflege, Handwerk und Handel in Herdecke statt nur in "
            "Witten.",
            partners=(JOBCENTER,), groups=(GEFLUECHTETE, LAENGER), start="2018-02",
            funding="Bundesamt für Migration und Flüchtlinge (Berufssprachkurse)",
            indicators=("Zahl der Kurse in Herdecke",),
        ),
        measure(
            "A4", "Ausbildungsbotschafterinnen und -botschafter mit Migrationsgeschichte",
            goal="Übergänge in Ausbildung verbessern", lead=KI_EN, status=GEPLANT,
            desc="Auszubildende berichten in Schulen und Sprachkursen von ihrem Weg in die Ausbildung.",
            partners=(INTEGRATION,), groups=(JUNGE, KINDER), start="2018-09",
            indicators=("Zahl der Einsätze",),
        ),
    ),
)

SPRACHE = FieldSpec(
    title="Sprache und Bildung",
    description="Sprache als Schlüssel; Bildung von der Kita bis zur Erwachsenenbildung.",
    colour="#1d4ed8",
    goals=(
        GoalSpec("Alle Herdeckerinnen und Herdecker können sich verständigen und sich bilden", children=(
            GoalSpec("Sprachangebote sind wohnortnah und bekannt", children=(
                GoalSpec("Sprachkurse auch ohne Anspruch auf einen Integrationskurs anbieten"),
            )),
            GoalSpec("Kinder mit Migrationsgeschichte haben gute Bildungschancen", children=(
                GoalSpec("Eltern an Schulen und Kitas beteiligen"),
            )),
        )),
    ),
    measures=(
        measure(
            "S1", "Sprachkurse für Geflüchtete der Bürgerstiftung",
            goal="Sprachkurse auch ohne Anspruch auf einen Integrationskurs anbieten", lead=BUERGERSTIFTUNG,
            status=VERSTETIGT,
            desc="Kurse für Menschen, die (noch) keinen Anspruch auf einen Integrationskurs haben, geleitet "
            "von Ehrenamtlichen mit Lehrerfahrung.",
            partners=(FLUECHTLINGSHILFE,), groups=(GEFLUECHTETE,), start="2016-01", cost=12000,
            funding="Bürgerstiftung Herdecke",
            indicators=("Zahl der Kursplätze",),
        ),
        measure(
            "S2", "Sprachpatenschaften für Familien",
            goal="Sprachkurse auch ohne Anspruch auf einen Integrationskurs anbieten",
            lead=FLUECHTLINGSHILFE, status=BEGONNEN,
            desc="Ehrenamtliche üben mit Familien im Alltag Deutsch: beim Einkaufen, beim Arzt, in der Schule.",
            partners=(INTEGRATION,), groups=(GEFLUECHTETE, ELTERN), start="2017-06",
            indicators=("Zahl der Patenschaften",),
        ),
        measure(
            "S3", "Elterncafé an Grundschulen",
            goal="Eltern an Schulen und Kitas beteiligen", lead=FB_BILDUNG, status=GEPLANT, key=True,
            desc="Monatliches Elterncafé mit Sprachmittlung an zwei Grundschulen; Themen wählen die Eltern.",
            partners=(KI_EN, DIAKONIE), groups=(ELTERN,), start="2018-08", cost=2500,
            funding="Landesprogramm KOMM-AN NRW",
            indicators=("Zahl der teilnehmenden Eltern",),
            gender="Auch Väter werden gezielt eingeladen.",
        ),
        measure(
            "S4", "Gesundes Pausenfrühstück",
            goal="Kinder mit Migrationsgeschichte haben gute Bildungschancen", lead=BUERGERSTIFTUNG,
            status=VERSTETIGT,
            desc="Kostenloses, gesundes Frühstück an Grundschulen für alle Kinder.",
            groups=(KINDER,), start="2014-09", cost=8000, funding="Bürgerstiftung Herdecke, Spenden",
            indicators=("Zahl der versorgten Kinder pro Schultag",),
        ),
    ),
)

WOHNEN = FieldSpec(
    title="Wohnen und Quartier",
    description="Dezentrales Wohnen und gute Nachbarschaft in allen Stadtteilen.",
    colour="#7c2d12",
    goals=(
        GoalSpec("Zugewanderte wohnen dezentral und sind in ihren Nachbarschaften zu Hause", children=(
            GoalSpec("Wohnraum für Zugewanderte sichern", children=(
                GoalSpec("Mit Wohnungsbaugesellschaften kooperieren"),
            )),
            GoalSpec("Nachbarschaften stärken", children=(
                GoalSpec("Nachbarschaftsnetzwerke in den Quartieren aufbauen"),
            )),
        )),
    ),
    measures=(
        measure(
            "W1", "Dezentrale Unterbringung in Wohnungen fortführen",
            goal="Mit Wohnungsbaugesellschaften kooperieren", lead=FB_SOZ, status=VERSTETIGT,
            desc="Geflüchtete werden weiterhin in Wohnungen im ganzen Stadtgebiet statt in "
            "Sammelunterkünften untergebracht.",
            partners=(WOHNBAU, WOHNGES), groups=(GEFLUECHTETE,), start="2015-09",
            funding="städtischer Haushalt, Landeszuweisungen",
            indicators=("Anteil der Geflüchteten in Wohnungen",),
        ),
        measure(
            "W2", "Nachbarschaftsnetzwerk nach dem Vorbild „Nachbarn in Ende“",
            goal="Nachbarschaftsnetzwerke in den Quartieren aufbauen", lead=EHRENAMT, status=BEGONNEN,
            key=True,
            desc="Aufbau von Nachbarschaftsnetzwerken in zwei Quartieren, mit Treffpunkt, Tauschbörse und "
            "Nachbarschaftshilfe.",
            partners=(WOHNBAU, BUERGERSTIFTUNG), groups=(NACHBARN,), start="2018-03", cost=15000,
            funding="Bürgerstiftung Herdecke, Wohnungsbaugenossenschaft",
            indicators=("Zahl der aktiven Netzwerkmitglieder", "Zahl der Nachbarschaftstreffen"),
        ),
        measure(
            "W3", "Mehrsprachige Mieterinformationen und Wohnführerschein",
            goal="Mit Wohnungsbaugesellschaften kooperieren", lead=WOHNGES, status=GEPLANT,
            desc="Kurs zu Mietrecht, Nebenkosten und Hausordnung; Teilnahme erleichtert die Wohnungssuche.",
            partners=(INTEGRATION, DIAKONIE), groups=(GEFLUECHTETE,), start="2018-10", cost=2000,
            funding="Eigenmittel der Wohnungsgesellschaft",
            indicators=("Zahl der Absolventinnen und Absolventen",),
        ),
        measure(
            "W4", "Quartierstreff im Stadtteil Westende",
            goal="Nachbarschaftsnetzwerke in den Quartieren aufbauen", lead=FB_PLANEN, status=ZURUECK,
            desc="Ein eigener Treff wurde geprüft und zurückgestellt, bis geeignete Räume frei werden.",
            partners=(WOHNBAU,), groups=(NACHBARN,), start="2018-01",
        ),
    ),
)

TEILHABE = FieldSpec(
    title="Teilhabe und Engagement",
    description="Gleichberechtigte Teilnahme am öffentlichen, kulturellen und politischen Leben; "
    "Ehrenamt vernetzt und unterstützt.",
    colour="#6d28d9",
    goals=(
        GoalSpec("Alle gestalten das Zusammenleben in Herdecke gleichberechtigt mit", children=(
            GoalSpec("Engagement vernetzen und unterstützen", children=(
                GoalSpec("Ehrenamtliche begleiten und fortbilden"),
            )),
            GoalSpec("Freizeit, Kultur und Sport stehen allen offen", children=(
                GoalSpec("Kinder aus zugewanderten Familien in Vereine bringen"),
            )),
            GoalSpec("Das Konzept wird gemeinsam überprüft und weiterentwickelt"),
        )),
    ),
    measures=(
        measure(
            "T1", "Kinder in die Vereine",
            goal="Kinder aus zugewanderten Familien in Vereine bringen", lead=BUERGERSTIFTUNG,
            status=VERSTETIGT,
            desc="Die Bürgerstiftung übernimmt Mitgliedsbeiträge und Ausrüstung für Kinder aus Familien mit "
            "geringem Einkommen.",
            partners=(TUS,), groups=(KINDER,), start="2013-01", cost=10000, funding="Bürgerstiftung Herdecke",
            indicators=("Zahl der geförderten Kinder",),
        ),
        measure(
            "T2", "Fahrzeug für ehrenamtliche Helferinnen und Helfer",
            goal="Ehrenamtliche begleiten und fortbilden", lead=FLUECHTLINGSHILFE, status=UMGESETZT,
            desc="Ein Fahrzeug für Begleitungen zu Behörden, Ärzten und Möbelabholungen.",
            partners=(DOERKEN,), groups=(EHRENAMTLICHE,), start="2016-04", end="2016-06", cost=25000,
            funding="Werner Richard - Dr. Carl Dörken Stiftung",
            indicators=("Zahl der Fahrten pro Monat",),
        ),
        measure(
            "T3", "Ehrenamtskoordination und Fortbildung für Engagierte",
            goal="Ehrenamtliche begleiten und fortbilden", lead=EHRENAMT, status=BEGONNEN,
            desc="Feste Ansprechperson für Ehrenamtliche, Fortbildungen zu Asylrecht und Selbstfürsorge, "
            "Austauschtreffen.",
            partners=(FLUECHTLINGSHILFE, KI_EN), groups=(EHRENAMTLICHE,), start="2018-01", cost=6000,
            funding="städtischer Haushalt",
            indicators=("Zahl der Fortbildungen", "Zahl der aktiven Ehrenamtlichen"),
        ),
        measure(
            "T4", "Integrationskonferenz alle zwei Jahre mit externer Evaluation",
            goal="Das Konzept wird gemeinsam überprüft und weiterentwickelt", lead=INTEGRATION,
            status=GEPLANT, key=True,
            desc="Alle zwei Jahre betrachten alle Akteure der Integrationsarbeit und die Bürgerschaft den "
            "Zielbaum, eine externe Institution evaluiert die Zielerreichung.",
            partners=(IBIS,), groups=(ALLE,), start="2020-03", cost=8000, funding="städtischer Haushalt",
            indicators=("Anteil der erreichten Handlungsziele des Zielbaums",),
        ),
        measure(
            "T5", "Interkulturelles Stadtfest",
            goal="Freizeit, Kultur und Sport stehen allen offen", lead=FB_BILDUNG, status=GEPLANT,
            desc="Stadtfest, das Vereine, Religionsgemeinschaften und Nachbarschaften gemeinsam gestalten.",
            partners=(KULTURVEREIN, TUS), groups=(ALLE,), start="2018-09", end="2018-09", cost=5000,
            funding="städtischer Haushalt, Sponsoring",
            indicators=("Zahl der beteiligten Gruppen",),
        ),
    ),
)

HERDECKE = MunicipalitySpec(
    slug="herdecke",
    name="Herdecke",
    ags="05954016",
    languages=("de", "en", "ar", "fa", "ti"),
    org_units=(
        UnitSpec("Bürgermeisterin", "dezernat", children=(
            UnitSpec(EHRENAMT, "stabsstelle"),
            UnitSpec(WIFOE, "stabsstelle"),
        )),
        UnitSpec(FB_SOZ, "amt", "FB 3", children=(UnitSpec(INTEGRATION, "abteilung"),)),
        UnitSpec(FB_BILDUNG, "amt", "FB 4"),
        UnitSpec(FB_PLANEN, "amt", "FB 5"),
    ),
    organisations=(
        OrganisationSpec(IBIS, "education"),
        OrganisationSpec(BUERGERSTIFTUNG, "association"),
        OrganisationSpec(DOERKEN, "other"),
        OrganisationSpec(WOHNBAU, "company"),
        OrganisationSpec(WOHNGES, "company"),
        OrganisationSpec(JOBCENTER, "authority"),
        OrganisationSpec(AGENTUR, "authority"),
        OrganisationSpec(VHS, "education"),
        OrganisationSpec(KI_EN, "authority"),
        OrganisationSpec(FLUECHTLINGSHILFE, "association"),
        OrganisationSpec(DIAKONIE, "welfare"),
        OrganisationSpec(TUS, "association"),
        OrganisationSpec(KULTURVEREIN, "mso"),
    ),
    status_scheme=(
        StatusSpec(GEPLANT, "planned", "#6b7280"),
        StatusSpec(BEGONNEN, "in_progress", "#1d4ed8"),
        StatusSpec(UMGESETZT, "completed", "#15803d"),
        StatusSpec(VERSTETIGT, "routine", "#0f766e"),
        StatusSpec(ZURUECK, "discontinued", "#b91c1c"),
    ),
    plan_title="Gesellschaftliche Integration in Herdecke – Wie leben wir 2030 zusammen",
    plan_description="Demodaten: Die Struktur folgt dem kommunalen Integrationskonzept der Stadt Herdecke, "
    "das ab 2017 mit dem Ibis Institut, einer Steuerungsgruppe, einem Bürgerforum (World Café) und vier "
    "Expertenworkshops entstand. Ziele und Maßnahmen sind erfunden.",
    goal_levels=("Leitziel", "Mittlerziel", "Handlungsziel"),
    # The concept is still being worked out with the actors: its draft is open for their comments.
    edition=EditionSpec(name="Entwurf 2018", open_for_comment_to=(Role.FACHSTELLE, Role.LESEND)),
    fields=(ARBEIT, SPRACHE, WOHNEN, TEILHABE),
    monitoring=MONITORING,
    users=(
        UserSpec(Role.KOORDINATION, "Hanna", "Koordinatorin", org_units=(INTEGRATION,)),
        UserSpec(Role.FACHSTELLE, "Finn", "Fachbereich", org_units=(FB_BILDUNG,)),
        UserSpec(Role.LESEND, "Lutz", "Steuerungsgruppe"),
        UserSpec(Role.STATISTIK, "Sabine", "Statistik"),
        UserSpec(Role.ORGANISATION, "Kemal", "Kulturverein", organisations=(KULTURVEREIN,)),
        UserSpec(Role.MODERATION, "Malte", "Moderation"),
        UserSpec(Role.GREMIUM, "Gül", "Gremium"),
    ),
)
