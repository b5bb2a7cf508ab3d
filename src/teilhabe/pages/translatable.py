"""The legal pages' texts, registered for translation (found by teilhabe.translations). A legal page is its
German row; its translations live in the translations app (see migrations/0004_legal_page_translations.py)."""

from django.db.models import QuerySet

from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.pages.models import LegalPage
from teilhabe.translations import register


def _german(qs: QuerySet) -> QuerySet:
    return qs.filter(language=FALLBACK_LANGUAGE)


register(LegalPage, fields=("title", "body"), kind="legalpage", narrow=_german, order_by=("kind", "pk"))
