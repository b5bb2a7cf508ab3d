"""Attachments of a report: checked by content (a PDF parsed, an image decoded, its format the one its name
claims), limited in size and number, only the answerer adds or removes them, the download is guarded and
never sniffed, and a huge upload is refused before its body is read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.reporting import attachments, services
from teilhabe.reporting.models import MeasureReport, ReportAttachment, ReportingRound
from tests.reporting.files_answers import EXE, form_data, image_bytes, pdf_bytes, upload


def _add(actor: Actor, report: MeasureReport, name: str, data: bytes) -> ReportAttachment:
    return attachments.add_attachment(by=actor, report=report, upload=upload(name, data))


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("Kursplan.pdf", pdf_bytes(), "application/pdf"),
    ("Foto.png", image_bytes("PNG"), "image/png"),
    ("Foto.JPG", image_bytes("JPEG"), "image/jpeg"),
    ("Foto.jpeg", image_bytes("JPEG"), "image/jpeg"),
    ("Plakat.webp", image_bytes("WEBP"), "image/webp"),
])
def test_good_files_are_stored(fach_actor: Actor, own_report: MeasureReport, name: str, data: bytes,
                               content_type: str) -> None:
    attachment = _add(fach_actor, own_report, f"C:\\Users\\x\\{name}", data)
    assert (attachment.name, attachment.content_type, attachment.size) == (name, content_type, len(data))
    assert attachment.file.name.startswith(f"reporting/{own_report.municipality_id}/{own_report.pk}/")
    with attachment.file.open("rb") as handle:
        assert handle.read() == data


@pytest.mark.parametrize(("name", "data", "words"), [
    ("Programm.pdf", EXE, "„Programm.pdf“ ist keine lesbare PDF-Datei"),
    ("Abgeschnitten.pdf", pdf_bytes()[:-60], "„Abgeschnitten.pdf“ ist keine lesbare PDF-Datei"),
    ("Nur-Kopf.pdf", b"%PDF-1.7\n%%EOF\n", "„Nur-Kopf.pdf“ ist keine lesbare PDF-Datei"),
    ("Foto.jpg", image_bytes("PNG"), "„Foto.jpg“ ist dem Namen nach ein JPEG-Bild, der Inhalt ist aber PNG"),
    ("Foto.png", EXE, "„Foto.png“ ist kein lesbares PNG-Bild"),
    ("Halb.png", image_bytes("PNG", (400, 300))[:300], "„Halb.png“ ist kein lesbares PNG-Bild"),
    ("Halb.jpg", image_bytes("JPEG", (400, 300))[:400], "„Halb.jpg“ ist kein lesbares JPEG-Bild"),
    ("setup.exe", EXE, "„setup.exe“: Angehängt werden können PDF-Dateien und Bilder"),
    ("Leer.pdf", b"", "„Leer.pdf“ ist leer"),
])
def test_bad_files_are_refused_by_name(fach_actor: Actor, own_report: MeasureReport, name: str, data: bytes,
                                       words: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _add(fach_actor, own_report, name, data)
    assert words in refused.value.message_dict["attachments"][0]
    assert not ReportAttachment.objects.exists()


def test_size_limit_per_file(settings: Any, fach_actor: Actor, own_report: MeasureReport) -> None:
    settings.TEILHABE_REPORT_ATTACHMENT_MAX_BYTES = 1000
    data = pdf_bytes() + b"\n" * 1000
    with pytest.raises(ValidationError) as refused:
        _add(fach_actor, own_report, "Gross.pdf", data)
    assert "„Gross.pdf“ ist zu groß" in refused.value.messages[0]
    assert "1000" in refused.value.messages[0] or "1,0" in refused.value.messages[0]
    assert not ReportAttachment.objects.exists()


def test_at_most_ten_per_report(fach_actor: Actor, own_report: MeasureReport) -> None:
    png = image_bytes("PNG")
    for index in range(attachments.MAX_ATTACHMENTS):
        _add(fach_actor, own_report, f"Foto{index}.png", png)
    with pytest.raises(ValidationError) as refused:
        _add(fach_actor, own_report, "Foto11.png", png)
    assert "höchstens 10 Anhänge" in refused.value.messages[0]
    assert ReportAttachment.objects.filter(report=own_report).count() == 10


def test_only_the_answerer_of_an_editable_report_in_an_open_round(
        fach_actor: Actor, coord_actor: Actor, own_report: MeasureReport, foreign_report: MeasureReport,
        complete_answer: Callable[..., dict[str, Any]], reporting_round: ReportingRound) -> None:
    with pytest.raises(NotAllowed):
        _add(fach_actor, foreign_report, "Foto.png", image_bytes("PNG"))
    with pytest.raises(NotAllowed):  # Koordination does not write into an office's report
        _add(coord_actor, own_report, "Foto.png", image_bytes("PNG"))
    attachment = _add(fach_actor, own_report, "Foto.png", image_bytes("PNG"))
    submitted = services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                                values=complete_answer())
    with pytest.raises(ServiceError, match="eingereicht"):
        _add(fach_actor, submitted, "Noch.png", image_bytes("PNG"))
    with pytest.raises(ServiceError, match="eingereicht"):
        attachments.remove_attachment(by=fach_actor, attachment=attachment)
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    with pytest.raises(ServiceError, match="abgeschlossen"):
        attachments.remove_attachment(by=fach_actor, attachment=attachment)
    assert ReportAttachment.objects.filter(report=own_report).count() == 1


def test_remove_deletes_the_row_and_the_file(fach_actor: Actor, own_report: MeasureReport,
                                             django_capture_on_commit_callbacks: Any) -> None:
    attachment = _add(fach_actor, own_report, "Foto.png", image_bytes("PNG"))
    storage, stored = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachments.remove_attachment(by=fach_actor, attachment=attachment)
    assert not ReportAttachment.objects.exists()
    assert not storage.exists(stored)


def _answer_url(report: MeasureReport) -> str:
    return reverse("backoffice:report_answer", kwargs={"municipality": "heidelberg", "pk": report.pk})


def test_upload_and_remove_through_the_form(fachstelle: User, own_report: MeasureReport,
                                            client_for: Callable[[User | None], Client]) -> None:
    client = client_for(fachstelle)
    response = client.post(_answer_url(own_report), form_data(own_report, progress="Erste Kurse.", attachments=[
        upload("Kursplan.pdf", pdf_bytes()), upload("Foto.webp", image_bytes("WEBP"))]))
    assert response.status_code == 302
    report = MeasureReport.objects.get(pk=own_report.pk)
    assert report.progress == "Erste Kurse."
    assert sorted(a.name for a in report.attachments.all()) == ["Foto.webp", "Kursplan.pdf"]
    page = client.get(_answer_url(report)).content.decode()
    assert "Kursplan.pdf" in page and "„Foto.webp“ entfernen" in page
    photo = report.attachments.get(name="Foto.webp")
    # Removing keeps what the person typed meanwhile in the form (not saved yet).
    response = client.post(_answer_url(report), form_data(report, progress="Noch nicht gespeichert.",
                                                          anhang_entfernen=str(photo.pk)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Noch nicht gespeichert." in page and "„Foto.webp“ wurde entfernt" in page
    assert [a.name for a in MeasureReport.objects.get(pk=report.pk).attachments.all()] == ["Kursplan.pdf"]
    assert MeasureReport.objects.get(pk=report.pk).progress == "Erste Kurse."


def test_a_bad_file_in_the_form_changes_nothing(fachstelle: User, own_report: MeasureReport,
                                                client_for: Callable[[User | None], Client]) -> None:
    response = client_for(fachstelle).post(_answer_url(own_report), form_data(
        own_report, progress="Drei Kurse.", attachments=[upload("Gut.pdf", pdf_bytes()),
                                                        upload("Rechnung.pdf", EXE)]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "„Rechnung.pdf“ ist keine lesbare PDF-Datei" in page
    assert "Drei Kurse." in page  # the input is kept
    report = MeasureReport.objects.get(pk=own_report.pk)
    assert (report.state, report.progress, report.version) == (MeasureReport.State.PENDING, "", own_report.version)
    assert not ReportAttachment.objects.exists()


def test_a_huge_upload_is_refused_before_it_is_read(settings: Any, fachstelle: User, own_report: MeasureReport,
                                                    client_for: Callable[[User | None], Client]) -> None:
    settings.TEILHABE_REPORT_ATTACHMENT_MAX_BYTES = 1000  # a request may be 10 × 1000 bytes + 1 MB
    big = pdf_bytes() + b"0" * (attachments.request_limit() + 10)
    response = client_for(fachstelle).post(_answer_url(own_report), form_data(
        own_report, progress="Drei Kurse.", attachments=[upload("Riesig.pdf", big)]))
    assert response.status_code == 413
    assert "zu groß" in response.content.decode()
    report = MeasureReport.objects.get(pk=own_report.pk)
    assert (report.state, report.progress, report.version) == (MeasureReport.State.PENDING, "", own_report.version)
    assert not ReportAttachment.objects.exists()


def test_the_size_check_comes_before_the_body_is_parsed() -> None:
    assert attachments.upload_too_large(str(200 * 1024 * 1024))  # 200 MB with the default limits
    assert attachments.upload_too_large(str(attachments.request_limit())) == ""
    assert attachments.upload_too_large("nonsense") == ""


def test_csrf_stays_on(fachstelle: User, own_report: MeasureReport) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(fachstelle)
    response = client.post(_answer_url(own_report), form_data(own_report, progress="Ohne Token."))
    assert response.status_code == 403
    assert MeasureReport.objects.get(pk=own_report.pk).progress == ""


def test_download_by_the_answerer_and_after_submission_by_readers(
        fachstelle: User, lesend: User, koordination: User, fach_actor: Actor, own_report: MeasureReport,
        complete_answer: Callable[..., dict[str, Any]], client_for: Callable[[User | None], Client],
        municipality: Municipality) -> None:
    data = pdf_bytes()
    attachment = _add(fach_actor, own_report, "Kursplan 2025.pdf", data)
    url = reverse("backoffice:attachment_download", kwargs={"municipality": "heidelberg", "pk": attachment.pk})
    response = client_for(fachstelle).get(url)
    assert response.status_code == 200
    assert response.content == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Kursplan" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # A draft's attachment is the office's own.
    assert client_for(lesend).get(url).status_code == 403
    assert client_for(koordination).get(url).status_code == 403
    services.submit(by=fach_actor, report=own_report, expected_version=own_report.version, values=complete_answer())
    assert client_for(lesend).get(url).status_code == 200
    assert client_for(koordination).get(url).content == data


def test_a_refused_submission_keeps_no_file(fachstelle: User, own_report: MeasureReport, settings: Any, tmp_path: Any,
                                            client_for: Callable[[User | None], Client]) -> None:
    """The file is stored before the submission is checked; the refusal removes it again (all or nothing)."""
    settings.MEDIA_ROOT = tmp_path
    response = client_for(fachstelle).post(_answer_url(own_report), form_data(
        own_report, aktion="einreichen", progress="Ohne Status", attachments=[upload("Plan.pdf", pdf_bytes())]))
    assert response.status_code == 200
    assert "Bitte geben Sie den Status an." in response.content.decode()
    assert not ReportAttachment.objects.exists()
    folder = settings.MEDIA_ROOT / "reporting" / str(own_report.municipality_id) / str(own_report.pk)
    assert not folder.exists() or not any(folder.iterdir())


def test_a_200_mb_upload_is_refused_by_its_announced_size(fachstelle: User, own_report: MeasureReport,
                                                          client_for: Callable[[User | None], Client]) -> None:
    """With the default limits: the request announces 200 MB; the view answers 413 before reading any of it
    (the test sends only a small body — reading it as 200 MB would fail, not answer)."""
    response = client_for(fachstelle).post(
        _answer_url(own_report), form_data(own_report, progress="Drei Kurse."),
        CONTENT_LENGTH=str(200 * 1024 * 1024))
    assert response.status_code == 413
    assert "zu groß" in response.content.decode()
    report = MeasureReport.objects.get(pk=own_report.pk)
    assert (report.state, report.progress) == (MeasureReport.State.PENDING, "")
