"""An office answers its inbox in a real browser: a Fachstelle logs in, opens Meine Maßnahmen, opens its
report, saves a draft and submits — and an external partner opens its page through its link. axe-core on every
page, no CSP refusal, and at phone width (390 px) nothing to scroll sideways. With TEILHABE_SCREENSHOTS=<dir>
the test saves screenshots at 390 px."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound
from tests.browser.accessibility import assert_accessible
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def shoot(page: Any, name: str) -> None:
    folder = os.environ.get("TEILHABE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def check(page: Any, name: str) -> None:
    assert_accessible(page)
    assert page.evaluate(NO_HORIZONTAL_SCROLL), name
    shoot(page, name)


def test_fachstelle_answers_its_report(page: Any, csp_violations: list[str], municipality: Municipality,
                                       fachstelle: User, own_report: MeasureReport,
                                       foreign_report: MeasureReport) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    my_measures = reverse("backoffice:my_measures", kwargs={"municipality": municipality.slug})
    page.goto(f"{reverse('login')}?next={my_measures}")
    login_form = page.locator("form", has=page.locator("input[name=username]"))
    login_form.locator("input[name=username]").fill(fachstelle.username)
    login_form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        login_form.locator("[type=submit]").click()
    assert page.url.endswith(my_measures), page.url
    inbox = page.locator("section.report-inbox")
    assert inbox.get_by_role("heading", name="Berichte").count() == 1
    assert foreign_report.title not in inbox.inner_text()
    check(page, "answers-1-inbox")

    with page.expect_navigation():
        inbox.get_by_role("link", name=own_report.title).first.click()
    assert page.get_by_role("heading", level=1).inner_text().endswith(own_report.title)
    check(page, "answers-2-form")

    page.get_by_label("Sachstand").fill("Erste Kurse laufen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Entwurf speichern", exact=True).last.click()
    assert "Der Entwurf wurde gespeichert." in page.locator("main").inner_text()
    assert MeasureReport.objects.get(pk=own_report.pk).state == MeasureReport.State.DRAFT
    check(page, "answers-3-draft")

    # Submitting without a status: the messages, the input kept, the focus on the summary.
    with page.expect_navigation():
        page.get_by_role("button", name="Einreichen", exact=True).click()
    assert "Bitte geben Sie den Status an." in page.locator("main").inner_text()
    assert page.get_by_label("Sachstand").input_value() == "Erste Kurse laufen."
    check(page, "answers-4-errors")

    page.get_by_label("Status").select_option(label="in Umsetzung")
    page.get_by_label("Sachstand").fill("Drei Kurse mit 36 Müttern in zwei Stadtteilen.")
    page.get_by_label("erfolgreich", exact=True).check()
    page.get_by_label("Erreichte Personen insgesamt").fill("36")
    page.get_by_label("davon Frauen").fill("36")
    with page.expect_navigation():
        page.get_by_role("button", name="Einreichen", exact=True).click()
    main = page.locator("main").inner_text()
    assert "Der Bericht wurde eingereicht." in main and "Verlauf des Berichts" in main
    assert page.get_by_role("button", name="Einreichen").count() == 0
    assert MeasureReport.objects.get(pk=own_report.pk).state == MeasureReport.State.SUBMITTED
    check(page, "answers-5-submitted")
    assert not csp_violations, "\n".join(csp_violations)


def test_partner_page(page: Any, csp_violations: list[str], municipality: Municipality, coord_actor: Actor,
                      reporting_round: ReportingRound, verein: Organisation) -> None:
    link = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("portal:partner_reports", kwargs={"municipality": municipality.slug, "token": link.token}))
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    check(page, "partner-1-list")
    with page.expect_navigation():
        page.get_by_role("link", name="Ausbildungspatenschaften").click()
    check(page, "partner-2-form")
    page.get_by_label("Sachstand").fill("Zwölf Patenschaften.")
    with page.expect_navigation():
        page.get_by_role("button", name="Entwurf speichern", exact=True).last.click()
    assert "Der Entwurf wurde gespeichert." in page.locator("main").inner_text()
    check(page, "partner-3-draft")
    page.goto(reverse("portal:partner_reports", kwargs={"municipality": municipality.slug, "token": "1-falsch"}))
    check(page, "partner-4-refused")
    assert not csp_violations, "\n".join(csp_violations)
