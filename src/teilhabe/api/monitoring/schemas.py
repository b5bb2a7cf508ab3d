"""What the monitoring endpoints send and receive: indicators with their latest value and progress, their
values (rates computed), and a delivery of values as tidy rows. Inputs derive from teilhabe.api.schemas.In
(every text cleaned); periods, categories and values are checked when the endpoint translates the rows, and
refused with a 422 naming the row and field."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Field, Path

from teilhabe.api.schemas import In, Key, Out, PlainText, QueryIn, RequiredPlainText

MAX_ROWS = 10_000
MAX_VALUE = 1e15  # 16 digits before the point and 4 after: what an observation stores

IndicatorKeyPath = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60,
                                       description="Kennung des Indikators, z. B. auslaenderanteil / indicator key")]
UnitValue = Literal["count", "percent", "per_1000"]
KindValue = Literal["monitoring", "success"]
DirectionValue = Literal["increase", "decrease", "none"]
FrequencyValue = Literal["yearly", "half_yearly", "quarterly", "monthly", "irregular"]
StatusValue = Literal["reached", "on_track", "some_progress", "off_track", "no_data"]
FlagValue = Literal["", "p", "e", "s"]
BreakdownFilter = Literal["all", "total", "sex", "nationality", "migration", "age", "district"]


# --- answers --------------------------------------------------------------------------------------------------


class PeriodValueOut(Out):
    value: float = Field(description="Wert / value")
    period: str = Field(description="Periode: Jahr, Monat (2019-06) oder Tag / period: year, month or day")


class RateOut(Out):
    """Eine Quote wird aus Zähler und Nenner berechnet / a rate is computed from its numerator and denominator."""

    numerator: str = Field(description="Kennung des Zählers / key of the numerator")
    denominator: str = Field(description="Kennung des Nenners / key of the denominator")


class PointOut(Out):
    period: str = Field(description="Periode / period")
    value: float | None = Field(description="Wert; null = geheim / value; null = suppressed")
    flag: FlagValue = Field(description="p vorläufig, e geschätzt, s geheim / provisional, estimated, suppressed")


class SeriesBreakOut(Out):
    period: str = Field(description="Bruch ab dieser Periode / break from this period on")
    note: str = Field(description="Erläuterung / note")


class IndicatorOut(Out):
    """Ein Indikator mit seinem neuesten Gesamtwert und dem Stand der Zielerreichung / an indicator with its
    latest total and progress status."""

    key: str = Field(description="Kennung / key")
    name: str = Field(description="Name / name")
    definition: str = Field(description="Definition / definition")
    unit: UnitValue = Field(description="Einheit: Anzahl, Prozent, je 1.000 / unit")
    unit_label: str = Field(description="Einheit, wie die Statistik sie schreibt / unit as written by statisticians")
    kind: KindValue = Field(description="Monitoring- oder Erfolgsindikator / monitoring or success indicator")
    source: str = Field(description="Datenquelle / data source")
    frequency: FrequencyValue = Field(description="Aktualisierung / update frequency")
    method_notes: str = Field(description="Methodische Hinweise / method notes")
    dimensions: list[str] = Field(description="Aufgliederungen (sex, nationality, migration, age, district) / "
                                              "dimensions it is broken down by")
    computed_from: RateOut | None = Field(description="Bei Quoten: Zähler und Nenner / for a rate: its parts")
    direction: DirectionValue = Field(description="Gewünschte Richtung / desired direction")
    baseline: PeriodValueOut | None = Field(description="Ausgangswert / baseline")
    target: PeriodValueOut | None = Field(description="Zielwert / target")
    is_published: bool = Field(description="Öffentlich (Portal, offene Daten) / published")
    latest: PointOut | None = Field(description="Neuester Gesamtwert / latest total value")
    status: StatusValue = Field(description="Stand der Zielerreichung (docs/monitoring.md) / progress status")
    status_label: str = Field(description="Stand auf Deutsch / status in German")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")


class IndicatorDetailOut(IndicatorOut):
    series_breaks: list[SeriesBreakOut] = Field(description="Zeitreihenbrüche / series breaks")
    fields_of_action: list[str] = Field(description="Handlungsfelder / fields of action")


class ObservationOut(Out):
    """Ein Messwert (bei Quoten berechnet) / one value (computed for a rate)."""

    period: str = Field(description="Periode / period")
    area: str = Field(description="Gebiet: leer = die ganze Kommune, sonst Stadtteil-Code / area; empty = the "
                                  "whole municipality")
    breakdown: dict[str, str] = Field(description="Aufgliederung → Kategorie-Code; leer = insgesamt / "
                                                  "dimension → category code; empty = total")
    labels: dict[str, str] = Field(description="Aufgliederung → Kategorie-Bezeichnung / dimension → label")
    value: float | None = Field(description="Wert; null = geheim / value; null = suppressed")
    flag: FlagValue = Field(description="p vorläufig, e geschätzt, s geheim / flag")
    source: str = Field(description="Quelle / source")


class WarningOut(Out):
    row: int | None = Field(description="Zeile (ab 0) / row index")
    column: str = Field(description="Feld / field")
    message: str = Field(description="Meldung / message")


class DeliveryOut(Out):
    """201: Die Werte sind geschrieben (alle oder keiner) / the values are written (all or nothing)."""

    batch_id: int = Field(description="Id der Datenlieferung / id of the delivery")
    written: int = Field(description="Geschriebene Werte / values written")
    accepted_warnings: list[WarningOut] = Field(description="Akzeptierte Warnungen, bleiben bei den Daten "
                                                            "sichtbar / accepted warnings, kept with the data")


# --- input ----------------------------------------------------------------------------------------------------


class ObservationsQuery(QueryIn):
    breakdown: BreakdownFilter = Field(
        "all", description="all = alle Werte, total = nur Gesamtwerte, sonst nur die Werte nach dieser "
                           "Aufgliederung / all values, totals only, or only those by this dimension")
    area: Key | None = Field(None, max_length=20, description="Nur dieses Gebiet; leer = die ganze Kommune / "
                                                              "only this area; empty = the whole municipality")
    period_from: Key | None = Field(None, max_length=30, description="Ab Periode (2015, 06/2015, 2015-06-30) / "
                                                                     "from period")
    period_to: Key | None = Field(None, max_length=30, description="Bis Periode / to period")


class ObservationIn(In):
    period: Key = Field(max_length=30, description="Periode: 2019, 06/2019, 2019-06, 31.12.2019 / period")
    value: float | None = Field(None, ge=-MAX_VALUE, le=MAX_VALUE,
                                description="Wert, höchstens vier Nachkommastellen; null nur mit flag s / value, at "
                                            "most four decimals; null only when suppressed")
    breakdown: dict[Key, Key] = Field(
        default_factory=dict, description="Aufgliederung → Kategorie (Code oder Bezeichnung, z. B. sex: "
                                          "weiblich); leer = insgesamt / dimension → category; empty = total")
    area: Key = Field("", max_length=20, description="Gebiet: leer = die ganze Kommune / area")
    flag: FlagValue = Field("", description="p vorläufig, e geschätzt, s geheim / flag")
    source: PlainText = Field("", max_length=300, description="Quelle / source")
    vintage: PlainText = Field("", max_length=20, description="Stand der Quelle / vintage of the source")


class ObservationsIn(In):
    label: RequiredPlainText = Field(max_length=300, description="Bezeichnung der Lieferung, z. B. "
                                                                       "„Melderegister 31.12.2025“ / delivery label")
    rows: list[ObservationIn] = Field(min_length=1, max_length=MAX_ROWS, description="Die Werte / the values")
    accept_warnings: bool = Field(False, description="Warnungen (Teile ≠ Summe) akzeptieren; ohne werden sie "
                                                     "gemeldet und nichts geschrieben / accept warnings")
