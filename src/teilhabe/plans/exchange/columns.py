"""The columns of the exchange workbook: German headers (matched tolerantly), JSON keys and hints."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

MEASURE_SHEET = "Maßnahmen"
HINTS_SHEET = "Hinweise"
FIELDS_SHEET = "Handlungsfelder"
GOALS_SHEET = "Ziele"
ACTORS_SHEET = "Beteiligte"
PLAN_SHEET = "Plan"

LIST_SEPARATOR = ";"
PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class Column:
    key: str  # internal name, also the JSON key
    header: str  # German header in the workbook
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: Any = ""  # a lazy translation
    width: int = 20


MEASURE_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", aliases=("Maßnahmen-ID",), width=8,
           hint=_("Vom Export geschrieben: die Kennung der Maßnahme in Teilhabe. Eine Zeile mit ID ändert diese "
                  "Maßnahme, eine Zeile ohne ID legt eine neue an. Bitte nicht ändern.")),
    Column("reference", "Nr.", aliases=("Nummer", "Nr", "lfd. Nr."), width=8,
           hint=_("Optional: Ihre Nummer der Maßnahme, z. B. 1.2.3.")),
    Column("field", "Handlungsfeld", required=True, width=28,
           hint=_("Pflicht. Fehlende Handlungsfelder werden angelegt.")),
    Column("goals", "Ziel", aliases=("Ziele", "Zielpfad"), width=40,
           hint=_("Der Pfad im Zielbaum, Ebenen getrennt durch „ > “, z. B. „Bildung verbessern > Sprache "
                  "fördern“. Mehrere Ziele: je Pfad eine Zeile in der Zelle (Alt+Eingabe). Fehlende Ziele "
                  "werden angelegt; ein Zieltitel steht in einer Ausgabe nur an einer Stelle des Baums.")),
    Column("title", "Maßnahme", required=True, aliases=("Titel", "Maßnahmentitel"), width=40,
           hint=_("Pflicht. Der Titel der Maßnahme; je Handlungsfeld nur einmal.")),
    Column("description", "Beschreibung", width=50, hint=_("Reiner Text, kein HTML.")),
    Column("lead", "Federführung", aliases=("federführend", "Verantwortlich", "Zuständigkeit"), width=30,
           hint=_("Eine oder mehrere Verwaltungseinheiten oder Organisationen, getrennt durch „;“ oder "
                  "Zeilenumbruch; die erste ist Ansprechpartnerin (gemeinsame Federführung). Zusätze wie "
                  "„initiiert vom“, „gemeinsam mit“ oder eine Klammer am Ende werden abgetrennt und die ganze "
                  "Zelle als Anmerkung zur Zuständigkeit übernommen. Unbekannte Namen werden angelegt: als "
                  "Verwaltungseinheit, wenn der Name wie ein Amt beginnt (Amt, Fachbereich, Referat, Dezernat, "
                  "Stabsstelle, Abteilung, Sachgebiet …), sonst als Organisation.")),
    Column("responsibility_note", "Anmerkung zur Zuständigkeit", aliases=("Anmerkung Zuständigkeit",), width=30,
           hint=_("Optional: Anmerkung zur Zuständigkeit, z. B. „initiiert vom Bildungsbüro“.")),
    Column("partners", "Partner", aliases=("Kooperationspartner", "Partner*innen", "Beteiligte"), width=30,
           hint=_("Mehrere Namen getrennt durch „;“.")),
    Column("target_groups", "Zielgruppen", aliases=("Zielgruppe",), width=25,
           hint=_("Mehrere getrennt durch „;“. Fehlende Zielgruppen werden angelegt.")),
    Column("start", "Beginn", aliases=("Start", "von"), width=12,
           hint=_("Datum (TT.MM.JJJJ), Monat (MM/JJJJ) oder Jahr (JJJJ; dann 1. Januar).")),
    Column("end", "Ende", aliases=("bis", "Laufzeit bis"), width=12,
           hint=_("Datum (TT.MM.JJJJ), Monat (MM/JJJJ) oder Jahr (JJJJ; dann 31. Dezember). "
                  "Leer oder „laufend“: ohne Ende.")),
    Column("cost", "Kosten", aliases=("geschätzte Kosten", "Kosten (EUR)", "Kosten in Euro"), width=14,
           hint=_("Betrag in Euro, z. B. 12.500 oder 12.500,50 €. Nicht negativ.")),
    Column("funding", "Finanzierung", aliases=("Finanzierungsquelle", "Finanzierungsquellen"), width=30,
           hint=_("Finanzierungsquellen als Text.")),
    Column("key_project", "Schlüsselprojekt", aliases=("Leuchtturmprojekt",), width=10,
           hint=_("ja, nein, x (= ja) oder leer (= nein).")),
    Column("status", "Status", width=22,
           hint=_("Einer der Statuswerte Ihrer Kommune (Liste rechts). Leer: der voreingestellte Status.")),
    Column("indicators", "Indikatoren", aliases=("Erfolgsindikatoren", "Indikator"), width=30,
           hint=_("Erfolgsindikatoren, mehrere getrennt durch „;“.")),
    Column("gender_diversity", "Gender/Diversity", aliases=("Gender- und Diversity-Aspekte", "Gender"), width=30,
           hint=_("Optional: Gender- und Diversity-Aspekte.")),
    Column("links", "Links", aliases=("Link", "Weblinks"), width=30,
           hint=_("Optional: Adressen (https://…), mehrere getrennt durch „;“.")),
    Column("version", "Version", width=9,
           hint=_("Vom Export geschrieben: der Bearbeitungsstand der Maßnahme. Hat jemand die Maßnahme seit dem "
                  "Export geändert, zeigt die Vorschau einen Konflikt statt sie zu überschreiben. Bitte nicht "
                  "ändern.")),
)

FIELD_COLUMNS: tuple[Column, ...] = (
    Column("title", "Handlungsfeld", required=True, width=30),
    Column("description", "Beschreibung", width=60),
    Column("colour", "Farbe", width=10),
)

GOAL_COLUMNS: tuple[Column, ...] = (
    Column("field", "Handlungsfeld", required=True, width=30),
    Column("path", "Ziel", required=True, aliases=("Zielpfad",), width=60),
    Column("description", "Beschreibung", width=60),
)

ACTOR_COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", required=True, width=40),
    Column("area", "Bereich", width=14),
    Column("kind", "Art", width=24),
    Column("parent", "Übergeordnet", aliases=("übergeordnete Einheit",), width=40),
    Column("short_name", "Kürzel", width=10),
    Column("website", "Website", width=30),
)

# The sheet "Plan": one "Angabe | Wert" row each, so that an import knows the plan's name and levels.
PLAN_COLUMNS: tuple[Column, ...] = (
    Column("key", "Angabe", required=True, width=20),
    Column("value", "Wert", required=True, width=60),
)
PLAN_KEYS: tuple[tuple[str, str], ...] = (
    ("title", "Name des Plans"), ("description", "Beschreibung"), ("goal_level_names", "Zielebenen"),
    ("edition", "Ausgabe"),
)

AREA_ORG_UNIT = "Verwaltung"
AREA_ORGANISATION = "Organisation"


def normalise_header(text: object) -> str:
    """Case, spaces, punctuation and umlaut spelling do not matter: "Maßnahme" equals " massnahme "."""
    value = unicodedata.normalize("NFKC", str(text or "")).casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        value = value.replace(umlaut, plain)
    return re.sub(r"[^0-9a-z]", "", value)


def header_index(columns: tuple[Column, ...]) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            index.setdefault(normalise_header(name), column)
    return index
