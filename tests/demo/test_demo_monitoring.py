"""The demo's monitoring (issue 9, item 10): each demo municipality has a handful of indicators over several
years, by-sex breakdowns that add up, a computed rate, targets on two success indicators linked to its plan,
a census break, and every value is marked as demo data; Heidelberg's Umsetzungsbericht 2013 wrote its achieved
value into the monitoring (item 8); and the demo still runs twice cleanly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import across_municipalities, municipality_scope
from teilhabe.demo.content import DEMO_MUNICIPALITIES
from teilhabe.monitoring.models import ImportBatch, Indicator, Kind, Observation, SeriesBreak
from teilhabe.monitoring.progress import Status, progress_of
from teilhabe.monitoring.series import series_of
from teilhabe.reporting.models import MeasureReport

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SLUGS = ("heidelberg", "waiblingen", "herdecke")
# Inhabitants in 2021 as the seeds and official statistics give them, roughly (± 5 %).
POPULATION = {"heidelberg": 160_000, "waiblingen": 56_000, "herdecke": 22_500}


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """The demo built once for this module, rolled back at the end (as in test_demo.py)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield run_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER


@pytest.fixture(autouse=True)
def _across() -> Iterator[None]:
    with across_municipalities():
        yield


def indicators_of(slug: str) -> dict[str, Indicator]:
    return {i.key: i for i in Indicator.objects.filter(municipality__slug=slug)}


def test_every_demo_municipality_has_a_spec_with_monitoring() -> None:
    assert {spec.slug for spec in DEMO_MUNICIPALITIES if spec.monitoring is not None} == set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_city_has_indicators_over_several_years_mostly_published(demo: str, slug: str) -> None:
    found = indicators_of(slug)
    assert {"einwohner", "auslaender", "auslaenderanteil", "arbeitslose", "kita-kinder", "einbuergerungen"} <= set(
        found)
    assert len(found) >= 6
    assert sum(i.is_published for i in found.values()) > len(found) / 2
    population = Observation.objects.filter(indicator=found["einwohner"], breakdown_key="")
    years = sorted(population.values_list("period", flat=True))
    assert years[0] == "2015" and years[-1] == "2025" and len(years) == 11
    value_2021 = population.get(period="2021").value
    assert abs(value_2021 - POPULATION[slug]) / POPULATION[slug] < Decimal("0.05")
    assert all(i.source and i.definition for i in found.values())


@pytest.mark.parametrize("slug", SLUGS)
def test_the_foreign_share_is_computed_from_the_counts(demo: str, slug: str) -> None:
    found = indicators_of(slug)
    rate = found["auslaenderanteil"]
    assert rate.is_rate and (rate.numerator, rate.denominator) == (found["auslaender"], found["einwohner"])
    assert not Observation.objects.filter(indicator=rate).exists()
    with municipality_scope(rate.municipality):
        lines = series_of(rate).lines
    total = {p.period: p.value for p in lines[""]}
    assert len(total) == 11
    assert Decimal(5) < total["2025"] < Decimal(25)
    assert "sex=female" in lines  # the rate by sex, from the counts by sex


@pytest.mark.parametrize("slug", SLUGS)
def test_breakdowns_add_up_to_their_totals(demo: str, slug: str) -> None:
    checked = 0
    for indicator in Indicator.objects.filter(municipality__slug=slug, numerator__isnull=True):
        values: dict[tuple[str, str], Decimal] = {}
        for period, key, value in Observation.objects.filter(indicator=indicator).values_list(
                "period", "breakdown_key", "value"):
            values[(period, key)] = value
        periods = {period for period, _key in values}
        for period in periods:
            total = values[(period, "")]
            groups: dict[str, Decimal] = defaultdict(Decimal)
            for (p, key), value in values.items():
                if p == period and key and "|" not in key:
                    groups[key.split("=")[0]] += value
            for dimension, summed in groups.items():
                assert summed == total, (indicator.key, period, dimension)
                checked += 1
            for nationality in ("german", "foreign"):
                part = values.get((period, f"nationality={nationality}"))
                if part is not None:
                    assert part == sum(v for (p, key), v in values.items() if p == period
                                       and key.startswith(f"nationality={nationality}|sex="))
    assert checked > 50
    women = Observation.objects.get(indicator__municipality__slug=slug, indicator__key="einwohner",
                                    period="2020", breakdown_key="sex=female").value
    men = Observation.objects.get(indicator__municipality__slug=slug, indicator__key="einwohner",
                                  period="2020", breakdown_key="sex=male").value
    assert women + men == Observation.objects.get(indicator__municipality__slug=slug, indicator__key="einwohner",
                                                  period="2020", breakdown_key="").value


@pytest.mark.parametrize("slug", SLUGS)
def test_two_success_indicators_with_targets_hang_on_the_plan(demo: str, slug: str) -> None:
    success = [i for i in indicators_of(slug).values() if i.target_value is not None]
    assert len(success) == 2
    for indicator in success:
        assert indicator.kind == Kind.SUCCESS
        assert indicator.baseline_value is not None and indicator.baseline_period
        assert indicator.target_period > indicator.baseline_period
        assert indicator.direction == "increase"
        assert indicator.goals.exists()
        with municipality_scope(indicator.municipality):
            assert progress_of(indicator, series_of(indicator).total).status != Status.NO_DATA
    assert any(i.measures.exists() for i in success)


@pytest.mark.parametrize("slug", SLUGS)
def test_population_counts_have_the_census_break(demo: str, slug: str) -> None:
    breaks = SeriesBreak.objects.filter(indicator__municipality__slug=slug)
    assert {(b.indicator.key, b.period) for b in breaks} == {("einwohner", "2022"), ("auslaender", "2022")}
    assert all("Zensus 2022" in b.note for b in breaks)


def test_every_value_is_marked_as_demo_data(demo: str) -> None:
    assert set(Municipality.objects.filter(slug__in=SLUGS).values_list("is_demo", flat=True)) == {True}
    origins = set(ImportBatch.objects.values_list("origin", flat=True))
    assert origins == {ImportBatch.Origin.DEMO, ImportBatch.Origin.ROUND}
    assert all(b.label.startswith("Demodaten") for b in ImportBatch.objects.filter(origin=ImportBatch.Origin.DEMO))
    unmarked = Observation.objects.filter(batch__isnull=True)
    assert not unmarked.exists()


def test_heidelbergs_2013_round_wrote_its_achieved_value_into_the_monitoring(demo: str) -> None:
    patenschaften = Indicator.objects.get(municipality__slug="heidelberg", key="lernpatenschaften")
    observation = Observation.objects.select_related("batch").get(indicator=patenschaften, period="2013")
    assert observation.value == Decimal(92)
    assert (observation.batch.origin, observation.batch.label, observation.source) == (
        ImportBatch.Origin.ROUND, "Umsetzungsbericht 2013", "Umsetzungsbericht 2013")
    # The open round of this year asks about it too; its value arrives when the round is closed.
    open_report = MeasureReport.objects.get(round__title="Umsetzungsbericht 2026", measure__reference="1.06",
                                            measure__edition__plan__municipality__slug="heidelberg")
    assert "Aktive Lernpatenschaften" in open_report.indicators
    assert not Observation.objects.filter(indicator=patenschaften, period="2025").exists()


def test_a_second_run_adds_no_monitoring(demo: str) -> None:
    counted = [Indicator, Observation, ImportBatch, SeriesBreak]
    before = {model.__name__: model._default_manager.count() for model in counted}
    assert "unverändert" in run_demo()
    assert {model.__name__: model._default_manager.count() for model in counted} == before
