"""„Meine Maßnahmen“: a Fachstelle's start page with the measures its units and organisations lead or partner
in, what needs attention first; the measure list's „Federführung oder Partner“ filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.core.models import AuditEntry, OrgUnit
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import actor_for
from teilhabe.plans import selectors, services
from teilhabe.plans.editions import start_new_edition
from teilhabe.plans.models import Edition, FieldOfAction, Measure, NormalisedStatus, StatusOption
from teilhabe.plans.selectors import STALE_AFTER_MONTHS, Attention

STALE_TEXT = f"Status seit über {STALE_AFTER_MONTHS} Monaten nicht aktualisiert"


def html(response) -> str:
    return response.content.decode()


def rows(response) -> dict[str, selectors.MyMeasureRow]:
    mine = response.context["mine"]
    return {row.title: row for row in [*mine.attention, *mine.others]}


def complete(actor, measure: Measure) -> Measure:
    """Give a measure an end date and indicators: nothing left but (maybe) an old status."""
    return services.update_measure(actor=actor, measure=measure, expected_version=measure.version, values={
        "end_date": dt.date(2030, 12, 31), "indicators": ["Teilnehmende je Kurs"]})


def age(measure: Measure, months: int) -> None:
    """Move the measure's whole history back by `months` (and a day)."""
    then = selectors.months_before(timezone.now(), months) - dt.timedelta(days=1)
    AuditEntry.objects.filter(object_type="plans.measure", object_id=measure.pk).update(at=then)


# --- landing ----------------------------------------------------------------------------------------------


def test_fachstelle_lands_on_my_measures(client_for, fachstelle, plan, url):
    client = client_for(fachstelle)
    response = client.get(url("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == url("my_measures")
    # the edition asked for goes along
    edition = plan.editions.get()
    assert client.get(url("dashboard", ausgabe=edition.pk))["Location"] == url("my_measures", ausgabe=edition.pk)
    # the overview is still one link away
    overview = client.get(url("dashboard", uebersicht=1))
    assert overview.status_code == 200
    assert "Maßnahmen nach Handlungsfeld und Stand" in html(overview)
    page = client.get(url("my_measures"))
    assert f'href="{url("dashboard")}?uebersicht=1' in html(page)


@pytest.mark.parametrize("role", ["koordination", "lesend"])
def test_other_roles_keep_the_dashboard(client_for, plan, url, role, request):
    response = client_for(request.getfixturevalue(role)).get(url("dashboard"))
    assert response.status_code == 200
    assert response.templates[0].name == "backoffice/dashboard.html"


def test_menu_offers_my_measures_to_members_with_units(client_for, fachstelle, koordination, plan, url):
    page = html(client_for(fachstelle).get(url("my_measures")))
    assert f'href="{url("my_measures")}" aria-current="page">Meine Maßnahmen</a>' in page
    assert f'href="{url("dashboard")}?uebersicht=1">Übersicht</a>' in page  # not back to the redirect
    coordination = html(client_for(koordination).get(url("dashboard")))
    assert "Meine Maßnahmen" not in coordination  # no unit, no organisation: nothing of its own


# --- what is listed ------------------------------------------------------------------------------------------


def test_lists_exactly_what_the_units_lead_or_partner_in(client_for, fachstelle, own_measure, foreign_measure, url):
    response = client_for(fachstelle).get(url("my_measures"))
    assert response.status_code == 200
    found = rows(response)
    assert set(found) == {"Mama lernt Deutsch", "Hausaufgabenhilfe"}
    assert found["Mama lernt Deutsch"].is_lead
    assert not found["Hausaufgabenhilfe"].is_lead
    page = html(response)
    assert "Schulsozialarbeit" not in page
    assert '<span class="role-badge role-badge--lead">federführend</span>' in page
    assert '<span class="role-badge role-badge--partner">Partner</span>' in page
    # link to the measure and to its edit form (the Fachstelle edits in the adopted edition)
    assert f'href="{url("measure_detail", pk=own_measure.pk)}"' in page
    assert f'href="{url("measure_edit", pk=own_measure.pk)}"' in page
    assert f'href="{url("measure_edit", pk=foreign_measure.pk)}"' not in page


def test_sub_units_and_organisations_count(client_for, make_member, municipality, coord_actor, plan, amt, verein,
                                           url):
    abteilung = OrgUnit.objects.create(municipality=municipality, name="Abteilung Sprache", parent=amt)
    edition = plan.editions.get()
    arbeit = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    services.create_measure(actor=coord_actor, edition=edition, values={
        "title": "Sprachcafé", "field": arbeit, "lead_org_unit": abteilung, "partner_organisations": [verein]})
    fachstelle = make_member(municipality, Role.FACHSTELLE, "amtsfachstelle", org_units=(amt,))
    assert set(rows(client_for(fachstelle).get(url("my_measures")))) == {
        "Mama lernt Deutsch", "Hausaufgabenhilfe", "Sprachcafé"}
    vereinsstelle = make_member(municipality, Role.FACHSTELLE, "vereinsstelle", organisations=(verein,))
    found = rows(client_for(vereinsstelle).get(url("my_measures")))
    assert set(found) == {"Ausbildungspatenschaften", "Sprachcafé"}
    assert found["Ausbildungspatenschaften"].is_lead and not found["Sprachcafé"].is_lead


def test_member_without_units_is_told_why_the_page_is_empty(client_for, make_member, municipality, plan, url):
    nobody = make_member(municipality, Role.FACHSTELLE, "ohnestelle")
    response = client_for(nobody).get(url("my_measures"))
    assert response.status_code == 200
    assert "Ihnen ist noch keine Stelle zugeordnet" in html(response)


def test_fachstelle_works_on_the_adopted_edition_not_the_draft(client_for, fachstelle, coord_actor, edition, url):
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    response = client_for(fachstelle).get(url("my_measures"))
    assert response.context["edition"] == edition
    adopted_ids = set(Measure.objects.filter(edition=edition).values_list("pk", flat=True))
    assert {row.pk for row in rows(response).values()} <= adopted_ids
    # a draft not opened for comment is not for the Fachstelle
    assert client_for(fachstelle).get(url("my_measures", ausgabe=draft.pk)).status_code == 404


# --- attention ------------------------------------------------------------------------------------------------


def test_attention_reasons(client_for, fachstelle, coord_actor, own_measure, url):
    client = client_for(fachstelle)
    found = rows(client.get(url("my_measures")))
    assert found["Mama lernt Deutsch"].reasons == [Attention.NO_END_DATE, Attention.NO_INDICATORS]
    page = html(client.get(url("my_measures")))
    assert "Braucht Aufmerksamkeit" in page and "Kein Enddatum" in page and "Keine Erfolgsindikatoren" in page

    measure = complete(coord_actor, own_measure)
    response = client.get(url("my_measures"))
    mine = response.context["mine"]
    assert [r.title for r in mine.others] == ["Mama lernt Deutsch"]
    assert [r.title for r in mine.attention] == ["Hausaufgabenhilfe"]
    assert "Weitere Maßnahmen" in html(response)

    # no status change for longer than N months: stale, and listed first again
    age(measure, STALE_AFTER_MONTHS)
    response = client.get(url("my_measures"))
    assert rows(response)["Mama lernt Deutsch"].reasons == [Attention.STALE]
    assert STALE_TEXT in html(response)

    # a recent change of something else does not count as a status update
    measure.refresh_from_db()
    services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                            values={"description": "Jetzt auch samstags"})
    assert rows(client.get(url("my_measures")))["Mama lernt Deutsch"].reasons == [Attention.STALE]

    # a status change does
    measure.refresh_from_db()
    other = StatusOption.objects.filter(normalised=NormalisedStatus.IN_PROGRESS).first()
    assert other is not None and other.pk != measure.status_id
    services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                            values={"status": other})
    assert rows(client.get(url("my_measures")))["Mama lernt Deutsch"].reasons == []


def test_settled_measures_are_not_stale(coord_actor, fachstelle, municipality, own_measure, edition):
    done = StatusOption.objects.filter(normalised=NormalisedStatus.COMPLETED).first()
    assert done is not None
    measure = complete(coord_actor, own_measure)
    measure = services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                      values={"status": done})
    age(measure, STALE_AFTER_MONTHS + 12)
    mine = selectors.my_measures(actor_for(fachstelle, municipality), edition)
    assert [r.title for r in mine.others] == ["Mama lernt Deutsch"]


def test_a_copied_measure_keeps_its_history(coord_actor, fachstelle, municipality, own_measure, edition):
    """A Fortschreibung copies measures without copying their trail: the original's status changes count."""
    age(complete(coord_actor, own_measure), STALE_AFTER_MONTHS)
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    mine = selectors.my_measures(actor_for(fachstelle, municipality), draft)
    copied = {r.title: r for r in mine.attention}
    assert copied["Mama lernt Deutsch"].reasons == [Attention.STALE]
    assert copied["Mama lernt Deutsch"].pk != own_measure.pk


def test_stale_border_is_the_module_constant(fachstelle, municipality, coord_actor, own_measure, edition):
    measure = complete(coord_actor, own_measure)
    AuditEntry.objects.filter(object_type="plans.measure", object_id=measure.pk).update(
        at=selectors.months_before(timezone.now(), STALE_AFTER_MONTHS) + dt.timedelta(days=1))
    mine = selectors.my_measures(actor_for(fachstelle, municipality), edition)
    assert "Mama lernt Deutsch" in [r.title for r in mine.others]


def test_months_before_clamps_to_the_month_end():
    moment = dt.datetime(2026, 8, 31, 12, 0, tzinfo=dt.UTC)
    assert selectors.months_before(moment, 6) == dt.datetime(2026, 2, 28, 12, 0, tzinfo=dt.UTC)
    assert selectors.months_before(moment, 8) == dt.datetime(2025, 12, 31, 12, 0, tzinfo=dt.UTC)


# --- the lead filter -------------------------------------------------------------------------------------------


def test_lead_filter_finds_partner_measures(client_for, lesend, coord_actor, plan, amt, verein, url):
    client = client_for(lesend)
    response = client.get(url("measure_list", lead=f"u{amt.pk}"))
    assert sorted(m.title for m in response.context["measures"]) == ["Hausaufgabenhilfe", "Mama lernt Deutsch"]
    assert "Federführung oder Partner" in html(response)
    measure = Measure.objects.get(title="Hausaufgabenhilfe")
    services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                            values={"partner_organisations": [verein]})
    response = client.get(url("measure_list", lead=f"o{verein.pk}"))
    assert sorted(m.title for m in response.context["measures"]) == ["Ausbildungspatenschaften", "Hausaufgabenhilfe"]


def test_selector_lead_alone_stays_lead_only(plan, amt):
    """The API's `lead` keeps its meaning; the back office asks for partners explicitly."""
    edition = plan.editions.get()
    only_lead = selectors.filtered_measures(edition, selectors.MeasureFilters(lead=f"u{amt.pk}"))
    assert [m.title for m in only_lead] == ["Mama lernt Deutsch"]


# --- queries ---------------------------------------------------------------------------------------------------


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_the_data(client_for, fachstelle, coord_actor, municipality, plan, amt, other_amt,
                                           verein, url):
    client = client_for(fachstelle)
    path = url("my_measures")
    small = _count(client, path)
    assert len(rows(client.get(path))) == 2
    edition = plan.editions.get()
    bildung = FieldOfAction.objects.get(edition=edition, title="Bildung und Sprachförderung")
    for i in range(20):  # ten times the data: leads, partnerships, histories
        values = {"title": f"Maßnahme {i}", "field": bildung}
        values.update({"lead_org_unit": amt} if i % 2 else {"lead_org_unit": other_amt, "partner_org_units": [amt],
                                                             "partner_organisations": [verein]})
        measure = services.create_measure(actor=coord_actor, edition=edition, values=values)
        if i % 3 == 0:
            complete(coord_actor, measure)
    assert len(rows(client.get(path))) == 22
    assert _count(client, path) == small


def test_selector_runs_two_queries(fachstelle, municipality, edition, django_assert_num_queries):
    actor = actor_for(fachstelle, municipality)
    edition = Edition.objects.select_related("plan").get(pk=edition.pk)
    with django_assert_num_queries(2):
        mine = selectors.my_measures(actor, edition)
    assert mine.total == 2


def test_attention_reasons_read_in_english_too():
    from django.utils import translation

    assert selectors.attention_label(Attention.STALE) == STALE_TEXT
    with translation.override("en"):
        assert selectors.attention_label(Attention.STALE) == (
            f"Status not updated for more than {STALE_AFTER_MONTHS} months")
        assert selectors.attention_label(Attention.NO_END_DATE) == "No end date"
        assert selectors.attention_label(Attention.NO_INDICATORS) == "No success indicators"
