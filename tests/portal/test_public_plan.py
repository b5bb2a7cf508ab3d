"""The plan in public: the plans in force with their fields, a field's goal tree as nested lists, a measure's
page with what the public may see (and nothing internal), links to published reports, 404 for drafts and
other municipalities, and a fixed number of queries whatever the size of the plan."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.plans import services as plan_services
from teilhabe.plans.editions.copy import start_new_edition
from teilhabe.plans.models import FieldOfAction, Goal, Measure, TargetGroup
from tests.conftest import build_small_plan
from tests.factories import OrganisationFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


def _url(name: str, municipality: Any, **kw: Any) -> str:
    return reverse(f"portal:{name}", kwargs={"municipality": municipality.slug, **kw})


def _get(visitor: Any, url: str, language: str = "de") -> str:
    visitor.cookies["teilhabe_sprache"] = language
    response = visitor.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_overview_lists_the_plan_in_force(visitor, municipality, plan):
    html = _get(visitor, _url("plan_overview", municipality))
    assert "Kommunaler Integrationsplan" in html
    bildung = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    assert _url("plan_field", municipality, pk=bildung.pk) in html
    assert "3 Maßnahmen" in html and "1 Maßnahme" in html
    # linked from the start page and the header
    home = _get(visitor, _url("home", municipality))
    assert home.count(_url("plan_overview", municipality)) == 2


def test_without_an_adopted_edition_there_is_no_plan_to_show(visitor, municipality, coord_actor):
    plan_services.create_plan(actor=coord_actor, municipality=municipality, title="Geheimer Entwurf")
    html = _get(visitor, _url("plan_overview", municipality))
    assert "Geheimer Entwurf" not in html
    assert "noch keinen Integrationsplan beschlossen" in html


def test_field_page_shows_the_goal_tree_as_nested_lists(visitor, municipality, plan):
    bildung = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    html = _get(visitor, _url("plan_field", municipality, pk=bildung.pk))
    tree = html[html.index('id="zielbaum"'):]
    # Leitziel > Teilziel > Handlungsziel, each a list inside its parent's item
    leit, teil, hand = (tree.index(t) for t in ("Bildungschancen verbessern", "Sprache fördern",
                                                "Sprachkurse für Eltern"))
    assert leit < teil < hand
    assert tree[:hand].count('<ul class="public-plan__goals">') == 3
    assert "Leitziel:" in tree and "Teilziel:" in tree and "Handlungsziel:" in tree
    mama = Measure.objects.get(title="Mama lernt Deutsch")
    assert _url("plan_measure", municipality, pk=mama.pk) in tree
    assert "Schulsozialarbeit" in html[html.index('id="weitere-massnahmen"'):]  # linked to no goal


def test_measure_page_shows_public_facts_and_nothing_internal(visitor, municipality, plan, coord_actor, amt):
    measure = Measure.objects.get(title="Hausaufgabenhilfe")
    group = TargetGroup.objects.create(municipality=municipality, name="Schülerinnen und Schüler")
    plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version, values={
        "description": "Lernhilfe am Nachmittag.", "target_groups": [group],
        "start_date": dt.date(2024, 9, 1), "end_date": dt.date(2026, 7, 31),
        "indicators": ["Zahl der Kinder"], "links": [{"title": "Mehr lesen", "url": "https://example.org/x"}],
        "responsibility_note": "GEHEIM-Zustaendigkeit", "funding": "GEHEIM-Finanzierung",
        "cost_estimate": "12345.67", "gender_diversity_note": "GEHEIM-Gender", "progress": "GEHEIM-Sachstand",
    })
    html = _get(visitor, _url("plan_measure", municipality, pk=measure.pk))
    for shown in ("Hausaufgabenhilfe", "Lernhilfe am Nachmittag.", "Amt für Schule und Bildung",
                  "Amt für Chancengleichheit", "Schülerinnen und Schüler", "Zahl der Kinder", "Mehr lesen",
                  "Bildung und Sprachförderung", "Sprache fördern", "1. September 2024"):
        assert shown in html, shown
    assert "GEHEIM" not in html and "12345" not in html and "12.345" not in html
    assert "Status" in html


def test_status_is_the_municipalitys_word_with_its_meaning(visitor, municipality, plan, coord_actor):
    measure = Measure.objects.get(title="Hausaufgabenhilfe")
    option = plan_services.create_status_option(actor=coord_actor, municipality=municipality,
                                                label="läuft gut", normalised="in_progress")
    plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                 values={"status": option})
    html = _get(visitor, _url("plan_measure", municipality, pk=measure.pk))
    assert "läuft gut (in Umsetzung)" in html


def test_drafts_archives_and_other_municipalities_are_404(visitor, municipality, other_municipality, plan,
                                                         coord_actor, foreign_user):
    edition = plan.editions.get()
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung")
    draft_measure = Measure.objects.filter(edition=draft).first()
    draft_field = FieldOfAction.objects.filter(edition=draft).first()
    assert visitor.get(_url("plan_measure", municipality, pk=draft_measure.pk)).status_code == 404
    assert visitor.get(_url("plan_field", municipality, pk=draft_field.pk)).status_code == 404
    with municipality_scope(other_municipality):
        amt = OrgUnitFactory(municipality=other_municipality, name="Amt A")
        other = OrgUnitFactory(municipality=other_municipality, name="Amt B")
        verein = OrganisationFactory(municipality=other_municipality, name="Verein")
        build_small_plan(actor_for(foreign_user, other_municipality), other_municipality, amt, other, verein)
        foreign = Measure.objects.filter(municipality=other_municipality).first()
        foreign_field = FieldOfAction.objects.filter(municipality=other_municipality).first()
    assert visitor.get(_url("plan_measure", municipality, pk=foreign.pk)).status_code == 404
    assert visitor.get(_url("plan_field", municipality, pk=foreign_field.pk)).status_code == 404
    assert visitor.get(_url("plan_measure", other_municipality, pk=foreign.pk)).status_code == 200


def _grow(municipality: Any, coord_actor: Any, n: int) -> None:
    field = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    edition = field.edition
    goal = Goal.objects.get(title="Sprache fördern")
    for i in range(n):
        sub = plan_services.create_goal(actor=coord_actor, field=field, parent=goal, title=f"Ziel {i}")
        plan_services.create_measure(actor=coord_actor, edition=edition, values={
            "title": f"Maßnahme {i}", "field": field, "goals": [sub, goal],
            "partner_org_units": [OrgUnitFactory(municipality=municipality, name=f"Partner {i}")],
        })


def _queries(visitor: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        _get(visitor, url)
    return len(queries)


def test_plan_pages_run_a_fixed_number_of_queries(visitor, municipality, plan, coord_actor):
    field = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    measure = Measure.objects.get(title="Hausaufgabenhilfe")
    urls = [_url("plan_overview", municipality), _url("plan_field", municipality, pk=field.pk),
            _url("plan_measure", municipality, pk=measure.pk)]
    before = [_queries(visitor, u) for u in urls]
    _grow(municipality, coord_actor, 15)
    Measure.objects.filter(pk=measure.pk).update()
    measure.refresh_from_db()
    plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version, values={
        "partner_org_units": list(OrgUnitFactory.create_batch(5, municipality=municipality)),
        "goals": list(Goal.objects.filter(field=field))})
    after = [_queries(visitor, u) for u in urls]
    assert after == before, (before, after)
    assert max(after) <= 12


def test_arabic_reader_sees_german_plan_content_marked_as_german(visitor, municipality, plan):
    municipality.languages = ["de", "ar"]
    municipality.save()
    measure = Measure.objects.get(title="Hausaufgabenhilfe")
    html = _get(visitor, _url("plan_measure", municipality, pk=measure.pk), "ar")
    assert re.search(r'<html lang="ar" dir="rtl"', html)
    assert re.search(r'<span lang="de" dir="ltr">Hausaufgabenhilfe</span>', html)
