"""The starter catalogue: adopting a rate adopts its counts and defines the rate; adopting again changes
nothing; a conflicting own indicator stops the adoption with a message."""

from __future__ import annotations

import pytest

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import catalogue, services
from teilhabe.monitoring.models import Indicator, Unit
from teilhabe.monitoring.series import series_of

from .conftest import row


def test_every_rate_names_count_entries_and_every_entry_has_a_source() -> None:
    assert len(catalogue.rates()) >= 8
    for entry in catalogue.ENTRIES:
        assert entry.name and entry.definition and entry.source
        for part in entry.parts:
            assert catalogue.BY_KEY[part].unit == Unit.COUNT
    names = {e.name for e in catalogue.ENTRIES}
    assert {"Ausländeranteil", "Arbeitslosenquote", "SGB-II-Quote"} <= names


def test_adopting_a_rate_adopts_its_counts_and_computes_it(coord_actor: Actor, stat_actor: Actor,
                                                          municipality: Municipality) -> None:
    result = catalogue.adopt_catalogue(coord_actor, municipality, ["arbeitslosenquote"])
    assert sorted(i.key for i in result.created) == ["arbeitslose", "arbeitslosenquote", "erwerbspersonen"]
    rate = Indicator.objects.get(key="arbeitslosenquote")
    assert rate.is_rate and rate.unit == Unit.PERCENT and rate.catalogue_key == "arbeitslosenquote"
    assert rate.numerator.key == "arbeitslose" and rate.denominator.key == "erwerbspersonen"
    assert rate.dimensions == ["sex", "nationality"]
    assert "E5" in rate.method_notes and rate.direction == "decrease"
    services.write_observations(actor=stat_actor, indicator=rate.numerator, label="BA", rows=[
        row("2023", 500), row("2023", 200, {"sex": "female"})])
    services.write_observations(actor=stat_actor, indicator=rate.denominator, label="BA", rows=[
        row("2023", 10000), row("2023", 5000, {"sex": "female"})])
    series = series_of(rate)
    assert str(series.total[0].value) == "5.0000" and str(series.lines["sex=female"][0].value) == "4.0000"


def test_adopting_again_is_idempotent_and_shares_counts(coord_actor: Actor, municipality: Municipality) -> None:
    catalogue.adopt_catalogue(coord_actor, municipality, ["auslaenderanteil"])
    again = catalogue.adopt_catalogue(coord_actor, municipality, ["auslaenderanteil", "anteil_migrationshintergrund"])
    assert [i.key for i in again.created] == ["bevoelkerung_mh", "anteil_migrationshintergrund"]
    assert {i.key for i in again.reused} == {"bevoelkerung", "auslaenderanteil"}
    assert Indicator.objects.filter(key="bevoelkerung").count() == 1
    assert set(catalogue.adopted_keys()) == {"bevoelkerung", "auslaendische_bevoelkerung", "bevoelkerung_mh",
                                             "auslaenderanteil", "anteil_migrationshintergrund"}


def test_an_own_indicator_under_a_key_is_reused_if_it_counts_else_refused(
        coord_actor: Actor, municipality: Municipality) -> None:
    own = services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "bevoelkerung", "name": "Unsere Einwohner", "unit": Unit.COUNT})
    catalogue.adopt_catalogue(coord_actor, municipality, ["auslaenderanteil"])
    assert Indicator.objects.get(key="auslaenderanteil").denominator_id == own.pk
    services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "arbeitslose", "name": "Arbeitslose (Anteil)", "unit": Unit.PERCENT})
    before = Indicator.objects.count()
    with pytest.raises(ServiceError, match="„arbeitslose“ ist bereits"):
        catalogue.adopt_catalogue(coord_actor, municipality, ["arbeitslosenquote"])
    assert Indicator.objects.count() == before  # all or nothing: erwerbspersonen was not kept either


def test_unknown_keys_and_the_statistics_office_are_refused(coord_actor: Actor, stat_actor: Actor,
                                                            municipality: Municipality) -> None:
    with pytest.raises(ServiceError, match="Nicht im Startkatalog: gibtsnicht"):
        catalogue.adopt_catalogue(coord_actor, municipality, ["gibtsnicht"])
    with pytest.raises(ServiceError, match="mindestens einen"):
        catalogue.adopt_catalogue(coord_actor, municipality, [])
    with pytest.raises(NotAllowed):
        catalogue.adopt_catalogue(stat_actor, municipality, ["auslaenderanteil"])
    assert not Indicator.objects.exists()


def test_a_rate_that_is_already_there_brings_no_new_counts(coord_actor: Actor, municipality: Municipality,
                                                           population: Indicator, foreigners: Indicator,
                                                           foreign_share: Indicator) -> None:
    """The demo's Ausländeranteil is computed from its own counts (einwohner, auslaender): adopting the
    catalogue's entry of the same key reuses it and adds nothing."""
    result = catalogue.adopt_catalogue(coord_actor, municipality, ["auslaenderanteil"])
    assert result.created == [] and result.reused == [foreign_share]
    assert Indicator.objects.count() == 3
