"""The public portal: start page, footer, legal pages with fallbacks, 404s and fixed query counts."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.pages import services
from teilhabe.pages.models import BarrierReport, LegalPage
from teilhabe.translations.models import Translation
from tests.factories import MunicipalityFactory
from tests.portal.conftest import footer_links, html_attrs

FOOTER = ["Impressum", "Datenschutz", "Erklärung zur Barrierefreiheit", "Barriere melden", "Leichte Sprache",
          "Gebärdensprache"]


def test_start_page_for_anonymous_visitor(visitor, municipality):
    response = visitor.get("/heidelberg/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Heidelberg</h1>' in html
    assert "Willkommen im Integrationsportal von Heidelberg" in html
    assert "Demodaten" not in html
    assert html_attrs(response) == ("de", "ltr")
    assert [text for _href, text in footer_links(response)] == FOOTER


def test_demo_municipality_is_marked(visitor, db):
    MunicipalityFactory(slug="demostadt", name="Demostadt", is_demo=True)
    html = visitor.get("/demostadt/").content.decode()
    assert "Demodaten" in html
    assert "Beispieldaten" in html


def test_every_footer_link_works_for_anonymous(visitor, municipality):
    links = footer_links(visitor.get("/heidelberg/"))
    assert len(links) == 6
    for href, text in links:
        response = visitor.get(href)
        assert response.status_code == 200, (href, text)
        assert response.content.decode().count("<h1") == 1, href
        # The current page is marked in the footer.
        if "?" not in href:
            assert 'aria-current="page">' + text in response.content.decode()


def test_unknown_municipality_is_404(visitor, municipality):
    response = visitor.get("/nirgendwo/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_unknown_legal_kind_is_404(visitor, municipality):
    assert visitor.get("/heidelberg/agb/").status_code == 404


@pytest.mark.parametrize("kind", LegalPage.Kind.values)
def test_default_texts_name_the_municipality(visitor, municipality, kind):
    response = visitor.get(f"/heidelberg/{kind}/")
    assert response.status_code == 200
    assert "Heidelberg" in response.content.decode()
    assert "noch nicht in Ihrer Sprache" not in response.content.decode()


def test_accessibility_statement_default_has_feedback_and_arbitration(visitor, municipality):
    html = visitor.get("/heidelberg/barrierefreiheit/").content.decode()
    assert "Erklärung zur Barrierefreiheit" in html
    assert "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)" in html
    assert "Feedback und Kontaktangaben" in html
    assert 'href="/heidelberg/barriere-melden/"' in html


def test_written_page_replaces_default_and_is_plain_text(visitor, municipality):
    # Stored directly (bypassing the service's markup check) to prove the template escapes anyway.
    LegalPage.objects.create(municipality=municipality, kind="impressum", language="de", title="Impressum der Stadt",
                             body="Stadt Heidelberg\nMarktplatz 10\n\n<script>alert(1)</script>")
    html = visitor.get("/heidelberg/impressum/").content.decode()
    assert "Impressum der Stadt" in html
    assert "<p>Stadt Heidelberg<br>Marktplatz 10</p>" in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "noch nicht eingetragen" not in html


def test_page_in_other_language_falls_back_to_german_with_note(visitor, municipality):
    LegalPage.objects.create(municipality=municipality, kind="impressum", language="de", title="Impressum",
                             body="Deutscher Text")
    visitor.cookies["teilhabe_sprache"] = "ar"
    response = visitor.get("/heidelberg/impressum/")
    html = response.content.decode()
    assert html_attrs(response) == ("ar", "rtl")
    # The notice is in the reader's language and names it; the German text is marked German, left to right.
    assert "هذا المحتوى غير متوفر بعد بلغتك." in html
    assert "(العربية)" in html
    assert '<article class="legal-page" lang="de" dir="ltr">' in html
    assert "Deutscher Text" in html


def test_page_in_chosen_language_is_shown_without_note(visitor, municipality, coord_actor):
    services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="de",
                             title="Impressum", body="Deutscher Text", expected_version=0)
    services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="ar",
                             title="بيانات النشر", body="نص عربي", expected_version=0)
    visitor.cookies["teilhabe_sprache"] = "ar"
    html = visitor.get("/heidelberg/impressum/").content.decode()
    assert "نص عربي" in html
    assert '<article class="legal-page" lang="ar" dir="rtl">' in html
    assert "fallback-note" not in html


def test_pages_of_another_municipality_are_not_shown(visitor, municipality, other_municipality):
    LegalPage.objects.create(municipality=other_municipality, kind="impressum", language="de",
                             title="Impressum Herdecke", body="Herdecker Text")
    html = visitor.get("/heidelberg/impressum/").content.decode()
    assert "Herdecker Text" not in html


PORTAL_URLS = ["/heidelberg/", "/heidelberg/impressum/", "/heidelberg/barrierefreiheit/",
               "/heidelberg/barriere-melden/", "/heidelberg/barriere-melden/danke/"]


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", PORTAL_URLS)
def test_portal_pages_run_a_fixed_number_of_queries(visitor, municipality, other_municipality, url):
    """A legal page is its German row plus its translations (teilhabe.translations): 1 vs 10 languages with
    translations, 1 vs 200 barrier reports."""
    visitor.cookies["teilhabe_sprache"] = "ar"
    pages = {}
    for m in (municipality, other_municipality):
        pages[m.pk] = LegalPage.objects.bulk_create(
            LegalPage(municipality=m, kind=kind, language="de", title=f"{kind} de", body="Text")
            for kind in LegalPage.Kind.values)
    small = _queries(visitor, url)
    languages = ["de", "en", "ar", "tr", "uk", "ru", "fa", "ps", "ti", "ku"]
    municipality.languages = languages
    municipality.save()
    content_type = ContentType.objects.get_for_model(LegalPage)
    for m in (municipality, other_municipality):
        Translation.objects.bulk_create(
            Translation(municipality=m, content_type=content_type, object_id=page.pk, language=lang, field=field,
                        value=f"{page.kind} {lang}", translated_at=timezone.now())
            for page in pages[m.pk] for lang in languages[1:] for field in ("title", "body"))
        BarrierReport.objects.bulk_create(BarrierReport(municipality=m, description=f"Barriere {i}")
                                          for i in range(200))
    large = _queries(visitor, url)
    assert large == small
    assert large <= 5  # session-free: municipality, page, language tree, translations (+ one spare)
