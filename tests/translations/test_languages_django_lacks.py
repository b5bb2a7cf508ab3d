"""Languages Django lacks (Pashto, Dari, Tigrinya, Somali, Kurmanji): enabled by a municipality, they work as
content languages on the portal; the interface follows the language tree to a complete catalogue."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from teilhabe.pages.models import LegalPage
from teilhabe.translations import languages, services
from tests.portal.conftest import html_attrs


@pytest.fixture
def visitor(client):
    return client


@pytest.mark.parametrize(("code", "bidi", "local"), [("ps", True, "پښتو"), ("prs", True, "دری"),
                                                     ("ti", False, "ትግርኛ"), ("so", False, "Soomaali"),
                                                     ("ku", False, "Kurmancî"), ("ckb", True, None)])
def test_django_knows_the_languages(code, bidi, local):
    info = translation.get_language_info(code)
    assert info["bidi"] is bidi
    if local:
        assert info["name_local"] == local


def test_every_language_a_municipality_can_enable_has_plural_forms():
    from django.conf.locale import LANG_INFO

    from teilhabe.core.services import PORTAL_LANGUAGES

    for code, _name in PORTAL_LANGUAGES:
        assert code in LANG_INFO, code
    for code in ("ps", "prs", "ti", "so", "ku", "ckb"):
        forms = languages.plural_forms(code)
        assert forms is not None and re.match(r"^nplurals=\d; plural=.+;$", forms)


def test_a_placeholder_plural_header_is_fixed(tmp_path):
    po = tmp_path / "locale" / "ti" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: ti\\n"\n"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    assert languages.fix_plural_forms(str(po))
    assert "nplurals=2; plural=(n > 1);" in po.read_text(encoding="utf-8")
    assert not languages.fix_plural_forms(str(po))


@pytest.fixture
def pashto_and_tigrinya(municipality):
    municipality.languages = ["de", "en", "ar", "ps", "ti"]
    municipality.save()
    LegalPage.objects.create(municipality=municipality, kind="impressum", language="de", title="Impressum",
                             body="Verantwortlich: Stadt Heidelberg")
    return municipality


def test_pashto_and_tigrinya_are_offered_and_chosen(visitor, pashto_and_tigrinya):
    html = visitor.get("/heidelberg/").content.decode()
    assert '<option value="ps" lang="ps">پښتو</option>' in html
    assert '<option value="ti" lang="ti">ትግርኛ</option>' in html
    response = visitor.post("/heidelberg/sprache/", {"language": "ps", "next": "/heidelberg/impressum/"})
    assert response.status_code == 302 and visitor.cookies["teilhabe_sprache"].value == "ps"


def test_pashto_page_without_translation_shows_german_with_notice(visitor, pashto_and_tigrinya):
    visitor.cookies["teilhabe_sprache"] = "ps"
    response = visitor.get("/heidelberg/impressum/")
    html = response.content.decode()
    # No Pashto catalogue: the interface (and so the page) is German, left to right …
    assert html_attrs(response) == ("de", "ltr")
    assert '<option value="ps" lang="ps" selected>پښتو</option>' in html
    # … the content German too, marked, with the notice naming the reader's language.
    assert '<article class="legal-page" lang="de" dir="ltr">' in html
    assert "Dieser Inhalt ist noch nicht in Ihrer Sprache verfügbar." in html
    assert "(پښتو)" in html


def test_pashto_content_is_marked_right_to_left_inside_the_german_interface(visitor, pashto_and_tigrinya,
                                                                            coord_actor):
    page = LegalPage.objects.get(kind="impressum")
    services.save_translations(actor=coord_actor, obj=page, language="ps",
                               values={"title": "چاپ خبرتیا", "body": "مسؤل: د هایډلبرګ ښار"})
    visitor.cookies["teilhabe_sprache"] = "ps"
    response = visitor.get("/heidelberg/impressum/")
    html = response.content.decode()
    assert html_attrs(response) == ("de", "ltr")
    assert '<article class="legal-page" lang="ps" dir="rtl">' in html
    assert "fallback-note" not in html


def test_tigrinya_interface_follows_the_tree_to_english(visitor, pashto_and_tigrinya, coord_actor):
    visitor.cookies["teilhabe_sprache"] = "ti"
    assert html_attrs(visitor.get("/heidelberg/impressum/")) == ("de", "ltr")
    services.set_language_parent(actor=coord_actor, municipality=pashto_and_tigrinya, language="ti", parent="en",
                                 expected_version=0)
    response = visitor.get("/heidelberg/impressum/")
    html = response.content.decode()
    assert html_attrs(response) == ("en", "ltr")
    assert "This content is not yet available in your language." in html
    assert "(ትግርኛ)" in html
    assert '<article class="legal-page" lang="de" dir="ltr">' in html


def test_arabic_keeps_its_own_interface(visitor, pashto_and_tigrinya):
    visitor.cookies["teilhabe_sprache"] = "ar"
    assert html_attrs(visitor.get("/heidelberg/impressum/")) == ("ar", "rtl")
