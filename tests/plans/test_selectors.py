"""The plan's named reads (plans.selectors): the right rows, only the municipality's, and a number of queries
that does not grow with the data. First the one rule of which edition a person sees (plans.rules), per role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import across_municipalities, actor_for, municipality_scope
from teilhabe.plans import rules, selectors, services
from teilhabe.plans.editions import open_edition_for_comment, start_new_edition
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, Plan
from tests.editions.conftest import build_bulk

ROLES = ["koordination", "platform_admin", "fachstelle", "lesend"]


@pytest.fixture
def actors(municipality, koordination, platform_admin, fachstelle, lesend) -> dict[str, Actor]:
    return {name: actor_for(user, municipality) for name, user in
            {"koordination": koordination, "platform_admin": platform_admin,
             "fachstelle": fachstelle, "lesend": lesend}.items()}


def adopt(actor: Actor, edition: Edition, on: dt.date = dt.date(2024, 3, 14)) -> Edition:
    edition.refresh_from_db()
    return services.update_edition(actor=actor, edition=edition, expected_version=edition.version,
                                   values={"status": Edition.Status.ADOPTED, "adopted_on": on})


def open_for(actor: Actor, edition: Edition, *roles: Role) -> Edition:
    edition.refresh_from_db()
    return open_edition_for_comment(actor=actor, edition=edition, roles=roles, expected_version=edition.version)


@pytest.fixture
def lifecycle(coord_actor, edition) -> dict[str, Edition]:
    """A plan with its whole history: the first edition archived, the second in force, a third in draft."""
    adopt(coord_actor, edition, dt.date(2020, 1, 1))
    second = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2024")
    adopt(coord_actor, second, dt.date(2024, 3, 14))
    draft = start_new_edition(actor=coord_actor, edition=second, name="Fortschreibung 2026")
    return {name: Edition.objects.get(pk=e.pk) for name, e in
            {"archived": edition, "adopted": second, "draft": draft}.items()}


def _name_of(edition: Edition | None) -> str | None:
    return None if edition is None else edition.name


# --- the rule: which edition opens by default --------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [
    ("koordination", "Fortschreibung 2026"), ("platform_admin", "Fortschreibung 2026"),
    ("fachstelle", "Fortschreibung 2024"), ("lesend", "Fortschreibung 2024"),
])
def test_default_is_the_adopted_edition_and_the_draft_for_koordination(actors, plan, lifecycle, role, expected):
    assert _name_of(selectors.edition_for(actors[role], plan)) == expected
    assert _name_of(selectors.edition_shown(actors[role], plan.municipality)) == expected


@pytest.mark.parametrize(("role", "expected"), [
    ("koordination", "Fortschreibung 2026"), ("platform_admin", "Fortschreibung 2026"),
    ("fachstelle", "Fortschreibung 2024"), ("lesend", "Fortschreibung 2024"),
])
def test_a_draft_open_for_comment_is_listed_but_does_not_replace_the_plan_in_force(
        actors, coord_actor, plan, lifecycle, role, expected):
    open_for(coord_actor, lifecycle["draft"], Role.FACHSTELLE, Role.LESEND)
    assert _name_of(selectors.edition_for(actors[role], plan)) == expected
    assert lifecycle["draft"].pk in {e.pk for e in selectors.editions_visible_to(actors[role], plan)}


@pytest.mark.parametrize(("role", "sees_draft"), [
    ("koordination", True), ("platform_admin", True), ("fachstelle", False), ("lesend", False),
])
def test_editions_visible_to_each_role(actors, plan, lifecycle, role, sees_draft):
    visible = [e.name for e in selectors.editions_visible_to(actors[role], plan)]
    expected = ["Fortschreibung 2024", "Erste Ausgabe"]  # newest first
    assert visible == (["Fortschreibung 2026", *expected] if sees_draft else expected)


def test_opening_for_one_role_shows_the_draft_to_that_role_only(actors, coord_actor, plan, lifecycle):
    draft = lifecycle["draft"]
    open_for(coord_actor, draft, Role.FACHSTELLE)
    assert draft.pk in {e.pk for e in selectors.editions_visible_to(actors["fachstelle"], plan)}
    assert draft.pk not in {e.pk for e in selectors.editions_visible_to(actors["lesend"], plan)}
    assert selectors.edition_for(actors["fachstelle"], plan, draft.pk).pk == draft.pk
    with pytest.raises(Edition.DoesNotExist):
        selectors.edition_for(actors["lesend"], plan, draft.pk)
    open_for(coord_actor, draft)  # closed again
    with pytest.raises(Edition.DoesNotExist):
        selectors.edition_for(actors["fachstelle"], plan, draft.pk)


@pytest.mark.parametrize("role", ["fachstelle", "lesend"])
def test_a_draft_not_open_for_comment_cannot_be_opened_by_id(actors, plan, lifecycle, role):
    with pytest.raises(Edition.DoesNotExist):
        selectors.edition_for(actors[role], plan, lifecycle["draft"].pk)
    with pytest.raises(Edition.DoesNotExist):
        selectors.edition_shown(actors[role], plan.municipality, str(lifecycle["draft"].pk))


@pytest.mark.parametrize("role", ROLES)
def test_archived_and_adopted_editions_open_by_id_for_everyone(actors, plan, lifecycle, role):
    for name in ("archived", "adopted"):
        assert selectors.edition_for(actors[role], plan, lifecycle[name].pk).pk == lifecycle[name].pk
        assert selectors.edition_shown(actors[role], plan.municipality, str(lifecycle[name].pk)).pk == (
            lifecycle[name].pk)


@pytest.mark.parametrize(("role", "expected"), [
    ("koordination", "Erste Ausgabe"), ("platform_admin", "Erste Ausgabe"), ("fachstelle", None), ("lesend", None),
])
def test_a_plan_without_adopted_edition_shows_others_nothing(actors, coord_actor, municipality, role, expected):
    plan = services.create_plan(actor=coord_actor, municipality=municipality, title="Neuer Plan")
    assert _name_of(selectors.edition_for(actors[role], plan)) == expected
    assert _name_of(selectors.edition_shown(actors[role], municipality)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_a_plan_without_adopted_edition_shows_its_draft_once_open_for_comment(
        actors, coord_actor, municipality, role):
    plan = services.create_plan(actor=coord_actor, municipality=municipality, title="Neuer Plan")
    open_for(coord_actor, plan.editions.get(), Role.FACHSTELLE, Role.LESEND)
    assert _name_of(selectors.edition_for(actors[role], plan)) == "Erste Ausgabe"


def test_koordination_without_a_draft_works_in_the_adopted_edition(actors, coord_actor, edition, plan):
    adopt(coord_actor, edition)
    for role in ROLES:
        assert selectors.edition_for(actors[role], plan).pk == edition.pk


def test_only_archived_editions_left_show_the_newest_archived(actors, coord_actor, edition, plan):
    adopt(coord_actor, edition)
    edition.refresh_from_db()
    services.update_edition(actor=coord_actor, edition=edition, expected_version=edition.version,
                            values={"status": Edition.Status.ARCHIVED})
    for role in ROLES:
        assert selectors.edition_for(actors[role], plan).pk == edition.pk


@pytest.mark.parametrize("requested", ["abc", "0", "-1", " ", "99999999999999999999999"])
def test_an_unknown_or_malformed_id_is_not_found(actors, plan, lifecycle, requested):
    with pytest.raises(Edition.DoesNotExist):
        selectors.edition_for(actors["koordination"], plan, requested)


def test_an_edition_of_another_plan_is_not_found_for_this_plan(actors, coord_actor, municipality, plan, lifecycle):
    other = services.create_plan(actor=coord_actor, municipality=municipality, title="Anderer Plan")
    with pytest.raises(Edition.DoesNotExist):
        selectors.edition_for(actors["koordination"], plan, other.editions.get().pk)
    # Without a plan (dashboard, tree, list) any plan's edition the actor may open is found.
    assert selectors.edition_shown(actors["koordination"], municipality, other.editions.get().pk).plan_id == other.pk


def test_several_plans_open_the_newest_default_edition(actors, coord_actor, municipality, plan, lifecycle):
    newer = services.create_plan(actor=coord_actor, municipality=municipality, title="Aktionsplan")
    assert selectors.edition_shown(actors["koordination"], municipality).plan_id == newer.pk
    assert selectors.edition_shown(actors["lesend"], municipality).pk == lifecycle["adopted"].pk  # newer: no adopted


# --- tenancy ---------------------------------------------------------------------------------------------


@pytest.fixture
def foreign_plan(other_municipality) -> Plan:
    """A plan of another municipality, with an adopted edition and a draft open for comment to everyone."""
    actor = Actor.system(other_municipality.pk)
    with municipality_scope(other_municipality):
        plan = services.create_plan(actor=actor, municipality=other_municipality, title="Fremder Plan")
        first = plan.editions.get()
        adopt(actor, first)
        draft = start_new_edition(actor=actor, edition=first, name="Fremder Entwurf")
        open_for(actor, draft, Role.FACHSTELLE, Role.LESEND)
    return plan


@pytest.mark.parametrize("role", ROLES)
def test_editions_of_another_municipality_are_never_shown(actors, municipality, plan, lifecycle, foreign_plan, role):
    actor = actors[role]
    with across_municipalities():
        foreign_ids = list(Edition.objects.filter(plan=foreign_plan).values_list("pk", flat=True))
    assert selectors.editions_visible_to(actor, foreign_plan) == []
    assert selectors.edition_for(actor, foreign_plan) is None
    own = {e.pk for e in selectors.visible_editions_of(actor, municipality)}
    assert own and not own & set(foreign_ids)
    for pk in foreign_ids:
        with pytest.raises(Edition.DoesNotExist):
            selectors.edition_shown(actor, municipality, pk)
    assert {p.title for p in selectors.plans_with_editions(municipality, actor)} == {plan.title}


def test_an_actor_of_another_municipality_sees_nothing_here(other_municipality, foreign_user, municipality, plan,
                                                            lifecycle):
    foreign = actor_for(foreign_user, other_municipality)
    assert selectors.visible_editions_of(foreign, municipality) == []
    assert selectors.editions_visible_to(foreign, plan) == []
    assert selectors.edition_for(foreign, plan) is None


# --- measures: a Fachstelle edits in the edition in force only ----------------------------------------------


def test_fachstelle_edits_its_measure_in_the_adopted_edition_only(municipality, fachstelle, coord_actor, lifecycle):
    actor = actor_for(fachstelle, municipality)
    in_force = Measure.objects.get(edition=lifecycle["adopted"], title="Mama lernt Deutsch")
    in_draft = Measure.objects.get(edition=lifecycle["draft"], title="Mama lernt Deutsch")
    services.update_measure(actor=actor, measure=in_force, expected_version=in_force.version,
                            values={"description": "Bericht der Fachstelle"})
    open_for(coord_actor, lifecycle["draft"], Role.FACHSTELLE)  # comment is not edit
    for measure in (in_draft, Measure.objects.get(edition=lifecycle["archived"], title="Mama lernt Deutsch")):
        with pytest.raises((NotAllowed, ServiceError)):
            services.update_measure(actor=actor, measure=measure, expected_version=measure.version,
                                    values={"description": "Bericht der Fachstelle"})
        assert Measure.objects.get(pk=measure.pk).description == ""
    assert rules.may_edit_measures_in(actor, lifecycle["adopted"])
    assert not rules.may_edit_measures_in(actor, lifecycle["draft"])
    assert rules.may_edit_measures_in(coord_actor, lifecycle["draft"])
    assert not rules.may_edit_measures_in(coord_actor, lifecycle["archived"])


def test_koordination_edits_measures_in_the_draft(coord_actor, lifecycle):
    measure = Measure.objects.get(edition=lifecycle["draft"], title="Mama lernt Deutsch")
    updated = services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                      values={"title": "Mama lernt Deutsch 2026"})
    assert updated.title == "Mama lernt Deutsch 2026"


@pytest.mark.parametrize(("role", "visible"), [
    ("koordination", True), ("platform_admin", True), ("fachstelle", False), ("lesend", False),
])
def test_measure_detail_of_an_unreleased_draft_is_not_found(actors, municipality, lifecycle, role, visible):
    measure = Measure.objects.get(edition=lifecycle["draft"], title="Schulsozialarbeit")
    if visible:
        assert selectors.measure_detail(municipality, measure.pk, actors[role]).measure.pk == measure.pk
    else:
        with pytest.raises(Measure.DoesNotExist):
            selectors.measure_detail(municipality, measure.pk, actors[role])


# --- opening a draft for comment ------------------------------------------------------------------------------


def test_opening_for_comment_is_audited_and_versioned(coord_actor, lifecycle):
    from teilhabe.core.audit import history_of

    draft = lifecycle["draft"]
    stale = draft.version
    opened = open_for(coord_actor, draft, Role.LESEND, Role.FACHSTELLE)
    assert opened.open_for_comment_roles == ["fachstelle", "lesend"]  # in the order of the role table
    assert opened.version == stale + 1
    assert rules.comment_roles_of(opened) == [Role.FACHSTELLE, Role.LESEND]
    entry = history_of(draft).first()
    assert entry.actor_id == coord_actor.user_id
    assert entry.changes == {"open_for_comment_roles": [[], ["fachstelle", "lesend"]]}
    with pytest.raises(ConcurrentEdit):
        open_edition_for_comment(actor=coord_actor, edition=draft, roles=[], expected_version=stale)
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == ["fachstelle", "lesend"]


@pytest.mark.parametrize("role", ["fachstelle", "lesend"])
def test_only_koordination_opens_a_draft_for_comment(actors, lifecycle, role):
    draft = lifecycle["draft"]
    with pytest.raises(NotAllowed):
        open_edition_for_comment(actor=actors[role], edition=draft, roles=[Role.FACHSTELLE],
                                 expected_version=draft.version)
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == []


def test_only_a_draft_opens_and_only_for_fachstelle_and_lesend(coord_actor, lifecycle):
    from django.core.exceptions import ValidationError

    adopted = lifecycle["adopted"]
    with pytest.raises(ServiceError):
        open_edition_for_comment(actor=coord_actor, edition=adopted, roles=[Role.LESEND],
                                 expected_version=adopted.version)
    draft = lifecycle["draft"]
    for roles in (["koordination"], ["admin"], ["lesend", "<script>"]):
        with pytest.raises(ValidationError):
            open_edition_for_comment(actor=coord_actor, edition=draft, roles=roles, expected_version=draft.version)
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == []


def test_foreign_koordination_cannot_open_our_draft(other_municipality, foreign_user, lifecycle):
    draft = lifecycle["draft"]
    with municipality_scope(other_municipality), pytest.raises(NotAllowed):  # acting where it belongs
        open_edition_for_comment(actor=actor_for(foreign_user, other_municipality), edition=draft,
                                 roles=[Role.LESEND], expected_version=draft.version)
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == []


def test_a_new_draft_starts_closed(coord_actor, lifecycle):
    open_for(coord_actor, lifecycle["draft"], Role.LESEND)
    newer = start_new_edition(actor=coord_actor, edition=lifecycle["draft"], name="Variante")
    assert newer.open_for_comment_roles == []


# --- the other named reads: right rows, scoped, and a fixed number of queries ---------------------------------


def _queries(read: Callable[[], Any]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        result = read()
    return len(ctx.captured_queries), result


def _grow(edition: Edition) -> None:
    build_bulk(edition, fields=6, goals_per_field=4, measures_per_goal=5)  # 120 more measures


@pytest.fixture
def foreign_rows(other_municipality) -> None:
    """Another municipality with a plan of its own, which no read of ours may return."""
    actor = Actor.system(other_municipality.pk)
    with municipality_scope(other_municipality):
        plan = services.create_plan(actor=actor, municipality=other_municipality, title="Fremder Plan")
        field = services.create_field(actor=actor, edition=plan.editions.get(), title="Fremdes Feld")
        services.create_measure(actor=actor, edition=plan.editions.get(),
                                values={"title": "Fremde Maßnahme", "field": field})


def _reads(municipality: Municipality, edition: Edition, actor: Actor) -> dict[str, Callable[[], Any]]:
    measure_id = Measure.objects.filter(edition=edition).order_by("pk").values_list("pk", flat=True).first()
    edition = Edition.objects.select_related("plan").get(pk=edition.pk)  # as the pages load it
    plan = edition.plan
    return {
        "editions_of": lambda: selectors.editions_of(municipality),
        "visible_editions_of": lambda: selectors.visible_editions_of(actor, municipality),
        "editions_visible_to": lambda: selectors.editions_visible_to(actor, plan),
        "edition_for": lambda: selectors.edition_for(actor, plan),
        "edition_shown": lambda: selectors.edition_shown(actor, municipality),
        "plans_with_editions": lambda: [list(p.editions.all()) for p in
                                        selectors.plans_with_editions(municipality, actor)],
        "editions_for_choice": lambda: list(selectors.editions_for_choice(municipality, actor)),
        "status_scheme": lambda: selectors.status_scheme(municipality),
        "target_groups": lambda: selectors.target_groups(municipality),
        "plan_outline": lambda: selectors.plan_outline(edition),
        "plan_tree": lambda: selectors.plan_tree(edition),
        "list_choices": lambda: selectors.list_choices(edition),
        "actor_choices": lambda: selectors.actor_choices(municipality),
        "measure_list": lambda: selectors.measure_list(edition, selectors.MeasureFilters()).items,
        "measure_list_filtered": lambda: selectors.measure_list(
            edition, selectors.MeasureFilters(text="e", key_project=False), "-title").items,
        "dashboard_counts": lambda: selectors.dashboard_counts(edition),
        "measure_detail": lambda: selectors.measure_detail(municipality, measure_id, actor),
        "target_groups_of": lambda: selectors.target_groups_of(municipality),
        "org_units_of": lambda: selectors.org_units_of(municipality),
        "organisations_of": lambda: selectors.organisations_of(municipality),
        "status_options_of": lambda: selectors.status_options_of(municipality),
        "edition_fields": lambda: selectors.edition_fields(edition),
        "edition_goals": lambda: selectors.edition_goals(edition),
        "audit_entries": lambda: list(selectors.audit_entries(municipality)[:50]),
        "measures_of": lambda: [(m.field.title, m.status.label, list(m.goals.all()), list(m.target_groups.all()))
                                for m in selectors.measures_of(municipality).filter(edition=edition)],
    }


@pytest.mark.parametrize("role", ["koordination", "lesend"])
def test_every_read_runs_the_same_number_of_queries_whatever_the_size(actors, coord_actor, municipality, edition,
                                                                    foreign_rows, role):
    adopt(coord_actor, edition)
    actor = actors[role]
    small = {name: _queries(read)[0] for name, read in _reads(municipality, edition, actor).items()}
    _grow(edition)
    start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung")  # more editions, too
    large = {name: _queries(read)[0] for name, read in _reads(municipality, edition, actor).items()}
    assert large == small
    assert max(small.values()) <= 10  # measure_detail: the measure, its seven relations and its history


def test_reads_return_only_the_municipality_rows(municipality, edition, coord_actor, foreign_rows):
    adopt(coord_actor, edition)
    with across_municipalities():
        foreign_editions = set(Edition.objects.exclude(municipality=municipality).values_list("pk", flat=True))
        foreign_fields = set(FieldOfAction.objects.exclude(municipality=municipality).values_list("pk", flat=True))
    assert foreign_editions and foreign_fields
    for read in (selectors.editions_of, lambda m: list(selectors.editions_for_choice(m))):
        assert not {e.pk for e in read(municipality)} & foreign_editions
    assert [p.title for p in selectors.plans_with_editions(municipality)] == ["Kommunaler Integrationsplan"]
    assert {f.pk for f in selectors.fields_of_municipality(municipality)}.isdisjoint(foreign_fields)
    assert {g.edition.municipality_id for g in selectors.goals_of_municipality(municipality)} == {municipality.pk}
    assert all(m.municipality_id == municipality.pk for m in selectors.measures_of(municipality))
    assert {s.municipality_id for s in selectors.status_scheme(municipality)} == {municipality.pk}
    assert all(e.municipality_id == municipality.pk for e in selectors.audit_entries(municipality))
    with across_municipalities():
        foreign_measure = Measure.objects.exclude(municipality=municipality).get()
    with pytest.raises(Measure.DoesNotExist):
        selectors.measure_detail(municipality, foreign_measure.pk)


def test_tree_list_and_dashboard_return_the_edition_rows(coord_actor, edition, plan):
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung")
    added = FieldOfAction.objects.get(edition=draft, title="Ausbildung und Arbeitsmarkt")
    services.create_measure(actor=coord_actor, edition=draft, values={"title": "Nur im Entwurf", "field": added})
    tree = selectors.plan_tree(edition)
    assert tree.measure_count == 4
    assert [f.title for f in tree.fields] == ["Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]
    bildung = tree.fields[0]
    assert [g.title for g in bildung.goals] == ["Bildungschancen verbessern"]
    assert [m.title for m in bildung.measures] == ["Schulsozialarbeit"]  # no goal: directly under its field
    leaf = bildung.goals[0].children[0].children[0]
    assert (leaf.title, leaf.level_name, [m.title for m in leaf.measures]) == (
        "Sprachkurse für Eltern", "Handlungsziel", ["Mama lernt Deutsch"])
    page = selectors.measure_list(edition, selectors.MeasureFilters(key_project=True))
    assert [m.title for m in page.items] == ["Ausbildungspatenschaften"] and page.total == 1
    outline = selectors.plan_outline(edition)
    goal = Goal.objects.get(edition=edition, title="Sprache fördern")
    titles = {m.title for m in selectors.measure_list(edition, selectors.MeasureFilters(goal=goal.pk),
                                                      outline=outline).items}
    assert titles == {"Mama lernt Deutsch", "Hausaufgabenhilfe"}  # with the sub-goal's measures
    counts = selectors.dashboard_counts(edition)
    assert (counts.total, counts.key_projects) == (4, 1)
    assert {f.title: f.total for f in counts.by_field} == {"Bildung und Sprachförderung": 3,
                                                           "Ausbildung und Arbeitsmarkt": 1}
    assert selectors.dashboard_counts(draft).total == 5
    detail = selectors.measure_detail(edition.municipality,
                                      Measure.objects.get(edition=edition, title="Mama lernt Deutsch").pk)
    assert [(g.title, g.level_name) for g in detail.goals] == [("Sprachkurse für Eltern", "Handlungsziel")]
    assert {e.name for e in selectors.editions_for_choice(edition.municipality)} == {edition.name, "Fortschreibung"}
    assert selectors.status_scheme(edition.municipality)[0].label == "geplant"
