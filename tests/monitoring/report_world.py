"""A small monitoring for the report tests: counts by sex with flags and a series break, a rate with a
target, an unemployment count by nationality and sex, an indicator without values, and one that is not
published; assigned to two fields of action of the small plan."""

from __future__ import annotations

from decimal import Decimal

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Direction, Indicator, Kind, Unit
from teilhabe.monitoring.services import DataWarning
from teilhabe.plans.models import Edition, FieldOfAction

from .conftest import row


def build_monitoring(coord_actor: Actor, municipality: Municipality, edition: Edition | None,
                     *, extra: int = 0) -> dict[str, Indicator]:
    fields = list(FieldOfAction.objects.filter(edition=edition).order_by("position", "pk")) if edition else []
    first = fields[:1]
    second = fields[1:2] or first

    def make(key: str, name: str, **values: object) -> Indicator:
        return services.create_indicator(actor=coord_actor, municipality=municipality, values={
            "key": key, "name": name, "is_published": True, **values})

    population = make("einwohner", "Einwohnerinnen und Einwohner", unit=Unit.COUNT, unit_label="Personen",
                      dimensions=["sex"], source="Statistisches Landesamt", fields=first,
                      definition="Hauptwohnsitzbevölkerung am 31.12.")
    foreigners = make("auslaender", "Ausländische Einwohnerinnen und Einwohner", unit=Unit.COUNT,
                      unit_label="Personen", dimensions=["sex"], source="Ausländerzentralregister", fields=first)
    share = services.define_rate(
        actor=coord_actor, municipality=municipality, key="auslaenderanteil", name="Ausländeranteil",
        numerator=foreigners, denominator=population, per=100, extra={
            "is_published": True, "fields": first, "kind": Kind.SUCCESS, "baseline_value": Decimal("17.5"),
            "baseline_period": "2020", "target_value": Decimal("20"), "target_period": "2030",
            "direction": Direction.INCREASE, "definition": "Anteil der Ausländer an der Bevölkerung."})
    unemployed = make("arbeitslose", "Arbeitslose", unit=Unit.COUNT, unit_label="Personen",
                      dimensions=["sex", "nationality"], source="Bundesagentur für Arbeit", fields=second)
    make("kita", "Kita-Besuchsquote mit Migrationshintergrund", unit=Unit.PERCENT, fields=second)
    hidden = make("intern", "Interner Indikator", unit=Unit.COUNT, fields=second)
    services.update_indicator(actor=coord_actor, indicator=hidden, expected_version=hidden.version,
                              values={"is_published": False})
    services.write_observations(actor=coord_actor, indicator=population, label="Bevölkerung.csv", rows=[
        row("2020", 160000, vintage="2021-03-01"), row("2020", 82000, {"sex": "female"}),
        row("2020", 78000, {"sex": "male"}),
        row("2021", 161000), row("2021", 82400, {"sex": "female"}), row("2021", 78600, {"sex": "male"}),
        row("2022", 162500, flag="p"), row("2022", 83000, {"sex": "female"}, flag="p"),
        row("2022", 79500, {"sex": "male"}, flag="p"),
    ])
    services.write_observations(actor=coord_actor, indicator=foreigners, label="AZR.csv", rows=[
        row("2020", 28000), row("2020", 13940, {"sex": "female"}), row("2020", 14060, {"sex": "male"}),
        row("2021", 29000), row("2021", 14500, {"sex": "female"}), row("2021", 14500, {"sex": "male"}),
        row("2022", 31000), row("2022", 15000, {"sex": "female"}), row("2022", None, {"sex": "male"}, flag="s"),
    ], accepted_warnings=[DataWarning("Männer + Frauen ≠ insgesamt (2022)", line=9, column="Value")])
    services.add_series_break(actor=coord_actor, indicator=share, period="2022", note="Zensus 2022")
    services.write_observations(actor=coord_actor, indicator=unemployed, label="BA.csv", rows=[
        row("2021", 5200), row("2021", 2300, {"sex": "female"}), row("2021", 2900, {"sex": "male"}),
        row("2021", 1500, {"nationality": "foreign"}),
        row("2021", 700, {"nationality": "foreign", "sex": "female"}),
        row("2021", 800, {"nationality": "foreign", "sex": "male"}, flag="e"),
    ])
    for n in range(extra):
        indicator = make(f"extra-{n}", f"Zusatzindikator {n}", unit=Unit.COUNT, dimensions=["sex"], fields=second)
        services.add_series_break(actor=coord_actor, indicator=indicator, period="2020", note="Umstellung")
        services.write_observations(actor=coord_actor, indicator=indicator, label=f"z{n}.csv", rows=[
            row("2020", 10 + n), row("2020", 5, {"sex": "female"}), row("2021", 11 + n)],
            accepted_warnings=[DataWarning("Teile ≠ Summe")])
    return {"population": population, "foreigners": foreigners, "share": share, "unemployed": unemployed,
            "hidden": hidden}
