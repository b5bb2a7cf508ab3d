"""Demo offers of Waiblingen (clearly demo: every description says so) and an inventory round."""

from teilhabe.demo.offers import InventorySpec, OfferContent, OfferSpec

FRAUEN = "Interkultureller Frauentreff Waiblingen"
SYRIEN = "Syrisch-Deutscher Kulturverein Rems-Murr"
ITALIEN = "Italienischer Kulturverein Waiblingen"
VHS = "Volkshochschule Unteres Remstal"
ASYL = "Arbeitskreis Asyl Waiblingen"
BOCCIA = "Boccia-Freunde Waiblingen"
FBS = "Familienbildungsstätte Waiblingen"

CONTENT = OfferContent(
    fields={
        "Sprache": "1. Zugang zu Sprache und Bildung", "Bildung": "1. Zugang zu Sprache und Bildung",
        "Kinder und Familie": "1. Zugang zu Sprache und Bildung",
        "Sport": "2. Zugang zu Kultur und Vereinen / Zugang zu Kultur und Vereinen im Bereich Sport",
        "Kultur": "2. Zugang zu Kultur und Vereinen / Zugang zu Kultur und Vereinen im Bereich Sport",
        "Begegnung": "3. Bürgerschaftliches Engagement / Bürgerschaftliches Engagement mit dem Schwerpunkt "
                     "Flucht und Asyl",
        "Beratung": "3. Bürgerschaftliches Engagement / Bürgerschaftliches Engagement mit dem Schwerpunkt "
                    "Flucht und Asyl",
    },
    offers=(
        OfferSpec("Sprachcafé in der Stadtbücherei", "Sprachcafé", ASYL,
                  "<p>Deutsch sprechen mit Ehrenamtlichen – ohne Anmeldung.</p>", ("de", "ar", "uk"),
                  "Kernstadt", "Stadtbücherei Waiblingen", "donnerstags 16–18 Uhr",
                  measures=("Sprachcafé in der Stadtbücherei",), target_groups=("Geflüchtete",), step_free=True,
                  contact="ak-asyl"),
        OfferSpec("Deutsch für den Beruf (B2)", "Deutschkurs", VHS,
                  "<p>Berufsbezogener Deutschkurs mit Praxisbezug.</p>", ("de",), "Kernstadt", "VHS-Haus",
                  "abends, zweimal pro Woche", free=False, cost="gefördert; Eigenanteil möglich",
                  registration="Einstufungstest in der VHS", contact="vhs"),
        OfferSpec("Frauenfrühstück international", "Frauencafé", FRAUEN,
                  "<p>Gemeinsam frühstücken, Deutsch sprechen und Neues über Waiblingen erfahren.</p>",
                  ("de", "tr", "ar", "it"), "Waiblingen-Süd", "Stadtteiltreff Süd", "jeden zweiten Samstag 10 Uhr",
                  target_groups=("Frauen",), childcare=True, contact="frauentreff"),
        OfferSpec("Beratung für syrische Familien", "Sozialberatung", SYRIEN,
                  "<p>Hilfe bei Briefen, Anträgen und Terminen – auf Arabisch und Deutsch.</p>", ("ar", "de"),
                  "Neustadt", "Vereinsraum Neustadt", "sonntags 14–16 Uhr", target_groups=("Familien",),
                  contact="kulturverein-syrien"),
        OfferSpec("Boccia für alle", "Sportgruppe", BOCCIA,
                  "<p>Boccia an der Rundsporthalle – für Jung und Alt, Material wird gestellt.</p>", ("de", "it"),
                  "Kernstadt", "Boccia-Bahn bei der Rundsporthalle", "samstags ab 14 Uhr",
                  measures=("Boccia-Bahn bei der Rundsporthalle",), step_free=True, contact="boccia"),
        OfferSpec("Italienischer Chor", "Musik und Tanz", ITALIEN,
                  "<p>Wir singen italienische und deutsche Lieder. Neue Stimmen sind willkommen.</p>", ("it", "de"),
                  "Beinstein", "Gemeindehaus Beinstein", "dienstags 19:30 Uhr", contact="italia"),
        OfferSpec("Eltern-Kind-Gruppe „Brücken bauen“", "Eltern-Kind-Gruppe", FBS,
                  "<p>Spielgruppe für Kinder unter drei Jahren und ihre Eltern vor dem Kita-Start.</p>",
                  ("de", "ar", "uk"), "Hegnach", "Familienbildungsstätte, Außenstelle Hegnach",
                  "mittwochs 9:30–11 Uhr", measures=("Kita-Einstieg: Brücken bauen in frühe Bildung",),
                  target_groups=("Eltern", "Kinder"), contact="fbs"),
    ),
    inventory=InventorySpec(
        "Bestandsaufnahme Angebote für Neuzugewanderte 2026 (Demo)",
        "Viele Angebote gibt es schon – wir möchten, dass man sie kennt. Bitte bestätigen Sie Ihre Angebote."),
)
