"""A small published monitoring, built through the services: population and foreigners by sex (three years),
the foreigners' share computed from them with a baseline and target, a series break, one unpublished
indicator, and an indicator on a field of action of the plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Direction, Indicator, Unit
from teilhabe.monitoring.services import ObservationRow


def _row(period: str, value: Any, sex: str = "", **extra: Any) -> ObservationRow:
    return ObservationRow(period=period, period_start=dt.date(int(period), 1, 1),
                          value=None if value is None else Decimal(str(value)),
                          breakdown={"sex": sex} if sex else {}, **extra)


def build(actor: Actor, municipality: Municipality, years: int = 3, fields: Any = ()) -> dict[str, Indicator]:
    population = services.create_indicator(actor=actor, municipality=municipality, values={
        "key": "einwohner", "name": "Einwohnerinnen und Einwohner", "unit": Unit.COUNT, "unit_label": "Personen",
        "dimensions": ["sex"], "source": "Statistisches Landesamt", "is_published": True,
        "definition": "Personen mit Hauptwohnsitz am 31.12.", "fields": list(fields)})
    foreigners = services.create_indicator(actor=actor, municipality=municipality, values={
        "key": "auslaender", "name": "Ausländische Einwohnerinnen und Einwohner", "unit": Unit.COUNT,
        "unit_label": "Personen", "dimensions": ["sex"], "is_published": True})
    share = services.define_rate(actor=actor, municipality=municipality, key="auslaenderanteil",
                                 name="Ausländeranteil", numerator=foreigners, denominator=population, per=100,
                                 extra={"is_published": True, "baseline_value": Decimal("10"),
                                        "baseline_period": "2015", "target_value": Decimal("20"),
                                        "target_period": "2030", "direction": Direction.INCREASE})
    secret = services.create_indicator(actor=actor, municipality=municipality, values={
        "key": "intern", "name": "Interner Entwurfsindikator", "unit": Unit.COUNT})
    first = 2016
    rows_population, rows_foreigners = [], []
    for i in range(years):
        year = str(first + i)
        rows_population += [_row(year, 100000 + i * 1000, source="Landesamt"),
                            _row(year, 51000 + i * 500, "female", source="Landesamt"),
                            _row(year, 49000 + i * 500, "male", source="Landesamt")]
        rows_foreigners += [_row(year, 12000 + i * 400, source="Landesamt",
                                 flag="p" if i == years - 1 else ""),
                            _row(year, 5000 + i * 200, "female", source="Landesamt"),
                            _row(year, 7000 + i * 200, "male", source="Landesamt")]
    services.write_observations(actor=actor, indicator=population, rows=rows_population, label="einwohner.csv")
    services.write_observations(actor=actor, indicator=foreigners, rows=rows_foreigners, label="auslaender.csv")
    services.write_observations(actor=actor, indicator=secret, rows=[_row("2016", 7)], label="intern.csv")
    services.add_series_break(actor=actor, indicator=population, period=str(first + 1), note="Zensus 2011")
    return {"population": population, "foreigners": foreigners, "share": share, "secret": secret}
