"""Demo offers of Heidelberg (clearly demo: every description says so) and an inventory round."""

from teilhabe.demo.offers import InventorySpec, OfferContent, OfferSpec

ARAB = "Arabisch-Deutscher Familienverein"
FRAUEN = "Internationaler Frauentreff Heidelberg"
AFRIKA = "Afrikanisches Kulturforum Heidelberg"
ELTERN = "Interkultureller Elternverein Heidelberg"
VHS = "Volkshochschule Heidelberg (VHS)"
CARITAS = "Caritasverband Heidelberg"
DIAKONIE = "Diakonisches Werk Heidelberg"
SPORT = "Sportkreis Heidelberg"
PARI = "Der Paritätische Wohlfahrtsverband, Kreisverband Heidelberg"

CONTENT = OfferContent(
    fields={
        "Sprache": "AG 1: Bildung und Sprachförderung", "Bildung": "AG 1: Bildung und Sprachförderung",
        "Arbeit": "AG 2: Ausbildung und Arbeitsmarkt", "Beratung": "AG 3: Familie, Gesundheit und Versorgungssysteme",
        "Gesundheit": "AG 3: Familie, Gesundheit und Versorgungssysteme",
        "Kinder und Familie": "AG 3: Familie, Gesundheit und Versorgungssysteme",
        "Begegnung": "AG 4: Wohnumfeld und Bürgerschaftliches Engagement",
        "Frauen": "AG 4: Wohnumfeld und Bürgerschaftliches Engagement",
        "Sport": "AG 5: Sport und Kultur", "Kultur": "AG 5: Sport und Kultur",
    },
    offers=(
        OfferSpec("Mama lernt Deutsch in Bergheim", "Deutschkurs", VHS,
                  "<p>Deutschkurs für Mütter an der Grundschule, während die Kinder im Unterricht sind.</p>",
                  ("de", "ar", "tr"), "Bergheim", "Grundschule Bergheim", "dienstags und donnerstags 8:30–10:30 Uhr",
                  target_groups=("Mütter",), measures=("Mama lernt Deutsch – Sprachkurse für Mütter an Grundschulen",),
                  childcare=True, step_free=True, registration="im Sekretariat der Schule", contact="vhs"),
        OfferSpec("Integrationskurs mit Kinderbetreuung", "Integrationskurs", VHS,
                  "<p>Allgemeiner Integrationskurs (B1) mit Kinderbetreuung im Haus.</p>",
                  ("de",), "Altstadt", "VHS, Bergheimer Straße", "montags bis freitags 9–12:15 Uhr", free=False,
                  cost="Kostenbeitrag nach BAMF-Regeln, Befreiung möglich", childcare=True, step_free=True,
                  target_groups=("Neuzugewanderte",), measures=("Integrationskurse mit Kinderbetreuung",),
                  registration="Beratung und Einstufung in der VHS", contact="vhs"),
        OfferSpec("Sprachcafé im Emmertsgrund", "Sprachcafé", ARAB,
                  "<p>Deutsch sprechen üben bei Tee und Gebäck. Alle Niveaus sind willkommen.</p>",
                  ("de", "ar"), "Emmertsgrund", "Bürgerhaus Emmertsgrund", "mittwochs 17–19 Uhr",
                  target_groups=("Neuzugewanderte",), contact="familienverein"),
        OfferSpec("Arabische Hausaufgabenhilfe", "Hausaufgabenhilfe", ARAB,
                  "<p>Ehrenamtliche helfen Grundschulkindern bei den Hausaufgaben – auf Deutsch und Arabisch.</p>",
                  ("de", "ar"), "Emmertsgrund", "Bürgerhaus Emmertsgrund", "montags 15–17 Uhr",
                  target_groups=("Kinder", "Eltern"), measures=("Hausaufgabenhilfe und Lernpatenschaften",),
                  contact="familienverein"),
        OfferSpec("Frauencafé international", "Frauencafé", FRAUEN,
                  "<p>Ein offener Treff für Frauen aus aller Welt: reden, Rat finden, Pläne machen.</p>",
                  ("de", "ar", "ru", "uk", "tr"), "Weststadt", "Frauentreff, Weststadt", "freitags 10–12 Uhr",
                  target_groups=("Frauen",), childcare=True, step_free=True, contact="frauentreff"),
        OfferSpec("Bewerbungstraining für Frauen", "Bewerbung", FRAUEN,
                  "<h2>Inhalt</h2><ul><li>Lebenslauf</li><li>Anschreiben</li><li>Vorstellungsgespräch üben</li></ul>",
                  ("de", "ru", "uk"), "Weststadt", "Frauentreff, Weststadt", "vier Termine im Quartal",
                  target_groups=("Frauen",), measures=("Bewerbungstraining für Frauen mit Migrationsgeschichte",),
                  registration="per E-Mail", contact="frauentreff"),
        OfferSpec("Migrationsberatung für Erwachsene", "Migrationsberatung", CARITAS,
                  "<p>Beratung zu Aufenthalt, Sprache, Arbeit und Familie – vertraulich und kostenlos.</p>",
                  ("de", "ar", "en"), "Bergheim", "Caritas-Haus", "Sprechstunde dienstags 9–12 Uhr",
                  target_groups=("Neuzugewanderte",), step_free=True, contact="caritas"),
        OfferSpec("Psychosoziale Beratung für Geflüchtete", "Psychosoziale Hilfe", DIAKONIE,
                  "<p>Gespräche für Menschen, die Schweres erlebt haben. Mit Dolmetscherinnen und Dolmetschern.</p>",
                  ("de", "ar", "fa", "en"), "Altstadt", "Diakonisches Werk",
                  "nach Vereinbarung", target_groups=("Geflüchtete",),
                  measures=("Psychosoziale Beratung für traumatisierte Zugewanderte",),
                  registration="telefonisch", contact="diakonie"),
        OfferSpec("Fußball für alle", "Sportgruppe", SPORT,
                  "<p>Offenes Fußballtraining für Jugendliche, ohne Vereinsmitgliedschaft.</p>",
                  ("de", "en", "ar"), "Pfaffengrund", "Sportplatz Pfaffengrund", "samstags 10–12 Uhr",
                  target_groups=("Jugendliche",), contact="sportkreis"),
        OfferSpec("Schwimmkurs für Frauen", "Schwimmen", SPORT,
                  "<p>Schwimmen lernen in einer geschlossenen Frauengruppe mit Trainerin.</p>",
                  ("de", "tr", "ar"), "Kirchheim", "Hallenbad Kirchheim", "sonntags 8–9 Uhr", free=False,
                  cost="20 € für 10 Termine", target_groups=("Frauen",), registration="erforderlich",
                  contact="sportkreis"),
        OfferSpec("Afrikanischer Trommelkreis", "Musik und Tanz", AFRIKA,
                  "<p>Trommeln und Tanzen für Groß und Klein.</p>", ("de", "en", "fr"), "Boxberg",
                  "Gemeinschaftshaus Boxberg", "jeden zweiten Samstag 15 Uhr", target_groups=("Familien",),
                  contact="kulturforum"),
        OfferSpec("Elterncafé mehrsprachig", "Eltern-Kind-Gruppe", ELTERN,
                  "<p>Eltern tauschen sich über Kita und Schule aus; Kinder spielen nebenan.</p>",
                  ("de", "tr", "ru"), "Rohrbach", "Familienzentrum Rohrbach", "jeden ersten Montag 16 Uhr",
                  target_groups=("Eltern",), childcare=True, contact="elternverein"),
        OfferSpec("Online-Beratung zur Anerkennung von Abschlüssen", "Anerkennung von Abschlüssen", PARI,
                  "<p>Videoberatung: Welche Stelle erkennt meinen Abschluss an?</p>", ("de", "en", "uk", "ru"),
                  online=True, schedule="donnerstags 14–17 Uhr", target_groups=("Neuzugewanderte",),
                  measures=("Anerkennungsberatung für ausländische Berufsabschlüsse",),
                  registration="Termin per E-Mail", contact="paritaet"),
    ),
    inventory=InventorySpec(
        "Bestandsaufnahme der Integrationsangebote 2026 (Demo)",
        "Bitte tragen Sie Ihre Angebote ein oder bestätigen Sie sie. Daraus entsteht die Übersicht für den "
        "Migrationsbeirat.", on_behalf=(VHS,)),
)
