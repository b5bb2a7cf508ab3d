"""Template helpers of the portal's directory."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from teilhabe.core.i18n import direction, language_name

register = template.Library()


@register.simple_tag
def language_label(code: str) -> SafeString:
    """A language by its own name, marked with its language and direction (العربية on a German page)."""
    return format_html('<span lang="{}" dir="{}">{}</span>', code, direction(code), language_name(code))
