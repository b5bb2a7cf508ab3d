"""teilhabe export-plan <slug> --format pdf|docx [--field …] -o FILE."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from teilhabe.plans.models import Edition, Measure
from tests.documents.conftest import DETAILED_TITLE, assert_tagged, docx_document, headings, pdf_text

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("export_plan", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_writes_a_pdf_and_a_docx(detailed: Measure, edition: Edition, tmp_path: Path) -> None:
    pdf_path, docx_path = tmp_path / "plan.pdf", tmp_path / "plan.docx"
    assert str(pdf_path) in run("heidelberg", "--format", "pdf", "-o", str(pdf_path))
    text = pdf_text(assert_tagged(pdf_path.read_bytes(), "Kommunaler Integrationsplan"))
    assert DETAILED_TITLE in text and "Ausbildungspatenschaften" in text
    run("heidelberg", "--format", "docx", "-o", str(docx_path))
    found = [t for _style, t in headings(docx_document(docx_path.read_bytes()))]
    assert "1.4 " + DETAILED_TITLE in found and "Ausbildungspatenschaften" in found


def test_default_file_name(edition: Edition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = run("heidelberg", "--format", "docx")
    written = list(tmp_path.glob("*.docx"))
    assert len(written) == 1 and written[0].name.startswith("heidelberg-kommunaler-integrationsplan")
    assert written[0].name in out


@pytest.mark.parametrize("chosen", ["2", "ausbildung und arbeitsmarkt"])
def test_one_field_of_action_by_number_or_title(chosen: str, edition: Edition, tmp_path: Path) -> None:
    target = tmp_path / "feld.pdf"
    run("heidelberg", "--format", "pdf", "--field", chosen, "-o", str(target))
    text = pdf_text(target.read_bytes())
    assert "Ausbildungspatenschaften" in text and "Mama lernt Deutsch" not in text


def test_the_edition_option_and_the_draft(fortschreibung: Edition, edition: Edition, tmp_path: Path) -> None:
    adopted, draft = tmp_path / "beschlossen.pdf", tmp_path / "entwurf.pdf"
    run("heidelberg", "--format", "pdf", "--edition", str(edition.pk), "-o", str(adopted))
    run("heidelberg", "--format", "pdf", "-o", str(draft))  # the coordination office's workspace: the draft
    assert "Entwurf" not in pdf_text(adopted.read_bytes())
    draft_text = pdf_text(draft.read_bytes())
    assert "Entwurf – nicht beschlossen" in draft_text and "Jobmesse für Geflüchtete" in draft_text


def test_bad_options_say_what_is_wrong(edition: Edition, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=r"Handlungsfeld „Kultur“ gibt es .* nicht\. Handlungsfelder: 1: "):
        run("heidelberg", "--format", "pdf", "--field", "Kultur", "-o", str(target))
    with pytest.raises(CommandError, match="Handlungsfeld „9“"):
        run("heidelberg", "--format", "docx", "--field", "9", "-o", str(target))
    with pytest.raises(CommandError, match="nur für die Dokumente"):
        run("heidelberg", "--format", "xlsx", "--field", "1", "-o", str(target))
    with pytest.raises(CommandError, match="Ausgabe 999999"):
        run("heidelberg", "--format", "pdf", "--edition", "999999", "-o", str(target))
    assert not target.exists()
