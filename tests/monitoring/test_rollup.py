"""The goal-tree roll-up: weights, missing data left out (not counted as 0), nested goals, the arithmetic
written out, and a fixed number of queries whatever the size of the tree."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.dashboard import dashboard, indicators_of_goal, indicators_of_measure
from teilhabe.monitoring.models import Direction, Indicator
from teilhabe.monitoring.progress import Status
from teilhabe.monitoring.rollup import MEASURE_STATUS_RULES, rollup
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Goal, Measure, NormalisedStatus, StatusOption

from .conftest import row

TARGET = {"baseline_value": Decimal("20"), "baseline_period": "2018", "target_value": Decimal("30"),
          "target_period": "2028", "direction": Direction.INCREASE}


def _indicator(actor: Actor, edition: Edition, key: str, **values: Any) -> Indicator:
    return services.create_indicator(actor=actor, municipality=edition.municipality, values={
        "key": key, "name": key.capitalize(), "kind": "success", **values})


def _status(actor: Actor, measure: Measure, normalised: str) -> None:
    plan_services.update_measure(actor=actor, measure=measure, expected_version=measure.version, values={
        "status": StatusOption.objects.get(normalised=normalised)})


@pytest.fixture
def tree(coord_actor: Actor, stat_actor: Actor, edition: Edition) -> dict[str, Any]:
    """Handlungsziel "Sprachkurse für Eltern": indicator A (weight 2, 60 % of the way), indicator B (weight 1,
    no values yet), measure "Mama lernt Deutsch" in Umsetzung. Its Teilziel: "Hausaufgabenhilfe" umgesetzt."""
    hand = Goal.objects.get(title="Sprachkurse für Eltern")
    a = _indicator(coord_actor, edition, "kursteilnahme", goals=[hand], weight=Decimal(2), **TARGET)
    b = _indicator(coord_actor, edition, "abschluesse", goals=[hand], **TARGET)
    services.write_observations(actor=stat_actor, indicator=a, label="Kurse.csv", rows=[
        row("2018", 20), row("2023", 26), row("2023", 14, {"sex": "female"})])
    _status(coord_actor, Measure.objects.get(title="Mama lernt Deutsch"), NormalisedStatus.IN_PROGRESS)
    _status(coord_actor, Measure.objects.get(title="Hausaufgabenhilfe"), NormalisedStatus.COMPLETED)
    return {"a": a, "b": b, "hand": hand}


def test_weights_missing_data_and_nested_goals(tree: dict[str, Any], edition: Edition) -> None:
    result = rollup(edition)
    hand = result.goals[tree["hand"].pk]
    parts = {p.label: p for p in hand.parts}
    assert (parts["Kursteilnahme"].weight, parts["Kursteilnahme"].score) == (Decimal(2), Decimal("0.60"))
    assert parts["Kursteilnahme"].status == Status.ON_TRACK
    assert parts["Abschluesse"].score is None and not parts["Abschluesse"].counts  # missing, not 0
    assert "noch kein Wert" in parts["Abschluesse"].note
    assert (parts["Mama lernt Deutsch"].score, parts["Mama lernt Deutsch"].status_label) == (
        Decimal("0.5"), "in Umsetzung")
    assert hand.score == Decimal("0.57")  # (0,60×2 + 0,50×1) ÷ 3 = 0,566…
    assert hand.arithmetic == "(0,60×2 + 0,50×1) ÷ 3 = 0,57"
    teil = result.goals[hand.parent_id]  # type: ignore[index]
    assert [(p.kind, p.label, p.score) for p in teil.parts] == [
        ("measure", "Hausaufgabenhilfe", Decimal("1")), ("goal", "Sprachkurse für Eltern", Decimal("0.57"))]
    assert teil.arithmetic == "(1,00×1 + 0,57×1) ÷ 2 = 0,79"  # 0,785 rounded half up
    leit = result.goals[teil.parent_id]  # type: ignore[index]
    assert (leit.score, leit.percent, leit.arithmetic) == (Decimal("0.79"), 79, "(0,79×1) ÷ 1 = 0,79")
    bildung, arbeit = result.fields
    assert (bildung.score, arbeit.score) == (Decimal("0.79"), None)
    assert [g.title for g in result.goals_in_order()] == [
        "Bildungschancen verbessern", "Sprache fördern", "Sprachkurse für Eltern"]


def test_without_anything_to_count_a_goal_has_no_score_and_says_so(edition: Edition) -> None:
    result = rollup(edition)  # no indicators; the plan's measures are "geplant" (score 0, counted)
    hand = next(g for g in result.goals.values() if g.title == "Sprachkurse für Eltern")
    assert hand.arithmetic == "(0,00×1) ÷ 1 = 0,00"
    bildung = next(g for g in result.goals.values() if g.title == "Bildungschancen verbessern")
    assert [p.kind for p in bildung.parts] == ["goal"] and bildung.score == Decimal("0")
    empty = rollup(edition, measure_status={m.pk: NormalisedStatus.DISCONTINUED for m in Measure.objects.all()})
    leit = next(g for g in empty.goals.values() if g.title == "Bildungschancen verbessern")
    assert leit.score is None and leit.percent is None and "Nichts zu berechnen" in leit.arithmetic
    assert [p.note for p in leit.parts] == ["zählt nicht: keine Daten"]


def test_a_discontinued_measure_does_not_count_and_the_caller_may_supply_statuses(
        tree: dict[str, Any], edition: Edition) -> None:
    mama = Measure.objects.get(title="Mama lernt Deutsch")
    hand = rollup(edition, measure_status={mama.pk: NormalisedStatus.DISCONTINUED}).goals[tree["hand"].pk]
    assert hand.arithmetic == "(0,60×2) ÷ 2 = 0,60"
    assert MEASURE_STATUS_RULES[NormalisedStatus.DISCONTINUED].weight == 0
    done = rollup(edition, measure_status={mama.pk: NormalisedStatus.ROUTINE}).goals[tree["hand"].pk]
    assert done.arithmetic == "(0,60×2 + 1,00×1) ÷ 3 = 0,73"


def test_reached_indicators_count_as_one_and_a_goal_rolls_up_all_of_them(
        coord_actor: Actor, stat_actor: Actor, tree: dict[str, Any], edition: Edition) -> None:
    services.write_observations(actor=stat_actor, indicator=tree["b"], label="Abschlüsse", rows=[row("2024", 35)])
    hand = rollup(edition).goals[tree["hand"].pk]
    assert hand.arithmetic == "(0,60×2 + 1,00×1 + 0,50×1) ÷ 4 = 0,68"  # B reached: 1, not 1,5


def test_the_success_indicators_of_a_goal_a_measure_and_the_dashboard(tree: dict[str, Any], edition: Edition,
                                                                      coord_actor: Actor) -> None:
    mama = Measure.objects.get(title="Mama lernt Deutsch")
    _indicator(coord_actor, edition, "elternkurse", measures=[mama])
    _indicator(coord_actor, edition, "kontext")
    assert [(s.indicator.key, s.progress.status) for s in indicators_of_goal(tree["hand"])] == [
        ("kursteilnahme", Status.ON_TRACK), ("abschluesse", Status.NO_DATA)]
    assert [s.indicator.key for s in indicators_of_measure(mama)] == ["elternkurse"]
    groups = dashboard(edition)
    assert [(g.field.title if g.field else None, [r.indicator.key for r in g.rows]) for g in groups] == [
        ("Bildung und Sprachförderung", ["kursteilnahme", "abschluesse", "elternkurse"]),
        ("Ausbildung und Arbeitsmarkt", []), (None, ["kontext"])]
    kurs = next(r for r in groups[0].rows if r.indicator.key == "kursteilnahme")
    assert kurs.latest is not None and kurs.latest.value == Decimal("26")  # the total, not the women's 14


def _grow(actor: Actor, stat_actor: Actor, edition: Edition, n: int) -> None:
    """n more goals under the first field, each with a measure and an indicator with values."""
    field = edition.fields.order_by("pk").first()
    assert field is not None
    parent = None
    for i in range(n):
        goal = plan_services.create_goal(actor=actor, field=field, parent=parent, title=f"Ziel {i}")
        plan_services.create_measure(actor=actor, edition=edition, values={
            "title": f"Maßnahme {i}", "field": field, "goals": [goal]})
        indicator = _indicator(actor, edition, f"ind{i}-{goal.pk}", goals=[goal], **TARGET)
        services.write_observations(actor=stat_actor, indicator=indicator, label="x", rows=[
            row("2019", 21 + i), row("2022", 24 + i)])
        parent = goal if i % 2 == 0 else parent


def _queries(edition: Edition, read: Any) -> int:
    edition = Edition.objects.get(pk=edition.pk)  # nothing cached on the instance
    with CaptureQueriesContext(connection) as ctx:
        read(edition)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("read", [rollup, dashboard], ids=["rollup", "dashboard"])
def test_the_number_of_queries_does_not_grow_with_the_tree(coord_actor: Actor, stat_actor: Actor,
                                                           tree: dict[str, Any], edition: Edition, read: Any) -> None:
    before = _queries(edition, read)
    _grow(coord_actor, stat_actor, edition, 12)
    after = _queries(edition, read)
    assert after == before <= 6


def test_a_rate_on_a_goal_counts_with_the_value_computed_from_its_counts(
        coord_actor: Actor, stat_actor: Actor, edition: Edition, population: Indicator, foreigners: Indicator,
        foreign_share: Indicator) -> None:
    hand = Goal.objects.get(title="Sprachkurse für Eltern")
    services.update_indicator(actor=coord_actor, indicator=foreign_share, expected_version=foreign_share.version,
                              values={"goals": [hand], **TARGET, "baseline_value": Decimal(10),
                                      "target_value": Decimal(20)})
    services.write_observations(actor=stat_actor, indicator=population, label="p", rows=[row("2023", 1000)])
    services.write_observations(actor=stat_actor, indicator=foreigners, label="a", rows=[row("2023", 160)])
    parts = {p.label: p for p in rollup(edition).goals[hand.pk].parts}
    assert (parts["Ausländeranteil"].score, parts["Ausländeranteil"].status) == (Decimal("0.60"), Status.ON_TRACK)
