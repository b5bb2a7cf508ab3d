"""Fixtures of the monitoring tests: a statistics-office member and a small set of indicators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Indicator, Unit
from teilhabe.monitoring.services import ObservationRow


@pytest.fixture
def statistik(municipality: Municipality, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.STATISTIK, "statistik")


@pytest.fixture
def stat_actor(municipality: Municipality, statistik: User) -> Actor:
    return actor_for(statistik, municipality)


def row(period: str, value: Any, breakdown: dict[str, str] | None = None, **extra: Any) -> ObservationRow:
    return ObservationRow(period=period, period_start=dt.date(int(period[:4]), 1, 1),
                          value=None if value is None else Decimal(str(value)), breakdown=breakdown or {}, **extra)


@pytest.fixture
def population(coord_actor: Actor, municipality: Municipality) -> Indicator:
    return services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "einwohner", "name": "Einwohnerinnen und Einwohner", "unit": Unit.COUNT, "unit_label": "Personen",
        "dimensions": ["sex"], "source": "Statistisches Landesamt"})


@pytest.fixture
def foreigners(coord_actor: Actor, municipality: Municipality) -> Indicator:
    return services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "auslaender", "name": "Ausländische Einwohnerinnen und Einwohner", "unit": Unit.COUNT,
        "unit_label": "Personen", "dimensions": ["sex"]})


@pytest.fixture
def foreign_share(coord_actor: Actor, municipality: Municipality, population: Indicator,
                  foreigners: Indicator) -> Indicator:
    return services.define_rate(actor=coord_actor, municipality=municipality, key="auslaenderanteil",
                                name="Ausländeranteil", numerator=foreigners, denominator=population, per=100)
