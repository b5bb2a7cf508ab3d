"""Demo profiles of organisations in Herdecke (invented, clearly demo)."""

from teilhabe.demo.content.herdecke import DIAKONIE, FLUECHTLINGSHILFE, KULTURVEREIN, TUS
from teilhabe.demo.directory import ProfileSpec

PROFILES = (
    ProfileSpec(
        KULTURVEREIN, "Demodaten: Feste, Musik und Sprachkurse – ein Verein für alle Kulturen in Herdecke.",
        "<h2>Mitmachen</h2><p>Jeden Freitag Teestube, jeden Monat ein Fest.</p><p>Hoş geldiniz! Ласкаво просимо!</p>",
        languages=("de", "tr", "uk", "ar"), fields=("culture", "language"), target_groups=("Nachbarschaften",),
        district="Innenstadt", opening_hours="Fr 17–21 Uhr", contact_person="Kemal Kulturverein",
        contact_email="info@kulturverein.demo.invalid", contact_consent=True,
        pending={"description": "<h2>Mitmachen</h2><p>Jeden Freitag Teestube, jeden Monat ein Fest.</p>"
                                "<h2>Neu</h2><p>Ein Deutschkurs am Samstagvormittag.</p>",
                 "fields_of_activity": ["culture", "language", "education"]}),
    ProfileSpec(FLUECHTLINGSHILFE, "Demodaten: Ehrenamtliche begleiten Geflüchtete bei Behörden, Wohnungssuche und "
                                   "Sprache.", languages=("de", "en", "ar", "fa", "ti"),
                fields=("refugees", "volunteering"), target_groups=("Geflüchtete",), district="Kirchende",
                trusted=True),
    ProfileSpec(TUS, "Demodaten: Sport für alle – mit Schnuppertrainings für Neuzugewanderte.",
                languages=("de", "en"), fields=("sport", "youth"), district="Ende", trusted=True),
    ProfileSpec(DIAKONIE, "Demodaten: Migrationsberatung und offene Sozialberatung.", languages=("de", "ru", "uk"),
                fields=("counselling",), district="Innenstadt", trusted=True),
)
