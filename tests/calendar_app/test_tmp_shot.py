import pytest
from tests.browser.conftest import browser, page  # noqa: F401
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_shot(page, municipality, koordination):
    page.set_viewport_size({"width": 1280, "height": 1800})
    page.goto("/heidelberg/kalender/2026/3/")
    page.screenshot(path="/tmp/cal_month.png", full_page=False)
    page.context.add_cookies([{"name": "teilhabe_sprache", "value": "ar", "url": page.url}])
    page.goto("/heidelberg/kalender/2026/3/")
    page.wait_for_load_state("networkidle")
    print(page.evaluate("() => [document.documentElement.dir, window.scrollX, document.body.scrollWidth]"))
    page.screenshot(path="/tmp/cal_month_ar.png", full_page=True)
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("test-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    page.goto("/heidelberg/intern/kalender/?jahr=2026")
    page.screenshot(path="/tmp/cal_admin.png", full_page=False)
