"""The back-office pages of the translations: language tree, overview per language, editor, XLIFF."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from translate.storage import xliff as tt_xliff

from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition
from teilhabe.translations import selectors, services
from teilhabe.translations.models import LanguageParent, Translation
from teilhabe.translations.tree import language_tree

BASE = "/heidelberg/intern/uebersetzungen/"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_overview_shows_tree_and_counts(client_for, koordination, measure, polyglot):
    client = client_for(koordination)
    html = client.get(BASE).content.decode()
    assert "Sprachbaum und Stand der Übersetzungen" in html
    assert 'lang="ti" dir="ltr">ትግርኛ</span> (ti)' in html
    assert 'lang="ps" dir="rtl">پښتو</span> (ps)' in html
    response = client.post(f"{BASE}sprachbaum/", {"language": "ti", "parent": "en", "version": 0})
    assert response.status_code == 302
    assert LanguageParent.objects.get(language="ti").parent == "en"
    # A cycle is refused with a message, nothing changed.
    response = client.post(f"{BASE}sprachbaum/", {"language": "en", "parent": "ti", "version": 0}, follow=True)
    assert "Kreis" in response.content.decode()
    assert not LanguageParent.objects.filter(language="en").exists()
    html = client.get(BASE).content.decode()
    assert '<option value="en" selected>' in html


def test_language_page_runs_a_fixed_number_of_queries(client_for, koordination, coord_actor, plan, polyglot):
    client = client_for(koordination)
    small = _queries(client, f"{BASE}ar/")
    edition = Edition.objects.get()
    field = edition.fields.first()
    for i in range(40):
        measure = plan_services.create_measure(actor=coord_actor, edition=edition,
                                               values={"title": f"Maßnahme {i}", "field": field})
        if i % 2:
            services.save_translations(actor=coord_actor, obj=measure, language="ar", values={"title": f"م {i}"})
    assert _queries(client, f"{BASE}ar/") == small
    assert _queries(client, f"{BASE}ar/?zustand=missing&art=measure&seite=2") == small
    assert _queries(client, BASE) <= small + 2
    html = client.get(f"{BASE}ar/?zustand=current").content.decode()
    assert "Maßnahme 1<" in html and "Maßnahme 2<" not in html


def test_editor_shows_source_beside_target_and_saves(client_for, koordination, coord_actor, measure, polyglot):
    services.set_language_parent(actor=coord_actor, municipality=polyglot, language="ti", parent="en",
                                 expected_version=0)
    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mum learns German"})
    client = client_for(koordination)
    url = f"{BASE}ti/measure/{measure.pk}/"
    html = client.get(url).content.decode()
    assert 'class="translation-source" lang="en" dir="ltr">Mum learns German' in html
    # The description has no English text: its source is German, marked so.
    assert 'lang="de" dir="ltr">Deutschkurs für Mütter mit Kinderbetreuung.' in html
    assert 'lang="ti" dir="ltr"' in html
    response = client.post(url, {"title": "ኣደ ጀርመንኛ ትመሃር", "title__version": 0, "description": "",
                                 "description__version": 0})
    assert response.status_code == 302
    assert selectors.translated(measure, "title", "ti").value == "ኣደ ጀርመንኛ ትመሃር"
    # The same form again (version 0): someone saved meanwhile → refused, nothing changed.
    response = client.post(url, {"title": "anders", "title__version": 0, "description": "",
                                 "description__version": 0})
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    assert selectors.translated(measure, "title", "ti").value == "ኣደ ጀርመንኛ ትመሃር"
    # Hostile input in a plain field: a message at the field.
    response = client.post(url, {"title": "<script>alert(1)</script>", "title__version": 1, "description": "",
                                 "description__version": 0})
    assert response.status_code == 200 and "HTML oder Skripte" in response.content.decode()


def test_editor_of_another_municipality_or_draft_is_404(client_for, koordination, measure, polyglot):
    client = client_for(koordination)
    assert client.get(f"{BASE}en/measure/999999/").status_code == 404
    assert client.get(f"{BASE}en/goal/{measure.pk}999/").status_code == 404
    assert client.get(f"{BASE}fr/measure/{measure.pk}/").status_code == 404  # not enabled


def test_xliff_download_and_upload(client_for, koordination, measure, polyglot):
    client = client_for(koordination)
    response = client.get(f"{BASE}en/xliff/")
    assert response["Content-Type"].startswith("application/x-xliff+xml")
    assert 'filename="heidelberg-en.xlf"' in response["Content-Disposition"]
    store = tt_xliff.xlifffile.parsestring(response.content)
    for unit in store.unit_iter():
        unit.target = f"EN {unit.source}"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("en.xlf", bytes(store), content_type="application/x-xliff+xml")
    page = client.post(f"{BASE}en/xliff/einlesen/", {"file": upload}, follow=True).content.decode()
    assert "Übersetzungen gespeichert" in page
    assert selectors.translated(measure, "title", "en").value == "EN Mama lernt Deutsch"
    count = Translation.objects.count()
    broken = SimpleUploadedFile("en.xlf", b"<xliff><file>", content_type="application/x-xliff+xml")
    page = client.post(f"{BASE}en/xliff/einlesen/", {"file": broken}, follow=True).content.decode()
    assert "nichts wurde geändert" in page and "kein gültiges XLIFF" in page
    assert Translation.objects.count() == count


def test_only_koordination_reaches_the_pages(client_for, fachstelle, lesend, measure, polyglot):
    for user in (fachstelle, lesend):
        client = client_for(user)
        for url in (BASE, f"{BASE}en/", f"{BASE}en/xliff/", f"{BASE}en/measure/{measure.pk}/"):
            assert client.get(url).status_code == 403, url
    assert language_tree(polyglot).parent("en") == "de"


def test_minor_edit_checkbox_mixin(coord_actor, measure, polyglot):
    from teilhabe.backoffice.flow import VersionedForm
    from teilhabe.backoffice.translations.forms import MinorEditMixin

    class Form(MinorEditMixin, VersionedForm):
        pass

    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mum learns German"})
    form = Form({"version": measure.version, "minor_edit": "on"})
    assert form.is_valid() and form.is_minor_edit
    before = form.minor_edit_before(measure)
    measure = plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                           values={"title": "Mama lernt Deutsch."})
    services.accept_minor_edit(measure, before=before)
    assert selectors.load(polyglot, [measure], ["en"]).field_state(measure, "title", "en") == "current"
