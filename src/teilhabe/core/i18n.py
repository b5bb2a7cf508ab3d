"""Languages of the portal: names in their own script, writing direction, the language a visitor chose,
and content in that language with a German fallback.

Three sets of languages, kept apart on purpose:

- the *staff languages* (settings.LANGUAGES: German, English) — back office, login and platform pages, chosen
  by Django's LocaleMiddleware and set_language; nothing else is ever activated there;
- the *portal interface languages* — German and every language whose gettext catalogue covers enough of the
  portal's messages (teilhabe.core.catalogues, threshold settings.PORTAL_TRANSLATION_THRESHOLD);
- a municipality's *content languages* (Municipality.languages) — what its editors write pages in.

The portal offers a language when the municipality enables it and its interface catalogue is complete
enough (`offered_languages`); on a portal page the chosen language is then both the content language
(`lang`/`dir` of the page) and the interface language (`activate_portal_language`). Content that has no
variant in that language is shown in German, marked up as German, with a notice (`localize`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation.trans_real import parse_accept_lang_header

from teilhabe.core import catalogues

if TYPE_CHECKING:
    from teilhabe.core.models import Municipality

FALLBACK_LANGUAGE = "de"
CONTENT_LANGUAGE_COOKIE = "teilhabe_sprache"

# Language names as their speakers write them: a visitor must recognise their own language.
ENDONYMS: dict[str, str] = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "prs": "دری",
    "ps": "پښتو",
    "ur": "اردو",
    "ckb": "کوردیی ناوەندی",
    "ku": "Kurmancî",
    "tr": "Türkçe",
    "uk": "Українська",
    "ru": "Русский",
    "ti": "ትግርኛ",
    "am": "አማርኛ",
    "so": "Soomaali",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "pl": "Polski",
    "ro": "Română",
    "bg": "Български",
    "hr": "Hrvatski",
    "sr": "Српски",
    "bs": "Bosanski",
    "sq": "Shqip",
    "mk": "Македонски",
    "el": "Ελληνικά",
    "hu": "Magyar",
    "cs": "Čeština",
    "sk": "Slovenčina",
    "nl": "Nederlands",
    "vi": "Tiếng Việt",
    "zh": "中文",
    "hi": "हिन्दी",
    "ta": "தமிழ்",
    "ka": "ქართული",
    "hy": "Հայերեն",
    "az": "Azərbaycanca",
    "he": "עברית",
    "yi": "ייִדיש",
}

# Scripts written right to left. "ku" is Kurmanji (Latin script, ltr); Sorani is "ckb" (Arabic script).
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ur", "ckb", "he", "yi", "dv", "sd", "ug", "syr"})


def _base(code: str) -> str:
    return code.lower().replace("_", "-").split("-", 1)[0]


def language_name(code: str) -> str:
    """The language's own name for itself; the code itself when unknown."""
    return ENDONYMS.get(code.lower()) or ENDONYMS.get(_base(code)) or code


def is_rtl(code: str) -> bool:
    lowered = code.lower().replace("_", "-")
    if lowered.endswith("-arab"):
        return True
    if lowered.endswith("-latn"):
        return False
    return lowered in RTL_LANGUAGES or _base(lowered) in RTL_LANGUAGES


def direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


def ui_languages() -> list[str]:
    """The staff interface's languages (settings.LANGUAGES: German, English)."""
    return [code for code, _name in settings.LANGUAGES]


def has_ui_translation(code: str) -> bool:
    """Whether the staff interface (back office, login) is translated into `code`."""
    return code in ui_languages()


def offered_languages(municipality: Municipality) -> list[str]:
    """The languages a municipality's portal offers: those it enables (German always) whose portal
    interface catalogue is complete enough, in the municipality's order."""
    complete = set(catalogues.portal_languages())
    return [code for code in municipality.content_languages if code in complete]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str

    @property
    def is_rtl(self) -> bool:
        return self.dir == "rtl"


def language(code: str) -> Language:
    return Language(code=code, name=language_name(code), dir=direction(code))


def content_language(request: HttpRequest, enabled: Sequence[str]) -> str:
    """The content language for this visitor among the enabled ones: an explicit choice (cookie) first,
    then the UI language cookie, then the browser's preferences, finally German."""
    enabled = list(enabled)
    for cookie in (CONTENT_LANGUAGE_COOKIE, settings.LANGUAGE_COOKIE_NAME):
        chosen = request.COOKIES.get(cookie, "")
        if chosen in enabled:
            return chosen
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            continue
        if code in enabled:
            return code
        if _base(code) in enabled:
            return _base(code)
    if FALLBACK_LANGUAGE in enabled or not enabled:
        return FALLBACK_LANGUAGE
    return enabled[0]


_CONTENT_LANGUAGE_ATTR = "_teilhabe_content_language"


def content_language_of(request: HttpRequest) -> Language:
    """The language of this portal request among the languages its municipality's portal offers (German
    when the request has no municipality), resolved once per request and kept on it."""
    cached: Language | None = getattr(request, _CONTENT_LANGUAGE_ATTR, None)
    if cached is not None:
        return cached
    municipality = getattr(request, "municipality", None)
    enabled = offered_languages(municipality) if municipality is not None else [FALLBACK_LANGUAGE]
    result = language(content_language(request, enabled))
    setattr(request, _CONTENT_LANGUAGE_ATTR, result)
    return result


def activate_portal_language(request: HttpRequest) -> str:
    """Switch the interface of a portal request to its language (only offered languages can be chosen,
    so their catalogue is complete enough). Returns the language code."""
    code = content_language_of(request).code
    translation.activate(code)
    request.LANGUAGE_CODE = code
    return code


def ui_language() -> str:
    """The active interface language (gettext), without region: "de", "en", "ar", …"""
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]


T = TypeVar("T")


@dataclass(frozen=True)
class Localized(Generic[T]):
    """A piece of content and the language it is actually in, which may differ from the one asked for."""

    value: T
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested

    @property
    def dir(self) -> str:
        return direction(self.language)


def localize(variants: Mapping[str, T], requested: str, fallback: str = FALLBACK_LANGUAGE) -> Localized[T] | None:
    """The variant in the requested language, else the fallback (German) one, else None."""
    if requested in variants:
        return Localized(variants[requested], requested, requested)
    if fallback in variants:
        return Localized(variants[fallback], fallback, requested)
    return None


__all__ = [
    "CONTENT_LANGUAGE_COOKIE",
    "ENDONYMS",
    "FALLBACK_LANGUAGE",
    "RTL_LANGUAGES",
    "Language",
    "Localized",
    "activate_portal_language",
    "content_language",
    "content_language_of",
    "direction",
    "has_ui_translation",
    "is_rtl",
    "language",
    "language_name",
    "localize",
    "offered_languages",
    "ui_language",
    "ui_languages",
]
