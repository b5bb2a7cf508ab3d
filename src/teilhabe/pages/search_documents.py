"""The legal pages in the search index (Leichte Sprache, Gebärdensprache, Barrierefreiheit, Impressum,
Datenschutz): every stored page in its language, and the German default text of a kind the municipality has
not written in German yet. Registered in PagesConfig.ready(); save_legal_page calls `page_saved`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.core.models import Municipality
from teilhabe.pages.defaults import default_text
from teilhabe.pages.models import LegalPage
from teilhabe.search import registry, services
from teilhabe.search.registry import Document
from teilhabe.translations import selectors as translation_selectors

KIND = "page"
# An object id per kind of page (a legal page is addressed by its kind, not by a row).
KIND_IDS: dict[str, int] = {kind.value: i for i, kind in enumerate(LegalPage.Kind, start=1)}


def _document(municipality: Municipality, kind: str, language: str, title: str, body: str) -> Document:
    return Document(kind=KIND, object_id=KIND_IDS[kind], language=language, title=title, body=body,
                    url=reverse("portal:legal_page", kwargs={"municipality": municipality.slug, "kind": kind}))


def page_documents(municipality: Municipality) -> list[Document]:
    """One query."""
    stored = list(LegalPage.objects.of(municipality).order_by("kind", "language"))
    docs = [_document(municipality, p.kind, p.language, p.title, p.body) for p in stored]
    docs += _translated_documents(municipality, stored)
    written_in_german = {p.kind for p in stored if p.language == FALLBACK_LANGUAGE}
    for kind in LegalPage.Kind.values:
        if kind not in written_in_german:
            default = default_text(kind, municipality)
            docs.append(_document(municipality, kind, FALLBACK_LANGUAGE, default.title, default.body))
    return docs


def _translated_documents(municipality: Municipality, pages: list[LegalPage]) -> list[Document]:
    """The pages' stored translations (teilhabe.translations), one document per page and language that has
    one; a field without a translation is indexed in German within that document. One query."""
    languages = [code for code in municipality.content_languages if code != FALLBACK_LANGUAGE]
    german = [p for p in pages if p.language == FALLBACK_LANGUAGE]
    if not languages or not german:
        return []
    stored = translation_selectors.load(municipality, german, languages)
    docs = []
    for page in german:
        for language in languages:
            title, body = (stored.stored(page, "title", language), stored.stored(page, "body", language))
            if title is None and body is None:
                continue
            docs.append(_document(municipality, page.kind, language, title.value if title else page.title,
                                  body.value if body else page.body))
    return docs


def page_translation_saved(page: LegalPage, language: str) -> None:
    """Index (or drop from the index) one page's translation after save_legal_page wrote it."""
    stored = translation_selectors.load(page.municipality, [page], [language])
    title, body = stored.stored(page, "title", language), stored.stored(page, "body", language)
    if title is None and body is None:
        services.remove(municipality=page.municipality, kind=KIND, object_id=KIND_IDS[page.kind], language=language)
        return
    services.index(municipality=page.municipality, kind=KIND, object_id=KIND_IDS[page.kind], language=language,
                   title=title.value if title else page.title, body=body.value if body else page.body,
                   url=reverse("portal:legal_page", kwargs={"municipality": page.municipality.slug,
                                                            "kind": page.kind}))


def register() -> None:
    registry.register(KIND, _("Seiten"), page_documents, position=50)


def page_saved(page: LegalPage) -> None:
    services.index(municipality=page.municipality, kind=KIND, object_id=KIND_IDS[page.kind],
                   language=page.language, title=page.title, body=page.body,
                   url=reverse("portal:legal_page", kwargs={"municipality": page.municipality.slug,
                                                            "kind": page.kind}))
