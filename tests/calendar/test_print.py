"""The printed poster and monthly pages: page count, PDF/UA tagging and text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from teilhabe.calendar.engine import Community, Occurrence, compute_year
from teilhabe.calendar.print import render_monthly, render_poster
from teilhabe.calendar.print.payload import BASE_FONT, SCRIPT_FONTS, document_payload
from teilhabe.core.typst_pdf import DEFAULT_FONT_DIRS, fonts

TITLE = "Interkultureller Kalender Heidelberg 2025"


@pytest.fixture(scope="module")
def poster() -> PdfReader:
    return PdfReader(io.BytesIO(render_poster(2025, compute_year(2025, land="BW"), title=TITLE)))


@pytest.fixture(scope="module")
def monthly() -> PdfReader:
    return PdfReader(io.BytesIO(render_monthly(2025, compute_year(2025, land="BW"), title=TITLE)))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _assert_tagged(reader: PdfReader) -> None:
    root = reader.root_object
    assert "/StructTreeRoot" in root
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, DictionaryObject) and bool(mark_info["/Marked"])
    assert root["/Lang"] == "de"
    assert reader.metadata is not None and reader.metadata.title == TITLE


def test_poster_is_one_a3_landscape_page(poster: PdfReader) -> None:
    assert len(poster.pages) == 1
    box = poster.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 420 and round(float(box.height) / 72 * 25.4) == 297


def test_monthly_has_twelve_a4_pages(monthly: PdfReader) -> None:
    assert len(monthly.pages) == 12
    box = monthly.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297


def test_both_are_tagged_pdf_ua(poster: PdfReader, monthly: PdfReader) -> None:
    _assert_tagged(poster)
    _assert_tagged(monthly)


def test_every_script_font_is_installed() -> None:
    # The project installs them (scripts/setup-fonts.sh); a missing font fails here instead of being skipped.
    missing = {BASE_FONT, *SCRIPT_FONTS.values()} - set(fonts(tuple(DEFAULT_FONT_DIRS)).families())
    assert not missing, f"Schriften fehlen: {sorted(missing)} – bitte scripts/setup-fonts.sh ausführen."


@pytest.mark.parametrize("name", ["Pessach", "Ramadanfest", "Weihnachten", "Diwali", "Newroz", "פסח", "春节"])
def test_names_are_in_the_text(poster: PdfReader, monthly: PdfReader, name: str) -> None:
    assert name in _text(poster)
    assert name in _text(monthly)


def test_month_pages_have_their_own_month(monthly: PdfReader) -> None:
    assert "März 2025" in monthly.pages[2].extract_text()
    assert "Pessach" in monthly.pages[3].extract_text()


def test_user_text_is_not_evaluated_as_markup() -> None:
    title = 'Kalender #panic("boom") *fett* $x^2$ <label> @ref \\ ]'
    pdf = render_poster(2025, compute_year(2025), title=title)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == title
    assert "#panic" in reader.pages[0].extract_text()


def test_rendering_without_fonts_does_not_crash() -> None:
    reader = PdfReader(io.BytesIO(render_poster(2025, compute_year(2025), title=TITLE, font_dirs=())))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Pessach" in text and "פסח" not in text


def test_english_ui() -> None:
    payload = document_payload(2025, compute_year(2025), title="x", languages=("en",), printable={"he"})
    assert payload["lang"] == "en" and payload["months"][0]["name"] == "January"
    march = payload["months"][3]["events"]
    pesach = next(e for e in march if e["key"] == "pesach")
    assert (pesach["name"], pesach["own"], pesach["own_dir"]) == ("Passover (Pesach)", "פסח", "rtl")


def test_own_observances_of_a_municipality_can_be_printed() -> None:
    own = Occurrence(
        key="stadtteilfest", date=date(2025, 7, 12), end_date=None, names={"de": "Stadtteilfest Emmertsgrund"},
        community="emmertsgrund",
    )
    neighbourhood = Community("emmertsgrund", "Stadtteilverein", "Neighbourhood", "#123456", ())
    pdf = render_monthly(
        2025, [*compute_year(2025), own], title=TITLE, communities=[neighbourhood],
        descriptions={"stadtteilfest": "Fest aller Kulturen im Stadtteil."},
    )
    july = PdfReader(io.BytesIO(pdf)).pages[6].extract_text()
    assert "Stadtteilfest Emmertsgrund" in july and "Fest aller Kulturen" in july and "Stadtteilverein" in july
