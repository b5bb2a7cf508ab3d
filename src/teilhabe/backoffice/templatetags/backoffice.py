from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from teilhabe.backoffice.navigation import MAIN_MENU, query_of, shows, start_url_name

register = template.Library()


@register.inclusion_tag("backoffice/_menu.html", takes_context=True)
def backoffice_menu(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    actor = getattr(request, "actor", None)
    items = []
    for label, url_name, perm in MAIN_MENU:
        if actor is None or not actor.can(perm) or not shows(url_name, actor):
            continue
        try:
            url = reverse(url_name, kwargs={"municipality": request.municipality.slug})
        except NoReverseMatch:
            continue
        current = request.path.startswith(url) if url_name != "backoffice:dashboard" else request.path == url
        items.append({"label": label, "url": url + query_of(url_name, actor), "current": current})
    return {"items": items}


@register.simple_tag(takes_context=True)
def backoffice_start(context: dict[str, Any]) -> str:
    """The address of the back office's start for the person (the bar's title links to it)."""
    request = context["request"]
    return reverse(start_url_name(getattr(request, "actor", None)), kwargs={"municipality": request.municipality.slug})
