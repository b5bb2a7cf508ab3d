"""The portal's catalogues: each compiles, covers the threshold of portal messages, says whether a native
speaker checked it; an incomplete one does not switch the interface; `teilhabe translation-status` and
docs/translations.md show the same table."""

from __future__ import annotations

import subprocess
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

from teilhabe.core import catalogues
from teilhabe.core.management.commands.translation_status import translations_md_path, with_table
from tests.portal.conftest import make_locale, untranslate

PORTAL_CATALOGUES = ["ar", "en", "fa", "ru", "tr", "uk"]


def test_the_portal_languages_have_catalogues() -> None:
    assert catalogues.catalogue_languages() == PORTAL_CATALOGUES


@pytest.mark.parametrize("code", PORTAL_CATALOGUES)
def test_catalogue_compiles_and_the_committed_mo_is_current(code: str, tmp_path: Path) -> None:
    po_path = catalogues.catalogue_path(code)
    compiled = tmp_path / "django.mo"
    # --check-format: placeholders (%(name)s) of python-format messages are kept in every translation.
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(po_path)],  # noqa: S603, S607
                   check=True, capture_output=True)

    def translations(mo: polib.MOFile) -> dict[str, object]:
        return {entry.msgid: entry.msgstr_plural or entry.msgstr for entry in mo}

    committed = po_path.with_suffix(".mo")
    assert translations(polib.mofile(str(committed))) == translations(polib.mofile(str(compiled))), \
        f"{committed} is older than its .po: run `make messages` and commit the .mo"


@pytest.mark.parametrize("code", PORTAL_CATALOGUES)
def test_catalogue_covers_the_threshold_of_portal_messages(code: str) -> None:
    status = catalogues.catalogue_status(code)
    assert status is not None
    assert status.complete_enough(), f"{code}: {status.percent} % – missing: {status.missing}"
    assert status.total > 100


@pytest.mark.parametrize("code", PORTAL_CATALOGUES)
def test_catalogues_were_refreshed_together(code: str) -> None:
    """Every catalogue knows the same portal messages (`make messages` refreshes them all): a catalogue that
    was not refreshed would count against an old list."""

    def portal(language: str) -> set[str]:
        po = polib.pofile(str(catalogues.catalogue_path(language)))
        return {e.msgid for e in po if catalogues.is_portal_entry(e)}

    assert portal(code) == portal("en")


def test_portal_messages_come_from_the_occurrences() -> None:
    assert catalogues.is_portal_source("templates/portal/home.html")
    assert catalogues.is_portal_source("templates/calendar/month.html")
    assert catalogues.is_portal_source("portal/pages/forms.py")
    assert not catalogues.is_portal_source("templates/calendar/backoffice/admin.html")
    assert not catalogues.is_portal_source("templates/backoffice/dashboard.html")
    assert not catalogues.is_portal_source("backoffice/views/measures.py")
    po = polib.pofile(str(catalogues.catalogue_path("en")))
    portal = {e.msgid for e in po if catalogues.is_portal_entry(e)}
    assert {"Zum Inhalt springen", "Barriere melden", "Leichte Sprache", "Interkultureller Kalender",
            "Seite nicht gefunden", "Bitte beschreiben Sie die Barriere."} <= portal
    staff_only = {e.msgid for e in po if e.occurrences and all(p.startswith("templates/backoffice/")
                                                               for p, _line in e.occurrences)}
    assert staff_only and not staff_only & portal


def test_fuzzy_and_empty_entries_count_as_missing(tmp_path: Path) -> None:
    def change(po: polib.POFile) -> None:
        entry = next(e for e in po if e.msgid == "Barriere melden")
        entry.flags.append("fuzzy")
        untranslate(po, 0.0)
        next(e for e in po if e.msgid == "Zum Inhalt springen").msgstr = ""

    directory = make_locale(tmp_path, {"tr": change})
    status = catalogues.catalogue_status("tr", directory)
    assert status is not None
    assert set(status.missing) == {"Barriere melden", "Zum Inhalt springen"}
    assert status.translated == status.total - 2


def test_an_incomplete_catalogue_keeps_the_german_interface(tmp_path: Path, visitor, municipality) -> None:
    """Every enabled language is offered as a content language; the interface switches only to a language whose
    catalogue is complete enough (docs/translations.md)."""
    # A real incomplete catalogue: Turkish with a tenth of its portal messages untranslated (90 % < 95 %).
    directory = make_locale(tmp_path, {"ar": None, "tr": lambda po: untranslate(po, 0.1)})
    turkish = catalogues.catalogue_status("tr", directory)
    assert turkish is not None and 89 <= turkish.percent < 95
    assert catalogues.portal_languages(directory) == ["de", "ar"]
    assert catalogues.portal_languages(directory, threshold=85) == ["de", "ar", "tr"]
    with override_settings(LOCALE_PATHS=[directory]):
        html = visitor.get("/heidelberg/").content.decode()
        # Heidelberg enables de, en, ar, tr: all are content languages, whatever their catalogues.
        assert _options(html) == ["de", "en", "ar", "tr"]
        # A visitor who chose Turkish reads Turkish content in a German interface, not a half-translated one.
        assert visitor.post("/heidelberg/sprache/", {"language": "tr", "next": "/heidelberg/"}).status_code == 302
        page = visitor.get("/heidelberg/").content.decode()
        assert '<html lang="de" dir="ltr">' in page
        assert '<option value="tr" lang="tr" selected>' in page
        with override_settings(PORTAL_TRANSLATION_THRESHOLD=85):
            assert '<html lang="tr" dir="ltr">' in visitor.get("/heidelberg/").content.decode()


def _options(html: str) -> list[str]:
    import re

    select = html[html.index('<select class="kern-form-input__select" id="portal-language"'):]
    return re.findall(r'<option value="([^"]+)"', select[: select.index("</select>")])


def test_every_shipped_catalogue_is_marked_unchecked() -> None:
    """They were written by an AI model; none has been checked by a native speaker yet."""
    for code in PORTAL_CATALOGUES:
        status = catalogues.catalogue_status(code)
        assert status is not None and not status.reviewed and status.reviewer == ""


def test_reviewed_catalogue_names_its_reviewer(tmp_path: Path) -> None:
    def reviewed(po: polib.POFile) -> None:
        po.metadata[catalogues.REVIEWED_HEADER] = "yes"
        po.metadata[catalogues.REVIEWER_HEADER] = "Leyla Yılmaz, Deutsch-Türkischer Verein, 2027-01"

    directory = make_locale(tmp_path, {"tr": reviewed, "ar": None})
    assert catalogues.catalogue_status("tr", directory).reviewed
    rows = {row[0].split()[0]: row for row in catalogues.status_rows(directory)}
    assert rows["tr"][-1] == "ja (Leyla Yılmaz, Deutsch-Türkischer Verein, 2027-01)"
    assert rows["ar"][-1] == "nein"


def test_unchecked_language_says_so_in_its_own_words(tmp_path: Path, visitor, municipality) -> None:
    visitor.cookies["teilhabe_sprache"] = "ar"
    assert "لم يراجع متحدثون أصليون هذه الترجمة بعد." in visitor.get("/heidelberg/").content.decode()
    visitor.cookies["teilhabe_sprache"] = "de"
    assert "portal-footer__review-note" not in visitor.get("/heidelberg/").content.decode()

    def reviewed(po: polib.POFile) -> None:
        po.metadata[catalogues.REVIEWED_HEADER] = "yes"
        po.metadata[catalogues.REVIEWER_HEADER] = "Test"

    with override_settings(LOCALE_PATHS=[make_locale(tmp_path, {"ar": reviewed})]):
        visitor.cookies["teilhabe_sprache"] = "ar"
        html = visitor.get("/heidelberg/").content.decode()
        assert '<html lang="ar" dir="rtl">' in html
        assert "portal-footer__review-note" not in html


def test_translation_status_command_prints_the_table() -> None:
    out = StringIO()
    call_command("translation_status", stdout=out)
    text = out.getvalue()
    assert "übersetzt/gesamt" in text and "von Muttersprachlern geprüft" in text
    for code in PORTAL_CATALOGUES:
        status = catalogues.catalogue_status(code)
        line = next(line for line in text.splitlines() if line.startswith(f"{code} "))
        assert f"{status.translated}/{status.total}" in line
        assert line.split()[-1] == "nein"  # not checked
    assert "Schwelle für das Angebot im Portal: 95 %" in text


def test_docs_table_is_generated_from_the_catalogues() -> None:
    text = translations_md_path().read_text(encoding="utf-8")
    assert text == with_table(text), "docs/translations.md is out of date: run `teilhabe translation-status --docs`"
