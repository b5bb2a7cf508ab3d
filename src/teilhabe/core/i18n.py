"""Languages of the portal: names in their own script, writing direction, the content language a visitor
chose, and content in that language with a German fallback.

Two things are kept apart on purpose: the *UI language* (gettext: German and English, settings.LANGUAGES,
chosen by Django's LocaleMiddleware) and the *content language* (any language a municipality enables,
e.g. Arabic or Tigrinya, for which no UI translation exists). The content language decides the page's
`lang`/`dir`; UI text keeps its own language and is marked up as such.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation.trans_real import parse_accept_lang_header

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
    """Languages the interface is translated into (gettext)."""
    return [code for code, _name in settings.LANGUAGES]


def has_ui_translation(code: str) -> bool:
    return code in ui_languages()


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
    """The content language of this request among the languages its municipality enables (German when the
    request has no municipality), resolved once per request and kept on it."""
    cached: Language | None = getattr(request, _CONTENT_LANGUAGE_ATTR, None)
    if cached is not None:
        return cached
    municipality = getattr(request, "municipality", None)
    enabled = municipality.content_languages if municipality is not None else [FALLBACK_LANGUAGE]
    result = language(content_language(request, enabled))
    setattr(request, _CONTENT_LANGUAGE_ATTR, result)
    return result


def ui_language() -> str:
    """The active interface language (gettext), without region: "de" or "en"."""
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
    "content_language",
    "content_language_of",
    "direction",
    "has_ui_translation",
    "is_rtl",
    "language",
    "language_name",
    "localize",
    "ui_language",
    "ui_languages",
]
