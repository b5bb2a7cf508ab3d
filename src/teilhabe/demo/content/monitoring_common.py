"""The indicators every demo municipality's monitoring has, with the definitions and sources of the Länder's
integration monitoring; each city module (<city>_monitoring.py) gives its own figures. All figures of the demo
are invented but plausible for the city's size (see the city modules)."""

from __future__ import annotations

from teilhabe.demo.specs import (
    IndicatorSpec,
    RateSpec,
    Value,
    by_nationality_and_sex,
    by_sex,
    split,
    yearly,
)

FIRST_YEAR = 2015
CENSUS_2022 = ("2022", "Zensus 2022: ab 2022 fortgeschrieben auf Basis des Zensus 2022; mit den Vorjahren nur "
                       "eingeschränkt vergleichbar.")
BA = "Statistik der Bundesagentur für Arbeit, Jahresdurchschnitt"
KJH = "Kinder- und Jugendhilfestatistik, Stichtag 1. März"
EINB = "Einbürgerungsstatistik"


def population(source: str, totals: tuple[int, ...], female: float, *, published: bool = True) -> IndicatorSpec:
    return IndicatorSpec(
        key="einwohner", name="Einwohnerinnen und Einwohner", source=source, dimensions=("sex",),
        definition="Bevölkerung mit Hauptwohnsitz in der Stadt am 31. Dezember.",
        series=by_sex(FIRST_YEAR, totals, female), breaks=(CENSUS_2022,), published=published)


def foreigners(source: str, totals: tuple[int, ...], female: float) -> IndicatorSpec:
    return IndicatorSpec(
        key="auslaender", name="Ausländische Einwohnerinnen und Einwohner", source=source, dimensions=("sex",),
        definition="Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit am 31. Dezember.",
        series=by_sex(FIRST_YEAR, totals, female), breaks=(CENSUS_2022,))


FOREIGN_SHARE = RateSpec(
    key="auslaenderanteil", name="Ausländeranteil", numerator="auslaender", denominator="einwohner", per=100,
    definition="Anteil der ausländischen Einwohnerinnen und Einwohner an allen Einwohnerinnen und Einwohnern "
               "(Integrationsmonitoring der Länder, Indikator A1).")


def unemployed(totals: tuple[int, ...], foreign: tuple[float, ...], female: float,
               foreign_female: float) -> IndicatorSpec:
    return IndicatorSpec(
        key="arbeitslose", name="Arbeitslose", source=BA, dimensions=("nationality", "sex"),
        definition="Arbeitslos gemeldete Personen nach SGB II und SGB III im Jahresdurchschnitt.",
        series=by_nationality_and_sex(FIRST_YEAR, totals, foreign, female, foreign_female))


def childcare(totals: tuple[int, ...], with_migration: tuple[float, ...], *, published: bool = True) -> IndicatorSpec:
    return IndicatorSpec(
        key="kita-kinder", name="Kinder in Kindertageseinrichtungen", source=KJH, dimensions=("migration",),
        definition="Kinder unter sechs Jahren in Kindertageseinrichtungen; Migrationshintergrund: mindestens ein "
                   "Elternteil ausländischer Herkunft (Integrationsmonitoring der Länder, Indikator C1).",
        series=split(FIRST_YEAR, totals, "migration", "with", "without", with_migration), published=published)


def naturalisations(totals: tuple[int, ...], female: float, *, goals: tuple[str, ...],
                    baseline: tuple[str, Value], target: tuple[str, Value]) -> IndicatorSpec:
    """A success indicator of the plan: naturalisations are to rise."""
    return IndicatorSpec(
        key="einbuergerungen", name="Einbürgerungen", source=EINB, dimensions=("sex",), kind="success",
        definition="Einbürgerungen im Kalenderjahr.", series=by_sex(FIRST_YEAR, totals, female), goals=goals,
        baseline=baseline, target=target, direction="increase")


__all__ = ["FIRST_YEAR", "FOREIGN_SHARE", "childcare", "foreigners", "naturalisations", "population",
           "unemployed", "yearly"]
