"""A Fachstelle in a real browser: edits its own measure, cannot edit a foreign one; every page it
visits passes axe-core (WCAG 2.1 A/AA) and the Content Security Policy holds (no inline script/style)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import AuditEntry, Municipality, User
from teilhabe.plans.models import Measure
from tests.browser.accessibility import assert_accessible
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_DESCRIPTION = "Deutschkurse für Mütter am Vormittag, jetzt auch in der Grundschule Emmertsgrund."
NEW_STATUS = "in Umsetzung"


def url(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(name, kwargs={"municipality": municipality.slug, **kwargs})


def visit(page: Any, path: str, *, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path}: HTTP {response.status}"
    assert_accessible(page)


def test_fachstelle_edits_own_measure_and_cannot_edit_a_foreign_one(
    page: Any, csp_violations: list[str], municipality: Municipality, fachstelle: User,
    own_measure: Measure, foreign_measure: Measure,
) -> None:
    # The public side first: start page and a legal page.
    visit(page, reverse("portal:home", kwargs={"municipality": municipality.slug}))
    visit(page, reverse("portal:legal_page", kwargs={"municipality": municipality.slug, "kind": "impressum"}))

    # Log in; the login page sends us on to the dashboard, which is „Meine Maßnahmen“ for a Fachstelle.
    dashboard = url("backoffice:dashboard", municipality)
    visit(page, f"{reverse('login')}?next={dashboard}")
    login_form = page.locator("form", has=page.locator("input[name=username]"))
    login_form.locator("input[name=username]").fill(fachstelle.username)
    login_form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        login_form.locator("[type=submit]").click()
    assert page.url.endswith(url("backoffice:my_measures", municipality)), page.url
    assert_accessible(page)

    # The measure list shows both measures.
    visit(page, url("backoffice:measure_list", municipality))
    assert page.get_by_role("link", name=own_measure.title).count() >= 1
    assert page.get_by_role("link", name=foreign_measure.title).count() >= 1

    # Own measure: detail page with an edit button, then the form.
    with page.expect_navigation():
        page.get_by_role("link", name=own_measure.title).first.click()
    detail = url("backoffice:measure_detail", municipality, pk=own_measure.pk)
    edit = url("backoffice:measure_edit", municipality, pk=own_measure.pk)
    assert page.url.endswith(detail), page.url
    assert_accessible(page)
    with page.expect_navigation():
        page.locator(f'a[href="{edit}"]').click()
    assert page.url.endswith(edit), page.url
    assert_accessible(page)

    form = page.locator("form", has=page.locator("input[name=version]"))
    form.locator("[name=description]").fill(NEW_DESCRIPTION)
    form.locator("select[name=status]").select_option(label=NEW_STATUS)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    # Saved: back on the detail page, with the new values and the change in the history.
    assert page.url.endswith(detail), page.url
    assert_accessible(page)
    main = page.locator("main")
    assert NEW_DESCRIPTION in main.inner_text()
    history = page.locator("table", has=page.locator("th", has_text="Vorher"))
    history_text = history.inner_text()
    assert NEW_DESCRIPTION in history_text
    assert "geplant" in history_text and NEW_STATUS in history_text
    own_measure.refresh_from_db()
    assert own_measure.description == NEW_DESCRIPTION
    assert own_measure.status.label == NEW_STATUS
    assert AuditEntry.objects.filter(object_id=own_measure.pk, action=AuditEntry.Action.UPDATE,
                                     actor=fachstelle).count() == 1

    # Foreign measure: readable, but no edit button; the edit URL is refused with an accessible 403 page.
    visit(page, url("backoffice:measure_detail", municipality, pk=foreign_measure.pk))
    foreign_edit = url("backoffice:measure_edit", municipality, pk=foreign_measure.pk)
    assert page.locator(f'a[href="{foreign_edit}"]').count() == 0
    visit(page, foreign_edit, status=403)
    assert "Keine Berechtigung" in page.locator("h1").inner_text()
    foreign_before = foreign_measure.version
    foreign_measure.refresh_from_db()
    assert foreign_measure.version == foreign_before

    assert not csp_violations, "\n".join(csp_violations)
