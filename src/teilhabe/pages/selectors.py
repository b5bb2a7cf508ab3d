"""Reads for the portal and for the back-office pages that edit it. Each takes the municipality."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from teilhabe.core.i18n import FALLBACK_LANGUAGE, Localized
from teilhabe.core.models import Municipality
from teilhabe.pages.defaults import default_text
from teilhabe.pages.models import BarrierReport, LegalPage, PageVideo, PortalSettings
from teilhabe.translations import selectors as translations

LEGAL_KINDS: list[str] = [k.value for k in LegalPage.Kind]


@dataclass(frozen=True)
class PageText:
    """A legal page as shown: the municipality's own text or the German default."""

    kind: str
    title: str
    body: str
    is_default: bool
    updated_at: dt.datetime | None = None


def legal_page(municipality: Municipality, *, kind: str, language: str) -> Localized[PageText]:
    """The page in the requested language (its translation, teilhabe.translations), else in the nearest
    language of that language's chain, else the municipality's German page, else the German default.
    Title and body are shown in one language: the body's. One query in German; three otherwise (the page, the
    language tree, its translations)."""
    page = LegalPage.objects.of(municipality).filter(kind=kind, language=FALLBACK_LANGUAGE).first()
    if page is None:
        default = default_text(kind, municipality)
        return Localized(PageText(kind=kind, title=default.title, body=default.body, is_default=True),
                         FALLBACK_LANGUAGE, language)
    if language == FALLBACK_LANGUAGE:
        return Localized(PageText(kind=kind, title=page.title, body=page.body, is_default=False,
                                  updated_at=page.updated_at), FALLBACK_LANGUAGE, language)
    found = translations.load(municipality, [page], [language])
    body = found.localized(page, "body", language)
    title = found.stored(page, "title", body.language) if body.language != FALLBACK_LANGUAGE else None
    stored = found.stored(page, "body", body.language)
    return Localized(PageText(kind=kind, title=title.value if title else page.title, body=body.value,
                              is_default=False,
                              updated_at=stored.translated_at if stored is not None else page.updated_at),
                     body.language, language)


def legal_page_for_edit(municipality: Municipality, *, kind: str, language: str) -> LegalPage | None:
    return LegalPage.objects.of(municipality).filter(kind=kind, language=language).first()


@dataclass(frozen=True)
class LegalPageStatus:
    kind: str
    kind_label: str
    language: str
    page: LegalPage | None  # the German page (the one a translation belongs to)
    state: str | None = None  # of the translation: missing, outdated, current (None for German)

    @property
    def uses_default(self) -> bool:
        return self.page is None and self.language == FALLBACK_LANGUAGE


def legal_page_overview(municipality: Municipality) -> list[list[LegalPageStatus]]:
    """Rows of kinds × the municipality's content languages: the German page if written and the state of each
    translation. Three queries (the pages, the language tree, the translations)."""
    pages = {p.kind: p for p in LegalPage.objects.of(municipality).filter(language=FALLBACK_LANGUAGE)}
    languages = municipality.content_languages
    found = translations.load(municipality, list(pages.values()), languages)

    def state(page: LegalPage | None, lang: str) -> str | None:
        if lang == FALLBACK_LANGUAGE or page is None:
            return None
        value = found.object_state(page, lang)
        return str(value) if value is not None else None

    return [
        [
            LegalPageStatus(kind=kind.value, kind_label=str(kind.label), language=lang,
                            page=pages.get(kind.value), state=state(pages.get(kind.value), lang))
            for lang in languages
        ]
        for kind in LegalPage.Kind
    ]


def barrier_reports(municipality: Municipality) -> QuerySet[BarrierReport]:
    return BarrierReport.objects.of(municipality).order_by("-created_at", "-pk")


def portal_settings(municipality: Municipality) -> PortalSettings | None:
    """The municipality's portal settings, None while none were saved."""
    return PortalSettings.objects.of(municipality).first()


def page_videos(municipality: Municipality, *, kind: str | None = None) -> QuerySet[PageVideo]:
    """The videos of one legal page (or of all of them), in the order they were added. One query."""
    videos = PageVideo.objects.of(municipality).order_by("kind", "created_at", "pk")
    return videos.filter(kind=kind) if kind is not None else videos


def page_video(municipality: Municipality, pk: int) -> PageVideo | None:
    return PageVideo.objects.of(municipality).filter(pk=pk).first()
