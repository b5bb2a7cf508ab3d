"""Measures in the back office: list (filters, sorting, pages), page with history, and the forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from teilhabe.core.audit import history_of
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.plans import services
from teilhabe.plans.models import FieldOfAction, Goal, Measure, StatusOption
from teilhabe.plans.permissions import EDIT_MEASURE
from tests.backoffice.measure_form import form_data
from tests.factories import OrganisationFactory, OrgUnitFactory


def html(response) -> str:
    return response.content.decode()


def titles(response) -> list[str]:
    return [m.title for m in response.context["measures"]]


# --- the list --------------------------------------------------------------------------------------------


def test_list_shows_all_measures_of_the_working_edition(client_for, lesend, plan, url):
    response = client_for(lesend).get(url("measure_list"))
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Ausbildungspatenschaften", "Hausaufgabenhilfe", "Mama lernt Deutsch",
                                        "Schulsozialarbeit"]
    assert "Maßnahmen 1–4 von 4" in html(response)


def test_filters(client_for, lesend, plan, url, amt, verein):
    client = client_for(lesend)
    arbeit = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    leit = Goal.objects.get(title="Bildungschancen verbessern")
    hand = Goal.objects.get(title="Sprachkurse für Eltern")
    status = StatusOption.objects.get(label="geplant")
    assert titles(client.get(url("measure_list", field=arbeit.pk))) == ["Ausbildungspatenschaften"]
    # a goal includes its sub-goals
    assert sorted(titles(client.get(url("measure_list", goal=leit.pk)))) == ["Hausaufgabenhilfe", "Mama lernt Deutsch"]
    assert titles(client.get(url("measure_list", goal=hand.pk))) == ["Mama lernt Deutsch"]
    # „Federführung oder Partner“: amt leads Mama lernt Deutsch and partners in Hausaufgabenhilfe
    assert sorted(titles(client.get(url("measure_list", lead=f"u{amt.pk}")))) == ["Hausaufgabenhilfe",
                                                                                   "Mama lernt Deutsch"]
    assert titles(client.get(url("measure_list", lead=f"o{verein.pk}"))) == ["Ausbildungspatenschaften"]
    assert len(titles(client.get(url("measure_list", status=status.pk)))) == 4
    assert titles(client.get(url("measure_list", key="ja"))) == ["Ausbildungspatenschaften"]
    assert len(titles(client.get(url("measure_list", key="nein")))) == 3
    assert titles(client.get(url("measure_list", q="MAMA"))) == ["Mama lernt Deutsch"]
    assert titles(client.get(url("measure_list", q="hausaufgaben"))) == ["Hausaufgabenhilfe"]
    assert titles(client.get(url("measure_list", q="schul", field=arbeit.pk))) == []


def test_text_search_covers_description_reference_and_umlauts(client_for, lesend, coord_actor, own_measure, url):
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"reference": "B-1.2", "description": "Übersetzung durch Ehrenamtliche"})
    client = client_for(lesend)
    assert titles(client.get(url("measure_list", q="b-1.2"))) == ["Mama lernt Deutsch"]
    assert titles(client.get(url("measure_list", q="ehrenamtlich"))) == ["Mama lernt Deutsch"]
    assert titles(client.get(url("measure_list", q="übersetzung"))) == ["Mama lernt Deutsch"]


@pytest.mark.parametrize("query", [
    {"field": "abc"}, {"goal": "999999"}, {"lead": "x12"}, {"lead": "u"}, {"status": "-1"}, {"key": "vielleicht"},
    {"sortierung": "password"}, {"seite": "-3"}, {"seite": "99999999999999999999"}, {"q": "<script>"},
    {"q": "%_\\"}, {"ausgabe": "1 OR 1=1"},
])
def test_bad_filter_values_never_break_the_list(client_for, lesend, plan, url, query):
    response = client_for(lesend).get(url("measure_list", **query))
    assert response.status_code in (200, 404)
    if "ausgabe" in query:
        assert response.status_code == 404


def test_foreign_goal_or_lead_filter_finds_nothing_of_theirs(client_for, lesend, plan, url, other_municipality):
    with municipality_scope(other_municipality):
        foreign_unit = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
    response = client_for(lesend).get(url("measure_list", lead=f"u{foreign_unit.pk}"))
    assert response.status_code == 200
    assert len(titles(response)) == 4  # an unknown choice is ignored, shown as an error at the filter
    assert response.context["form"].errors


def test_sorting_with_aria_sort(client_for, lesend, plan, url):
    client = client_for(lesend)
    response = client.get(url("measure_list", sortierung="title"))
    assert titles(response) == ["Ausbildungspatenschaften", "Hausaufgabenhilfe", "Mama lernt Deutsch",
                                "Schulsozialarbeit"]
    page = html(response)
    assert 'aria-sort="ascending"' in page
    assert "sortierung=-title" in page  # a second click reverses
    response = client.get(url("measure_list", sortierung="-title"))
    assert titles(response) == ["Schulsozialarbeit", "Mama lernt Deutsch", "Hausaufgabenhilfe",
                                "Ausbildungspatenschaften"]
    assert 'aria-sort="descending"' in html(response)
    by_lead = titles(client.get(url("measure_list", sortierung="lead")))
    assert by_lead[0] == "Mama lernt Deutsch"  # Amt für Chancengleichheit
    assert by_lead[-1] == "Ausbildungspatenschaften"  # Interkultureller Verein
    by_field = titles(client.get(url("measure_list", sortierung="-field")))
    assert by_field[0] == "Ausbildungspatenschaften"
    for key in ("reference", "status", "start", "end", "-start"):
        assert len(titles(client.get(url("measure_list", sortierung=key)))) == 4


def test_sort_links_keep_filters(client_for, lesend, plan, url):
    arbeit = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    response = client_for(lesend).get(url("measure_list", field=arbeit.pk))
    assert all(f"field={arbeit.pk}" in c.url for c in response.context["columns"])


def test_pagination(client_for, make_plan, url):
    data = make_plan(fields=3, goals_per_field=5, measures_per_goal=8, slug="seitenstadt")  # 120 measures
    client = client_for(data.user)
    first = client.get(url("measure_list", slug="seitenstadt", sortierung="reference"))
    assert len(titles(first)) == 50
    assert first.context["page"].num_pages == 3
    assert "Maßnahmen 1–50 von 120" in html(first)
    assert "seite=2" in html(first)
    third = client.get(url("measure_list", slug="seitenstadt", sortierung="reference", seite=3))
    assert len(titles(third)) == 20
    past_end = client.get(url("measure_list", slug="seitenstadt", sortierung="reference", seite=40))
    assert past_end.context["page"].number == 3
    seen = set()
    for n in (1, 2, 3):
        seen |= {m.pk for m in client.get(url("measure_list", slug="seitenstadt", sortierung="title",
                                                seite=n)).context["measures"]}
    assert len(seen) == 120


# --- the measure page ----------------------------------------------------------------------------------------


def test_detail_shows_fields_partners_and_history(client_for, lesend, coord_actor, edition, url, verein):
    measure = Measure.objects.get(title="Hausaufgabenhilfe")
    services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version, values={
        "partner_organisations": [verein], "end_date": dt.date(2027, 12, 31), "is_key_project": True})
    page = html(client_for(lesend).get(url("measure_detail", pk=measure.pk)))
    assert "Amt für Schule und Bildung" in page  # lead
    assert "Amt für Chancengleichheit" in page and "Interkultureller Verein" in page  # partners
    assert "Teilziel: Sprache fördern" in page
    assert "Partner (Organisationen)" in page  # German field label in the history
    assert "31. Dezember 2027" in page
    assert "Schlüsselprojekt" in page
    assert url("measure_edit", pk=measure.pk) not in page  # readers get no edit button


def test_detail_edit_button_only_for_measures_fachstelle_may_edit(client_for, fachstelle, own_measure,
                                                                  foreign_measure, url):
    client = client_for(fachstelle)
    assert url("measure_edit", pk=own_measure.pk) in html(client.get(url("measure_detail", pk=own_measure.pk)))
    page = html(client.get(url("measure_detail", pk=foreign_measure.pk)))
    assert url("measure_edit", pk=foreign_measure.pk) not in page
    assert url("measure_delete", pk=foreign_measure.pk) not in page


# --- create, edit, delete --------------------------------------------------------------------------------------


def test_create_with_all_fields(client_for, koordination, edition, url, amt, other_amt, verein, coord_actor):
    bildung = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    teil = Goal.objects.get(title="Sprache fördern")
    group = services.get_or_create_target_group(actor=coord_actor, municipality=edition.municipality,
                                                name="Eltern")
    status = StatusOption.objects.get(label="in Umsetzung")
    response = client_for(koordination).post(url("measure_create", ausgabe=edition.pk), {
        "reference": "1.4", "title": "Elterncafé", "description": "Treffpunkt für Eltern",
        "field": bildung.pk, "goals": [teil.pk], "lead": f"o{verein.pk}",
        "partners": [f"u{amt.pk}", f"u{other_amt.pk}"],
        "target_groups": [group.pk], "start_date": "01.02.2026", "end_date": "2026-12-31",
        "cost_estimate": "12.500,50", "funding": "Landesprogramm", "is_key_project": "on", "status": status.pk,
        "gender_diversity_note": "Angebote auch für Väter", "indicators": "Teilnehmende pro Monat\n\nZufriedenheit",
        "links": "Flyer | https://example.org/flyer.pdf\nhttps://example.org",
    })
    assert response.status_code == 302
    measure = Measure.objects.get(title="Elterncafé")
    assert response["Location"] == url("measure_detail", pk=measure.pk)
    assert measure.lead_organisation == verein and measure.lead_org_unit is None
    assert set(measure.partner_org_units.all()) == {amt, other_amt}
    assert list(measure.goals.all()) == [teil]
    assert list(measure.target_groups.all()) == [group]
    assert measure.start_date == dt.date(2026, 2, 1) and measure.end_date == dt.date(2026, 12, 31)
    assert measure.cost_estimate == Decimal("12500.50")
    assert measure.is_key_project and measure.status == status
    assert measure.indicators == ["Teilnehmende pro Monat", "Zufriedenheit"]
    assert measure.links == [{"title": "Flyer", "url": "https://example.org/flyer.pdf"},
                             {"title": "https://example.org", "url": "https://example.org"}]
    assert history_of(measure).get().action == "create"


def test_create_prefills_field_and_goal_from_the_tree(client_for, koordination, edition, url):
    teil = Goal.objects.get(title="Sprache fördern")
    form = client_for(koordination).get(url("measure_create", ausgabe=edition.pk, ziel=teil.pk)).context["form"]
    assert form.initial["goals"] == [teil.pk]
    assert form.initial["field"] == teil.field_id


def test_edit_records_history_and_redirects(client_for, koordination, own_measure, url):
    response = client_for(koordination).post(url("measure_edit", pk=own_measure.pk),
                                             form_data(own_measure, title="Mama lernt Deutsch – Kurs 2"))
    assert response.status_code == 302
    own_measure.refresh_from_db()
    assert own_measure.title == "Mama lernt Deutsch – Kurs 2"
    assert history_of(own_measure).first().changes == {"title": ["Mama lernt Deutsch", "Mama lernt Deutsch – Kurs 2"]}


def test_edit_form_shows_existing_links_and_indicators(client_for, koordination, coord_actor, own_measure, url):
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version, values={
        "indicators": ["A", "B"], "links": [{"title": "Seite", "url": "https://example.org"}]})
    form = client_for(koordination).get(url("measure_edit", pk=own_measure.pk)).context["form"]
    assert form.initial["indicators"] == "A\nB"
    assert form.initial["links"] == "Seite | https://example.org"


def test_delete_with_confirmation(client_for, koordination, own_measure, url):
    client = client_for(koordination)
    page = html(client.get(url("measure_delete", pk=own_measure.pk)))
    assert "Wollen Sie die Maßnahme „Mama lernt Deutsch“ löschen?" in page
    assert Measure.objects.filter(pk=own_measure.pk).exists()
    response = client.post(url("measure_delete", pk=own_measure.pk), {"version": own_measure.version})
    assert response.status_code == 302
    assert not Measure.objects.filter(pk=own_measure.pk).exists()
    assert history_of(own_measure).first().action == "delete"


# --- concurrent edits --------------------------------------------------------------------------------------------


def test_second_save_from_stale_form_is_refused_and_keeps_input(client_for, koordination, municipality, make_member,
                                                              own_measure, url):
    from teilhabe.core.roles import Role

    colleague = make_member(municipality, Role.KOORDINATION, "kollegin")
    first, second = client_for(colleague), client_for(koordination)
    # both open the form at the same version
    version_a = first.get(url("measure_edit", pk=own_measure.pk)).context["form"]["version"].value()
    version_b = second.get(url("measure_edit", pk=own_measure.pk)).context["form"]["version"].value()
    assert version_a == version_b
    assert first.post(url("measure_edit", pk=own_measure.pk),
                      form_data(own_measure, version=version_a, title="Deutsch für Mütter")).status_code == 302
    response = second.post(url("measure_edit", pk=own_measure.pk),
                           form_data(own_measure, version=version_b, description="Meine lange Beschreibung"))
    page = html(response)
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in page
    assert "kollegin" in page  # who
    assert "Titel" in page and "Mama lernt Deutsch" in page and "Deutsch für Mütter" in page  # field, old → new
    assert "Meine lange Beschreibung" in page  # nothing the user typed is lost
    own_measure.refresh_from_db()
    assert own_measure.title == "Deutsch für Mütter"
    assert own_measure.description == ""
    # saving again goes against the new version
    new_version = response.context["form"]["version"].value()
    assert int(new_version) == own_measure.version
    resave = second.post(url("measure_edit", pk=own_measure.pk),
                         form_data(own_measure, version=new_version, description="Meine lange Beschreibung"))
    assert resave.status_code == 302
    own_measure.refresh_from_db()
    assert own_measure.description == "Meine lange Beschreibung"
    assert own_measure.title == "Deutsch für Mütter"


def test_save_after_deletion_by_someone_else(client_for, koordination, coord_actor, own_measure, url):
    data = form_data(own_measure, title="Neu")
    measure = Measure.objects.get(pk=own_measure.pk)
    # deleted between opening and saving: the measure is gone, the page says so instead of failing
    services.delete_measure(actor=coord_actor, measure=measure, expected_version=measure.version)
    response = client_for(koordination).post(url("measure_edit", pk=own_measure.pk), data)
    assert response.status_code == 404


# --- Fachstelle -----------------------------------------------------------------------------------------------------


def test_fachstelle_edits_own_measure_with_responsibility_locked(client_for, fachstelle, own_measure, other_amt, url):
    client = client_for(fachstelle)
    form = client.get(url("measure_edit", pk=own_measure.pk)).context["form"]
    assert form.fields["lead"].disabled and form.fields["partners"].disabled and form.fields["field"].disabled
    assert not form.fields["title"].disabled
    response = client.post(url("measure_edit", pk=own_measure.pk),
                           form_data(own_measure, lead=f"u{other_amt.pk}", partners=[f"u{other_amt.pk}"],
                                     description="Stand: läuft gut"))
    assert response.status_code == 302
    own_measure.refresh_from_db()
    assert own_measure.description == "Stand: läuft gut"
    assert own_measure.lead_org_unit.name == "Amt für Chancengleichheit"  # unchanged
    assert not own_measure.partner_org_units.exists()


def test_fachstelle_cannot_edit_foreign_measure_by_post(client_for, fachstelle, foreign_measure, url):
    response = client_for(fachstelle).post(url("measure_edit", pk=foreign_measure.pk),
                                           form_data(foreign_measure, title="Übernommen"))
    assert response.status_code == 403
    foreign_measure.refresh_from_db()
    assert foreign_measure.title == "Schulsozialarbeit"


def test_fachstelle_may_edit_as_partner(client_for, fachstelle, edition, url):
    partnered = Measure.objects.get(title="Hausaufgabenhilfe")
    response = client_for(fachstelle).post(url("measure_edit", pk=partnered.pk),
                                           form_data(partnered, description="Partnerbericht"))
    assert response.status_code == 302


def test_fachstelle_and_lesend_cannot_delete_or_create(client_for, fachstelle, lesend, own_measure, edition, url):
    for user in (fachstelle, lesend):
        client = client_for(user)
        response = client.post(url("measure_delete", pk=own_measure.pk), {"version": own_measure.version})
        assert response.status_code == 403
        assert client.post(url("measure_create"), {"title": "x"}).status_code == 403
    assert Measure.objects.filter(pk=own_measure.pk).exists()


def test_lesend_cannot_edit_by_post(client_for, lesend, own_measure, url):
    response = client_for(lesend).post(url("measure_edit", pk=own_measure.pk), form_data(own_measure, title="x"))
    assert response.status_code == 403
    own_measure.refresh_from_db()
    assert own_measure.title == "Mama lernt Deutsch"


# --- hostile input ----------------------------------------------------------------------------------------------------


def _foreign_ids(other_municipality):
    from teilhabe.core.tenancy import actor_for as resolve
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    with municipality_scope(other_municipality):
        MembershipFactory(municipality=other_municipality, user=user, role="koordination")
        actor = resolve(user, other_municipality)
        plan = services.create_plan(actor=actor, municipality=other_municipality, title="Fremd")
        field = services.create_field(actor=actor, edition=plan.editions.get(), title="Fremdes Feld")
        goal = services.create_goal(actor=actor, field=field, title="Fremdes Ziel")
        unit = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
        org = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
        status = StatusOption.objects.of(other_municipality).first()
    return {"field": field.pk, "goal": goal.pk, "unit": unit.pk, "org": org.pk, "status": status.pk}


HOSTILE = [
    ("title", "<script>alert(1)</script>"),
    ("description", '<img src=x onerror="alert(1)">'),
    ("funding", "javascript:alert(1)"),
    ("indicators", "ok\n<b>fett</b>"),
    ("links", "Böse | javascript:alert(1)"),
    ("links", "Intern | ftp://example.org/datei"),
    ("links", "nur Text ohne Adresse"),
    ("start_date", "Frühjahr 2026"),
    ("start_date", "31.02.2026"),
    ("end_date", "2026-13-01"),
    ("cost_estimate", "viel"),
    ("cost_estimate", "-5"),
    ("status", "abc"),
    ("goals", "x"),
    ("lead", "z99"),
    ("version", "-1"),
]


@pytest.mark.parametrize(("name", "value"), HOSTILE, ids=[f"{n}={v[:20]}" for n, v in HOSTILE])
def test_hostile_input_is_a_form_error_and_changes_nothing(client_for, koordination, own_measure, url, name, value):
    before = Measure.objects.filter(pk=own_measure.pk).values().get()
    response = client_for(koordination).post(url("measure_edit", pk=own_measure.pk),
                                             form_data(own_measure, **{name: value}))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Measure.objects.filter(pk=own_measure.pk).values().get() == before


def test_end_before_start_is_a_form_error(client_for, koordination, own_measure, url):
    response = client_for(koordination).post(url("measure_edit", pk=own_measure.pk),
                                             form_data(own_measure, start_date="2026-05-01", end_date="2026-04-01"))
    assert "end_date" in response.context["form"].errors


@pytest.mark.parametrize("kind", ["field", "goal", "unit", "org", "status", "partner"])
def test_foreign_ids_in_selects_are_refused(client_for, koordination, own_measure, url, other_municipality, kind):
    foreign = _foreign_ids(other_municipality)
    changes = {
        "field": {"field": foreign["field"]}, "goal": {"goals": [foreign["goal"]]},
        "unit": {"lead": f"u{foreign['unit']}"}, "org": {"lead": f"o{foreign['org']}"},
        "status": {"status": foreign["status"]}, "partner": {"partners": [f"o{foreign['org']}"]},
    }[kind]
    before = Measure.objects.filter(pk=own_measure.pk).values().get()
    response = client_for(koordination).post(url("measure_edit", pk=own_measure.pk), form_data(own_measure, **changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Measure.objects.filter(pk=own_measure.pk).values().get() == before
    own_measure.refresh_from_db()
    assert not own_measure.partner_organisations.exists()


def test_goal_of_another_edition_is_refused(client_for, koordination, coord_actor, own_measure, municipality, url):
    other_plan = services.create_plan(actor=coord_actor, municipality=municipality, title="Zweiter Plan")
    field = services.create_field(actor=coord_actor, edition=other_plan.editions.get(), title="Anderes Feld")
    other_goal = services.create_goal(actor=coord_actor, field=field, title="Anderes Ziel")
    response = client_for(koordination).post(url("measure_edit", pk=own_measure.pk),
                                             form_data(own_measure, goals=[other_goal.pk]))
    assert response.status_code == 200
    assert "goals" in response.context["form"].errors


def test_fachstelle_actor_helper_matches_view(municipality, fachstelle, own_measure):
    """The view's 403 rests on the same rule as the service (object-scoped EDIT_MEASURE)."""


    assert actor_for(fachstelle, municipality).can(EDIT_MEASURE, own_measure)
