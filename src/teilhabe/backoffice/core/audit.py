"""The audit log of a municipality, and how recorded changes are shown to people (German field labels)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from teilhabe.core.models import AuditEntry
from teilhabe.core.permissions import VIEW
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import selectors

ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
AUDIT_PAGE_SIZE = 50
MAX_SHOWN_CHARS = 300


@dataclass
class ChangeRow:
    label: str
    old: str
    new: str


def model_for(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {"position": _("Reihenfolge")}.get(name, name)
    return str(getattr(field, "verbose_name", name))


def display_value(value: Any, choices: dict[Any, Any] | None = None) -> str:
    """A recorded value as people read it: dates in German, yes/no, lists joined, nothing as a dash."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return ", ".join(display_value(v) for v in value)
    if isinstance(value, dict):
        if "url" in value:
            title = str(value.get("title") or "")
            return f"{title} ({value['url']})" if title and title != value["url"] else str(value["url"])
        return ", ".join(f"{k}: {display_value(v)}" for k, v in value.items())
    if choices and value in choices:
        return str(choices[value])
    text = str(value)
    match = ISO_DATE_RE.match(text)
    if match:
        return f"{match.group(3)}.{match.group(2)}.{match.group(1)}"
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…"


def change_rows(changes: dict[str, Any], model: type[models.Model] | None) -> list[ChangeRow]:
    rows = []
    for name, pair in (changes or {}).items():
        old, new = (pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair))
        choices = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
                flat = getattr(field, "flatchoices", None)
                choices = dict(flat) if flat else None
            except FieldDoesNotExist:
                pass
        rows.append(ChangeRow(field_label(model, name), display_value(old, choices), display_value(new, choices)))
    return rows


@dataclass
class EntryView:
    entry: AuditEntry
    type_label: str
    rows: list[ChangeRow]

    @property
    def who(self) -> str:
        return who(self.entry)


def who(entry: AuditEntry) -> str:
    actor = entry.actor
    if actor is None:
        return _("System")
    return actor.get_full_name() or actor.get_username()


def entry_views(entries: list[AuditEntry]) -> list[EntryView]:
    result = []
    for entry in entries:
        model = model_for(entry.object_type)
        type_label = str(model._meta.verbose_name) if model is not None else entry.object_type
        result.append(EntryView(entry=entry, type_label=type_label, rows=change_rows(entry.changes, model)))
    return result


@requires(VIEW)
def audit_log(request: TenantRequest) -> HttpResponse:
    paginator = Paginator(selectors.audit_entries(request.municipality), AUDIT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("seite"))
    pager = selectors.MeasurePage(items=[], number=page.number, num_pages=paginator.num_pages,
                                  total=paginator.count, per_page=AUDIT_PAGE_SIZE)
    return render(request, "backoffice/audit/log.html", {
        "page": page, "pager": pager, "page_query": "", "entries": entry_views(list(page.object_list)),
    })
