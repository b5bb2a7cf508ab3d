"""The progress method on the worked examples of docs/monitoring-progress.md: every status, a decreasing
target, a target period that has passed, baseline = target, and a rate computed from its counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Direction, Indicator
from teilhabe.monitoring.progress import Status, progress_of, reason_without_data
from teilhabe.monitoring.series import Point, series_of

from .conftest import row


def indicator(baseline: str | None = "20", target: str | None = "30", *, b: str = "2018", t: str = "2028",
              direction: str = Direction.INCREASE) -> Indicator:
    return Indicator(key="x", name="x", baseline_value=None if baseline is None else Decimal(baseline),
                     baseline_period=b, target_value=None if target is None else Decimal(target),
                     target_period=t, direction=direction)


def points(*pairs: tuple[str, str | None]) -> list[Point]:
    return [Point(period, None if value is None else Decimal(value)) for period, value in pairs]


# Baseline 20 (2018), target 30 (2028), rising: in 2023 half of the time has passed (e = 0,5).
@pytest.mark.parametrize(("value", "status", "achieved", "score"), [
    ("31", Status.REACHED, 1.1, 1.0),          # beyond the target
    ("30", Status.REACHED, 1.0, 1.0),          # exactly the target
    ("26", Status.ON_TRACK, 0.6, 0.6),         # 60 % of the way in 50 % of the time
    ("25", Status.ON_TRACK, 0.5, 0.5),         # a = e is on track
    ("23", Status.SOME_PROGRESS, 0.3, 0.3),    # 30 % of the way in 50 % of the time
    ("20", Status.OFF_TRACK, 0.0, 0.0),        # no movement
    ("19", Status.OFF_TRACK, -0.1, 0.0),       # the wrong way: score clamped to 0
])
def test_every_status_on_the_worked_example(value: str, status: Status, achieved: float, score: float) -> None:
    progress = progress_of(indicator(), points(("2018", "20"), ("2020", "21"), ("2023", value)))
    assert progress.status == status
    assert progress.expected == pytest.approx(0.5)
    assert progress.achieved == pytest.approx(achieved)
    assert progress.score == pytest.approx(score)
    assert progress.latest is not None and progress.latest.period == "2023"


def test_no_data_without_baseline_target_direction_or_a_value_after_the_baseline() -> None:
    series = points(("2018", "20"), ("2023", "25"))
    for incomplete in (indicator(baseline=None), indicator(target=None), indicator(direction=Direction.NONE),
                       indicator(b=""), indicator(t="")):
        progress = progress_of(incomplete, series)
        assert progress.status == Status.NO_DATA and progress.score is None
        assert "fehlen" in reason_without_data(incomplete, progress)
    only_baseline = progress_of(indicator(), points(("2016", "18"), ("2018", "20")))
    assert only_baseline.status == Status.NO_DATA
    assert "noch kein Wert" in reason_without_data(indicator(), only_baseline)
    assert progress_of(indicator(), []).status == Status.NO_DATA


def test_a_target_that_contradicts_its_direction_or_lies_before_the_baseline_is_no_data() -> None:
    series = points(("2023", "25"))
    assert progress_of(indicator("20", "10"), series).status == Status.NO_DATA  # "steigen" to a lower target
    assert progress_of(indicator(b="2028", t="2018"), series).status == Status.NO_DATA
    assert progress_of(indicator(b="2018", t="2018"), series).status == Status.NO_DATA


def test_a_decreasing_target() -> None:
    """Unemployment among foreign nationals: 12 % (2018) down to 8 % (2028)."""
    falling = indicator("12", "8", direction=Direction.DECREASE)
    on_track = progress_of(falling, points(("2023", "10")))  # a = (10 − 12) ÷ (8 − 12) = 0,5 = e
    assert (on_track.status, on_track.achieved) == (Status.ON_TRACK, pytest.approx(0.5))
    assert progress_of(falling, points(("2023", "11"))).status == Status.SOME_PROGRESS  # a = 0,25
    assert progress_of(falling, points(("2023", "12.5"))).status == Status.OFF_TRACK  # rose instead
    reached = progress_of(falling, points(("2023", "7.9")))
    assert (reached.status, reached.score) == (Status.REACHED, 1.0)


def test_after_the_target_period_all_of_the_time_has_passed() -> None:
    """Target 200 for 2020, from 100 in 2015; in 2023 the value is 180: e = 1, a = 0,8."""
    late = indicator("100", "200", b="2015", t="2020")
    progress = progress_of(late, points(("2019", "150"), ("2023", "180")))
    assert (progress.status, progress.expected, progress.achieved) == (
        Status.SOME_PROGRESS, 1.0, pytest.approx(0.8))
    assert progress_of(late, points(("2023", "200"))).status == Status.REACHED


def test_baseline_equal_to_target_means_keep_the_value() -> None:
    keep = indicator("50", "50")
    held = progress_of(keep, points(("2023", "50")))
    assert (held.status, held.score) == (Status.REACHED, 1.0)
    lost = progress_of(keep, points(("2023", "49")))
    assert (lost.status, lost.score) == (Status.OFF_TRACK, 0.0)


def test_months_count_as_fractions_of_a_year_and_suppressed_values_are_skipped() -> None:
    monthly = indicator(b="2018", t="2028")
    progress = progress_of(monthly, points(("2023-07", "26"), ("2024", None)))  # 2024 suppressed
    assert progress.latest is not None and progress.latest.period == "2023-07"
    assert progress.expected == pytest.approx(0.5496, abs=1e-3)  # 5 years and 181 days of 10 years
    assert progress.status == Status.ON_TRACK


def test_a_rate_is_measured_on_the_values_computed_from_its_counts(
        stat_actor: Actor, coord_actor: Actor, municipality: Municipality, population: Indicator,
        foreigners: Indicator, foreign_share: Indicator) -> None:
    services.update_indicator(actor=coord_actor, indicator=foreign_share, expected_version=foreign_share.version,
                              values={"baseline_value": Decimal("10"), "baseline_period": "2018",
                                      "target_value": Decimal("20"), "target_period": "2028",
                                      "direction": Direction.INCREASE})
    services.write_observations(actor=stat_actor, indicator=population, label="Bevölkerung", rows=[
        row("2018", 1000), row("2023", 1000)])
    services.write_observations(actor=stat_actor, indicator=foreigners, label="Ausländer", rows=[
        row("2018", 100), row("2023", 160)])
    foreign_share.refresh_from_db()
    progress = progress_of(foreign_share, series_of(foreign_share).total)
    assert progress.latest is not None and progress.latest.value == Decimal("16.0000")  # 160 ÷ 1000 × 100
    assert (progress.status, progress.achieved) == (Status.ON_TRACK, pytest.approx(0.6))
