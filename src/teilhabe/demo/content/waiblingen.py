"""Demo: Waiblingen's Integrationskonzept, Fortschreibung 2017/18, with its four Handlungsfelder and the
key projects named in the Sitzungsvorlage of 20 November 2017. Further measures are invented."""

from __future__ import annotations

from teilhabe.core.roles import Role
from teilhabe.demo.content.waiblingen_monitoring import MONITORING
from teilhabe.demo.content.waiblingen_rounds import ROUNDS
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

# Traffic lights, mapped to the normalised set.
GRAU = "grau – noch nicht begonnen"
GELB = "gelb – in Umsetzung"
ROT = "rot – gestoppt"
GRUEN = "grün – umgesetzt"
BLAU = "blau – verstetigt"

# Org units
DEZ = "Dezernat II – Bürgerengagement, Bildung und Soziales"
FB_BE = "Fachbereich Bürgerengagement"
KIF = "Kommunale Integrationsförderung"
ASYL = "Koordinationsstelle Netzwerk Asyl"
FB_BILDUNG = "Fachbereich Bildung und Erziehung"
FB_KULTUR = "Fachbereich Kultur und Sport"
FB_DIENSTE = "Fachbereich Zentrale Dienste"
PERSONAL = "Abteilung Personal und Ausbildung"
PRESSE = "Abteilung Presse und Öffentlichkeitsarbeit"
FB_BUERGER = "Fachbereich Bürgerdienste"
ABH = "Ausländerbehörde"
BUECHEREI = "Stadtbücherei Waiblingen"

# Organisations
FBS = "Familienbildungsstätte Waiblingen"
IFAS = "Institut für angewandte Sozialwissenschaft (IfaS)"
FEUERWEHR = "Freiwillige Feuerwehr Waiblingen"
DRK = "DRK-Ortsverein Waiblingen"
WKZ = "Waiblinger Kreiszeitung (WKZ)"
AK_ASYL = "Arbeitskreis Asyl Waiblingen"
JOBCENTER = "Jobcenter Rems-Murr"
AGENTUR = "Agentur für Arbeit Waiblingen"
VHS = "Volkshochschule Unteres Remstal"
BOCCIA = "Boccia-Freunde Waiblingen"
SENIORENRAT = "Stadtseniorenrat Waiblingen"
FRAUENTREFF = "Interkultureller Frauentreff Waiblingen"
SYRISCH = "Syrisch-Deutscher Kulturverein Rems-Murr"
ITALIENISCH = "Italienischer Kulturverein Waiblingen"

# Target groups
FAMILIEN = "Geflüchtete Familien"
KINDER = "Kinder unter drei Jahren und ihre Eltern"
GEFLUECHTETE = "Geflüchtete"
EHRENAMTLICHE = "Ehrenamtlich Engagierte"
ALLE = "Stadtgesellschaft"
SENIOREN = "Seniorinnen und Senioren"
NEU = "Neu Zugewanderte"
AZUBIS = "Auszubildende der Stadtverwaltung"
BESCHAEFTIGTE = "Beschäftigte der Stadtverwaltung"

SPRACHE = FieldSpec(
    title="1. Zugang zu Sprache und Bildung",
    description="Vorhandene Bildungs- und Sprachangebote vernetzen, anpassen und optimieren; Vertrauen "
    "aufbauen, Zugänge ermöglichen, Bedarfe sichtbar machen.",
    colour="#1d4ed8",
    goals=(
        GoalSpec("Alle Menschen in Waiblingen haben Zugang zu Sprache und Bildung", children=(
            GoalSpec("Geflüchtete Familien finden früh Zugang zu Bildungsangeboten"),
            GoalSpec("Sprachangebote sind bekannt und aufeinander abgestimmt"),
        )),
    ),
    measures=(
        measure(
            "1.1", "Starke Netzwerke Elternbegleiter für geflüchtete Familien",
            goal="Geflüchtete Familien finden früh Zugang zu Bildungsangeboten", lead=FBS, status=GELB, key=True,
            desc="Bundesprogramm: Elternbegleiterinnen und Elternbegleiter unterstützen geflüchtete Familien "
            "beim Zugang zu Kita, Schule und Bildungsangeboten und bauen Netzwerke mit Kooperationspartnern "
            "auf.",
            partners=(FB_BILDUNG,), groups=(FAMILIEN,), start="2018-01", end="2020-12", cost=45000,
            funding="Bundesprogramm „Elternchance II“ (Förderung), Eigenmittel der Familienbildungsstätte",
            indicators=("Zahl der begleiteten Familien", "Zahl der Kooperationspartner im Netzwerk"),
        ),
        measure(
            "1.2", "Kita-Einstieg: Brücken bauen in frühe Bildung",
            goal="Geflüchtete Familien finden früh Zugang zu Bildungsangeboten", lead=FB_BILDUNG,
            status=GELB, key=True,
            desc="Bundesprogramm: niedrigschwellige Angebote wie Eltern-Kind-Gruppen und Spielkreise "
            "bereiten Familien mit Fluchterfahrung auf die Kindertagesbetreuung vor.",
            partners=(FBS,), groups=(KINDER, FAMILIEN), start="2017-09", end="2020-12", cost=150000,
            funding="Bundesprogramm „Kita-Einstieg“ des BMFSFJ",
            indicators=("Zahl der Eltern-Kind-Gruppen", "Zahl der Kinder, die anschließend eine Kita besuchen"),
            gender="Angebote am Vormittag mit Kinderbetreuung erreichen besonders Mütter.",
        ),
        measure(
            "1.3", "Übersicht der Sprachkurse in Waiblingen",
            goal="Sprachangebote sind bekannt und aufeinander abgestimmt", lead=KIF, status=GRUEN,
            desc="Gemeinsame, laufend aktualisierte Übersicht aller Deutsch- und Integrationskurse, "
            "mehrsprachig und in einfacher Sprache.",
            partners=(VHS, AK_ASYL), groups=(NEU, GEFLUECHTETE), start="2018-02", end="2018-06", cost=1500,
            funding="Mittel für die Fortschreibung des Integrationskonzepts",
            indicators=("Zahl der erfassten Kursanbieter",),
        ),
        measure(
            "1.4", "Sprachcafé in der Stadtbücherei",
            goal="Sprachangebote sind bekannt und aufeinander abgestimmt", lead=BUECHEREI, status=BLAU,
            desc="Wöchentlicher offener Treff zum Deutschsprechen mit Ehrenamtlichen.",
            partners=(AK_ASYL,), groups=(NEU,), start="2016-10",
            indicators=("Zahl der Termine pro Jahr", "durchschnittliche Zahl der Teilnehmenden"),
        ),
    ),
)

KULTUR = FieldSpec(
    title="2. Zugang zu Kultur und Vereinen / Zugang zu Kultur und Vereinen im Bereich Sport",
    description="Begegnung über Kulturen und Generationen hinweg; Vereine und Kultureinrichtungen öffnen sich.",
    colour="#6d28d9",
    goals=(
        GoalSpec("Kultur und Vereine sind Orte der Begegnung für alle", children=(
            GoalSpec("Kulturelle Vielfalt wird sichtbar"),
            GoalSpec("Sportangebote verbinden Kulturen und Generationen"),
        )),
    ),
    measures=(
        measure(
            "2.1", "Veranstaltungsreihe, die jeweils ein Land in den Fokus stellt",
            goal="Kulturelle Vielfalt wird sichtbar", lead=FB_KULTUR, status=GRAU, key=True,
            desc="Initiierung einer Veranstaltungsreihe: Menschen aus einem Land gestalten mit Musik, "
            "Literatur, Küche und Gesprächen einen Abend über ihr Herkunftsland.",
            partners=(SYRISCH, ITALIENISCH, FRAUENTREFF, BUECHEREI), groups=(ALLE,), start="2018-09",
            cost=3000, funding="Kulturetat, Spenden",
            indicators=("Zahl der Veranstaltungen pro Jahr (Ziel: 3)", "Zahl der Besucherinnen und Besucher"),
        ),
        measure(
            "2.2", "Boccia-Bahn bei der Rundsporthalle",
            goal="Sportangebote verbinden Kulturen und Generationen", lead=FB_KULTUR, status=GELB, key=True,
            desc="Die neu sanierte Boccia-Bahn bietet Möglichkeiten für Austausch und gemeinsame Treffen "
            "über Kulturen und Generationen hinweg. Es wird geprüft, welche Angebote gestaltet werden "
            "können, z. B. im Rahmen von „Sport im Park“ oder der interkommunalen Gartenschau.",
            partners=(BOCCIA, SENIORENRAT, ITALIENISCH), groups=(ALLE, SENIOREN), start="2018-04",
            end="2019-10", cost=2000, funding="Sportförderung der Stadt",
            indicators=("Zahl der offenen Boccia-Termine",),
        ),
        measure(
            "2.3", "Vereinsbörse: Vereine stellen sich Neuzugewanderten vor",
            goal="Kulturelle Vielfalt wird sichtbar", lead=FB_BE, status=GRUEN,
            desc="Einmal im Jahr stellen Sport-, Musik- und Kulturvereine ihre Angebote in der "
            "Gemeinschaftsunterkunft und im Bürgerzentrum vor.",
            partners=(AK_ASYL,), groups=(GEFLUECHTETE, NEU), start="2018-03", end="2018-03", cost=800,
            funding="Mittel für die Fortschreibung des Integrationskonzepts",
            indicators=("Zahl der beteiligten Vereine",),
        ),
    ),
)

ENGAGEMENT = FieldSpec(
    title="3. Bürgerschaftliches Engagement / Bürgerschaftliches Engagement mit dem Schwerpunkt Flucht und Asyl",
    description="Menschen mit Migrationsgeschichte im Ehrenamt; Ehrenamtliche und Geflüchtete gut "
    "informiert und vernetzt.",
    colour="#b45309",
    goals=(
        GoalSpec("Menschen mit Migrationsgeschichte engagieren sich und werden in ihrem Engagement "
                 "unterstützt", children=(
            GoalSpec("Traditionelles Ehrenamt öffnet sich"),
            GoalSpec("Neu Zugewanderte finden Orientierung"),
            GoalSpec("Informationen fließen zwischen Ehrenamt, Geflüchteten und Verwaltung"),
        )),
    ),
    measures=(
        measure(
            "3.1", "Heranführung an traditionelles Ehrenamt (Feuerwehr, DRK)",
            goal="Traditionelles Ehrenamt öffnet sich", lead=FB_BE, status=GELB, key=True,
            desc="Es wird verstärkt nach Möglichkeiten gesucht, Menschen mit Migrationsgeschichte in "
            "traditionelle Engagements wie die Feuerwehr oder das DRK einzubinden: Schnuppertage, "
            "Tandems, mehrsprachige Werbung.",
            partners=(FEUERWEHR, DRK), groups=(NEU, GEFLUECHTETE), start="2018-03", cost=2500,
            funding="Mittel für die Fortschreibung des Integrationskonzepts",
            indicators=("Zahl der neuen Mitglieder mit Migrationsgeschichte in Feuerwehr und DRK",),
        ),
        measure(
            "3.2", "Integrationslotsen",
            goal="Neu Zugewanderte finden Orientierung", lead=KIF, status=GRAU, key=True,
            desc="Wiederaufnahme des Projekts: Menschen, die schon länger in Waiblingen leben, helfen neu "
            "Hinzugezogenen bei der ersten Orientierung und vermitteln Hilfe zur Selbsthilfe. Insbesondere "
            "Menschen mit Fluchterfahrung werden als Lotsinnen und Lotsen ausgebildet.",
            partners=(AK_ASYL, FRAUENTREFF), groups=(NEU, GEFLUECHTETE), start="2018-10", cost=4000,
            funding="Förderung nach der Verwaltungsvorschrift Integration des Landes (beantragt)",
            indicators=("Zahl der ausgebildeten Integrationslotsinnen und -lotsen",
                        "Zahl der begleiteten Personen"),
        ),
        measure(
            "3.3", "Offener Treff mit Informationsinput",
            goal="Informationen fließen zwischen Ehrenamt, Geflüchteten und Verwaltung", lead=ASYL,
            status=GELB, key=True,
            desc="Regelmäßiges Angebot für alle Interessierten (nicht nur für Geflüchtete) mit "
            "Informationsinput zu Arbeit, Schule und Beruf, Wohnen, Krankenkasse, Bildung und Erziehung.",
            partners=(AK_ASYL, KIF), groups=(GEFLUECHTETE, EHRENAMTLICHE, ALLE), start="2018-04",
            cost=1200, funding="städtischer Haushalt",
            indicators=("Zahl der Treffen pro Jahr", "durchschnittliche Zahl der Teilnehmenden"),
        ),
        measure(
            "3.4", "Infoveranstaltung Arbeit, Ausbildung, Praktikum",
            goal="Informationen fließen zwischen Ehrenamt, Geflüchteten und Verwaltung", lead=KIF,
            status=GRUEN, key=True,
            desc="Die Kommunale Integrationsförderung und die Koordinationsstelle Netzwerk Asyl "
            "organisieren zeitnah eine Informationsveranstaltung für alle Interessierten.",
            partners=(ASYL, JOBCENTER, AGENTUR), groups=(GEFLUECHTETE, EHRENAMTLICHE), start="2018-02",
            end="2018-02", cost=500, funding="städtischer Haushalt",
            indicators=("Zahl der Teilnehmenden",),
        ),
        measure(
            "3.5", "Treffen von Ehrenamtlichen und Geflüchteten mit der Ausländerbehörde",
            goal="Informationen fließen zwischen Ehrenamt, Geflüchteten und Verwaltung", lead=ABH,
            status=GRAU,
            desc="Sachbearbeiterinnen und Sachbearbeiter informieren über gesetzliche Sachverhalte; so soll "
            "Verständnis füreinander geweckt und die Zusammenarbeit positiver gestaltet werden.",
            partners=(ASYL, AK_ASYL), groups=(EHRENAMTLICHE, GEFLUECHTETE), start="2018-06",
            indicators=("Zahl der Treffen",),
        ),
        measure(
            "3.6", "Runder Tisch Vielfalt",
            goal="Informationen fließen zwischen Ehrenamt, Geflüchteten und Verwaltung", lead=FB_BE,
            status=GELB, key=True,
            desc="Steuerndes Instrument für alle Handlungsfelder: Runder Tisch mit konkretem Themeninput, "
            "unterstützt durch Referentinnen und Referenten; ein bis zwei Personen je Arbeitsgruppe sind "
            "Ansprechpersonen und Multiplikatoren.",
            partners=(KIF, AK_ASYL, FBS), groups=(ALLE, EHRENAMTLICHE), start="2018-05", cost=1500,
            funding="Mittel für die Fortschreibung des Integrationskonzepts (5.000 € im Haushalt 2018)",
            indicators=("Zahl der Sitzungen pro Jahr", "Zahl der vertretenen Arbeitsgruppen"),
        ),
        measure(
            "3.7", "Jährlicher Integrationsworkshop",
            goal="Informationen fließen zwischen Ehrenamt, Geflüchteten und Verwaltung", lead=FB_BE,
            status=BLAU, key=True,
            desc="Einmal jährlich ein Integrationsworkshop als Informations- und Vernetzungsplattform "
            "für alle Akteure, nach dem Vorbild der Auftaktveranstaltung der Fortschreibung.",
            partners=(KIF, IFAS), groups=(ALLE, EHRENAMTLICHE), start="2017-05", cost=2000,
            funding="Mittel für die Fortschreibung des Integrationskonzepts",
            indicators=("Zahl der Teilnehmenden", "Zahl der beteiligten Organisationen"),
        ),
    ),
)

VERWALTUNG = FieldSpec(
    title="4. Interkulturelle Öffnung der Verwaltung",
    description="Vielfalt in der Stadtverwaltung sichtbar machen, ohne einzelne Menschen mit "
    "Migrationsgeschichte gesondert in den Mittelpunkt zu stellen.",
    colour="#0f766e",
    goals=(
        GoalSpec("Die Stadtverwaltung ist interkulturell offen", children=(
            GoalSpec("Vielfalt der Beschäftigten wird sichtbar"),
            GoalSpec("Verwaltung und Ehrenamt verstehen einander"),
        )),
    ),
    measures=(
        measure(
            "4.1", "„Meine ersten 100 Tage bei der Stadtverwaltung“",
            goal="Vielfalt der Beschäftigten wird sichtbar", lead=PERSONAL, status=GRAU, key=True,
            desc="Berichterstattung in der WKZ über die neuen Auszubildenden; macht die Vielfalt bei der "
            "Stadtverwaltung sichtbar, ohne eine Person mit Migrationshintergrund gesondert in den "
            "Mittelpunkt zu stellen.",
            partners=(PRESSE, WKZ), groups=(AZUBIS, ALLE), start="2018-09", end="2018-12",
            indicators=("Zahl der erschienenen Beiträge",),
        ),
        measure(
            "4.2", "Infoveranstaltung für ehrenamtlich Engagierte und Beschäftigte der Verwaltung",
            goal="Verwaltung und Ehrenamt verstehen einander", lead=KIF, status=GRAU,
            desc="Gemeinsame Veranstaltung, in der Ehrenamtliche und Mitarbeitende der Stadtverwaltung "
            "Abläufe und Erwartungen voneinander kennenlernen.",
            partners=(ASYL, ABH), groups=(EHRENAMTLICHE, BESCHAEFTIGTE), start="2018-10", end="2018-10",
            indicators=("Zahl der Teilnehmenden aus Verwaltung und Ehrenamt",),
        ),
        measure(
            "4.3", "Interkulturelle Kompetenztrainings für Beschäftigte",
            goal="Verwaltung und Ehrenamt verstehen einander", lead=PERSONAL, status=BLAU,
            desc="Fortbildungsangebot für Beschäftigte mit Publikumsverkehr, fester Bestandteil des "
            "Fortbildungsprogramms.",
            partners=(KIF,), groups=(BESCHAEFTIGTE,), start="2015-01", cost=3000,
            funding="Fortbildungsbudget",
            indicators=("Zahl der geschulten Beschäftigten pro Jahr",),
        ),
        measure(
            "4.4", "Mehrsprachige Willkommensmappe",
            goal="Vielfalt der Beschäftigten wird sichtbar", lead=FB_BUERGER, status=ROT,
            desc="Eine gedruckte Willkommensmappe war geplant; sie wird zugunsten der Online-Übersicht "
            "der Angebote nicht weiterverfolgt.",
            partners=(KIF,), groups=(NEU,), start="2018-01", end="2018-06",
        ),
    ),
)

WAIBLINGEN = MunicipalitySpec(
    slug="waiblingen",
    name="Waiblingen",
    ags="08119079",
    languages=("de", "en", "tr", "ar", "it", "uk"),
    org_units=(
        UnitSpec("Dezernat I – Oberbürgermeister", "dezernat", "Dez. I", children=(
            UnitSpec(FB_DIENSTE, "amt", children=(UnitSpec(PERSONAL, "abteilung"), UnitSpec(PRESSE, "abteilung"))),
            UnitSpec(FB_BUERGER, "amt", children=(UnitSpec(ABH, "abteilung"),)),
        )),
        UnitSpec(DEZ, "dezernat", "Dez. II", children=(
            UnitSpec(FB_BE, "amt", children=(UnitSpec(KIF, "abteilung"), UnitSpec(ASYL, "stabsstelle"))),
            UnitSpec(FB_BILDUNG, "amt"),
            UnitSpec(FB_KULTUR, "amt", children=(UnitSpec(BUECHEREI, "abteilung"),)),
        )),
    ),
    organisations=(
        OrganisationSpec(FBS, "education"),
        OrganisationSpec(IFAS, "education"),
        OrganisationSpec(FEUERWEHR, "other"),
        OrganisationSpec(DRK, "welfare"),
        OrganisationSpec(WKZ, "company"),
        OrganisationSpec(AK_ASYL, "association"),
        OrganisationSpec(JOBCENTER, "authority"),
        OrganisationSpec(AGENTUR, "authority"),
        OrganisationSpec(VHS, "education"),
        OrganisationSpec(BOCCIA, "association"),
        OrganisationSpec(SENIORENRAT, "association"),
        OrganisationSpec(FRAUENTREFF, "mso"),
        OrganisationSpec(SYRISCH, "mso"),
        OrganisationSpec(ITALIENISCH, "mso"),
    ),
    status_scheme=(
        StatusSpec(GRAU, "planned", "#6b7280"),
        StatusSpec(GELB, "in_progress", "#a16207"),
        StatusSpec(GRUEN, "completed", "#15803d"),
        StatusSpec(BLAU, "routine", "#1d4ed8"),
        StatusSpec(ROT, "discontinued", "#b91c1c"),
    ),
    plan_title="Integrationskonzept",
    plan_description="Demodaten: Die Struktur folgt der Fortschreibung des Integrationskonzepts der Stadt "
    "Waiblingen (2017/18), erarbeitet mit wissenschaftlicher Begleitung durch das IfaS in moderierten "
    "Arbeitsgruppen. Die Schlüsselprojekte stammen aus der Sitzungsvorlage; Details sind erfunden.",
    goal_levels=("Leitlinie", "Ziel"),
    edition=EditionSpec(
        name="Fortschreibung 2017/18", adopted_on=month("2017-12-14"),
        council_reference="Sitzungsvorlage Fortschreibung des Integrationskonzeptes (Demo)",
    ),
    fields=(SPRACHE, KULTUR, ENGAGEMENT, VERWALTUNG),
    rounds=ROUNDS,
    monitoring=MONITORING,
    users=(
        UserSpec(Role.KOORDINATION, "Ute", "Koordinatorin", org_units=(KIF,)),
        UserSpec(Role.FACHSTELLE, "Bernd", "Bildung", org_units=(FB_BILDUNG,)),
        UserSpec(Role.LESEND, "Greta", "Gemeinderätin"),
        UserSpec(Role.STATISTIK, "Stefan", "Statistik"),
        UserSpec(Role.ORGANISATION, "Wafa", "Frauentreff", organisations=(FRAUENTREFF,)),
        UserSpec(Role.MODERATION, "Mira", "Moderation"),
        UserSpec(Role.GREMIUM, "Gül", "Gremium"),
    ),
)
