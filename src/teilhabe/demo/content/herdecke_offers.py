"""Demo offers of Herdecke (clearly demo: every description says so) and an inventory round."""

from teilhabe.demo.offers import InventorySpec, OfferContent, OfferSpec

KULTUR = "Internationaler Kulturverein Herdecke"
FLUCHT = "Flüchtlingshilfe Herdecke"
BUERGER = "Bürgerstiftung Herdecke"
DIAKONIE = "Diakonie Mark-Ruhr"
TUS = "Turn- und Sportverein Herdecke"
SOZIALES = "Fachbereich Soziales, Jugend und Integration"

CONTENT = OfferContent(
    fields={
        "Sprache": "Sprache und Bildung", "Bildung": "Sprache und Bildung", "Kinder und Familie": "Sprache und Bildung",
        "Arbeit": "Ausbildung und Arbeit", "Beratung": "Teilhabe und Engagement", "Begegnung": "Wohnen und Quartier",
        "Sport": "Teilhabe und Engagement", "Kultur": "Teilhabe und Engagement", "Frauen": "Teilhabe und Engagement",
    },
    offers=(
        OfferSpec("Sprachkurs der Bürgerstiftung", "Deutschkurs", BUERGER,
                  "<p>Deutschkurs für Geflüchtete in kleinen Gruppen.</p>", ("de", "ar", "fa"), "Herdecke-Mitte",
                  "Bürgerstiftung, Hauptstraße", "montags und mittwochs 10–12 Uhr",
                  measures=("Sprachkurse für Geflüchtete der Bürgerstiftung",), target_groups=("Geflüchtete",),
                  contact="buergerstiftung"),
        OfferSpec("Quartierstreff Westende", "Treffpunkt", SOZIALES,
                  "<p>Offener Treff im Stadtteil mit Beratungssprechstunde der Stadt.</p>", ("de", "ar", "ti"),
                  "Westende", "Quartierstreff Westende", "dienstags und donnerstags 14–18 Uhr",
                  measures=("Quartierstreff im Stadtteil Westende",), step_free=True, contact="integration"),
        OfferSpec("Begleitung zu Ämtern", "Sozialberatung", FLUCHT,
                  "<p>Ehrenamtliche begleiten zu Terminen bei Behörden und Ärzten.</p>", ("de", "fa", "ar", "ti"),
                  "Herdecke-Mitte", "Büro der Flüchtlingshilfe", "nach Absprache", target_groups=("Geflüchtete",),
                  registration="telefonisch oder per E-Mail", contact="fluechtlingshilfe"),
        OfferSpec("Kinder in die Vereine: Schnuppertraining", "Sportgruppe", TUS,
                  "<p>Kinder probieren Turnen, Handball und Leichtathletik aus.</p>", ("de", "ar"), "Kirchende",
                  "Sporthalle Kirchende", "freitags 15–16:30 Uhr", measures=("Kinder in die Vereine",),
                  target_groups=("Kinder",), contact="tus"),
        OfferSpec("Internationaler Frauenabend", "Frauencafé", KULTUR,
                  "<p>Kochen, erzählen, Feste feiern – ein Abend für Frauen aus allen Ländern.</p>",
                  ("de", "fa", "ti", "ar"), "Ende", "Kulturverein, Ende", "jeden letzten Freitag 18 Uhr",
                  target_groups=("Frauen",), contact="kulturverein"),
        OfferSpec("Migrationsberatung online", "Migrationsberatung", DIAKONIE,
                  "<p>Beratung per Video oder Telefon, auch am Abend.</p>", ("de", "fa", "en"), online=True,
                  schedule="mittwochs 16–19 Uhr", registration="Termin vereinbaren", contact="diakonie"),
    ),
    inventory=InventorySpec(
        "Bestandsaufnahme Integrationsangebote Herdecke (Demo)",
        "Für die nächste Integrationskonferenz: Bitte bestätigen Sie Ihre Angebote."),
)
