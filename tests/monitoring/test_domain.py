"""The monitoring's domain: indicators, rates computed from counts, batches of observations, roles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.exchange import tidy_csv
from teilhabe.monitoring.models import ImportBatch, Indicator, Observation, Unit
from teilhabe.monitoring.series import series_of
from teilhabe.monitoring.services import DataWarning

from .conftest import row


def test_a_rate_is_computed_from_the_stored_counts(stat_actor: Actor, population: Indicator,
                                                   foreigners: Indicator, foreign_share: Indicator) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="Bevölkerung.csv", rows=[
        row("2020", 160000), row("2020", 82000, {"sex": "female"}), row("2021", 161000), row("2022", 0)])
    services.write_observations(actor=stat_actor, indicator=foreigners, label="Ausländer.csv", rows=[
        row("2020", 28000), row("2020", 13940, {"sex": "female"}), row("2021", 29000, flag="p"), row("2022", 5)])
    series = series_of(foreign_share)
    assert [(p.period, p.value, p.flag) for p in series.total] == [
        ("2020", Decimal("17.5000"), ""), ("2021", Decimal("18.0124"), "p")]  # 2022: denominator 0, no rate
    assert series.lines["sex=female"][0].value == Decimal("17.0000")
    assert foreign_share.unit == Unit.PERCENT and foreign_share.dimensions == ["sex"]


def test_a_rate_cannot_be_loaded_nor_built_from_a_rate(stat_actor: Actor, coord_actor: Actor,
                                                         municipality: Municipality, foreign_share: Indicator,
                                                         population: Indicator) -> None:
    with pytest.raises(ServiceError, match="berechnet"):
        services.write_observations(actor=stat_actor, indicator=foreign_share, label="x", rows=[row("2020", 1)])
    with pytest.raises(ValidationError) as err:
        services.define_rate(actor=coord_actor, municipality=municipality, key="q", name="Quote",
                             numerator=foreign_share, denominator=population, per=100)
    assert "keine Anzahl" in str(err.value)
    with pytest.raises(ServiceError, match="je 100"):
        services.define_rate(actor=coord_actor, municipality=municipality, key="q", name="Quote",
                             numerator=population, denominator=population, per=7)


def test_a_batch_replaces_only_its_own_keys_and_keeps_its_accepted_warnings(stat_actor: Actor,
                                                                           population: Indicator) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="a", rows=[
        row("2020", 100), row("2021", 110)])
    batch = services.write_observations(
        actor=stat_actor, indicator=population, label="Korrektur 2021", rows=[row("2021", 111)],
        accepted_warnings=[DataWarning("Männer + Frauen ≠ insgesamt", line=3, column="Value")])
    assert dict(Observation.objects.values_list("period", "value")) == {"2020": Decimal(100), "2021": Decimal(111)}
    assert ImportBatch.objects.get(pk=batch.pk).accepted_warnings == [
        {"line": 3, "column": "Value", "message": "Männer + Frauen ≠ insgesamt"}]
    entry = AuditEntry.objects.filter(object_type="monitoring.indicator").latest("pk")
    assert entry.changes["observations"][1]["replaced"] == 1
    with pytest.raises(ServiceError, match="mehrfach"):
        services.write_observations(actor=stat_actor, indicator=population, label="b", rows=[
            row("2022", 1), row("2022", 2)])
    assert Observation.objects.count() == 2


def test_statistics_office_loads_data_but_does_not_define_indicators(stat_actor: Actor, municipality: Municipality,
                                                                      population: Indicator) -> None:
    with pytest.raises(NotAllowed):
        services.create_indicator(actor=stat_actor, municipality=municipality,
                                  values={"key": "x", "name": "X"})
    services.add_series_break(actor=stat_actor, indicator=population, period="2011", note="Zensus 2011")
    assert population.series_breaks.get().period == "2011"


def test_targets_need_a_direction_and_periods_are_canonical(coord_actor: Actor, municipality: Municipality) -> None:
    with pytest.raises(ValidationError) as err:
        services.create_indicator(actor=coord_actor, municipality=municipality, values={
            "key": "kita", "name": "Kita-Besuchsquote", "target_value": Decimal(90), "target_period": "2025"})
    assert "steigen oder sinken" in str(err.value)
    indicator = services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "kita", "name": "Kita-Besuchsquote", "target_value": Decimal(90), "target_period": "31.12.2025",
        "baseline_period": "Juni 2019", "direction": "increase"})
    assert (indicator.baseline_period, indicator.target_period) == ("2019-06", "2025-12-31")


def test_a_count_used_by_a_rate_cannot_be_deleted(coord_actor: Actor, foreign_share: Indicator,
                                                  population: Indicator) -> None:
    with pytest.raises(ServiceError, match="Quote"):
        services.delete_indicator(actor=coord_actor, indicator=population, expected_version=population.version)
    services.delete_indicator(actor=coord_actor, indicator=foreign_share, expected_version=foreign_share.version)
    assert not Indicator.objects.filter(key="auslaenderanteil").exists()


def test_tidy_csv_shows_labels_blank_for_total_and_computes_rates(stat_actor: Actor, population: Indicator,
                                                                  foreigners: Indicator,
                                                                  foreign_share: Indicator) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="p", rows=[
        row("2020", 200), row("2020", 100, {"sex": "female"})])
    services.write_observations(actor=stat_actor, indicator=foreigners, label="f", rows=[
        row("2020", 50), row("2020", 20, {"sex": "female"})])
    assert tidy_csv(population).splitlines() == ["Year,Geschlecht,Units,Value", "2020,,Personen,200",
                                                 "2020,weiblich,Personen,100"]
    assert tidy_csv(foreign_share).splitlines() == ["Year,Geschlecht,Units,Value", "2020,,%,25",
                                                    "2020,weiblich,%,20"]
