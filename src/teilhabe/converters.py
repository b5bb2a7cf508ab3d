"""URL converters for the legal pages: registered once, used by the portal and the back office.
(Path converters rather than regexes, so the role × view test can read the URL parameters.)"""

from __future__ import annotations

from django.urls import register_converter

from teilhabe.pages.models import LegalPage


class LegalKindConverter:
    regex = "|".join(LegalPage.Kind.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


class LanguageCodeConverter:
    regex = "[a-z]{2,3}(?:-[a-z0-9]{2,8})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(LegalKindConverter, "legalkind")
register_converter(LanguageCodeConverter, "langcode")
