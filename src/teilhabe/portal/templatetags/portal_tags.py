"""The public header and footer, the language switches, and the content-language markup."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from teilhabe.core.catalogues import is_reviewed
from teilhabe.core.i18n import content_language_of, interface_language_of, language, offered_languages, ui_language
from teilhabe.pages.models import LegalPage

register = template.Library()

# The footer a German municipal site must have, in this order (DESIGN.md).
FOOTER_KINDS = [
    LegalPage.Kind.IMPRINT, LegalPage.Kind.PRIVACY, LegalPage.Kind.ACCESSIBILITY,
]
FOOTER_KINDS_AFTER_REPORT = [LegalPage.Kind.EASY_LANGUAGE, LegalPage.Kind.SIGN_LANGUAGE]


def _ui_differs(request: Any) -> bool:
    return content_language_of(request).code != ui_language()


@register.filter
def bdi_for(name: Any, page_language: str) -> str:
    """A name (text, lang) for use inside a sentence of the page: marked with its language and isolated
    in its direction when it is not in the page's language (a German community name on an Arabic page)."""
    if name.lang == page_language:
        return str(name.text)
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', name.lang, name.dir, name.text)


@register.simple_tag(takes_context=True)
def portal_language(context: template.Context) -> Any:
    """The content language (code, name, dir) of the current portal page."""
    return content_language_of(context["request"])


@register.simple_tag(takes_context=True)
def portal_interface_language(context: template.Context) -> Any:
    """The interface language (code, name, dir) of the current portal page: its `<html lang dir>`. The chosen
    content language when its catalogue is complete enough, else the nearest one of its chain (see core.i18n)."""
    return interface_language_of(context["request"])


@register.simple_tag(takes_context=True)
def ui_lang_attrs(context: template.Context) -> str:
    """lang/dir for an element holding UI text, when the interface speaks another language than the page.
    On portal pages the PortalLanguageMiddleware makes them the same, so this marks nothing there; it
    guards pages rendered without it (an interface text missing from a catalogue is not marked)."""
    request = context["request"]
    if not _ui_differs(request):
        return ""
    code = ui_language()
    return format_html(' lang="{}" dir="{}"', code, language(code).dir)


@register.simple_tag
def lang_unless_translated(*messages: str) -> str:
    """lang/dir of German for an element whose interface text is not yet translated into the page's language
    (new messages until the catalogues catch up): a screen reader then reads it as the German it is. Nothing
    once every message has its translation, and nothing on German pages."""
    if ui_language() == "de" or all(_(message) != message for message in messages):
        return ""
    return format_html(' lang="{}" dir="{}"', "de", "ltr")


@register.inclusion_tag("portal/_header.html", takes_context=True)
def portal_header(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    municipality = request.municipality
    current = content_language_of(request)
    return {
        "request": request,
        "municipality": municipality,
        "current_language": current,
        "languages": [language(code) for code in offered_languages(municipality)],
        "ui_attrs": ui_lang_attrs(context),
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
    }


@register.inclusion_tag("portal/_footer.html", takes_context=True)
def portal_footer(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    slug = request.municipality.slug

    def legal(kind: LegalPage.Kind) -> dict[str, Any]:
        url = reverse("portal:legal_page", kwargs={"municipality": slug, "kind": kind.value})
        return {"label": kind.label, "url": url, "current": request.path == url}

    report_url = reverse("portal:barrier_report", kwargs={"municipality": slug})
    links = [legal(k) for k in FOOTER_KINDS]
    links.append({"label": None, "url": report_url, "current": request.path.startswith(report_url),
                  "report": True})
    links += [legal(k) for k in FOOTER_KINDS_AFTER_REPORT]
    return {
        "request": request,
        "municipality": request.municipality,
        "links": links,
        "ui_attrs": ui_lang_attrs(context),
        # A catalogue no native speaker has checked yet says so, in its own words (docs/translations.md).
        "unreviewed": not is_reviewed(ui_language()),
    }


@register.inclusion_tag("portal/_ui_language_switch.html", takes_context=True)
def platform_language_switch(context: template.Context) -> dict[str, Any]:
    """Django's set_language form for the UI languages (German, English)."""
    request = context["request"]
    return {
        "request": request,
        "languages": [language(code) for code, _name in settings.LANGUAGES],
        "current": ui_language(),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def error_title(status: int, fallback: str = "") -> str:
    titles = {
        400: _("Ungültige Anfrage"),
        403: _("Keine Berechtigung"),
        404: _("Seite nicht gefunden"),
        500: _("Fehler"),
    }
    return str(titles.get(status, fallback))


@register.simple_tag(takes_context=True)
def error_municipality(context: template.Context) -> Any:
    """The municipality an error page belongs to (found by teilhabe.core.views, also for a mistyped
    /<kommune>/… address the middleware never saw), so the visitor stays inside its portal."""
    request = context.get("request")
    return getattr(request, "municipality", None) if request is not None else None


@register.filter
def page_body(text: str) -> str:
    """A legal page's plain text as HTML: paragraphs separated by blank lines, line breaks kept; a paragraph
    whose first line starts with "## " opens with that line as a heading (h2) — so Leichte Sprache pages get
    headings and short paragraphs without any markup language. Everything is escaped."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    parts: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", str(text).replace("\r\n", "\n").strip()):
        lines = paragraph.strip("\n").split("\n")
        if lines and lines[0].startswith("## "):
            parts.append(f"<h2 class=\"kern-heading-medium\">{escape(lines[0][3:].strip())}</h2>")
            lines = lines[1:]
        rest = "\n".join(lines).strip()
        if rest:
            parts.append("<p>" + str(escape(rest)).replace("\n", "<br>") + "</p>")
    return mark_safe("\n".join(parts))  # every piece is escaped above


# --- content fields in the reader's language (teilhabe.translations) -------------------------------------------
# Views put the translations on the objects with portal.content.localized(request, objects) — a fixed number of
# queries for a whole list; these filters read them. An object the view did not localise shows its German text.

def _localized_field(obj: Any, field: str) -> Any:
    return (getattr(obj, "localized", None) or {}).get(field)


@register.filter
def tr(obj: Any, field: str) -> Any:
    """The field's text in the reader's language, else the nearest language of its chain, finally German."""
    found = _localized_field(obj, field)
    return found.value if found is not None else getattr(obj, field, "")


@register.filter
def tr_attrs(obj: Any, field: str) -> str:
    """lang and dir of the language the field's text is actually in (German where the view did not localise)."""
    found = _localized_field(obj, field)
    code = found.language if found is not None else "de"
    return format_html('lang="{}" dir="{}"', code, found.dir if found is not None else "ltr")


@register.filter
def tr_fallback(obj: Any, fields: str) -> bool:
    """Whether any of the comma-separated fields that has text is shown in another language than the reader's."""
    for name in fields.split(","):
        found = _localized_field(obj, name.strip())
        if found is not None and found.value and found.is_fallback:
            return True
    return False
