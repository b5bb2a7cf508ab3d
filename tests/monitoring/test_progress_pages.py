"""The back office's progress pages: the goal-tree roll-up with its "So berechnet" disclosure, the dashboard per
field of action, one field, and the success indicators on the measure and goal pages — for every role that may
view the monitoring, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.backoffice.monitoring import progress as progress_views
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor, Role
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Direction, Indicator
from teilhabe.plans import services as plan_services
from teilhabe.plans.editions.copy import start_new_edition
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, NormalisedStatus, StatusOption

from .conftest import row

TARGET = {"baseline_value": Decimal("20"), "baseline_period": "2018", "target_value": Decimal("30"),
          "target_period": "2028", "direction": Direction.INCREASE}


@pytest.fixture
def monitored(coord_actor: Actor, stat_actor: Actor, edition: Edition) -> dict[str, Any]:
    hand = Goal.objects.get(title="Sprachkurse für Eltern")
    mama = Measure.objects.get(title="Mama lernt Deutsch")
    kurs = services.create_indicator(actor=coord_actor, municipality=edition.municipality, values={
        "key": "kursteilnahme", "name": "Teilnahme an Elternkursen", "kind": "success", "goals": [hand],
        "measures": [mama], "weight": Decimal(2), "unit_label": "Personen", **TARGET})
    services.write_observations(actor=stat_actor, indicator=kurs, label="Kurse.csv", rows=[
        row("2018", 20), row("2023", 26)])
    services.create_indicator(actor=coord_actor, municipality=edition.municipality, values={
        "key": "einbuergerung", "name": "Einbürgerungsquote", "fields": [hand.field]})
    plan_services.update_measure(actor=coord_actor, measure=mama, expected_version=mama.version, values={
        "status": StatusOption.objects.get(normalised=NormalisedStatus.IN_PROGRESS)})
    return {"goal": hand, "measure": mama, "indicator": kurs}


def _url(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.FACHSTELLE, Role.LESEND, Role.STATISTIK])
def test_every_role_that_views_the_monitoring_sees_the_rollup(
        role: Role, monitored: dict[str, Any], municipality: Municipality, make_member: Callable[..., User],
        client_for: Callable[[User | None], Any]) -> None:
    client = client_for(make_member(municipality, role, f"u-{role.value}"))
    page = client.get(_url("monitoring_rollup", municipality)).content.decode()
    assert "So berechnet" in page and f'id="g-{monitored["goal"].pk}"' in page
    assert "(0,60×2 + 0,50×1) ÷ 3 = 0,57" in page  # Handlungsziel: indicator and measure
    assert "(0,00×1 + 0,57×1) ÷ 2 = 0,29" in page  # Teilziel: Hausaufgabenhilfe geplant (0), Handlungsziel
    assert "57 % erreicht" in page and "auf Kurs" in page and "60 % des Weges bei 50 % der Zeit" in page


def test_the_dashboard_shows_each_fields_indicators_with_status_in_words(
        monitored: dict[str, Any], municipality: Municipality, lesend: User, coord_actor: Actor,
        client_for: Callable[[User | None], Any]) -> None:
    services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "abschluesse", "name": "Schulabschlüsse", "goals": [monitored["goal"]], **TARGET})
    page = client_for(lesend).get(_url("monitoring_dashboard", municipality)).content.decode()
    bildung = page.index("Bildung und Sprachförderung")
    assert bildung < page.index("Teilnahme an Elternkursen") < page.index("Ausbildung und Arbeitsmarkt")
    assert "Einbürgerungsquote" in page and "ohne Zielvorgabe (Beobachtung)" in page  # context: no status
    assert "Schulabschlüsse" in page and "kern-icon--question-mark" in page  # a target, no value yet
    assert "keine Daten" in page and "noch kein Wert nach dem Ausgangsjahr" in page
    assert "26 Personen" in page and "auf Kurs" in page and "kern-icon--check" in page


def test_one_field_of_action(monitored: dict[str, Any], municipality: Municipality, fachstelle: User,
                             client_for: Callable[[User | None], Any]) -> None:
    field = monitored["goal"].field
    page = client_for(fachstelle).get(_url("field_monitoring", municipality, pk=field.pk)).content.decode()
    assert field.title in page and "Teilnahme an Elternkursen" in page and "So berechnet" in page
    assert "Zielerreichung des Handlungsfelds: 29 %" in page


def test_a_draft_field_is_hidden_from_those_who_may_not_see_the_draft(
        coord_actor: Actor, edition: Edition, municipality: Municipality, lesend: User, koordination: User,
        client_for: Callable[[User | None], Any]) -> None:
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2027")
    field = FieldOfAction.objects.filter(edition=draft).first()
    assert field is not None
    url = _url("field_monitoring", municipality, pk=field.pk)
    assert client_for(lesend).get(url).status_code == 404
    assert client_for(koordination).get(url).status_code == 200
    assert client_for(lesend).get(_url("field_monitoring", municipality, pk=10**9)).status_code == 404


def test_measure_and_goal_pages_show_their_success_indicators(
        monitored: dict[str, Any], municipality: Municipality, koordination: User, fachstelle: User,
        client_for: Callable[[User | None], Any]) -> None:
    measure_page = client_for(fachstelle).get(
        _url("measure_detail", municipality, pk=monitored["measure"].pk)).content.decode()
    assert "Erfolgsindikatoren im Monitoring" in measure_page and "Teilnahme an Elternkursen" in measure_page
    assert "auf Kurs" in measure_page
    goal_page = client_for(koordination).get(
        _url("goal_edit", municipality, pk=monitored["goal"].pk)).content.decode()
    assert "Teilnahme an Elternkursen" in goal_page and f"#g-{monitored['goal'].pk}" in goal_page


def test_an_edition_without_a_plan_says_so(municipality: Municipality, koordination: User,
                                          client_for: Callable[[User | None], Any]) -> None:
    client = client_for(koordination)
    assert "noch keinen Plan" in client.get(_url("monitoring_rollup", municipality)).content.decode()
    page = client.get(_url("monitoring_dashboard", municipality)).content.decode()
    assert "Noch keine Indikatoren." in page
    assert client.get(_url("monitoring_rollup", municipality) + "?ausgabe=x").status_code == 404


def _grow(actor: Actor, stat_actor: Actor, edition: Edition, n: int) -> None:
    field = FieldOfAction.objects.filter(edition=edition).order_by("pk").first()
    assert field is not None
    parent = None
    for i in range(n):
        goal = plan_services.create_goal(actor=actor, field=field, parent=parent, title=f"Ziel {i}")
        measure = plan_services.create_measure(actor=actor, edition=edition, values={
            "title": f"Maßnahme {i}", "field": field, "goals": [goal]})
        indicator = services.create_indicator(actor=actor, municipality=edition.municipality, values={
            "key": f"ind-{i}", "name": f"Indikator {i}", "goals": [goal], "measures": [measure], **TARGET})
        services.write_observations(actor=stat_actor, indicator=indicator, label="x", rows=[
            row("2019", 21 + i), row("2022", 24 + i)])
        parent = goal if i % 2 else parent


@pytest.mark.parametrize("name", ["monitoring_rollup", "monitoring_dashboard", "field_monitoring"])
def test_the_pages_run_a_fixed_number_of_queries(
        name: str, monitored: dict[str, Any], coord_actor: Actor, stat_actor: Actor, edition: Edition,
        municipality: Municipality, lesend: User, client_for: Callable[[User | None], Any]) -> None:
    client = client_for(lesend)
    kwargs = {"pk": FieldOfAction.objects.filter(edition=edition).order_by("pk").first().pk} \
        if name == "field_monitoring" else {}  # type: ignore[union-attr]
    url = _url(name, municipality, **kwargs)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    _grow(coord_actor, stat_actor, edition, 10)
    assert Indicator.objects.count() == 12
    assert count() == before


def test_a_large_plan_shows_each_fields_result_and_links_to_its_tree(
        monitored: dict[str, Any], municipality: Municipality, lesend: User,
        client_for: Callable[[User | None], Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_views, "WHOLE_TREE_UP_TO", 2)
    page = client_for(lesend).get(_url("monitoring_rollup", municipality)).content.decode()
    field = monitored["goal"].field
    assert "Der Plan hat 3 Ziele." in page and "rollup-how" not in page
    assert _url("field_monitoring", municipality, pk=field.pk) in page
    assert "Zielbaum von „Bildung und Sprachförderung“ mit Berechnung (3 Ziele)" in page
    assert "Handlungsfeld insgesamt: 29 % erreicht" in page
