"""What the plan documents say: every attribute a council reads, formatted as the reader knows it, from a
fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.core.roles import Actor
from teilhabe.plans import services
from teilhabe.plans.documents import plan_document
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure
from tests.documents.conftest import DETAILED_TITLE

pytestmark = pytest.mark.django_db


def _measure(document, title):  # type: ignore[no-untyped-def]
    return next(m for f in document.fields for m in f.all_measures() if m.title == title)


def test_every_attribute_a_council_reads(detailed: Measure, edition: Edition) -> None:
    document = plan_document(edition)
    measure = _measure(document, DETAILED_TITLE)
    assert measure.reference == "1.4"
    assert measure.leads == ["Amt für Chancengleichheit"]
    assert measure.partners == ["Amt für Schule und Bildung", "Interkultureller Verein"]
    assert measure.target_groups == ["Eltern", "Kinder im Grundschulalter"]
    assert (measure.start, measure.end, measure.period) == ("16. März 2027", "laufend", "16. März 2027 – laufend")
    assert measure.cost == "18.000 €"
    assert (measure.funding, measure.status, measure.is_key_project) == ("Landesprogramm", "geplant", True)
    assert measure.indicators == ["Zahl der Teilnehmenden", "Zufriedenheit"]
    assert measure.gender_diversity_note == "Kinderbetreuung während des Cafés"
    rows = {a.label: a.value for a in measure.attributes()}
    assert rows["Federführung"] == "Amt für Chancengleichheit"
    assert rows["Zielgruppen"] == "Eltern; Kinder im Grundschulalter"
    assert rows["Schlüsselprojekt"] == "ja"
    assert rows["Erfolgsindikatoren"] == "Zahl der Teilnehmenden\nZufriedenheit"


def test_title_page_data(edition: Edition, coord_actor: Actor) -> None:
    services.update_edition(actor=coord_actor, edition=edition, expected_version=edition.version,
                            values={"council_reference": "Drucksache 0123/2024"})
    document = plan_document(Edition.objects.select_related("plan").get(pk=edition.pk))
    cover = {line.label: line.value for line in document.cover}
    assert document.title == document.plan_title == "Kommunaler Integrationsplan"
    assert cover["Kommune"] == "Heidelberg"
    assert cover["Ausgabe"] == edition.name
    assert cover["Status"] == "beschlossen"
    assert cover["beschlossen am"] == "14. März 2024"
    assert cover["Beschluss (Drucksache)"] == "Drucksache 0123/2024"
    assert not document.is_draft


def test_fields_in_order_with_the_goal_tree_and_level_names(plan: object, edition: Edition) -> None:
    document = plan_document(edition)
    assert [f.title for f in document.fields] == ["Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]
    bildung = document.fields[0]
    leit = bildung.goals[0]
    teil = leit.children[0]
    hand = teil.children[0]
    assert [(g.level_name, g.title) for g in (leit, teil, hand)] == [
        ("Leitziel", "Bildungschancen verbessern"), ("Teilziel", "Sprache fördern"),
        ("Handlungsziel", "Sprachkurse für Eltern")]
    assert [m.title for m in teil.measures] == ["Hausaufgabenhilfe"]
    assert [m.title for m in hand.measures] == ["Mama lernt Deutsch"]
    assert [m.title for m in bildung.measures] == ["Schulsozialarbeit"]  # under no goal
    headings = [(b.level, b.text) for b in document.blocks() if b.kind in ("heading", "measure")]
    assert (1, "Bildung und Sprachförderung") in headings
    assert (2, "Leitziel: Bildungschancen verbessern") in headings
    assert (4, "Handlungsziel: Sprachkurse für Eltern") in headings
    assert (5, "Mama lernt Deutsch") in headings


def test_a_measure_of_two_goals_is_described_once_and_named_under_the_other(
        edition: Edition, coord_actor: Actor) -> None:
    measure = Measure.objects.get(edition=edition, title="Mama lernt Deutsch")
    leit = Goal.objects.get(edition=edition, title="Bildungschancen verbessern")
    hand = Goal.objects.get(edition=edition, title="Sprachkurse für Eltern")
    services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                            values={"goals": [leit, hand]})
    document = plan_document(edition)
    described = [m.title for f in document.fields for m in f.all_measures()]
    assert described.count("Mama lernt Deutsch") == 1
    assert document.fields[0].goals[0].measures[0].title == "Mama lernt Deutsch"
    assert [r.heading for r in document.fields[0].goals[0].children[0].children[0].references] == [
        "Mama lernt Deutsch"]


def test_one_field_of_action(edition: Edition) -> None:
    arbeit = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    document = plan_document(edition, arbeit)
    assert [f.title for f in document.fields] == ["Ausbildung und Arbeitsmarkt"]
    assert [m.title for m in document.fields[0].all_measures()] == ["Ausbildungspatenschaften"]
    assert document.title == "Kommunaler Integrationsplan – Ausbildung und Arbeitsmarkt"
    assert document.subtitle == "Ausbildung und Arbeitsmarkt"


def test_dates_amounts_and_words_follow_the_language(detailed: Measure, edition: Edition, coord_actor: Actor) -> None:
    services.update_measure(actor=coord_actor, measure=detailed, expected_version=detailed.version, values={
        "cost_estimate": Decimal("12500.50"), "end_date": dt.date(2028, 12, 31)})
    german = _measure(plan_document(edition), DETAILED_TITLE)
    assert (german.cost, german.end) == ("12.500,50 €", "31. Dezember 2028")
    with translation.override("en"):
        document = plan_document(edition)
        english = _measure(document, DETAILED_TITLE)
    assert document.language == "en"
    assert (english.cost, english.start, english.end) == ("€12,500.50", "16 March 2027", "31 December 2028")


def test_a_draft_is_marked(edition: Edition, coord_actor: Actor) -> None:
    from teilhabe.plans.editions import start_new_edition

    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2027")
    document = plan_document(Edition.objects.select_related("plan").get(pk=draft.pk))
    assert document.is_draft
    assert {line.label: line.value for line in document.cover}["Status"] == "Entwurf"


def _queries(edition: Edition) -> int:
    fresh = Edition.objects.select_related("plan", "municipality").get(pk=edition.pk)
    with CaptureQueriesContext(connection) as context:
        document = plan_document(fresh)
        list(document.blocks())
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_plan(
        detailed: Measure, edition: Edition, coord_actor: Actor, amt: OrgUnit, other_amt: OrgUnit,
        verein: Organisation) -> None:
    small = _queries(edition)
    eltern = services.get_or_create_target_group(actor=coord_actor, municipality=edition.municipality, name="Eltern")
    for f in range(3):
        field = services.create_field(actor=coord_actor, edition=edition, title=f"Weiteres Feld {f}")
        goal = services.create_goal(actor=coord_actor, field=field, title=f"Ziel {f}")
        sub = services.create_goal(actor=coord_actor, field=field, parent=goal, title=f"Unterziel {f}")
        for m in range(10):
            services.create_measure(actor=coord_actor, edition=edition, values={
                "title": f"Maßnahme {f}.{m}", "field": field, "goals": [sub, goal], "lead_organisation": verein,
                "partner_org_units": [amt, other_amt], "partner_organisations": [verein], "target_groups": [eltern],
                "cost_estimate": Decimal(m * 1000), "start_date": dt.date(2026, 1, 1),
            })
    assert plan_document(edition).measure_count == 35
    assert _queries(edition) == small


def test_shared_leads_contact_first_and_the_note(detailed: Measure, edition: Edition, coord_actor: Actor,
                                                 verein: Organisation) -> None:
    from tests.factories import OrgUnitFactory

    bildungsbuero = OrgUnitFactory(municipality=edition.municipality, name="Bildungsbüro")
    services.update_measure(actor=coord_actor, measure=detailed, expected_version=detailed.version, values={
        "co_lead_org_units": [bildungsbuero], "partner_organisations": [],
        "co_lead_organisations": [verein], "responsibility_note": "initiiert vom Bildungsbüro"})
    measure = _measure(plan_document(edition), DETAILED_TITLE)
    assert measure.leads == ["Amt für Chancengleichheit", "Bildungsbüro", "Interkultureller Verein"]
    assert measure.leads == [lead.name for lead in Measure.objects.get(pk=detailed.pk).leads]
    rows = [(a.label, a.value) for a in measure.attributes()]
    assert rows[1] == ("Federführung", "Amt für Chancengleichheit (Ansprechstelle)\nBildungsbüro\n"
                                       "Interkultureller Verein")
    assert rows[2] == ("Anmerkung zur Zuständigkeit", "initiiert vom Bildungsbüro")
