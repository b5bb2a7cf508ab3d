"""Demo profiles of organisations in Waiblingen (invented, clearly demo)."""

from teilhabe.demo.content.waiblingen import AK_ASYL, DRK, FRAUENTREFF, ITALIENISCH, SYRISCH
from teilhabe.demo.directory import ProfileSpec

PROFILES = (
    ProfileSpec(
        FRAUENTREFF, "Demodaten: Frauen treffen sich, lernen Deutsch und beraten einander – Kinder sind willkommen.",
        "<h2>Unser Treff</h2><ul><li>Sprachcafé</li><li>Nähwerkstatt</li><li>Beratung</li></ul>",
        languages=("de", "ar", "tr", "fa"), fields=("women", "language", "counselling"),
        target_groups=("Geflüchtete Familien",), district="Kernstadt", opening_hours="Mo und Mi 9–12 Uhr",
        contact_person="Wafa Frauentreff", contact_email="treff@frauentreff.demo.invalid", contact_consent=False,
        pending={"contact_consent": True, "opening_hours": "Mo und Mi 9–12 Uhr, Fr 15–17 Uhr"}),
    ProfileSpec(SYRISCH, "Demodaten: Kultur, Sprache und Nachbarschaft – syrische und deutsche Familien gemeinsam.",
                "<p>مرحباً – Willkommen zu Kochabenden und Hausaufgabenhilfe.</p>", languages=("de", "ar", "ku"),
                fields=("culture", "family"), district="Waiblingen-Süd", trusted=True),
    ProfileSpec(ITALIENISCH, "Demodaten: Italienische Kultur in Waiblingen seit Jahrzehnten – Feste, Boccia, "
                             "Sprachkurse.", languages=("de", "it"), fields=("culture", "seniors", "sport"),
                target_groups=("Seniorinnen und Senioren",), district="Kernstadt", trusted=True),
    ProfileSpec(AK_ASYL, "Demodaten: Ehrenamtliche Begleitung für Geflüchtete.", languages=("de", "en", "ar"),
                fields=("refugees", "volunteering"), target_groups=("Geflüchtete",), district="Kernstadt",
                trusted=True),
    ProfileSpec(DRK, "Demodaten: Erste-Hilfe-Kurse in einfacher Sprache und Ehrenamt im Rettungsdienst.",
                languages=("de",), fields=("health", "volunteering"), district="Hegnach", trusted=True),
)
