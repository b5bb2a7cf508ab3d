"""The indicator page in a real browser, as Koordination: the breakdown selector switches to „nach Geschlecht“
(a GET form, no JavaScript needed), the table follows, and the page has no WCAG 2.1 A/AA violation (axe-core),
no CSP refusal, and reflows at phone width."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Direction, Unit
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_indicator_page_breakdown_by_sex(page: Any, csp_violations: list[str], municipality: Municipality,
                                         koordination: User, coord_actor: Actor) -> None:
    from bench.monitoring_page import fill_indicator

    from teilhabe.core.tenancy import municipality_scope

    with municipality_scope(municipality):
        indicator = services.create_indicator(actor=coord_actor, municipality=municipality, values={
            "key": "einwohner", "name": "Einwohnerinnen und Einwohner", "unit": Unit.COUNT,
            "unit_label": "Personen", "dimensions": ["sex"], "baseline_value": 78000, "baseline_period": "2015",
            "target_value": 90000, "target_period": "2030", "direction": Direction.INCREASE})
        fill_indicator(coord_actor, indicator, years=8, first_year=2015)
        services.add_series_break(actor=coord_actor, indicator=indicator, period="2022", note="Zensus 2022")
    log_in(page, koordination.username)
    page.goto(reverse("backoffice:indicator_detail", kwargs={"municipality": municipality.slug, "pk": indicator.pk}))
    table = page.locator("table.indicator-values")
    assert table.locator("thead th").all_inner_texts() == ["Periode", "insgesamt"]
    assert_accessible(page)

    page.get_by_label("Aufgliederung", exact=True).select_option(label="nach Geschlecht")
    with page.expect_navigation():
        page.get_by_role("button", name="Anzeigen").click()
    assert "nach=sex" in page.url
    assert table.locator("thead th").all_inner_texts() == ["Periode", "insgesamt", "weiblich", "männlich"]
    assert "nach Geschlecht" in table.locator("caption").inner_text()
    assert page.get_by_label("Aufgliederung", exact=True).input_value() == "sex"
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate(NO_HORIZONTAL_SCROLL), page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert_accessible(page)
    assert csp_violations == []


def test_the_other_monitoring_pages_are_accessible(page: Any, csp_violations: list[str], municipality: Municipality,
                                                   koordination: User, coord_actor: Actor, plan: Any) -> None:
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.monitoring import catalogue

    with municipality_scope(municipality):
        catalogue.adopt_catalogue(coord_actor, municipality, ["arbeitslosenquote"])
        services.create_category(actor=coord_actor, municipality=municipality, dimension="age", code="u18",
                                 label="unter 18 Jahre", aliases=["u18"])
    log_in(page, koordination.username)
    m = municipality.slug
    from teilhabe.monitoring.models import Indicator

    with municipality_scope(municipality):
        rate = Indicator.objects.get(key="arbeitslosenquote")
        count = Indicator.objects.get(key="arbeitslose")
    for name, kwargs in (("indicator_list", {}), ("indicator_catalogue", {}), ("category_list", {}),
                         ("category_create", {}), ("indicator_create", {}), ("rate_create", {}),
                         ("indicator_edit", {"pk": rate.pk}), ("indicator_detail", {"pk": rate.pk}),
                         ("indicator_break_add", {"pk": count.pk}), ("indicator_delete", {"pk": count.pk})):
        page.goto(reverse(f"backoffice:{name}", kwargs={"municipality": m, **kwargs}))
        assert page.locator("h1").count() == 1, name
        assert_accessible(page)
    assert csp_violations == []
