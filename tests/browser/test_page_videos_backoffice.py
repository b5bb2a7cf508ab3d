"""Koordination adds a sign-language video in Chromium: the back-office page and its error state pass axe-core,
the CSP refuses nothing, and the video then shows on the portal's Gebärdensprache page."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from tests.browser.accessibility import assert_accessible
from tests.browser.public_pages import DEMO_VIDEO
from tests.browser.session import log_in
from tests.media_samples import VTT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_koordination_adds_a_video(page: Any, koordination: User, municipality: Municipality,
                                   csp_violations: list[str], tmp_path: Any) -> None:
    captions = tmp_path / "untertitel.vtt"
    captions.write_text(VTT)
    broken = tmp_path / "kein-video.mp4"
    broken.write_bytes(b"<html>no video</html>")
    log_in(page, "koordination")
    page.goto("/heidelberg/intern/seiten/videos/")
    assert_accessible(page)
    page.get_by_label("Titel", exact=True).fill("Willkommen")
    page.get_by_label("Videodatei (MP4 oder WebM)").set_input_files(str(broken))
    page.get_by_label("Untertitel (WebVTT-Datei, .vtt)").set_input_files(str(captions))
    page.get_by_role("button", name="Video hinzufügen").click()
    page.wait_for_load_state()
    assert page.get_by_text("kein Video im Format MP4 oder WebM").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Videodatei (MP4 oder WebM)").set_input_files(str(DEMO_VIDEO))
    page.get_by_label("Untertitel (WebVTT-Datei, .vtt)").set_input_files(str(captions))
    page.get_by_role("button", name="Video hinzufügen").click()
    page.wait_for_load_state()
    assert "wurde hinzugefügt" in page.locator(".messages").inner_text()
    assert_accessible(page)
    page.locator("a", has_text="Bearbeiten").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Text zum Video").fill("Eine Frau begrüßt in Gebärdensprache.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert "wurde gespeichert" in page.locator(".messages").inner_text()
    page.goto("/heidelberg/gebaerdensprache/")
    assert page.locator("video track[kind=captions]").count() == 1
    assert page.get_by_text("Eine Frau begrüßt in Gebärdensprache.").count() == 1
    assert csp_violations == []
