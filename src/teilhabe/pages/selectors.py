"""Reads for the portal and for the back-office pages that edit it. Each takes the municipality."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from teilhabe.core.i18n import FALLBACK_LANGUAGE, Localized, localize
from teilhabe.core.models import Municipality
from teilhabe.pages.defaults import default_text
from teilhabe.pages.models import BarrierReport, LegalPage, PageVideo, PortalSettings

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
    """The page in the requested language, else the municipality's German page, else the German default.
    One query."""
    rows = LegalPage.objects.of(municipality).filter(kind=kind, language__in={language, FALLBACK_LANGUAGE})
    variants = {
        p.language: PageText(kind=kind, title=p.title, body=p.body, is_default=False, updated_at=p.updated_at)
        for p in rows
    }
    found = localize(variants, language)
    if found is not None:
        return found
    default = default_text(kind, municipality)
    return Localized(PageText(kind=kind, title=default.title, body=default.body, is_default=True),
                     FALLBACK_LANGUAGE, language)


def legal_page_for_edit(municipality: Municipality, *, kind: str, language: str) -> LegalPage | None:
    return LegalPage.objects.of(municipality).filter(kind=kind, language=language).first()


@dataclass(frozen=True)
class LegalPageStatus:
    kind: str
    kind_label: str
    language: str
    page: LegalPage | None

    @property
    def uses_default(self) -> bool:
        return self.page is None and self.language == FALLBACK_LANGUAGE


def legal_page_overview(municipality: Municipality) -> list[list[LegalPageStatus]]:
    """Rows of kinds × the municipality's content languages, with the page if written. One query."""
    pages = {
        (p.kind, p.language): p
        for p in LegalPage.objects.of(municipality).only("kind", "language", "title", "updated_at")
    }
    return [
        [
            LegalPageStatus(kind=kind.value, kind_label=str(kind.label), language=lang,
                            page=pages.get((kind.value, lang)))
            for lang in municipality.content_languages
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
