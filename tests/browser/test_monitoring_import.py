"""Loading monitoring data in a real browser, as the statistics office: upload a tidy CSV whose parts do not add
up, read the preview (no axe-core violation, no CSP refusal, also at 390 CSS px), accept the warning, and find it
on the deliveries page."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor, Role
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Observation
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS", "")


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_statistik_loads_a_file_and_accepts_its_warning(page: Any, csp_violations: list[str], tmp_path: Path,
                                                         municipality: Municipality, coord_actor: Actor,
                                                         make_member: Callable[..., User]) -> None:
    statistik = make_member(municipality, Role.STATISTIK, "statistik")
    population = services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "einwohner", "name": "Einwohnerinnen und Einwohner", "dimensions": ["sex"]})
    kwargs = {"municipality": municipality.slug, "pk": population.pk}
    data = tmp_path / "einwohner.csv"
    data.write_text("Year,Geschlecht,Units,Value\n2020,,Personen,1000\n2020,weiblich,Personen,512\n"
                    "2020,männlich,Personen,480\n2021,,Personen,1010\n2021,weiblich,Personen,505\n"
                    "2021,männlich,Personen,505\n", encoding="utf-8")
    log_in(page, statistik.username)
    page.goto(reverse("backoffice:indicator_import", kwargs=kwargs))
    assert_accessible(page)
    shot(page, "import_form")
    page.get_by_label("Datei").set_input_files(str(data))
    with page.expect_navigation():
        page.get_by_role("button", name="Vorschau anzeigen").click()
    main = page.locator("main")
    assert "6 neu, 0 geändert, 0 unverändert." in main.inner_text()
    assert "Die Teile ergeben nicht die Summe" in main.inner_text()
    assert_accessible(page)
    shot(page, "import_preview")
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    shot(page, "import_preview_390")
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_navigation():
        page.get_by_role("button", name="Import bestätigen").click()
    assert "Bitte bestätigen Sie" in page.locator("main").inner_text()
    assert not Observation.objects.exists()
    page.get_by_label("Ich habe die Warnung geprüft; die Werte sollen trotzdem übernommen werden.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Import bestätigen").click()
    assert page.url.endswith(reverse("backoffice:indicator_batches", kwargs=kwargs))
    assert Observation.objects.count() == 6
    assert "Zeile 2: Die Teile ergeben nicht die Summe" in page.locator("main").inner_text()
    assert_accessible(page)
    shot(page, "import_batches")
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    shot(page, "import_batches_390")
    assert csp_violations == []
