"""Background rendering of the report's documents: kept by content key, served again without rendering, a new
document when a report changes, a failure shown and retried; and `teilhabe export-report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.plans.models import Edition
from teilhabe.reporting import rendering, services
from teilhabe.reporting.models import MeasureReport, ReportDocument, ReportingRound
from tests.documents.conftest import flat, pdf_text

pytest_plugins = ["tests.reporting.fixtures_documents"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _url(municipality: Municipality, round_: ReportingRound, fmt: str = "pdf") -> str:
    return reverse(f"backoffice:round_document_{fmt}", kwargs={"municipality": municipality.slug, "pk": round_.pk})


def test_first_request_renders_in_the_background_then_the_file_is_served(
        municipality: Municipality, closed_round: ReportingRound, lesend: User,
        client_for: Callable[[User | None], Any], django_capture_on_commit_callbacks: Any,
        run_tasks: Callable[[], list[Any]]) -> None:
    client = client_for(lesend)
    with django_capture_on_commit_callbacks(execute=True) as enqueued:
        waiting = client.get(_url(municipality, closed_round))
    assert waiting.status_code == 200 and len(enqueued) == 1
    page = waiting.content.decode()
    assert "wird erstellt" in page and 'hx-trigger="every 3s"' in page
    assert '<noscript><meta http-equiv="refresh"' in page  # without JavaScript
    document = ReportDocument.objects.get(round=closed_round, format="pdf")
    assert document.state == ReportDocument.State.PENDING
    assert "wird erstellt" in client.get(_url(municipality, closed_round)).content.decode()  # still waiting

    results = run_tasks()  # the worker, on the database queue
    assert [r.task.name for r in results] == ["render_report_document"]
    assert [r.status for r in results] == ["SUCCESSFUL"]
    document.refresh_from_db()
    assert document.state == ReportDocument.State.READY and document.size > 0

    with django_capture_on_commit_callbacks(execute=True) as again:
        response = client.get(_url(municipality, closed_round))
    assert again == []  # nothing enqueued: the stored file is served
    assert run_tasks() == []
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="umsetzungsbericht-2025.pdf"' in response["Content-Disposition"]
    assert "Von 4 Maßnahmen wurden 2 mit Erfolg durchgeführt." in flat(pdf_text(response.content))
    assert ReportDocument.objects.filter(round=closed_round).count() == 1
    finished = document.finished_at
    document.refresh_from_db()
    assert document.finished_at == finished

    status_page = client.get(_url(municipality, closed_round) + "?warten=1")
    assert "Das Dokument ist fertig." in status_page.content.decode()
    assert 'http-equiv="refresh"' not in status_page.content.decode()
    assert "hx-trigger" not in status_page.content.decode()  # no more asking


@pytest.mark.usefixtures("immediate_tasks")
def test_with_the_immediate_backend_the_first_request_already_renders(
        municipality: Municipality, closed_round: ReportingRound, koordination: User,
        client_for: Callable[[User | None], Any], django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client_for(koordination).get(_url(municipality, closed_round, "xlsx"))
    document = ReportDocument.objects.get(round=closed_round, format="xlsx")
    assert document.state == ReportDocument.State.READY
    response = client_for(koordination).get(_url(municipality, closed_round, "xlsx"))
    assert response.content[:2] == b"PK"


@pytest.mark.usefixtures("immediate_tasks")
def test_a_changed_report_makes_a_new_document_and_drops_the_old(
        municipality: Municipality, coord_actor: Actor, fach_actor: Actor, edition: Edition,
        koordination: User, client_for: Callable[[User | None], Any], django_capture_on_commit_callbacks: Any,
        complete_answer: Any) -> None:
    round_ = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                                 period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                 deadline=dt.date.today() + dt.timedelta(days=10))
    client = client_for(koordination)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url(municipality, round_, "csv"))
    first = ReportDocument.objects.get(round=round_, format="csv")
    assert first.state == ReportDocument.State.READY
    own = MeasureReport.objects.get(round=round_, title="Mama lernt Deutsch")
    submitted = services.submit(by=fach_actor, report=own, expected_version=own.version, values=complete_answer())
    services.accept(actor=coord_actor, report=submitted, expected_version=submitted.version)
    with django_capture_on_commit_callbacks(execute=True) as enqueued:
        client.get(_url(municipality, round_, "csv"))
    assert len(enqueued) == 1
    second = ReportDocument.objects.get(round=round_, format="csv")
    assert second.pk != first.pk and second.content_key != first.content_key
    assert not Path(first.file.path).exists()
    assert "Drei Kurse mit 36 Müttern" in client.get(_url(municipality, round_, "csv")).content.decode("utf-8-sig")


def test_publishing_does_not_render_again(closed_round: ReportingRound, coord_actor: Actor) -> None:
    before = rendering.content_key(closed_round, "pdf")
    published = services.publish_round(actor=coord_actor, round_=closed_round,
                                       expected_version=closed_round.version, publish=True)
    assert rendering.content_key(published, "pdf") == before


def test_a_failed_rendering_is_shown_and_can_be_retried(
        municipality: Municipality, closed_round: ReportingRound, koordination: User,
        client_for: Callable[[User | None], Any], django_capture_on_commit_callbacks: Any,
        run_tasks: Callable[[], list[Any]]) -> None:
    key = rendering.content_key(closed_round, "docx")
    failed = ReportDocument.objects.create(municipality=municipality, round=closed_round, format="docx",
                                           content_key=key, state=ReportDocument.State.FAILED,
                                           error="RuntimeError: out of memory")
    client = client_for(koordination)
    page = client.get(_url(municipality, closed_round, "docx")).content.decode()
    assert "konnte nicht erstellt werden" in page and "Erneut versuchen" in page
    assert "out of memory" not in page  # the technical message stays in the log and the row
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(municipality, closed_round, "docx"))
    assert response.status_code == 302 and response["Location"].endswith("?warten=1")
    failed.refresh_from_db()
    assert failed.state == ReportDocument.State.PENDING
    run_tasks()
    failed.refresh_from_db()
    assert failed.state == ReportDocument.State.READY and failed.error == ""


def test_a_rendering_error_is_kept_on_the_row(closed_round: ReportingRound, municipality: Municipality) -> None:
    document = ReportDocument.objects.create(municipality=municipality, round=closed_round, format="pdf",
                                             content_key="x")
    ReportDocument.objects.filter(pk=document.pk).update(format="odt")  # a format nobody renders
    result = rendering.render_stored(document.pk)
    assert result is not None and result.state == ReportDocument.State.FAILED and "odt" in result.error


def test_an_open_rounds_draft_only_for_koordination(
        municipality: Municipality, coord_actor: Actor, edition: Edition, fachstelle: User, lesend: User,
        koordination: User, client_for: Callable[[User | None], Any]) -> None:
    round_ = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                                 period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                 deadline=dt.date.today() + dt.timedelta(days=10))
    assert client_for(fachstelle).get(_url(municipality, round_)).status_code == 403
    assert client_for(lesend).get(_url(municipality, round_)).status_code == 403
    page = client_for(koordination).get(_url(municipality, round_))
    assert page.status_code == 200 and "Entwurf" in page.content.decode()
    assert not ReportDocument.objects.filter(round=round_).exclude(state="pending").exists()


def test_export_report_command(municipality: Municipality, closed_round: ReportingRound, tmp_path: Path,
                               coord_actor: Actor, edition: Edition) -> None:
    target = tmp_path / "bericht.pdf"
    call_command("export_report", municipality.slug, "--format", "pdf", "-o", str(target))
    assert "Von 4 Maßnahmen wurden 2 mit Erfolg durchgeführt." in flat(pdf_text(target.read_bytes()))
    csv_file = tmp_path / "bericht.csv"
    call_command("export_report", municipality.slug, "--round", str(closed_round.pk), "--format", "csv",
                 "-o", str(csv_file))
    assert csv_file.read_bytes().startswith("\ufeffNr.;Maßnahme".encode())
    open_round = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                                     period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                     deadline=dt.date.today() + dt.timedelta(days=10))
    draft = tmp_path / "entwurf.docx"
    call_command("export_report", municipality.slug, "--round", str(open_round.pk), "--format", "docx",
                 "-o", str(draft))
    assert draft.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError, match="Berichtsrunde 999999 gibt es in dieser Kommune nicht"):
        call_command("export_report", municipality.slug, "--round", "999999", "--format", "pdf",
                     "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("export_report", "nirgendwo", "--format", "pdf")


def test_export_report_without_a_closed_round(municipality: Municipality, coord_actor: Actor, edition: Edition,
                                               tmp_path: Path) -> None:
    services.open_round(actor=coord_actor, edition=edition, title="Offen", period_start=dt.date(2026, 1, 1),
                        period_end=dt.date(2026, 12, 31), deadline=dt.date.today() + dt.timedelta(days=10))
    with pytest.raises(CommandError, match="noch keine abgeschlossene Berichtsrunde"):
        call_command("export_report", municipality.slug, "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
