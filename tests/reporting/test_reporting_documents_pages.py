"""The comparison of a plan's rounds in the back office and the published reports on the portal: who sees
what, foreign municipalities, and a fixed number of queries whatever the number of rounds and measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.plans.models import Edition
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportDocument, ReportingRound
from tests.conftest import build_small_plan
from tests.documents.conftest import flat, pdf_text
from tests.factories import OrganisationFactory, OrgUnitFactory

pytest_plugins = ["tests.reporting.fixtures_documents"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _compare(municipality: Municipality, round_: ReportingRound) -> str:
    return reverse("backoffice:round_compare", kwargs={"municipality": municipality.slug, "pk": round_.pk})


def _portal(municipality: Municipality) -> str:
    return reverse("portal:published_rounds", kwargs={"municipality": municipality.slug})


def _pdf(municipality: Municipality, round_: ReportingRound) -> str:
    return reverse("portal:published_round_pdf", kwargs={"municipality": municipality.slug, "pk": round_.pk})


def _publish(coord: Actor, round_: ReportingRound) -> ReportingRound:
    round_.refresh_from_db()
    return services.publish_round(actor=coord, round_=round_, expected_version=round_.version, publish=True)


def _another_closed_round(coord: Actor, edition: Edition, year: int) -> ReportingRound:
    round_ = services.open_round(actor=coord, edition=edition, title=f"Umsetzungsbericht {year}",
                                 period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
                                 deadline=dt.date(year + 1, 1, 31))
    return services.close_round(actor=coord, round_=round_, expected_version=round_.version).round


# --- the comparison of rounds -----------------------------------------------------------------------------

def test_the_comparison_shows_every_round_as_table_and_chart(municipality: Municipality, closed_round: ReportingRound,
                                                            koordination: User, lesend: User, fachstelle: User,
                                                            client_for: Callable[[User | None], Any]) -> None:
    response = client_for(lesend).get(_compare(municipality, closed_round))
    assert response.status_code == 200
    page = response.content.decode()
    table = page.split("<table", 1)[1]
    assert table.index("Umsetzungsbericht 2024") < table.index("Umsetzungsbericht 2025")
    assert "Zur Berichtsrunde „Umsetzungsbericht 2025“" in page  # back to the round page
    assert "Von 4 Maßnahmen wurden 0 mit Erfolg durchgeführt." in page  # 2024: all "noch nicht bewertbar"
    assert "Von 4 Maßnahmen wurden 2 mit Erfolg durchgeführt." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "<desc id=\"rundenvergleich-desc\">Balkendiagramm" in page
    assert " style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]  # CSP: no inline styles
    assert client_for(fachstelle).get(_compare(municipality, closed_round)).status_code == 403
    # An open round of the plan shows its interim state, not a result.
    edition = closed_round.edition
    open_round = services.open_round(actor=actor_for(koordination, municipality), edition=edition,
                                     title="Umsetzungsbericht 2026", period_start=dt.date(2026, 1, 1),
                                     period_end=dt.date(2026, 12, 31),
                                     deadline=dt.date.today() + dt.timedelta(days=10))
    page = client_for(lesend).get(_compare(municipality, open_round)).content.decode()
    assert "Umsetzungsbericht 2026: Zwischenstand: Von 4 Maßnahmen sind 0 Berichte angenommen" in page


def test_the_comparison_takes_the_same_queries_for_more_rounds(municipality: Municipality,
                                                               closed_round: ReportingRound, coord_actor: Actor,
                                                               edition: Edition, koordination: User,
                                                               client_for: Callable[[User | None], Any]) -> None:
    from tests.reporting.fixtures_documents import add_measures

    client = client_for(koordination)
    client.get(_compare(municipality, closed_round))
    with CaptureQueriesContext(connection) as few:
        client.get(_compare(municipality, closed_round))
    add_measures(coord_actor, edition, 20)
    for year in (2026, 2027, 2028):
        _another_closed_round(coord_actor, edition, year)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_compare(municipality, closed_round))
    assert "Umsetzungsbericht 2028" in response.content.decode()
    assert len(many) == len(few)


# --- the portal -------------------------------------------------------------------------------------------

def test_nothing_published_nothing_shown(municipality: Municipality, closed_round: ReportingRound,
                                         client_for: Callable[[User | None], Any]) -> None:
    public = client_for(None)
    page = public.get(_portal(municipality))
    assert page.status_code == 200
    assert "noch keinen Umsetzungsbericht veröffentlicht" in page.content.decode()
    assert "Umsetzungsbericht 2025" not in page.content.decode()
    assert public.get(_pdf(municipality, closed_round)).status_code == 404  # closed, not published
    home = public.get(reverse("portal:home", kwargs={"municipality": municipality.slug})).content.decode()
    assert _portal(municipality) not in home


def test_a_published_round_with_sentence_counts_pdf_and_statuses(
        municipality: Municipality, closed_round: ReportingRound, coord_actor: Actor,
        client_for: Callable[[User | None], Any], django_capture_on_commit_callbacks: Any,
        run_tasks: Callable[[], list[Any]]) -> None:
    _publish(coord_actor, closed_round)
    public = client_for(None)
    page = public.get(_portal(municipality)).content.decode()
    assert "Von 4 Maßnahmen wurden 2 mit Erfolg durchgeführt." in page
    assert "Umsetzungsbericht 2024" not in page  # closed but not published
    for title, status in (("Mama lernt Deutsch", "umgesetzt"), ("Hausaufgabenhilfe", "in Umsetzung"),
                          ("Schulsozialarbeit", "geplant"), ("Ausbildungspatenschaften",
                                                             "kein angenommener Bericht")):
        row = page.split(f">{title}</th>", 1)[1].split("</tr>", 1)[0]
        assert status in row, title
    assert "Drei Kurse mit 36 Müttern" not in page  # the answers stay in the report, not on the page
    home = public.get(reverse("portal:home", kwargs={"municipality": municipality.slug})).content.decode()
    assert _portal(municipality) in home

    with django_capture_on_commit_callbacks(execute=True):
        waiting = public.get(_pdf(municipality, closed_round))
    assert waiting.status_code == 200 and "wird erstellt" in waiting.content.decode()
    run_tasks()
    response = public.get(_pdf(municipality, closed_round))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Mama lernt Deutsch" in flat(pdf_text(response.content))
    assert ReportDocument.objects.filter(round=closed_round, format="pdf").count() == 1


def test_an_open_round_is_not_public(municipality: Municipality, coord_actor: Actor, edition: Edition,
                                     client_for: Callable[[User | None], Any]) -> None:
    round_ = services.open_round(actor=coord_actor, edition=edition, title="Offen", period_start=dt.date(2026, 1, 1),
                                 period_end=dt.date(2026, 12, 31), deadline=dt.date.today() + dt.timedelta(days=9))
    assert client_for(None).get(_pdf(municipality, round_)).status_code == 404


def test_another_municipalitys_published_round_is_404(municipality: Municipality, other_municipality: Municipality,
                                                      foreign_user: User, closed_round: ReportingRound,
                                                      coord_actor: Actor,
                                                      client_for: Callable[[User | None], Any]) -> None:
    _publish(coord_actor, closed_round)
    actor = actor_for(foreign_user, other_municipality)
    with municipality_scope(other_municipality):
        amt = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
        other_amt = OrgUnitFactory(municipality=other_municipality, name="Anderes Amt")
        verein = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    plan = build_small_plan(actor, other_municipality, amt, other_amt, verein)
    with municipality_scope(other_municipality):
        foreign = _another_closed_round(actor, plan.editions.get(), 2025)
        foreign = services.publish_round(actor=actor, round_=foreign, expected_version=foreign.version, publish=True)
    public = client_for(None)
    assert public.get(_pdf(municipality, foreign)).status_code == 404
    assert public.get(_pdf(other_municipality, closed_round)).status_code == 404
    ours = public.get(_portal(municipality)).content.decode()
    assert ours.count("Umsetzungsbericht 2025") >= 1 and f"/{other_municipality.slug}/" not in ours.split(
        "<main", 1)[1]


def test_the_portal_page_takes_the_same_queries_for_more_rounds_and_measures(
        municipality: Municipality, closed_round: ReportingRound, coord_actor: Actor, edition: Edition,
        client_for: Callable[[User | None], Any]) -> None:
    from tests.reporting.fixtures_documents import add_measures

    _publish(coord_actor, closed_round)
    public = client_for(None)
    public.get(_portal(municipality))
    with CaptureQueriesContext(connection) as few:
        public.get(_portal(municipality))
    add_measures(coord_actor, edition, 20)
    for year in (2026, 2027):
        _publish(coord_actor, _another_closed_round(coord_actor, edition, year))
    with CaptureQueriesContext(connection) as many:
        page = public.get(_portal(municipality)).content.decode()
    assert "Zusätzliche Maßnahme 19" in page and "Umsetzungsbericht 2027" in page
    assert MeasureReport.objects.filter(round__title="Umsetzungsbericht 2027").count() == 24
    assert len(many) == len(few)


# --- the round page's section -----------------------------------------------------------------------------

def test_the_round_page_offers_the_documents(municipality: Municipality, closed_round: ReportingRound,
                                             coord_actor: Actor, edition: Edition, koordination: User,
                                             lesend: User, client_for: Callable[[User | None], Any]) -> None:
    def page(user: User, round_: ReportingRound) -> str:
        url = reverse("backoffice:round_detail", kwargs={"municipality": municipality.slug, "pk": round_.pk})
        response = client_for(user).get(url)
        assert response.status_code == 200
        return response.content.decode()

    pdf = reverse("backoffice:round_document_pdf", kwargs={"municipality": municipality.slug, "pk": closed_round.pk})
    compare = _compare(municipality, closed_round)
    closed = page(lesend, closed_round)
    assert pdf in closed and compare in closed and "Daten als CSV" in closed
    open_round = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                                     period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                     deadline=dt.date.today() + dt.timedelta(days=9))
    draft_pdf = reverse("backoffice:round_document_pdf", kwargs={"municipality": municipality.slug,
                                                                "pk": open_round.pk})
    assert draft_pdf not in page(lesend, open_round)
    assert "sobald die Koordinierungsstelle die Runde abgeschlossen hat" in page(lesend, open_round)
    coordination = page(koordination, open_round)
    assert draft_pdf in coordination and "als Entwurf gekennzeichnet" in coordination
