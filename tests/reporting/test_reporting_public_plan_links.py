"""The public measure page (portal/plans) links the published implementation reports that reported on the
measure, and never shows the accepted Sachstand."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.plans.models import Measure
from teilhabe.reporting import services as reporting_services

pytest_plugins = ["tests.reporting.fixtures_documents"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _url(name: str, municipality: Any, **kw: Any) -> str:
    return reverse(f"portal:{name}", kwargs={"municipality": municipality.slug, **kw})


def _get(visitor: Any, url: str) -> str:
    response = visitor.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_measure_page_links_the_published_reports(client, municipality, closed_round, coord_actor):
    measure = Measure.objects.get(title="Mama lernt Deutsch")
    url = _url("plan_measure", municipality, pk=measure.pk)
    pdf = _url("published_round_pdf", municipality, pk=closed_round.pk)
    assert pdf not in _get(client, url)  # closed, not published
    closed_round.refresh_from_db()
    reporting_services.publish_round(actor=coord_actor, round_=closed_round, expected_version=closed_round.version,
                                     publish=True)
    html = _get(client, url)
    assert pdf in html and _url("published_rounds", municipality) in html
    assert "Drei Kurse mit 36 Müttern" not in html  # the accepted Sachstand stays internal
    assert _url("published_rounds", municipality) in _get(client, _url("plan_overview", municipality))


