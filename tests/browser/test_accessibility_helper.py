"""The checks of the browser tests must be able to fail: axe finds a planted violation, and the
Content Security Policy refuses a planted inline style."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality
from tests.browser.accessibility import assert_accessible, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_planted_violations_are_reported(page: Any, municipality: Municipality) -> None:
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(reverse("portal:home", kwargs={"municipality": municipality.slug}))
    page.evaluate("""() => {
        const img = document.createElement("img");
        img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        document.querySelector("main").appendChild(img);
        document.querySelector("main").insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
    }""")
    assert "image-alt" in {v["id"] for v in axe_violations(page)}
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
    page.wait_for_timeout(200)
    assert refused, "the inline style attribute should have been refused by the CSP"
