"""The measure form's checkbox lists and the plan tree's actions menus in a real browser, by keyboard: every
page passes axe-core (WCAG 2.1 A/AA), the Content Security Policy holds, and at 390 CSS px nothing needs
horizontal scrolling. With TEILHABE_SCREENSHOTS=<dir> the tests save screenshots (390 px and desktop)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.tenancy import Actor
from teilhabe.plans import services
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, TargetGroup
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
FOCUSED = "() => document.activeElement && (document.activeElement.id || document.activeElement.tagName)"
FOCUSED_LABEL = "() => document.activeElement?.labels?.[0]?.textContent?.trim() || ''"


def shoot(page: Any, name: str) -> None:
    folder = os.environ.get("TEILHABE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def many_goals(coord_actor: Actor, edition: Edition) -> list[Goal]:
    """Enough goals for the filter box: a second Leitziel with long titles under it."""
    field = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    top = services.create_goal(actor=coord_actor, field=field, title="Übergänge von der Schule in den Beruf "
                               "für junge Menschen mit Zuwanderungsgeschichte gelingen")
    goals = [top]
    for i, title in enumerate(["Berufsorientierung", "Ausbildungsplätze", "Anerkennung", "Sprachkurse im Beruf",
                               "Mentoring", "Praktika", "Elternarbeit zur Berufswahl", "Selbstständigkeit"]):
        goals.append(services.create_goal(actor=coord_actor, field=field, parent=top, title=(
            f"{title}: ein langer Titel, der in der Liste umbricht statt abgeschnitten zu werden ({i + 1})")))
    return goals


def form_url(municipality: Municipality, edition: Edition) -> str:
    return reverse("backoffice:measure_create", kwargs={"municipality": municipality.slug}) + f"?ausgabe={edition.pk}"


def test_choose_a_goal_by_keyboard(page: Any, csp_violations: list[str], municipality: Municipality,
                                   koordination: User, edition: Edition, many_goals: list[Goal]) -> None:
    log_in(page, koordination.username)
    page.set_viewport_size(DESKTOP)
    page.goto(form_url(municipality, edition))
    assert_accessible(page)
    shoot(page, "measure-form-desktop")

    page.get_by_label("Titel", exact=True).fill("Elterncafé zur Berufswahl")
    page.get_by_label("Handlungsfeld").select_option(label="Ausbildung und Arbeitsmarkt")
    # From the field of action, Tab leads into the goals' filter box (shown by choices.js).
    page.get_by_label("Handlungsfeld").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "id_goals_filter"
    page.keyboard.type("eltern beruf")
    matches = page.locator("#id_goals_matches")
    matches.filter(has_text="1 Eintrag passt.").wait_for()
    assert matches.get_attribute("aria-live") == "polite"
    assert page.locator("#id_goals_options .choice-list__item:visible").count() == 1
    assert_accessible(page)
    shoot(page, "measure-form-filtered-desktop")

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_LABEL).startswith("Teilziel: Elternarbeit zur Berufswahl")
    page.keyboard.press("Space")
    assert page.locator("#id_goals_choices [data-choice-summary]").inner_text() == "1 ausgewählt"

    # Enter in a text field saves the form (not "Anlegen und auswählen" of a list).
    page.get_by_label("Titel", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/massnahmen/" in page.url and "/neu/" not in page.url, page.url
    assert_accessible(page)
    measure = Measure.objects.get(title="Elterncafé zur Berufswahl")
    assert [g.title for g in measure.goals.all()] == [many_goals[7].title]
    assert not csp_violations, "\n".join(csp_violations)


def test_create_target_group_and_organisation_in_place(page: Any, csp_violations: list[str],
                                                        municipality: Municipality, koordination: User,
                                                        coord_actor: Actor, edition: Edition) -> None:
    existing = services.get_or_create_target_group(actor=coord_actor, municipality=municipality, name="Eltern")
    log_in(page, koordination.username)
    page.goto(form_url(municipality, edition))
    page.get_by_label("Titel", exact=True).fill("Sprachcafé")
    page.get_by_label("Handlungsfeld").select_option(label="Bildung und Sprachförderung")
    page.evaluate("() => { window.__notReloaded = true; }")

    # Open the disclosure by keyboard, type a name, Enter: htmx swaps the list, the new entry is checked
    # and has the focus; nothing else on the page was reloaded.
    groups = page.locator("#id_target_groups_choices")
    groups.get_by_text("Neue Zielgruppe anlegen").focus()
    page.keyboard.press("Enter")
    name = page.get_by_label("Name der neuen Zielgruppe")
    name.focus()
    page.keyboard.type("Geflüchtete Frauen")
    page.keyboard.press("Enter")
    page.locator("#id_target_groups_choices [role=status]").wait_for()
    created = TargetGroup.objects.get(name="Geflüchtete Frauen")
    new_box = page.locator(f"#id_target_groups_choices input[value='{created.pk}']")
    assert new_box.is_checked()
    assert page.evaluate("() => document.activeElement?.value") == str(created.pk)
    assert page.evaluate("() => window.__notReloaded === true")
    assert page.get_by_label("Titel", exact=True).input_value() == "Sprachcafé"
    assert "wurde angelegt und ausgewählt" in page.locator("#id_target_groups_choices [role=status]").inner_text()
    assert_accessible(page)

    # The same name in other case selects the existing entry.
    page.locator("#id_target_groups_choices summary").click()
    page.get_by_label("Name der neuen Zielgruppe").fill("ELTERN")
    page.get_by_role("button", name="Anlegen und auswählen").first.click()
    page.locator("#id_target_groups_choices [role=status]", has_text="gibt es bereits").wait_for()
    assert page.locator(f"#id_target_groups_choices input[value='{existing.pk}']").is_checked()
    assert TargetGroup.objects.filter(name__iexact="eltern").count() == 1

    # Markup is refused in place, with the focus on the name.
    page.locator("#id_target_groups_choices summary").click()
    page.get_by_label("Name der neuen Zielgruppe").fill("<b>Kinder</b>")
    page.get_by_label("Name der neuen Zielgruppe").press("Enter")
    page.locator("#id_target_groups_new_error").wait_for()
    assert "HTML" in page.locator("#id_target_groups_new_error").inner_text()
    assert page.evaluate(FOCUSED) == "id_target_groups_new"
    assert_accessible(page)

    # A new organisation as partner.
    partners = page.locator("#id_partners_choices")
    partners.locator("summary").click()
    page.get_by_label("Name der neuen Organisation").fill("Elternverein Emmertsgrund")
    page.get_by_label("Name der neuen Organisation").press("Enter")
    page.locator("#id_partners_choices [role=status]").wait_for()
    organisation = Organisation.objects.get(name="Elternverein Emmertsgrund")
    assert partners.locator(f"input[value='o{organisation.pk}']").is_checked()

    with page.expect_navigation():
        page.get_by_role("button", name="Speichern").click()
    assert_accessible(page)
    measure = Measure.objects.get(title="Sprachcafé")
    assert set(measure.target_groups.all()) == {existing, created}
    assert list(measure.partner_organisations.all()) == [organisation]
    assert not TargetGroup.objects.filter(name__icontains="Kinder").exists()
    assert not csp_violations, "\n".join(csp_violations)


def test_measure_form_on_a_phone(page: Any, csp_violations: list[str], municipality: Municipality,
                                 koordination: User, edition: Edition, many_goals: list[Goal]) -> None:
    log_in(page, koordination.username)
    page.set_viewport_size(PHONE)
    page.goto(form_url(municipality, edition))
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert_accessible(page)
    shoot(page, "measure-form-390")
    page.locator("#id_target_groups_choices summary").click()
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert not csp_violations, "\n".join(csp_violations)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "desktop"])
def test_tree_actions_menu_by_keyboard(page: Any, csp_violations: list[str], municipality: Municipality,
                                       koordination: User, edition: Edition, viewport: dict[str, int]) -> None:
    log_in(page, koordination.username)
    page.set_viewport_size(viewport)
    page.goto(reverse("backoffice:tree", kwargs={"municipality": municipality.slug}))
    assert_accessible(page)
    toggle = page.locator("summary[aria-label='Aktionen für Sprache fördern']")
    toggle.focus()
    page.keyboard.press("Enter")
    menu = page.locator("details.tree-actions[open]")
    assert menu.count() == 1
    links = menu.get_by_role("link")
    assert links.all_inner_texts() == ["Bearbeiten", "Unterziel hinzufügen", "Maßnahme hinzufügen", "Löschen"]
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert_accessible(page)
    shoot(page, f"tree-menu-{viewport['width']}")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement?.textContent") == "Bearbeiten"
    page.keyboard.press("Escape")
    assert page.locator("details.tree-actions[open]").count() == 0
    assert page.evaluate("() => document.activeElement?.getAttribute('aria-label')") == "Aktionen für Sprache fördern"
    # Opening one menu closes another.
    toggle.click()
    page.locator("summary[aria-label='Aktionen für Bildung und Sprachförderung']").click()
    assert page.locator("details.tree-actions[open]").count() == 1
    # The first link leads to the goal's edit page.
    with page.expect_navigation():
        page.locator("details.tree-actions[open]").get_by_role("link", name="Bearbeiten").click()
    assert "/handlungsfelder/" in page.url and page.url.endswith("/bearbeiten/")
    assert not csp_violations, "\n".join(csp_violations)


def test_create_target_group_without_javascript(browser: Any, live_server: Any, municipality: Municipality,
                                                koordination: User, edition: Edition) -> None:
    """Without JavaScript the disclosure still opens, the button posts the whole form and the page comes back
    with the new entry checked and everything typed kept; Enter in the title still saves."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in(page, koordination.username)
        page.goto(form_url(municipality, edition))
        assert page.locator("#id_goals_choices [data-choice-tools]").count() == 0  # three goals: no filter
        page.get_by_label("Titel", exact=True).fill("Nähcafé")
        page.get_by_label("Handlungsfeld").select_option(label="Bildung und Sprachförderung")
        page.locator("#id_target_groups_choices summary").click()
        page.get_by_label("Name der neuen Zielgruppe").fill("Seniorinnen")
        with page.expect_navigation():
            page.get_by_role("button", name="Anlegen und auswählen").first.click()
        group = TargetGroup.objects.get(name="Seniorinnen")
        assert page.locator(f"#id_target_groups_choices input[value='{group.pk}']").is_checked()
        assert page.get_by_label("Titel", exact=True).input_value() == "Nähcafé"
        assert not Measure.objects.filter(title="Nähcafé").exists()
        with page.expect_navigation():
            page.get_by_label("Titel", exact=True).press("Enter")
        measure = Measure.objects.get(title="Nähcafé")
        assert list(measure.target_groups.all()) == [group]
    finally:
        context.close()
