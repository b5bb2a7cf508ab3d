"""Every page of the structure, editions, settings and platform slice in Chromium: no WCAG 2.1 A/AA
violation (axe-core), also with form errors shown, and no CSP refusal."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Membership, Municipality, OrgUnit, User
from teilhabe.plans import services as plan_services
from teilhabe.plans.editions import start_new_edition
from teilhabe.plans.models import Edition, Measure, StatusOption, TargetGroup
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page: Any, path: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response and response.status}"
    assert_accessible(page)


def test_structure_pages(page: Any, koordination: User, fachstelle: User, municipality: Municipality,
                         own_measure: Measure, amt: OrgUnit, csp_violations: list[str]) -> None:
    base = "/heidelberg/intern/struktur"
    child = OrgUnit.objects.create(municipality=municipality, name="Abteilung Integration", parent=amt)
    log_in(page, "koordination")
    visit(page, f"{base}/")
    visit(page, f"{base}/einheiten/neu/")
    page.get_by_label("Name").fill("<b>Amt</b>")
    page.get_by_role("button", name="Anlegen").click()
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    visit(page, f"{base}/einheiten/{child.pk}/")
    visit(page, f"{base}/einheiten/{amt.pk}/loeschen/")  # in use: explains why not
    visit(page, f"{base}/organisationen/neu/")
    visit(page, f"{base}/personen/")
    visit(page, f"{base}/personen/neu/")
    page.get_by_role("button", name="Anlegen und einladen").click()  # empty: errors
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    membership = Membership.objects.get(user=fachstelle)
    visit(page, f"{base}/personen/{membership.pk}/")
    visit(page, f"{base}/personen/{membership.pk}/entfernen/")
    assert csp_violations == []


def test_edition_and_settings_pages(page: Any, koordination: User, coord_actor: Any, municipality: Municipality,
                                   edition: Edition, other_amt: OrgUnit, csp_violations: list[str]) -> None:
    new = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    m = Measure.objects.get(edition=new, title="Mama lernt Deutsch")
    plan_services.update_measure(actor=coord_actor, measure=m, expected_version=m.version,
                                 values={"lead_org_unit": other_amt, "title": "Mama lernt Deutsch plus"})
    gone = Measure.objects.get(edition=new, title="Schulsozialarbeit")
    plan_services.delete_measure(actor=coord_actor, measure=gone, expected_version=gone.version)
    group = TargetGroup.objects.create(municipality=municipality, name="Eltern")
    status = StatusOption.objects.filter(municipality=municipality).first()
    log_in(page, "koordination")
    base = "/heidelberg/intern"
    visit(page, f"{base}/ausgaben/")
    visit(page, f"{base}/ausgaben/{edition.pk}/fortschreibung/")
    page.get_by_role("button", name="Entwurf anlegen").click()  # empty name: error
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    visit(page, f"{base}/ausgaben/{new.pk}/bearbeiten/?beschluss=1")
    page.get_by_role("button", name="Speichern", exact=True).click()  # no date: error
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    visit(page, f"{base}/ausgaben/vergleich/")
    visit(page, f"{base}/ausgaben/vergleich/?old={edition.pk}&new={new.pk}")
    assert page.get_by_text("Mama lernt Deutsch plus").first.is_visible()
    visit(page, f"{base}/einstellungen/plan/{edition.plan_id}/")
    visit(page, f"{base}/einstellungen/status/")
    page.get_by_role("button", name="Hinzufügen").click()  # empty: errors
    assert_accessible(page)
    visit(page, f"{base}/einstellungen/status/{status.pk}/")
    visit(page, f"{base}/einstellungen/status/{status.pk}/loeschen/")
    visit(page, f"{base}/einstellungen/zielgruppen/")
    visit(page, f"{base}/einstellungen/zielgruppen/{group.pk}/")
    assert csp_violations == []


def test_platform_pages(page: Any, platform_admin: User, municipality: Municipality,
                        csp_violations: list[str]) -> None:
    log_in(page, "plattform")
    visit(page, "/plattform/")
    visit(page, "/plattform/kommunen/neu/")
    page.get_by_label("Amtlicher Gemeindeschlüssel (AGS)").fill("17000000")
    page.get_by_role("button", name="Anlegen").click()
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Waiblingen")
    page.get_by_label("Kurzbezeichnung").fill("waiblingen")
    page.get_by_label("Amtlicher Gemeindeschlüssel (AGS)").fill("08119079")
    page.get_by_label("Türkisch").check()
    page.get_by_role("button", name="Anlegen").click()
    page.wait_for_url("**/plattform/kommunen/waiblingen/angelegt/")
    assert_accessible(page)
    page.get_by_role("link", name="Erste Koordination anlegen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert csp_violations == []
