"""Gemeinsame Federführung: a measure led by several offices or organisations, the first named being the
contact. Service rules, who may edit, „Meine Maßnahmen“, the lead filter, editions, form, page and API."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from teilhabe.core.guard import NotAllowed
from teilhabe.core.models import AuditEntry
from teilhabe.core.services import ServiceError
from teilhabe.core.tenancy import actor_for
from teilhabe.plans import selectors, services
from teilhabe.plans.editions import compare_editions, start_new_edition
from teilhabe.plans.models import Measure
from teilhabe.plans.permissions import EDIT_MEASURE
from tests.backoffice.measure_form import form_data


@pytest.fixture
def shared(coord_actor, foreign_measure, amt, verein) -> Measure:
    """„Schulsozialarbeit“, led by the other office, now jointly with the Fachstelle's office and a club."""
    return services.update_measure(actor=coord_actor, measure=foreign_measure,
                                   expected_version=foreign_measure.version, values={
                                       "co_lead_org_units": [amt], "co_lead_organisations": [verein],
                                       "responsibility_note": "initiiert vom Bildungsbüro"})


def fresh(measure: Measure) -> Measure:
    return selectors.measures_of(measure.municipality).get(pk=measure.pk)


def test_leads_are_listed_contact_first(shared, amt, other_amt, verein):
    measure = fresh(shared)
    assert measure.lead == other_amt
    assert measure.leads == [other_amt, amt, verein]
    assert measure.lead_names == f"{other_amt.name}; {amt.name}; {verein.name}"
    entry = AuditEntry.objects.filter(object_type="plans.measure", object_id=shared.pk).order_by("-at", "-pk")[0]
    assert set(entry.changes) == {"co_lead_org_units", "co_lead_organisations", "responsibility_note"}


def test_co_leads_need_a_contact_and_do_not_repeat_it(coord_actor, edition, own_measure, amt, other_amt):
    field = own_measure.field
    with pytest.raises(ServiceError, match="zuerst die Stelle"):
        services.create_measure(actor=coord_actor, edition=edition, values={
            "title": "Ohne Ansprechstelle", "field": field, "co_lead_org_units": [amt]})
    with pytest.raises(ServiceError, match="schon als erstgenannte"):
        services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                values={"co_lead_org_units": [amt, other_amt]})
    # removing the contact while co-leads remain is refused too: the rule looks at all leads together
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"co_lead_org_units": [other_amt]})
    own_measure.refresh_from_db()
    with pytest.raises(ServiceError, match="zuerst die Stelle"):
        services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                values={"lead_org_unit": None})
    assert Measure.objects.filter(title="Ohne Ansprechstelle").count() == 0


def test_a_co_leading_office_may_edit_but_not_change_the_leads(shared, fachstelle, municipality, other_amt):
    actor = actor_for(fachstelle, municipality)
    measure = fresh(shared)
    assert actor.can(EDIT_MEASURE, measure)
    updated = services.update_measure(actor=actor, measure=measure, expected_version=measure.version,
                                      values={"description": "Sachstand vom Amt"})
    assert updated.description == "Sachstand vom Amt"
    measure = fresh(shared)
    with pytest.raises(NotAllowed):
        services.update_measure(actor=actor, measure=measure, expected_version=measure.version,
                                values={"co_lead_org_units": []})


def test_my_measures_and_the_lead_filter_count_co_leads(shared, fachstelle, municipality, edition, amt, verein):
    mine = selectors.my_measures(actor_for(fachstelle, municipality), edition)
    rows = {row.title: row for row in [*mine.attention, *mine.others]}
    assert rows["Schulsozialarbeit"].is_lead
    assert not rows["Hausaufgabenhilfe"].is_lead  # a partner only
    led_by_amt = selectors.measure_list(edition, selectors.MeasureFilters(lead=f"u{amt.pk}")).items
    assert {m.title for m in led_by_amt} == {"Mama lernt Deutsch", "Schulsozialarbeit"}
    led_by_verein = selectors.measure_list(edition, selectors.MeasureFilters(lead=f"o{verein.pk}")).items
    assert {m.title for m in led_by_verein} == {"Ausbildungspatenschaften", "Schulsozialarbeit"}


def test_a_new_edition_keeps_the_shared_leads_and_the_comparison_names_them(shared, coord_actor, edition, verein):
    new = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    copy = fresh(Measure.objects.get(edition=new, title="Schulsozialarbeit"))
    assert [lead.name for lead in copy.leads] == [lead.name for lead in fresh(shared).leads]
    assert copy.responsibility_note == "initiiert vom Bildungsbüro"
    services.update_measure(actor=coord_actor, measure=copy, expected_version=copy.version,
                            values={"co_lead_organisations": []})
    change = compare_editions(edition, new).measures.changed[0]
    assert [(c.label, c.old, c.new) for c in change.changes] == [
        ("Gemeinsame Federführung (Organisationen)", [verein.name], None)]


def test_the_form_saves_and_the_page_shows_the_shared_leads(client_for, koordination, own_measure, other_amt, verein):
    client = client_for(koordination)
    edit = reverse("backoffice:measure_edit", kwargs={"municipality": "heidelberg", "pk": own_measure.pk})
    refused = client.post(edit, form_data(own_measure, co_leads=[f"u{own_measure.lead_org_unit_id}"]))
    assert refused.status_code == 200
    assert "nicht noch einmal zu wählen" in refused.content.decode()
    response = client.post(edit, form_data(own_measure, co_leads=[f"u{other_amt.pk}", f"o{verein.pk}"],
                                           responsibility_note="gemeinsam mit dem Schulamt"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Ansprechstelle" in page and other_amt.name in page and verein.name in page
    assert "gemeinsam mit dem Schulamt" in page
    measure = fresh(own_measure)
    assert measure.leads == [measure.lead_org_unit, other_amt, verein]


def test_the_api_reads_and_writes_shared_leads(client_for, koordination, own_measure, other_amt):
    client = client_for(koordination)
    path = f"/api/v1/heidelberg/measures/{own_measure.pk}"
    response = client.patch(path, json.dumps({"version": own_measure.version, "co_lead_org_unit_ids": [other_amt.pk],
                                              "responsibility_note": "Schulamt koordiniert"}),
                            content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert [lead["name"] for lead in data["leads"]] == [own_measure.lead_org_unit.name, other_amt.name]
    assert data["co_lead_org_units"] == [{"id": other_amt.pk, "name": other_amt.name}]
    assert data["responsibility_note"] == "Schulamt koordiniert"
    listed = client.get("/api/v1/heidelberg/measures", {"lead": f"u{other_amt.pk}"}).json()
    assert own_measure.pk in {item["id"] for item in listed["items"]}
    refused = client.patch(path, json.dumps({"version": data["version"], "lead_org_unit_id": None,
                                             "lead_organisation_id": None}), content_type="application/json")
    assert refused.status_code == 400
    assert "zuerst die Stelle" in refused.json()["detail"]
    assert fresh(own_measure).lead_org_unit_id is not None
