"""A milestone's date as `<time>` elements at its precision: `{% milestone_time milestone %}` gives
`<time datetime="2014-09-24">24.</time> bis <time datetime="2014-09-29">29. September 2014</time>`, in the
reader's language."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.participation.models import Milestone
from teilhabe.participation.selectors.chronicle import when

register = template.Library()


@register.simple_tag
def milestone_time(milestone: Milestone) -> SafeString:
    shown = when(milestone)
    start = format_html('<time datetime="{}">{}</time>', shown.start_value, shown.start_text)
    if not shown.end_text:
        return start
    end = format_html('<time datetime="{}">{}</time>', shown.end_value, shown.end_text)
    # The pattern comes from the catalogue (escaped, its placeholders kept); the parts are escaped HTML.
    return mark_safe(escape(_("%(start)s bis %(end)s")) % {"start": start, "end": end})
