"""In Chromium: the directory of organisations and a profile page in German and Arabic without WCAG 2.1 A/AA
violations (axe-core) or CSP refusals, its filters used by keyboard alone, and the editor's and Koordination's
pages of the profile and its moderation."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE
from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.directory import services
from teilhabe.moderation.models import Revision
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organisations(municipality: Municipality) -> list[Organisation]:
    actor = Actor.system(municipality.pk)
    made = []
    with municipality_scope(municipality):
        municipality.languages = ["de", "en", "ar"]
        municipality.save(update_fields=["languages"])
        for name, langs, district, kind in (("Arabisch-Deutscher Familienverein", ["de", "ar"], "Bergheim", "mso"),
                                            ("Caritasverband", ["de", "fa"], "Altstadt", "welfare"),
                                            ("Sportverein", ["de"], "Altstadt", "association")):
            organisation = OrganisationFactory(municipality=municipality, name=name, kind=kind)
            profile = services.ensure_profile(actor=actor, organisation=organisation)
            services.save_profile(actor=actor, profile=profile, expected_version=profile.version, published=True,
                                  values={"short_description": f"Demodaten: {name}.", "languages": langs,
                                          "district": district, "fields_of_activity": ["family"],
                                          "description": "<h2>Angebote</h2><ul><li>Beratung</li></ul>",
                                          "contact_person": "Amal", "contact_email": "a@verein.example",
                                          "contact_consent": True,
                                          "links": [{"label": "Website des Vereins", "url": "https://v.example"}]})
            made.append(organisation)
    return made


@pytest.mark.parametrize("language", ["de", "ar"])
def test_directory_and_profile_are_accessible(page: Any, live_server: Any, language: str,
                                              organisations: list[Organisation], csp_violations: list[str]) -> None:
    page.context.add_cookies([{"name": CONTENT_LANGUAGE_COOKIE, "value": language, "url": live_server.url}])
    page.goto("/heidelberg/organisationen/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator(".directory-card").count() == 3
    assert_accessible(page)
    page.goto(f"/heidelberg/organisationen/{organisations[0].pk}/")
    assert "Beratung" in page.inner_text("main")
    assert_accessible(page)
    page.goto("/heidelberg/organisationen/registrieren/")
    assert_accessible(page)
    assert csp_violations == []


def test_filters_work_by_keyboard(page: Any, organisations: list[Organisation]) -> None:
    page.goto("/heidelberg/organisationen/")
    page.focus("#id_q")
    page.keyboard.type("Caritas")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # a search field submits its form
    assert "q=Caritas" in page.url
    assert page.locator(".directory-card").count() == 1
    page.goto("/heidelberg/organisationen/")
    page.focus("#id_district")
    page.keyboard.press("ArrowDown")  # the first district: Altstadt
    for _ in range(10):  # on to the button, by Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "district=Altstadt" in page.url
    assert page.locator(".directory-card").count() == 2


def test_editor_and_koordination_pages_are_accessible(page: Any, municipality: Municipality, koordination: User,
                                                      organisations: list[Organisation], make_member: Any,
                                                      csp_violations: list[str]) -> None:
    make_member(municipality, Role.ORGANISATION, "redaktion", organisations=(organisations[0],))
    log_in(page, "redaktion")
    assert page.url.endswith("/heidelberg/intern/organisation/")
    assert_accessible(page)
    page.get_by_role("link", name="Profil bearbeiten").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Stadtteil").fill("Weststadt")
    page.get_by_role("button", name="Zur Freigabe schicken").click()
    page.wait_for_load_state()
    assert "zur Freigabe" in page.locator(".messages").inner_text()
    page.context.clear_cookies()
    log_in(page, "koordination")
    page.goto("/heidelberg/intern/freigaben/")
    assert_accessible(page)
    with municipality_scope(municipality):
        revision = Revision.objects.get(state=Revision.State.PENDING)
    page.goto(f"/heidelberg/intern/freigaben/{revision.pk}/")
    assert "Weststadt" in page.inner_text("main")
    assert_accessible(page)
    page.goto("/heidelberg/intern/organisationsprofile/")
    assert_accessible(page)
    assert csp_violations == []
