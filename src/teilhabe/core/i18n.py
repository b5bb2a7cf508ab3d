"""Languages of the portal: names in their own script, writing direction, the language a visitor chose,
and content in that language with a German fallback.

Three sets of languages, kept apart on purpose:

- the *staff languages* (settings.LANGUAGES: German, English) — back office, login and platform pages, chosen
  by Django's LocaleMiddleware and set_language; nothing else is ever activated there;
- the *portal interface languages* — German and every language whose gettext catalogue covers enough of the
  portal's messages (teilhabe.core.catalogues, threshold settings.PORTAL_TRANSLATION_THRESHOLD);
- a municipality's *content languages* (Municipality.languages) — what its editors write pages in.

The portal offers every language the municipality enables (`offered_languages`): the chosen one is the
*content language* of its pages. The *interface language* is the same when its catalogue is complete enough;
otherwise the nearest language of its fallback chain whose catalogue is (the municipality's language tree,
teilhabe.translations: Tigrinya translated from English → English interface; finally German) —
`interface_language_of`, activated by `activate_portal_language`. A page's `<html lang dir>` is its interface
language; content blocks carry their own language (a Pashto text inside a German interface is marked
`lang="ps" dir="rtl"`). Content that has no variant in the chosen language is shown in the nearest one of its
chain (finally German), marked up as such, with a notice (`localize`, teilhabe.translations.selectors).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    """The languages a municipality's portal offers as content languages: all it enables (German always), in
    the municipality's order. Whether the interface follows is `interface_language`'s business."""
    return list(municipality.content_languages)


# The fallback chain of a content language in a municipality: [code, parent, …, "de"]. The translations app
# installs the language tree's (teilhabe.translations.tree); core knows no tree.
LanguageChain = Callable[["Municipality", str], list[str]]


def _default_chain(municipality: Municipality, code: str) -> list[str]:
    return [code] if code == FALLBACK_LANGUAGE else [code, FALLBACK_LANGUAGE]


_chain: LanguageChain = _default_chain


def set_language_chain(chain: LanguageChain | None) -> None:
    global _chain
    _chain = chain or _default_chain


def language_chain(municipality: Municipality, code: str) -> list[str]:
    return _chain(municipality, code)


def interface_language(municipality: Municipality, code: str) -> str:
    """The interface language for readers of `code`: `code` if its catalogue covers enough of the portal
    messages, else the first language of its fallback chain whose catalogue does, finally German."""
    complete = set(catalogues.portal_languages())
    if code in complete:
        return code
    for candidate in language_chain(municipality, code):
        if candidate in complete:
            return candidate
    return FALLBACK_LANGUAGE


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


_INTERFACE_LANGUAGE_ATTR = "_teilhabe_interface_language"


def interface_language_of(request: HttpRequest) -> Language:
    """The interface language of this portal request (see `interface_language`), resolved once."""
    cached: Language | None = getattr(request, _INTERFACE_LANGUAGE_ATTR, None)
    if cached is not None:
        return cached
    content = content_language_of(request).code
    municipality = getattr(request, "municipality", None)
    code = interface_language(municipality, content) if municipality is not None else FALLBACK_LANGUAGE
    result = language(code)
    setattr(request, _INTERFACE_LANGUAGE_ATTR, result)
    return result


def activate_portal_language(request: HttpRequest) -> str:
    """Switch the interface of a portal request to its interface language (the chosen language when its
    catalogue is complete enough). Returns the language code."""
    code = interface_language_of(request).code
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
    "interface_language",
    "interface_language_of",
    "is_rtl",
    "language",
    "language_chain",
    "language_name",
    "localize",
    "offered_languages",
    "set_language_chain",
    "ui_language",
    "ui_languages",
]
