"""Demo profiles of organisations in Heidelberg (invented, clearly demo)."""

from teilhabe.demo.content.heidelberg import AFRIKA, ARAB, CARITAS, DIAKONIE, ELTERNVEREIN, EWZ, FRAUEN, PARI
from teilhabe.demo.directory import ProfileSpec

PROFILES = (
    ProfileSpec(
        ARAB, "Demodaten: Beratung, Hausaufgabenhilfe und Familienfeste – auf Arabisch und Deutsch.",
        "<h2>Was wir anbieten</h2><ul><li>Beratung für Familien</li><li>Hausaufgabenhilfe</li>"
        "<li>Familienfeste</li></ul><p>أهلاً وسهلاً – herzlich willkommen!</p>",
        languages=("de", "ar"), fields=("family", "counselling", "education"),
        target_groups=("Eltern mit Migrationsgeschichte", "Kinder im Vorschulalter"), district="Bergheim",
        address="Musterstraße 1, 69115 Heidelberg (Demo)", opening_hours="Di und Do 16–19 Uhr",
        contact_person="Amal Familienverein", contact_email="kontakt@familienverein.demo.invalid",
        contact_phone="06221 000000", contact_consent=True,
        pending={"opening_hours": "Di, Do und Sa 16–19 Uhr", "district": "Bergheim",
                 "short_description": "Demodaten: Beratung, Hausaufgabenhilfe, Familienfeste und neu: ein "
                                      "Elterncafé – auf Arabisch und Deutsch."}),
    ProfileSpec(
        AFRIKA, "Demodaten: Kultur, Musik und Austausch afrikanischer Communities in Heidelberg.",
        "<p>Konzerte, Lesungen und ein jährliches Afrika-Fest.</p>", languages=("de", "en", "fr"),
        fields=("culture", "volunteering"), district="Altstadt", trusted=True,
        links=(("Programm des Kulturforums (Demo)", "https://kulturforum.demo.invalid/programm"),)),
    ProfileSpec(
        FRAUEN, "Demodaten: Ein offener Treff für Frauen aus aller Welt – mit Sprachcafé und Kinderbetreuung.",
        "<h2>Jeden Mittwoch</h2><p>Sprachcafé mit Kinderbetreuung.</p>", languages=("de", "tr", "fa", "uk"),
        fields=("women", "language"), target_groups=("Frauen mit Migrationsgeschichte",), district="Emmertsgrund",
        opening_hours="Mi 9.30–12 Uhr", trusted=True),
    ProfileSpec(
        ELTERNVEREIN, "Demodaten: Eltern mit Migrationsgeschichte begleiten Eltern – in der Kita, Schule und "
                      "Ausbildung.", languages=("de", "tr", "ru"), fields=("family", "education"),
        target_groups=("Eltern mit Migrationsgeschichte",), district="Rohrbach"),
    ProfileSpec(EWZ, "Demodaten: Bildungsarbeit zu Einer Welt, fairem Handel und Globalem Lernen.",
                languages=("de", "en", "es"), fields=("education", "culture"), district="Weststadt", trusted=True),
    ProfileSpec(CARITAS, "Demodaten: Migrationsberatung für Erwachsene, Flüchtlingsberatung und Sozialberatung.",
                languages=("de", "en", "ar", "fa"), fields=("counselling", "refugees"),
                target_groups=("Neu Zugewanderte", "Geflüchtete"), district="Altstadt", trusted=True,
                contact_email="migration@caritas.demo.invalid", contact_consent=True),
    ProfileSpec(DIAKONIE, "Demodaten: Jugendmigrationsdienst und Schuldnerberatung.",
                languages=("de", "en", "uk", "ru"), fields=("counselling", "youth"), district="Bergheim",
                trusted=True),
    ProfileSpec(PARI, "Demodaten: Dachverband für Vereine der sozialen Arbeit, auch für Migrantenorganisationen.",
                languages=("de",), fields=("volunteering", "counselling"), district="Weststadt", trusted=True),
)
