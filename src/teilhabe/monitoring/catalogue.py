"""The starter catalogue: indicators a municipality can adopt, after the indicator set of the German Länder's
integration monitoring (Integrationsmonitoring der Länder, published by the Integrationsministerkonferenz,
IntMK; www.integrationsmonitoring-laender.de), brought down to what a municipality can get from its own
registers, the statistical offices, the Bundesagentur für Arbeit and the Kinder- und Jugendhilfestatistik.

A rate names the count entries it is computed from: adopting the rate adopts its counts (or reuses what the
municipality already adopted) and defines the rate on them, so its values are never typed in. The codes in
`code` are the Länder monitoring's own (A = Bevölkerung, B = rechtliche Integration, C = Kindertagesbetreuung,
D = Bildung, E = Arbeitsmarkt und Lebensunterhalt); where the municipal version differs in its base, the
method notes say so.

`adopt_catalogue` is idempotent: an entry that is already adopted (an indicator with its `catalogue_key`, or
the municipality's own indicator under the same key that counts the same way) is reused, never duplicated."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.models import RATE_FACTOR, Dimension, Direction, Frequency, Indicator, Unit
from teilhabe.monitoring.permissions import MANAGE_INDICATORS

SEX, NAT, MIG, AGE = Dimension.SEX, Dimension.NATIONALITY, Dimension.MIGRATION, Dimension.AGE

EINWOHNERMELDEREGISTER = "Einwohnermelderegister der Kommune / Statistisches Landesamt (Bevölkerungsfortschreibung)"
BA = "Statistik der Bundesagentur für Arbeit"
KJH = "Statistisches Landesamt, Kinder- und Jugendhilfestatistik (Kindertagesbetreuung, Stichtag 1. März)"
SCHULSTATISTIK = "Statistisches Landesamt, Schulstatistik (Absolventen und Abgänger allgemeinbildender Schulen)"
EINBUERGERUNG = "Statistisches Landesamt, Einbürgerungsstatistik; Ausländerzentralregister"


@dataclass(frozen=True)
class Entry:
    key: str
    name: str
    definition: str
    unit: str  # Unit
    unit_label: str
    source: str
    theme: str
    code: str = ""  # the Länder monitoring's indicator code, if it has one
    dimensions: tuple[str, ...] = ()
    frequency: str = Frequency.YEARLY
    method_notes: str = ""
    direction: str = Direction.NONE
    numerator: str = ""  # for a rate: keys of the count entries it is computed from
    denominator: str = ""

    @property
    def is_rate(self) -> bool:
        return bool(self.numerator)

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.numerator, self.denominator) if self.is_rate else ()


def _count(key: str, name: str, definition: str, source: str, theme: str, dims: Sequence[str],
           notes: str = "") -> Entry:
    return Entry(key=key, name=name, definition=definition, unit=Unit.COUNT, unit_label="Personen",
                 source=source, theme=theme, dimensions=tuple(dims), method_notes=notes)


def _rate(key: str, name: str, definition: str, *, numerator: str, denominator: str, theme: str, code: str,
          source: str, direction: str = Direction.NONE, notes: str = "", per_1000: bool = False) -> Entry:
    return Entry(key=key, name=name, definition=definition, unit=Unit.PER_1000 if per_1000 else Unit.PERCENT,
                 unit_label="je 1.000" if per_1000 else "%", source=source, theme=theme, code=code,
                 method_notes=notes, direction=direction, numerator=numerator, denominator=denominator)


A, B, C, D, E = ("Bevölkerung", "Rechtliche Integration", "Kindertagesbetreuung", "Bildung",
                 "Arbeitsmarkt und Lebensunterhalt")

ENTRIES: tuple[Entry, ...] = (
    # --- counts (the parts of the rates) ---------------------------------------------------------------------
    _count("bevoelkerung", "Einwohnerinnen und Einwohner",
           "Bevölkerung mit Hauptwohnsitz in der Kommune am 31.12.", EINWOHNERMELDEREGISTER, A, (SEX, NAT, AGE)),
    _count("auslaendische_bevoelkerung", "Ausländische Einwohnerinnen und Einwohner",
           "Einwohnerinnen und Einwohner mit Hauptwohnsitz, die keine deutsche Staatsangehörigkeit haben, am 31.12.",
           EINWOHNERMELDEREGISTER, A, (SEX, AGE)),
    _count("bevoelkerung_mh", "Einwohnerinnen und Einwohner mit Migrationshintergrund",
           "Ausländerinnen und Ausländer, Eingebürgerte, Spätaussiedlerinnen und Spätaussiedler sowie Deutsche, "
           "bei denen mindestens ein Elternteil eines dieser Merkmale hat, am 31.12.",
           "Einwohnermelderegister der Kommune (Ableitung des Migrationshintergrunds, z. B. MigraPro)", A,
           (SEX, AGE),
           "Die Länder verwenden den Mikrozensus; auf kommunaler Ebene wird der Migrationshintergrund aus dem "
           "Melderegister abgeleitet. Die Werte sind daher nicht unmittelbar mit denen des Landes vergleichbar."),
    _count("einbuergerungen", "Einbürgerungen", "Im Kalenderjahr eingebürgerte Personen.", EINBUERGERUNG, B,
           (SEX,)),
    _count("auslaender_8_jahre", "Ausländerinnen und Ausländer mit mindestens 8 Jahren Aufenthalt (Vorjahr)",
           "Ausländische Einwohnerinnen und Einwohner mit einer Aufenthaltsdauer von mindestens acht Jahren am "
           "31.12. des Vorjahres (das Einbürgerungspotenzial).", EINBUERGERUNG, B, (SEX,),
           "Als Periode gilt das Jahr der Einbürgerungen, auf die sich der Bestand bezieht (Bestand 31.12.2023 "
           "→ Periode 2024)."),
    _count("kinder_u3", "Kinder unter 3 Jahren", "Kinder im Alter von unter drei Jahren am Stichtag.",
           EINWOHNERMELDEREGISTER, C, (MIG,)),
    _count("kinder_u3_betreut", "Kinder unter 3 Jahren in Kindertagesbetreuung",
           "Kinder unter drei Jahren in Kindertageseinrichtungen und öffentlich geförderter Kindertagespflege "
           "am Stichtag 1. März.", KJH, C, (MIG,),
           "Migrationshintergrund in der Kinder- und Jugendhilfestatistik: mindestens ein Elternteil ausländischer "
           "Herkunft."),
    _count("kinder_3_6", "Kinder von 3 bis unter 6 Jahren", "Kinder im Alter von drei bis unter sechs Jahren "
           "am Stichtag.", EINWOHNERMELDEREGISTER, C, (MIG,)),
    _count("kinder_3_6_betreut", "Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung",
           "Kinder von drei bis unter sechs Jahren in Kindertageseinrichtungen und öffentlich geförderter "
           "Kindertagespflege am Stichtag 1. März.", KJH, C, (MIG,),
           "Migrationshintergrund in der Kinder- und Jugendhilfestatistik: mindestens ein Elternteil ausländischer "
           "Herkunft."),
    _count("schulabgaenger", "Absolventen und Abgänger allgemeinbildender Schulen",
           "Schülerinnen und Schüler, die im Schuljahr eine allgemeinbildende Schule verlassen haben.",
           SCHULSTATISTIK, D, (SEX, NAT)),
    _count("schulabgaenger_ohne_abschluss", "Abgänger ohne Hauptschulabschluss",
           "Schülerinnen und Schüler, die eine allgemeinbildende Schule ohne mindestens den Hauptschulabschluss "
           "verlassen haben.", SCHULSTATISTIK, D, (SEX, NAT)),
    _count("schulabgaenger_hochschulreife", "Absolventen mit allgemeiner Hochschulreife",
           "Absolventinnen und Absolventen allgemeinbildender Schulen mit allgemeiner Hochschulreife.",
           SCHULSTATISTIK, D, (SEX, NAT)),
    _count("erwerbspersonen", "Zivile Erwerbspersonen",
           "Bezugsgröße der Arbeitslosenquote: sozialversicherungspflichtig und geringfügig Beschäftigte, "
           "Beamte, Selbständige und Arbeitslose.", BA, E, (SEX, NAT)),
    _count("arbeitslose", "Arbeitslose", "Arbeitslose nach SGB II und SGB III im Jahresdurchschnitt.", BA, E,
           (SEX, NAT)),
    _count("bevoelkerung_15_65", "Einwohnerinnen und Einwohner von 15 bis unter 65 Jahren",
           "Bevölkerung im erwerbsfähigen Alter am 30.06.", EINWOHNERMELDEREGISTER, E, (SEX, NAT)),
    _count("svb_wohnort", "Sozialversicherungspflichtig Beschäftigte am Wohnort",
           "Sozialversicherungspflichtig Beschäftigte von 15 bis unter 65 Jahren mit Wohnort in der Kommune am "
           "30.06.", BA, E, (SEX, NAT)),
    _count("bevoelkerung_u_rentenalter", "Einwohnerinnen und Einwohner unter der Regelaltersgrenze",
           "Bevölkerung von 0 Jahren bis zur Regelaltersgrenze am 31.12. des Vorjahres (Bezugsgröße der "
           "SGB-II-Quote).", EINWOHNERMELDEREGISTER, E, (SEX, NAT)),
    _count("sgb2_leistungsberechtigte", "Regelleistungsberechtigte nach dem SGB II",
           "Personen in Bedarfsgemeinschaften mit Anspruch auf Bürgergeld (Regelleistungsberechtigte) im "
           "Dezember.", BA, E, (SEX, NAT)),
    # --- rates -----------------------------------------------------------------------------------------------
    _rate("auslaenderanteil", "Ausländeranteil",
          "Anteil der ausländischen Einwohnerinnen und Einwohner an allen Einwohnerinnen und Einwohnern.",
          numerator="auslaendische_bevoelkerung", denominator="bevoelkerung", theme=A, code="A2",
          source=EINWOHNERMELDEREGISTER),
    _rate("anteil_migrationshintergrund", "Anteil der Bevölkerung mit Migrationshintergrund",
          "Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund an allen Einwohnerinnen und "
          "Einwohnern.", numerator="bevoelkerung_mh", denominator="bevoelkerung", theme=A, code="A1",
          source=EINWOHNERMELDEREGISTER),
    _rate("einbuergerungsquote", "Einbürgerungsquote (ausgeschöpftes Einbürgerungspotenzial)",
          "Einbürgerungen im Jahr je 100 Ausländerinnen und Ausländer, die am Ende des Vorjahres seit mindestens "
          "acht Jahren in Deutschland lebten.", numerator="einbuergerungen", denominator="auslaender_8_jahre",
          theme=B, code="B2a", source=EINBUERGERUNG, direction=Direction.INCREASE,
          notes="Einbürgerungsquote I der Länder. Die Aufenthaltsdauer ist nur eine der Voraussetzungen der "
                "Einbürgerung; nicht alle Personen des Potenzials haben einen Anspruch."),
    _rate("betreuungsquote_u3", "Betreuungsquote der Kinder unter 3 Jahren",
          "Anteil der Kinder unter drei Jahren in Kindertagesbetreuung an allen Kindern dieses Alters, nach "
          "Migrationshintergrund.", numerator="kinder_u3_betreut", denominator="kinder_u3", theme=C, code="C1",
          source=KJH, direction=Direction.INCREASE),
    _rate("betreuungsquote_3_6", "Betreuungsquote der Kinder von 3 bis unter 6 Jahren",
          "Anteil der Kinder von drei bis unter sechs Jahren in Kindertagesbetreuung an allen Kindern dieses "
          "Alters, nach Migrationshintergrund.", numerator="kinder_3_6_betreut", denominator="kinder_3_6",
          theme=C, code="C1", source=KJH, direction=Direction.INCREASE),
    _rate("anteil_ohne_abschluss", "Schulabgänger ohne Hauptschulabschluss",
          "Anteil der Abgänger ohne Hauptschulabschluss an allen Absolventen und Abgängern allgemeinbildender "
          "Schulen, nach Staatsangehörigkeit und Geschlecht.", numerator="schulabgaenger_ohne_abschluss",
          denominator="schulabgaenger", theme=D, code="D3", source=SCHULSTATISTIK, direction=Direction.DECREASE),
    _rate("anteil_hochschulreife", "Absolventen mit allgemeiner Hochschulreife",
          "Anteil der Absolventen mit allgemeiner Hochschulreife an allen Absolventen und Abgängern "
          "allgemeinbildender Schulen, nach Staatsangehörigkeit und Geschlecht.",
          numerator="schulabgaenger_hochschulreife", denominator="schulabgaenger", theme=D, code="D3",
          source=SCHULSTATISTIK, direction=Direction.INCREASE),
    _rate("arbeitslosenquote", "Arbeitslosenquote",
          "Arbeitslose je 100 zivile Erwerbspersonen, nach Staatsangehörigkeit und Geschlecht.",
          numerator="arbeitslose", denominator="erwerbspersonen", theme=E, code="E5", source=BA,
          direction=Direction.DECREASE),
    _rate("beschaeftigungsquote", "Beschäftigungsquote",
          "Sozialversicherungspflichtig Beschäftigte am Wohnort je 100 Einwohnerinnen und Einwohner von 15 bis "
          "unter 65 Jahren, nach Staatsangehörigkeit und Geschlecht.", numerator="svb_wohnort",
          denominator="bevoelkerung_15_65", theme=E, code="E1", source=BA, direction=Direction.INCREASE,
          notes="Die Länder verwenden die Erwerbstätigenquote des Mikrozensus (E1a); kommunal ist die "
                "Beschäftigungsquote der Bundesagentur für Arbeit verfügbar."),
    _rate("sgb2_quote", "SGB-II-Quote",
          "Regelleistungsberechtigte nach dem SGB II je 100 Einwohnerinnen und Einwohner unter der "
          "Regelaltersgrenze, nach Staatsangehörigkeit und Geschlecht.", numerator="sgb2_leistungsberechtigte",
          denominator="bevoelkerung_u_rentenalter", theme=E, code="E8", source=BA, direction=Direction.DECREASE),
)

BY_KEY: dict[str, Entry] = {e.key: e for e in ENTRIES}


def _check_catalogue() -> None:
    for entry in ENTRIES:
        for part in entry.parts:
            assert part in BY_KEY and not BY_KEY[part].is_rate, f"{entry.key}: {part} is not a count entry"
        if entry.is_rate:
            assert entry.unit in RATE_FACTOR, entry.key


_check_catalogue()


def rates() -> list[Entry]:
    return [e for e in ENTRIES if e.is_rate]


def closure(keys: Iterable[str], *, present: Iterable[str] = ()) -> list[Entry]:
    """The entries for `keys` and the counts their rates need, counts first (unknown keys raise). A rate in
    `present` (already there) brings no parts: it is computed from whatever it already names."""
    keys = list(keys)
    unknown = sorted({k for k in keys if k not in BY_KEY})
    if unknown:
        raise ServiceError(_("Nicht im Startkatalog: %(keys)s.") % {"keys": ", ".join(unknown)})
    there = set(present)
    wanted = {k for key in keys for k in (key, *(() if key in there else BY_KEY[key].parts))}
    return [e for e in ENTRIES if e.key in wanted and not e.is_rate] + [e for e in ENTRIES if e.key in wanted
                                                                       and e.is_rate]


@dataclass
class Adoption:
    created: list[Indicator] = field(default_factory=list)
    reused: list[Indicator] = field(default_factory=list)


def adopted_keys() -> dict[str, Indicator]:
    """catalogue key → the municipality's indicator adopted from it (one query)."""
    return {i.catalogue_key: i for i in Indicator.objects.exclude(catalogue_key="")}


def adopt_catalogue(actor: Actor, municipality: Municipality, keys: Iterable[str]) -> Adoption:
    """Adopt the entries `keys` (and the counts their rates need) as the municipality's indicators, all or
    nothing. Already adopted entries are reused; an own indicator under an entry's key is reused if it counts
    the same way, otherwise the adoption stops with a message naming it."""
    authorize(actor, MANAGE_INDICATORS, municipality)
    keys = list(keys)
    if not keys:
        raise ServiceError(_("Wählen Sie mindestens einen Eintrag des Startkatalogs."))
    result = Adoption()
    with transaction.atomic():
        adopted = adopted_keys()
        by_key = {i.key: i for i in Indicator.objects.filter(key__in=list(BY_KEY))
                  .select_related("numerator", "denominator")}
        entries = closure(keys, present=set(adopted) | set(by_key))
        for entry in entries:
            existing = adopted.get(entry.key) or by_key.get(entry.key)
            if existing is not None:
                _check_reusable(entry, existing)
                adopted[entry.key] = existing
                result.reused.append(existing)
                continue
            values = _values(entry)
            if entry.is_rate:
                numerator, denominator = adopted[entry.numerator], adopted[entry.denominator]
                values |= {"numerator": numerator, "denominator": denominator,
                           "dimensions": [d for d in numerator.dimensions or [] if d in (denominator.dimensions or [])]}
            indicator = services.create_indicator(actor=actor, municipality=municipality, values=values)
            adopted[entry.key] = indicator
            result.created.append(indicator)
    return result


def _values(entry: Entry) -> dict[str, object]:
    notes = entry.method_notes
    if entry.code:
        notes = (_("Integrationsmonitoring der Länder, Indikator %(code)s.") % {"code": entry.code}
                 + (f" {notes}" if notes else ""))
    return {"key": entry.key, "name": entry.name, "definition": entry.definition, "unit": entry.unit,
            "unit_label": entry.unit_label, "source": entry.source, "frequency": entry.frequency,
            "method_notes": notes, "dimensions": list(entry.dimensions), "direction": entry.direction,
            "catalogue_key": entry.key}


def _check_reusable(entry: Entry, existing: Indicator) -> None:
    same_kind = existing.is_rate == entry.is_rate and (entry.is_rate or existing.unit == Unit.COUNT)
    if not same_kind:
        raise ServiceError(
            _("Die Kennung „%(key)s“ ist bereits für den Indikator „%(name)s“ vergeben, der anders berechnet "
              "wird als der Katalogeintrag „%(entry)s“. Ändern Sie zuerst die Kennung Ihres Indikators.")
            % {"key": entry.key, "name": existing.name, "entry": entry.name})
